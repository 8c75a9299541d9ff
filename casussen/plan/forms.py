"""Forms of the support plan: the plan itself and three formsets (goals, actions, services).

The formsets work without JavaScript: an "add a row" submit button re-renders the page with
one more empty row, and a row left empty (or ticked "weghalen") is skipped.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied, Wet, ZrmNiveau

from .models import PlanVersie, Verantwoordelijke, VoorzieningStatus, VoorzieningVorm
from .services import ActieGegevens, DoelGegevens, VoorzieningGegevens

MAX_REGELS = 40
DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _levensgebieden() -> list[tuple[Any, Any]]:
    keuzes: list[tuple[Any, Any]] = [("", _("Kies een levensgebied"))]
    return keuzes + [(value, f"{ZRM_DOMEINNAAM[Levensgebied(value)]} ({label})")
                     for value, label in Levensgebied.choices]


def _niveaus() -> list[tuple[Any, Any]]:
    keuzes: list[tuple[Any, Any]] = [("", _("Kies een niveau"))]
    return keuzes + list(ZrmNiveau.choices)


class PlanForm(forms.Form):
    nummer = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    bewerkversie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    samenvatting = forms.CharField(
        label=_("Waar gaat het om?"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In gewone woorden: de inwoner leest dit als eerste."))
    evaluatiedatum = forms.DateField(
        label=_("Wanneer kijken we samen terug? (evaluatie)"), required=False, widget=DATUM,
        help_text=_("Niet verplicht. Leeg laten: een half jaar na het delen."))

    def clean_evaluatiedatum(self) -> Any:
        datum = self.cleaned_data.get("evaluatiedatum")
        if datum is not None and datum < timezone.localdate():
            raise forms.ValidationError(_("Kies een datum vanaf vandaag."), code="verleden")
        return datum


class RegelForm(forms.Form):
    """One row of a formset; the formset decides whether an empty row may stay empty."""

    eerste_veld = ""


class DoelForm(RegelForm):
    eerste_veld = "levensgebied"
    levensgebied = forms.ChoiceField(label=_("Levensgebied"), choices=_levensgebieden)
    omschrijving = forms.CharField(label=_("Wat wil de inwoner bereiken?"), max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    zrm_start = forms.TypedChoiceField(label=_("ZRM-niveau nu"), choices=_niveaus, coerce=int)
    zrm_doel = forms.TypedChoiceField(label=_("ZRM-niveau als doel"), choices=_niveaus,
                                      coerce=int)
    verantwoordelijke = forms.ChoiceField(label=_("Wie zorgt ervoor?"),
                                          choices=Verantwoordelijke.choices,
                                          initial=Verantwoordelijke.INWONER)
    voor_lid = forms.TypedChoiceField(label=_("Voor wie in het huishouden?"), required=False,
                                      coerce=int, empty_value=None)

    def __init__(self, *args: Any, leden: tuple[tuple[int, str], ...] = (), **kwargs: Any
                 ) -> None:
        super().__init__(*args, **kwargs)
        if leden:  # a household's plan: a goal can name the member it is for
            self.fields["voor_lid"].choices = [  # type: ignore[attr-defined]
                ("", _("Het hele huishouden")), *leden]
        else:
            del self.fields["voor_lid"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, doel = data.get("zrm_start"), data.get("zrm_doel")
        if start and doel and doel < start:
            self.add_error("zrm_doel", forms.ValidationError(
                _("Het doelniveau kan niet lager zijn dan het niveau nu."), code="lager"))
        return data

    def gegevens(self) -> DoelGegevens:
        d = self.cleaned_data
        return DoelGegevens(levensgebied=d["levensgebied"], omschrijving=d["omschrijving"],
                            zrm_start=d["zrm_start"], zrm_doel=d["zrm_doel"],
                            verantwoordelijke=d["verantwoordelijke"],
                            voor_lid_id=d.get("voor_lid"))


class ActieForm(RegelForm):
    eerste_veld = "omschrijving"
    omschrijving = forms.CharField(label=_("Wat gaat er gebeuren?"), max_length=300)
    eigenaar = forms.ChoiceField(label=_("Wie doet het?"), choices=Verantwoordelijke.choices,
                                 initial=Verantwoordelijke.INWONER)
    eigenaar_naam = forms.CharField(label=_("Naam of functie"), required=False, max_length=100,
                                    help_text=_("Niet verplicht. Bijvoorbeeld: zus Anna, "
                                                "budgetcoach."))
    deadline = forms.DateField(label=_("Klaar op"), required=False, widget=DATUM,
                               help_text=_("Niet verplicht. Met een datum komt de actie in "
                                           "de termijnbewaking."))

    def gegevens(self) -> ActieGegevens:
        d = self.cleaned_data
        return ActieGegevens(omschrijving=d["omschrijving"], eigenaar=d["eigenaar"],
                             eigenaar_naam=d["eigenaar_naam"], deadline=d["deadline"])


class VoorzieningForm(RegelForm):
    eerste_veld = "wet"
    wet = forms.ChoiceField(label=_("Wet"), choices=[("", _("Kies een wet")), *Wet.choices])
    omschrijving = forms.CharField(label=_("Welke hulp?"), max_length=200)
    vorm = forms.ChoiceField(label=_("Vorm"), required=False,
                             choices=[("", _("niet van toepassing")), *VoorzieningVorm.choices],
                             help_text=_("Bij Jeugdwet en Wmo: zorg in natura of pgb."))
    status = forms.ChoiceField(label=_("Status"), choices=VoorzieningStatus.choices,
                               initial=VoorzieningStatus.GEWENST)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("wet") in (Wet.JEUGDWET.value, Wet.WMO.value) and not data.get("vorm"):
            self.add_error("vorm", forms.ValidationError(
                _("Kies zorg in natura of pgb."), code="vorm"))
        return data

    def gegevens(self) -> VoorzieningGegevens:
        d = self.cleaned_data
        return VoorzieningGegevens(wet=d["wet"], omschrijving=d["omschrijving"],
                                   vorm=d["vorm"], status=d["status"])


class RegelFormSet(forms.BaseFormSet):
    """Every row may stay empty; empty rows and rows ticked "weghalen" are skipped."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**self.form_kwargs, "empty_permitted": True, "use_required_attribute": False}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Deze regel weghalen")

    def regels(self) -> list[Any]:
        return [form.gegevens() for form in self.forms
                if form.has_changed() and not form.cleaned_data.get("DELETE")]


def _formset(form: type[forms.Form]) -> type[forms.BaseFormSet]:
    return forms.formset_factory(form, formset=RegelFormSet, extra=0, can_delete=True,
                                 max_num=MAX_REGELS, absolute_max=MAX_REGELS,
                                 validate_max=True)


DoelFormSet = _formset(DoelForm)
ActieFormSet = _formset(ActieForm)
VoorzieningFormSet = _formset(VoorzieningForm)

SETS: dict[str, type[forms.BaseFormSet]] = {"doel": DoelFormSet, "actie": ActieFormSet,
                                            "voorziening": VoorzieningFormSet}


def _doel_initial(versie: PlanVersie) -> list[dict[str, Any]]:
    return [{"levensgebied": d.levensgebied, "omschrijving": d.omschrijving,
             "zrm_start": d.zrm_start, "zrm_doel": d.zrm_doel,
             "verantwoordelijke": d.verantwoordelijke, "voor_lid": d.voor_lid_id}
            for d in versie.doelen.all()]


def _actie_initial(versie: PlanVersie) -> list[dict[str, Any]]:
    return [{"omschrijving": a.omschrijving, "eigenaar": a.eigenaar,
             "eigenaar_naam": a.eigenaar_naam, "deadline": a.deadline}
            for a in versie.acties.all()]


def _voorziening_initial(versie: PlanVersie) -> list[dict[str, Any]]:
    return [{"wet": v.wet, "omschrijving": v.omschrijving, "vorm": v.vorm, "status": v.status}
            for v in versie.voorzieningen.all()]


@dataclass(frozen=True)
class Onderdeel:
    """How one formset is shown: its heading, the name of a row and the add-a-row button."""

    prefix: str
    titel: str
    regelnaam: str
    knop: str
    formset: forms.BaseFormSet


ONDERDELEN = {
    "doel": (_("Doelen"), _("Doel"), _("Nog een doel toevoegen")),
    "actie": (_("Acties"), _("Actie"), _("Nog een actie toevoegen")),
    "voorziening": (_("Voorzieningen"), _("Voorziening"), _("Nog een voorziening toevoegen")),
}


class PlanFormulier:
    """The plan form with its three formsets, shown and checked together."""

    def __init__(self, planform: PlanForm, sets: dict[str, forms.BaseFormSet],
                 nieuwe_regel: str = "") -> None:
        self.planform = planform
        self.sets = sets
        self.nieuwe_regel = nieuwe_regel

    @classmethod
    def uit_versie(cls, *, bron: PlanVersie | None, nummer: int, bewerkversie: int,
                   leden: tuple[tuple[int, str], ...] = ()) -> "PlanFormulier":
        """Unbound, filled from the concept or from the version to copy; each set shows at
        least one row."""
        planform = PlanForm(initial={
            "nummer": nummer, "bewerkversie": bewerkversie,
            "samenvatting": bron.samenvatting if bron else "",
            # A new concept gets a new evaluation date when it is shared.
            "evaluatiedatum": bron.evaluatiedatum if bron and bron.is_concept else None})
        initials = {"doel": _doel_initial(bron) if bron else [],
                    "actie": _actie_initial(bron) if bron else [],
                    "voorziening": _voorziening_initial(bron) if bron else []}
        sets = {prefix: SETS[prefix](prefix=prefix, initial=rows or [{}],
                                     form_kwargs=_form_kwargs(prefix, leden))
                for prefix, rows in initials.items()}
        return cls(planform, sets)

    @classmethod
    def uit_post(cls, data: QueryDict, leden: tuple[tuple[int, str], ...] = ()
                 ) -> "PlanFormulier":
        return cls(PlanForm(data), {prefix: formset(data, prefix=prefix,
                                                    form_kwargs=_form_kwargs(prefix, leden))
                                    for prefix, formset in SETS.items()})

    @classmethod
    def met_extra_regel(cls, data: QueryDict, prefix: str,
                        leden: tuple[tuple[int, str], ...] = ()) -> "PlanFormulier":
        """Unbound again, with what was typed and one more empty row in `prefix`; no errors
        are shown for a page that only grows."""
        planform = PlanForm(initial={name: data.get(name, "") for name in PlanForm.base_fields})
        sets = {}
        for naam, formset in SETS.items():
            rows = _rows(data, naam, formset)
            if naam == prefix and len(rows) < MAX_REGELS:
                rows.append({})
            sets[naam] = formset(prefix=naam, initial=rows or [{}],
                                 form_kwargs=_form_kwargs(naam, leden))
        if prefix in sets:
            # The new row gets the focus, as the page reloads without JavaScript.
            nieuw = sets[prefix].forms[-1]
            nieuw.fields[nieuw.eerste_veld].widget.attrs["autofocus"] = True
        return cls(planform, sets, nieuwe_regel=prefix)

    @property
    def onderdelen(self) -> list[Onderdeel]:
        return [Onderdeel(prefix, str(titel), str(regelnaam), str(knop), self.sets[prefix])
                for prefix, (titel, regelnaam, knop) in ONDERDELEN.items()]

    def is_valid(self) -> bool:
        # Every part is checked (no short-circuit), so all errors show at once.
        results = [self.planform.is_valid(), *(f.is_valid() for f in self.sets.values())]
        return all(results)

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.planform.errors) or any(
            formset.total_error_count() for formset in self.sets.values()
            if formset.is_bound)

    def regels(self, prefix: str) -> list[Any]:
        return self.sets[prefix].regels()  # type: ignore[attr-defined]


def _form_kwargs(prefix: str, leden: tuple[tuple[int, str], ...]) -> dict[str, Any]:
    return {"leden": leden} if prefix == "doel" else {}


def _rows(data: QueryDict, prefix: str, formset: type[forms.BaseFormSet]
          ) -> list[dict[str, Any]]:
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", "0")), MAX_REGELS)
    except ValueError:
        total = 0
    names = [*formset.form.base_fields, "DELETE"]  # voor_lid included: kept when present
    return [{name: data.get(f"{prefix}-{i}-{name}", "") for name in names}
            for i in range(max(total, 0))]


class OpmerkingForm(forms.Form):
    opmerking = forms.CharField(
        label=_("Wat wilt u anders, of wat is niet duidelijk?"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Uw contactpersoon leest dit en neemt contact met u op."),
        error_messages={"required": _("Schrijf uw opmerking of vraag op."),
                        "max_length": _("Uw opmerking is te lang. Gebruik hoogstens "
                                        "%(limit_value)d tekens.")})
