from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Levensgebied

from .importeren import MAX_GROOTTE
from .models import Voorziening
from .selectors import pc4_uit, wijk_voor_pc4


class VoorzieningAdminForm(forms.ModelForm):
    """The admin's form: the life areas as check boxes instead of raw JSON."""

    levensgebieden = forms.MultipleChoiceField(
        label=_("thema's"), required=False, choices=Levensgebied.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De levensgebieden waar deze hulp bij past (dezelfde als in de aanvraag)."))

    class Meta:
        model = Voorziening
        fields = ["organisatie", "naam", "wat", "voor_wie", "levensgebieden", "wijken",
                  "actief", "adres", "openingstijden", "kosten", "hoe_kom_je_er", "telefoon",
                  "email", "website"]


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_("Een CSV-bestand in UTF-8 of een Excel-bestand (.xlsx), hoogstens 2 MB. "
                    "De eerste rij heeft de kolomnamen."),
        error_messages={"required": _("Kies een bestand om in te lezen."),
                        "empty": _("Het bestand is leeg.")})

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_GROOTTE:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB. Splits het in "
                                          "delen."), code="te_groot")
        return bestand


class ZoekForm(forms.Form):
    """The public search: a GET form, both fields optional."""

    postcode = forms.CharField(
        label=_("Uw postcode"), required=False, max_length=10,
        help_text=_("Bijvoorbeeld 1234 AB. Dan ziet u ook de hulp in uw eigen wijk."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    thema = forms.ChoiceField(
        label=_("Waar zoekt u hulp bij?"), required=False,
        choices=[("", _("Alles")), *Levensgebied.choices])

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data.get("postcode", "").strip()
        if not postcode:
            self.wijk = None
            return ""
        pc4 = pc4_uit(postcode)
        if pc4 is None:
            raise forms.ValidationError(
                _("Vul een postcode in zoals 1234 AB, of alleen de 4 cijfers."),
                code="ongeldig")
        self.wijk = wijk_voor_pc4(pc4)
        if self.wijk is None:
            raise forms.ValidationError(
                _("Postcode %(pc)s ligt niet in onze gemeente. Controleer de postcode, of "
                  "laat het veld leeg om alle hulp te zien.") % {"pc": pc4},
                code="onbekend")
        return postcode
