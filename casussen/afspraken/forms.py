"""Forms for appointments: shape and validation of what was typed; the rules that need the
casus (an address for 'at home', the past, the night) are checked again by the services."""

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.wizard.forms import StapForm

from ..forms import REQUIRED, te_lang
from .models import AfspraakSoort
from .services import Gegevens, moment_check

DUUR = [(30, _("half uur")), (45, _("drie kwartier")), (60, _("een uur")),
        (90, _("anderhalf uur")), (120, _("twee uur"))]
JA_NEE = [("ja", _("Ja")), ("nee", _("Nee"))]


def _ja(waarde: str) -> bool:
    return waarde == "ja"


class AfspraakForm(StapForm):
    soort = forms.ChoiceField(label=_("Soort afspraak"), choices=AfspraakSoort.choices,
                              widget=forms.RadioSelect, initial=AfspraakSoort.KEUKENTAFEL,
                              error_messages=REQUIRED)
    datum = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        help_text=_("Bijvoorbeeld 15-01-2027."),
        error_messages={**REQUIRED, "invalid": _("Vul de datum in als dag-maand-jaar, "
                                                 "bijvoorbeeld 15-01-2027.")})
    tijd = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H.%M", "%H%M"], help_text=_("Bijvoorbeeld 10:30."),
        error_messages={**REQUIRED, "invalid": _("Vul de tijd in als uren:minuten, "
                                                 "bijvoorbeeld 10:30.")})
    duur_minuten = forms.TypedChoiceField(label=_("Hoe lang duurt het ongeveer?"),
                                          choices=DUUR, coerce=int, initial=60)
    bij_inwoner_thuis = forms.TypedChoiceField(
        label=_("Waar?"), coerce=_ja, widget=forms.RadioSelect, initial="ja",
        choices=[("ja", _("Bij de inwoner thuis")), ("nee", _("Ergens anders (vul hieronder "
                                                              "in waar)"))],
        error_messages=REQUIRED)
    plaats = forms.CharField(label=_("Adres of plaats (als het niet thuis is)"),
                             required=False, max_length=300, error_messages=te_lang(300))
    deelnemers = forms.CharField(label=_("Wie komen er van het wijkteam of de gemeente?"),
                                 max_length=300, error_messages=te_lang(300))
    tolk_nodig = forms.BooleanField(label=_("Er is een tolk nodig"), required=False)
    tolk_taal = forms.CharField(label=_("Welke taal? (als er een tolk nodig is)"),
                                required=False, max_length=100, error_messages=te_lang(100))
    toelichting = forms.CharField(
        label=_("Wat wilt u de inwoner nog laten weten? (niet verplicht)"), required=False,
        max_length=2000, error_messages=te_lang(2000), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: neem uw post van de zorgverzekeraar mee."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plaats"].widget.attrs["autocomplete"] = "off"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("datum") and data.get("tijd") and not self.has_error("datum"):
            start = timezone.make_aware(datetime.combine(data["datum"], data["tijd"]))
            try:
                moment_check(start)
            except ValidationError as exc:
                for veld, fouten in exc.error_dict.items():
                    self.add_error(veld, fouten)
            data["start"] = start
        return data

    def gegevens(self) -> Gegevens:
        data = self.cleaned_data
        return Gegevens(soort=data["soort"], start=data["start"],
                        duur_minuten=data["duur_minuten"],
                        bij_inwoner_thuis=data["bij_inwoner_thuis"], plaats=data["plaats"],
                        deelnemers=data["deelnemers"], tolk_nodig=data["tolk_nodig"],
                        tolk_taal=data["tolk_taal"], toelichting=data["toelichting"])

    @classmethod
    def van(cls, afspraak: Any) -> "AfspraakForm":
        """The form to move `afspraak`, filled with what it is now."""
        lokaal = timezone.localtime(afspraak.start)
        return cls(initial={
            "soort": afspraak.soort, "datum": lokaal.date(), "tijd": lokaal.time(),
            "duur_minuten": afspraak.duur_minuten,
            "bij_inwoner_thuis": "ja" if afspraak.bij_inwoner_thuis else "nee",
            "plaats": afspraak.plaats, "deelnemers": afspraak.deelnemers,
            "tolk_nodig": afspraak.tolk_nodig, "tolk_taal": afspraak.tolk_taal,
            "toelichting": afspraak.toelichting})


class AnnulerenForm(StapForm):
    reden = forms.CharField(label=_("Waarom gaat de afspraak niet door?"), max_length=2000,
                            error_messages=te_lang(2000), widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("De inwoner leest dit in het bericht."))


class VerslagForm(StapForm):
    gehouden = forms.TypedChoiceField(label=_("Is het gesprek doorgegaan?"), coerce=_ja,
                                      choices=JA_NEE, widget=forms.RadioSelect,
                                      error_messages=REQUIRED)
    uitkomst = forms.CharField(label=_("Wat is er besproken en afgesproken?"),
                               max_length=10_000, error_messages=te_lang(10_000),
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("Alleen voor professionals. Ging het niet door? "
                                           "Schrijf waarom."))


class AndereTijdForm(StapForm):
    vraag = forms.CharField(label=_("Wanneer komt het u beter uit?"), max_length=2000,
                            error_messages=te_lang(2000), widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Bijvoorbeeld: dinsdag- of donderdagochtend, niet "
                                        "voor 10 uur."))
