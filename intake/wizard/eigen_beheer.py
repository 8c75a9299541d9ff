"""Adding and changing the municipality's own questions (the functioneel beheerder, in the admin).

Changing what a question asks makes a new `EigenVraagVersie`; the versions already asked stay as
they were. Everything is checked first and saved in one transaction, or nothing is saved.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from toegang.accounts.models import User
from toegang.core.domein import Levensgebied

from .eigen_velden import NA_ONDERWERPEN, NA_OVER_U, STAP_TITEL
from .eigen_vragen import EigenVraag, EigenVraagVersie, Soort

# The fields of a version, as the admin form shows them.
VERSIE_VELDEN = ("tekst", "hulptekst", "tekst_en", "hulptekst_en", "soort", "keuzes",
                 "keuzes_en", "verplicht", "levensgebieden", "min_leeftijd", "max_leeftijd")


def _regels(value: str) -> list[str]:
    return [regel.strip() for regel in (value or "").splitlines() if regel.strip()]


class EigenVraagForm(forms.ModelForm):
    """The question and its current version in one form; saving a change makes a new version."""

    tekst = forms.CharField(label=_("Vraag"), max_length=300,
                            error_messages={"required": _("Vul de vraag in."),
                                            "max_length": _("De vraag is te lang: maximaal "
                                                            "%(limit_value)d tekens.")})
    hulptekst = forms.CharField(label=_("Uitleg bij de vraag (niet verplicht)"), required=False,
                                max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    tekst_en = forms.CharField(label=_("Vraag in het Engels (niet verplicht)"), required=False,
                               max_length=300,
                               help_text=_("Wie de site in het Engels gebruikt, ziet deze tekst. "
                                           "Leeg: de Nederlandse tekst."))
    hulptekst_en = forms.CharField(label=_("Uitleg in het Engels (niet verplicht)"),
                                   required=False, max_length=500,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    soort = forms.ChoiceField(label=_("Soort antwoord"), choices=Soort.choices,
                              initial=Soort.TEKST, widget=forms.RadioSelect,
                              error_messages={"required": _("Kies de soort antwoord.")})
    keuzes = forms.CharField(label=_("Keuzes"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Alleen bij 'Keuze uit een lijst': één keuze per regel, "
                                         "minstens 2."))
    keuzes_en = forms.CharField(label=_("Keuzes in het Engels (niet verplicht)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=_("Evenveel regels als de Nederlandse keuzes, in "
                                            "dezelfde volgorde."))
    verplicht = forms.BooleanField(label=_("De inwoner moet deze vraag beantwoorden"),
                                   required=False)
    levensgebieden = forms.MultipleChoiceField(
        label=_("Alleen stellen bij deze onderwerpen (niet verplicht)"), required=False,
        choices=Levensgebied.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("De onderwerpen die de inwoner kiest bij 'Waar gaat het over'. Niets "
                    "aangevinkt: de vraag geldt voor iedereen."))
    min_leeftijd = forms.IntegerField(
        label=_("Alleen stellen vanaf leeftijd (niet verplicht)"), required=False, min_value=0,
        max_value=120, error_messages={"min_value": _("Vul een leeftijd in van 0 tot 120."),
                                       "max_value": _("Vul een leeftijd in van 0 tot 120."),
                                       "invalid": _("Vul een leeftijd in als getal.")})
    max_leeftijd = forms.IntegerField(
        label=_("Alleen stellen tot en met leeftijd (niet verplicht)"), required=False,
        min_value=0, max_value=120,
        error_messages={"min_value": _("Vul een leeftijd in van 0 tot 120."),
                        "max_value": _("Vul een leeftijd in van 0 tot 120."),
                        "invalid": _("Vul een leeftijd in als getal.")})

    class Meta:
        model = EigenVraag
        fields = ["stap", "volgorde", "actief"]
        error_messages = {"stap": {"required": _("Kies de stap waarop de vraag komt."),
                                   "invalid_choice": _("Kies een stap uit de lijst.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        huidige = self.instance.huidige if self.instance.pk else None
        if huidige is not None:
            for name in VERSIE_VELDEN:
                value = getattr(huidige, name)
                self.initial[name] = "\n".join(value) if name in ("keuzes", "keuzes_en") \
                    else value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stap, soort = data.get("stap"), data.get("soort")
        keuzes, keuzes_en = _regels(data.get("keuzes", "")), _regels(data.get("keuzes_en", ""))
        if soort == Soort.KEUZE:
            if len(keuzes) < 2:
                self.add_error("keuzes", ValidationError(
                    _("Geef minstens 2 keuzes, één per regel."), code="te_weinig"))
            dubbel = sorted({k for k in keuzes if [x.lower() for x in keuzes].count(k.lower()) > 1})
            if dubbel:
                self.add_error("keuzes", ValidationError(
                    _("Elke keuze mag maar één keer in de lijst staan. Dubbel: %(dubbel)s."),
                    code="dubbel", params={"dubbel": ", ".join(dubbel)}))
            if keuzes_en and len(keuzes_en) != len(keuzes):
                self.add_error("keuzes_en", ValidationError(
                    _("Geef evenveel Engelse keuzes als Nederlandse, in dezelfde volgorde."),
                    code="aantal"))
        elif keuzes or keuzes_en:
            self.add_error("keuzes", ValidationError(
                _("Keuzes horen alleen bij 'Keuze uit een lijst'. Maak dit veld leeg of kies "
                  "die soort antwoord."), code="geen_keuzevraag"))
        if data.get("hulptekst_en") and not data.get("tekst_en"):
            self.add_error("tekst_en", ValidationError(
                _("Vul ook de vraag in het Engels in, of maak de Engelse uitleg leeg."),
                code="engels"))
        laag, hoog = data.get("min_leeftijd"), data.get("max_leeftijd")
        if laag is not None and hoog is not None and laag > hoog:
            self.add_error("max_leeftijd", ValidationError(
                _("De leeftijd 'tot en met' moet even hoog of hoger zijn dan 'vanaf'."),
                code="leeftijd"))
        if stap and data.get("levensgebieden") and stap not in NA_ONDERWERPEN:
            self.add_error("levensgebieden", ValidationError(
                _("Een vraag op de stap '%(stap)s' kan niet afhangen van de onderwerpen: die "
                  "kiest de inwoner pas later, bij 'Waar gaat het over'. Kies een latere stap, "
                  "of vink de onderwerpen uit."),
                code="te_vroeg", params={"stap": STAP_TITEL[stap]}))
        if stap and (laag is not None or hoog is not None) and stap not in NA_OVER_U:
            self.add_error("min_leeftijd", ValidationError(
                _("Een vraag op de stap '%(stap)s' kan niet afhangen van de leeftijd: de "
                  "geboortedatum vult de inwoner op die stap pas in. Kies een latere stap, of "
                  "maak de leeftijden leeg."),
                code="te_vroeg", params={"stap": STAP_TITEL[stap]}))
        data["keuzes"], data["keuzes_en"] = (keuzes, keuzes_en) if soort == Soort.KEUZE \
            else ([], [])
        return data

    def versie_velden(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in VERSIE_VELDEN}


def _zelfde(versie: EigenVraagVersie | None, velden: dict[str, Any]) -> bool:
    return versie is not None and all(getattr(versie, k) == v for k, v in velden.items())


@transaction.atomic
def eigen_vraag_opslaan(*, vraag: EigenVraag, velden: dict[str, Any],
                        door: User | None) -> EigenVraag:
    """Save `vraag` (step, order, on/off) and, when what it asks changed, its new version."""
    vraag.save()
    huidige = EigenVraagVersie.objects.filter(pk=vraag.huidige_id).first() \
        if vraag.huidige_id else None
    if _zelfde(huidige, velden):
        return vraag
    nummer = (EigenVraagVersie.objects.filter(vraag=vraag).select_for_update()
              .order_by("-versie").values_list("versie", flat=True).first() or 0) + 1
    nieuw = EigenVraagVersie.objects.create(vraag=vraag, versie=nummer, gemaakt_door=door,
                                            **velden)
    vraag.huidige = nieuw
    vraag.save(update_fields=["huidige"])
    return vraag
