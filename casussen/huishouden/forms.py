"""Shape and validation of linking, keeping apart and household members."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.wizard.forms import parse_datum
from toegang.core.validators import clean_text, validate_name

from .models import KoppelRol, LidRol


class KoppelForm(forms.Form):
    rol = forms.ChoiceField(label=_("Wie is deze inwoner voor de casus?"),
                            widget=forms.RadioSelect, choices=KoppelRol.choices,
                            error_messages={"required": _("Kies wie deze inwoner is.")})
    eerste_contact_gehad = forms.BooleanField(
        label=_("Het eerste contact is er al: de regiehouder heeft de inwoner hierover "
                "gesproken"), required=False)


class ApartForm(forms.Form):
    reden = forms.CharField(label=_("Waarom houdt u deze aanvragen apart?"), max_length=1000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("Schrijf op waarom u de aanvraag "
                                                          "apart houdt.")})

    def clean_reden(self) -> str:
        return clean_text(self.cleaned_data["reden"])


class LidForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200,
                           error_messages={"required": _("Vul de naam in.")},
                           validators=[validate_name])
    rol = forms.ChoiceField(label=_("Wie is dit?"),
                            choices=[(r.value, r.label) for r in LidRol
                                     if r != LidRol.AANVRAGER],
                            error_messages={"required": _("Kies wie dit is.")})
    geboortedatum = forms.CharField(label=_("Geboortedatum (niet verplicht)"), required=False,
                                    max_length=12, help_text=_("Dag-maand-jaar."))

    def clean_geboortedatum(self) -> Any:
        value = self.cleaned_data["geboortedatum"]
        if not value.strip():
            return None
        datum = parse_datum(value)
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        return datum


class LidEindeForm(forms.Form):
    op = forms.CharField(label=_("Woont niet meer in het huishouden sinds"), max_length=12,
                         help_text=_("Dag-maand-jaar."),
                         error_messages={"required": _("Vul de datum in.")})

    def clean_op(self) -> Any:
        return parse_datum(self.cleaned_data["op"])
