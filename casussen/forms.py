"""Forms of casework: shape and validation of input only."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.wizard.forms import StapForm
from toegang.accounts.models import User
from toegang.core.domein import Wet
from toegang.organisatie.models import Team

from .models import BetrokkenRol, CasusStatus, ContactSoort, Zichtbaarheid
from .selectors import NIEUW

TEKST = 10_000
REQUIRED = {"required": _("Dit veld is nodig.")}


def te_lang(limit: int) -> dict[str, Any]:
    return {**REQUIRED, "max_length": _("Dit is te lang: maximaal %(limit_value)d tekens (u "
                                        "heeft er %(show_value)d).")}


class WerkvoorraadFilterForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek op referentie of naam"), required=False, max_length=100)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    wijk = forms.TypedChoiceField(label=_("Wijk"), required=False, coerce=int, empty_value=None)
    wet = forms.ChoiceField(label=_("Wet"), required=False,
                            choices=[("", _("Alle wetten")), *Wet.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Alle open")), (NIEUW, _("Nieuw, nog niet opgepakt")), *CasusStatus.choices])
    wachtend = forms.IntegerField(label=_("Wacht langer dan (werkdagen)"), required=False,
                                  min_value=0, max_value=365)
    urgent = forms.BooleanField(label=_("Alleen urgent"), required=False)
    veiligheid = forms.BooleanField(label=_("Zorgen over veiligheid"), required=False)
    mijn = forms.BooleanField(label=_("Alleen mijn casussen"), required=False)
    zonder_regiehouder = forms.BooleanField(label=_("Nog geen regiehouder"), required=False)

    def __init__(self, *args: Any, teams: list[Team], wijken: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("Al mijn teams")), *[(t.pk, t.naam) for t in teams]]  # type: ignore[attr-defined]
        self.fields["wijk"].choices = [("", _("Alle wijken")), *[(w.pk, w.naam) for w in wijken]]  # type: ignore[attr-defined]
        # The queue renders these fields with its own light template (casussen/_filterveld.html)
        # instead of crispy-forms' chain: the classes the utrecht pack would add are set here.
        for field in self.fields.values():
            field.widget.attrs["class"] = self._utrecht_class(field)

    @staticmethod
    def _utrecht_class(field: forms.Field) -> str:
        return {"CheckboxInput": "utrecht-checkbox utrecht-checkbox--html-input",
                "Select": "utrecht-select utrecht-select--html-select",
                }.get(type(field.widget).__name__, "utrecht-textbox utrecht-textbox--html-input")

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " " + attrs["class"].split()[0] + "--invalid"
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_error"})


def _veld(label: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=TEKST, error_messages=te_lang(TEKST),
                           widget=forms.Textarea(attrs={"rows": 3}))


class ContactmomentForm(StapForm):
    soort = forms.ChoiceField(label=_("Soort contact"), choices=ContactSoort.choices)
    tijdstip = forms.DateTimeField(label=_("Wanneer"),
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                              format="%Y-%m-%dT%H:%M"),
                                   input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
                                   error_messages={**REQUIRED,
                                                   "invalid": _("Vul datum en tijd in.")})
    met_wie = forms.CharField(label=_("Met wie (niet verplicht)"), required=False,
                              max_length=200, error_messages=te_lang(200))
    verslag = forms.CharField(label=_("Verslag"), max_length=TEKST, error_messages=te_lang(TEKST),
                              widget=forms.Textarea(attrs={"rows": 5}))
    zichtbaarheid = forms.ChoiceField(label=_("Wie mag dit lezen?"),
                                      choices=Zichtbaarheid.choices, widget=forms.RadioSelect,
                                      initial=Zichtbaarheid.PROFESSIONALS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["tijdstip"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class NotitieForm(StapForm):
    tekst = forms.CharField(label=_("Notitie"), max_length=TEKST, error_messages=te_lang(TEKST),
                            widget=forms.Textarea(attrs={"rows": 4}))
    zichtbaarheid = forms.ChoiceField(label=_("Wie mag dit lezen?"),
                                      choices=Zichtbaarheid.choices, widget=forms.RadioSelect,
                                      initial=Zichtbaarheid.PROFESSIONALS)


class StatusForm(StapForm):
    naar = forms.ChoiceField(label=_("Nieuwe status"))
    reden = forms.CharField(label=_("Toelichting (nodig bij afsluiten en heropenen)"),
                            required=False, max_length=2000, error_messages=te_lang(2000),
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, keuzes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(k, CasusStatus(k).label) for k in keuzes]  # type: ignore[attr-defined]


class AveForm(StapForm):
    fase = forms.TypedChoiceField(label=_("AVE-fase"), coerce=int, choices=[
        (1, _("1 – normaal: de regiehouder pakt het op")),
        (2, _("2 – extra aandacht: overleg in het team")),
        (3, _("3 – opschalen: de teamleider doet mee")),
        (4, _("4 – bestuurlijk: de manager of gemeente beslist mee"))])
    reden = forms.CharField(label=_("Waarom?"), max_length=2000, error_messages=te_lang(2000),
                            widget=forms.Textarea(attrs={"rows": 2}))


class BetrokkeneForm(StapForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(),
                                  error_messages=REQUIRED)
    professional = forms.ModelChoiceField(label=_("Professional (niet verplicht)"),
                                          queryset=User.objects.none(), required=False)
    rol = forms.ChoiceField(label=_("Rol"), choices=BetrokkenRol.choices)
    toelichting = forms.CharField(label=_("Toelichting (niet verplicht)"), required=False,
                                  max_length=200, error_messages=te_lang(200))

    def __init__(self, *args: Any, teams: Any, professionals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["professional"].queryset = professionals  # type: ignore[attr-defined]


class OverdrachtForm(StapForm):
    naar = forms.ModelChoiceField(label=_("Aan wie draagt u over?"), queryset=User.objects.none(),
                                  error_messages=REQUIRED)
    situatie = _veld(_("De situatie nu"))
    geprobeerd = _veld(_("Wat is al geprobeerd"))
    afspraken = _veld(_("Lopende afspraken"))
    risicos = _veld(_("Risico's en aandachtspunten"))
    volgende_stappen = _veld(_("Volgende stappen"))

    def __init__(self, *args: Any, collegas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = collegas  # type: ignore[attr-defined]
        self.fields["naar"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.get_full_name()} ({u.functie or u.get_rol_display()})")


class AfwijzenForm(StapForm):
    reden = forms.CharField(label=_("Waarom neemt u de casus niet over?"), max_length=2000,
                            error_messages=te_lang(2000), widget=forms.Textarea(attrs={"rows": 3}))


class ToewijzenForm(StapForm):
    naar = forms.ModelChoiceField(label=_("Nieuwe regiehouder"), queryset=User.objects.none(),
                                  error_messages=REQUIRED)
    toelichting = forms.CharField(label=_("Waarom wijst u de casus toe?"), max_length=2000,
                                  error_messages=te_lang(2000),
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, collegas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = collegas  # type: ignore[attr-defined]
