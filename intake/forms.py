"""Forms of the intake app: shape and validation of input only."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from toegang.core.validators import clean_text
from toegang.organisatie.models import Team

from .models import STAFF_KANALEN, Afsluitreden, Beoordeling, Kanaal, MeldcodeStap

MAX_TEKST = 5000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class AanvullingForm(forms.Form):
    tekst = forms.CharField(
        label=_("Wat wilt u toevoegen?"), required=False, max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Bijvoorbeeld iets wat veranderd is, of iets wat u vergeten was."),
        error_messages={"max_length": _("Uw tekst is te lang: maximaal %(limit_value)d tekens "
                                        "(u heeft er %(show_value)d).")})
    bestanden = MultipleFileField(
        label=_("Bestanden (niet verplicht)"), required=False,
        help_text=_("PDF, JPG of PNG, maximaal 10 MB per bestand."))

    def clean_tekst(self) -> str:
        # Control and bidi-override characters go, as in the online intake.
        return clean_text(self.cleaned_data.get("tekst") or "")

    def clean(self) -> dict:
        data = super().clean() or {}
        if not (data.get("tekst") or "").strip() and not data.get("bestanden"):
            raise forms.ValidationError(_("Schrijf iets op of kies een bestand."))
        return data


class VeiligheidsmeldingForm(forms.Form):
    reden = forms.CharField(label=_("Wat maakt u zich zorgen over de veiligheid?"),
                            max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 5}),
                            error_messages={"required": _("Schrijf op waarom de veiligheid in "
                                                          "het geding is.")})
    meldcode_stap = forms.TypedChoiceField(label=_("Stap in de Meldcode"), coerce=int,
                                           choices=MeldcodeStap.choices)
    teams = forms.ModelMultipleChoiceField(
        label=_("Welke teams hebben toegang nodig?"), queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één team dat toegang nodig heeft.")})
    niet_tonen = forms.BooleanField(
        label=_("De inwoner mag deze melding niet zien, omdat dat de veiligheid in gevaar "
                "brengt"), required=False)
    reden_niet_tonen = forms.CharField(label=_("Waarom niet tonen?"), required=False,
                                       max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        teams = self.fields["teams"]
        assert isinstance(teams, forms.ModelMultipleChoiceField)
        teams.queryset = Team.objects.actief().order_by("naam")

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("niet_tonen") and not (data.get("reden_niet_tonen") or "").strip():
            self.add_error("reden_niet_tonen", _("Schrijf op waarom de inwoner dit niet mag "
                                                 "zien."))
        return data


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"), widget=forms.RadioSelect,
        choices=[(Beoordeling.BEVESTIGD, _("Bevestigen: de teams houden toegang tot het einde")),
                 (Beoordeling.BEEINDIGD, _("Beëindigen: de toegang stopt nu"))])
    tonen_aan_inwoner = forms.BooleanField(label=_("De inwoner mag de melding zien"),
                                           required=False)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}))


class ToegangslogZoekForm(forms.Form):
    inwoner_id = forms.IntegerField(label=_("Inwoner (account-id)"), required=False, min_value=1)
    user_id = forms.IntegerField(label=_("Medewerker (account-id)"), required=False, min_value=1)
    intake_id = forms.IntegerField(label=_("Intake (id)"), required=False, min_value=1)
    van = forms.DateField(label=_("Van (dd-mm-jjjj)"), required=False,
                          input_formats=["%d-%m-%Y", "%Y-%m-%d"])
    tot = forms.DateField(label=_("Tot en met (dd-mm-jjjj)"), required=False,
                          input_formats=["%d-%m-%Y", "%Y-%m-%d"])

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


class ToestemmingGevenForm(forms.Form):
    akkoord = forms.BooleanField(label=_("Ja, ik geef toestemming"),
                                 error_messages={"required": _("Vink aan dat u toestemming "
                                                               "geeft.")})

    def __init__(self, *args: Any, nodig_kind: bool, nodig_ouder: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if nodig_kind:
            self.fields["kind_akkoord"] = forms.BooleanField(
                label=_("De jongere (12 tot 16 jaar) is het er zelf ook mee eens"),
                error_messages={"required": _("Voor jongeren van 12 tot 16 jaar moeten de "
                                              "jongere en een ouder allebei ja zeggen.")})
        if nodig_ouder:
            self.fields["ouder_akkoord"] = forms.BooleanField(
                label=_("Een ouder of voogd geeft ook toestemming"),
                error_messages={"required": _("Voor een kind jonger dan 16 jaar moet ook een "
                                              "ouder of voogd ja zeggen.")})
            self.fields["ouder_naam"] = forms.CharField(
                label=_("Naam van de ouder of voogd"), max_length=200,
                error_messages={"required": _("Vul de naam van de ouder of voogd in.")})


class KanaalForm(forms.Form):
    """How a request a professional files came in."""

    kanaal = forms.ChoiceField(
        label=_("Hoe kwam de aanvraag binnen?"), widget=forms.RadioSelect,
        choices=[(k.value, k.label) for k in Kanaal if k in STAFF_KANALEN],
        error_messages={"required": _("Kies hoe de aanvraag binnenkwam."),
                        "invalid_choice": _("Kies hoe de aanvraag binnenkwam.")})


class DoorsturenForm(forms.Form):
    """Forward a request to the team it belongs to (teams of its wijk, or central ones)."""

    naar = forms.ModelChoiceField(
        label=_("Naar welk team?"), queryset=Team.objects.none(), empty_label=_("Kies…"),
        error_messages={"required": _("Kies een team."), "invalid_choice": _("Kies een team "
                                                                             "uit de lijst.")})
    reden = forms.CharField(label=_("Waarom hoort de aanvraag daar?"), max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("Schrijf op waarom.")})

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = teams  # type: ignore[attr-defined]

    def clean_reden(self) -> str:
        return clean_text(self.cleaned_data["reden"])


class SluitenForm(forms.Form):
    """Close a request without a casus: a duplicate (of which request) or no help question."""

    reden = forms.ChoiceField(label=_("Waarom sluit u de aanvraag?"), widget=forms.RadioSelect,
                              choices=Afsluitreden.choices,
                              error_messages={"required": _("Kies waarom u de aanvraag sluit.")})
    duplicaat_van = forms.CharField(
        label=_("Dubbel van welke aanvraag? (referentie)"), required=False, max_length=20,
        help_text=_("Bijvoorbeeld TG-2026-000123. Alleen bij een dubbele aanvraag."))
    toelichting = forms.CharField(
        label=_("Toelichting (de inwoner leest dit)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, zichtbaar: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zichtbaar = zichtbaar  # the intakes the professional may see

    def clean_toelichting(self) -> str:
        return clean_text(self.cleaned_data["toelichting"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ref = (data.get("duplicaat_van") or "").strip().upper()
        data["duplicaat_intake"] = None
        if data.get("reden") == Afsluitreden.DUPLICAAT:
            if not ref:
                self.add_error("duplicaat_van", _("Vul de referentie in van de aanvraag waar "
                                                  "deze een dubbele van is."))
            else:
                found = self.zichtbaar.filter(referentie=ref).first()
                if found is None:
                    self.add_error("duplicaat_van", _("Deze referentie kunnen we niet vinden "
                                                      "bij de aanvragen die u mag zien."))
                data["duplicaat_intake"] = found
        if data.get("reden") == Afsluitreden.GEEN_HULPVRAAG and not data.get("toelichting"):
            self.add_error("toelichting", _("Schrijf op waarom er geen hulpvraag is. De inwoner "
                                            "leest dit."))
        return data
