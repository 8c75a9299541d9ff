"""Forms for clocks (termijnen): shape and validation of input only; the services decide."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.wizard.forms import StapForm
from toegang.core.validators import clean_text, no_markup

from .models import TermijnSoort

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y"]
NODIG = _("Dit veld is nodig.")


def _datum(label: Any, *, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, widget=DATUM, input_formats=DATUM_FORMATEN,
                           help_text=help_text,
                           error_messages={"required": NODIG,
                                           "invalid": _("Vul een datum in als dag-maand-jaar, "
                                                        "bijvoorbeeld 31-12-2026.")})


def _reden(label: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": NODIG,
                                           "max_length": _("Dit is te lang: maximaal "
                                                           "%(limit_value)d tekens (u heeft er "
                                                           "%(show_value)d).")})


# The legal terms a regiehouder starts by hand; a Participatiewet aanvraag also starts the
# voorschot term (art. 52), so it is not offered on its own.
WETTELIJKE_KEUZES = [
    (TermijnSoort.WMO_ONDERZOEK, _("Wmo: onderzoek binnen 6 weken na de melding (art. 2.3.2)")),
    (TermijnSoort.WMO_BESCHIKKING, _("Wmo: beschikking binnen 2 weken na de aanvraag "
                                     "(art. 2.3.5)")),
    (TermijnSoort.JEUGD_BESCHIKKING, _("Jeugdwet: beschikking binnen 8 weken na de aanvraag "
                                       "(Awb 4:13)")),
    (TermijnSoort.PW_BESLUIT, _("Participatiewet: besluit binnen 8 weken (Awb 4:13) en "
                                "voorschot binnen 4 weken (art. 52)")),
]


class TermijnStartForm(StapForm):
    soort = forms.ChoiceField(label=_("Welke termijn?"), choices=WETTELIJKE_KEUZES,
                              widget=forms.RadioSelect, error_messages={
                                  "required": _("Kies een termijn."),
                                  "invalid_choice": _("Kies een termijn uit de lijst.")})
    start = _datum(_("Datum van de melding of aanvraag"),
                   help_text=_("De termijn telt vanaf deze dag. Valt het einde in een weekend "
                               "of op een feestdag, dan schuift het naar de volgende werkdag."))
    omschrijving = forms.CharField(label=_("Waarover (niet verplicht)"), required=False,
                                   max_length=300, help_text=_("Bijvoorbeeld: aanvraag "
                                                               "scootmobiel."),
                                   error_messages={"max_length": _("Dit is te lang: maximaal "
                                                                   "%(limit_value)d tekens.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("start", timezone.localdate())


class TerugbelafspraakForm(StapForm):
    moment = forms.DateTimeField(
        label=_("Ik bel de inwoner terug op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        help_text=_("De inwoner krijgt bericht met deze datum en tijd."),
        error_messages={"required": NODIG, "invalid": _("Vul datum en tijd in.")})
    toelichting = forms.CharField(label=_("Waarover (niet verplicht)"), required=False,
                                  max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                                  error_messages={"max_length": _("Dit is te lang: maximaal "
                                                                  "%(limit_value)d tekens.")})


class OpschortenForm(StapForm):
    reden = _reden(_("Waarom staat de termijn stil?"))
    vanaf = _datum(_("Stil vanaf"), help_text=_("Bijvoorbeeld de dag waarop u de inwoner om "
                                                 "informatie vroeg (Awb 4:15)."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("vanaf", timezone.localdate())


class HervattenForm(StapForm):
    op = _datum(_("Loopt weer vanaf"), help_text=_("De dag waarop de informatie binnenkwam. "
                                                   "De termijn schuift op met de dagen dat hij "
                                                   "stil stond."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("op", timezone.localdate())


class VerdagenForm(StapForm):
    nieuwe_deadline = _datum(_("Nieuwe uiterste datum"),
                             help_text=_("Awb 4:14: de inwoner krijgt bericht met de nieuwe "
                                         "datum en de reden."))
    reden = _reden(_("Waarom duurt het langer?"))


class TeamTermijnFilterForm(forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    soort = forms.ChoiceField(label=_("Soort termijn"), required=False,
                              choices=[("", _("Alle soorten")), *TermijnSoort.choices])
    geescaleerd = forms.BooleanField(label=_("Alleen geëscaleerd"), required=False)

    def __init__(self, *args: Any, teams: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("Al mijn teams")),  # type: ignore[attr-defined]
                                       *[(t.pk, t.naam) for t in teams]]


class TerugbelForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Wanneer kunnen we u het beste bellen, en waarover? (niet verplicht)"),
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Uw tekst is te lang: maximaal %(limit_value)d tekens "
                                        "(u heeft er %(show_value)d).")})

    def clean_toelichting(self) -> str:
        value = clean_text(self.cleaned_data["toelichting"])
        no_markup(value)
        return value
