"""The municipality's own questions in the online intake, added by the functioneel beheerder.

`EigenVraag` is a question's identity (which step, where on it, on or off); what it asks lives in
`EigenVraagVersie` rows that are never changed once saved: editing a question in the admin makes a
new version, so an intake always shows the question as the resident was asked it. The answers of
a sent intake are copied into `EigenAntwoord` (with the text of the question as it was asked).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from ..models import Intake
from .stappen import STAPPEN

# A household (a list of people) and the check page have no room for extra questions.
STAP_KEUZES = [(s.slug, s.titel) for s in STAPPEN if s.slug not in ("huishouden", "controleren")]


class Soort(models.TextChoices):
    TEKST = "tekst", _("Tekst (de inwoner typt zelf)")
    KEUZE = "keuze", _("Keuze uit een lijst")
    JA_NEE = "ja_nee", _("Ja of nee")
    DATUM = "datum", _("Datum")


class EigenVraag(models.Model):
    """One question of the municipality's own on a step of the wizard."""

    stap = models.CharField(_("stap"), max_length=20, choices=STAP_KEUZES)
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Vragen met een lager getal komen eerst."))
    actief = models.BooleanField(_("actief"), default=True,
                                 help_text=_("Alleen actieve vragen worden gesteld."))
    huidige = models.ForeignKey("EigenVraagVersie", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+",
                                verbose_name=_("huidige versie"))

    class Meta:
        verbose_name = _("eigen vraag in de aanvraag")
        verbose_name_plural = _("eigen vragen in de aanvraag")
        ordering = ["stap", "volgorde", "id"]

    def __str__(self) -> str:
        return self.huidige.tekst if self.huidige_id and self.huidige else f"vraag {self.pk}"


class EigenVraagVersie(models.Model):
    """What a question asks, as it was at one moment. Never changed once saved."""

    vraag = models.ForeignKey(EigenVraag, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField(_("versie"))
    tekst = models.CharField(_("vraag"), max_length=300)
    hulptekst = models.CharField(_("uitleg bij de vraag"), max_length=500, blank=True)
    tekst_en = models.CharField(_("vraag in het Engels"), max_length=300, blank=True)
    hulptekst_en = models.CharField(_("uitleg in het Engels"), max_length=500, blank=True)
    soort = models.CharField(_("soort antwoord"), max_length=10, choices=Soort.choices,
                             default=Soort.TEKST)
    keuzes = models.JSONField(_("keuzes"), default=list, blank=True)
    keuzes_en = models.JSONField(_("keuzes in het Engels"), default=list, blank=True)
    verplicht = models.BooleanField(_("verplicht"), default=False)
    levensgebieden = models.JSONField(_("alleen bij deze onderwerpen"), default=list, blank=True)
    min_leeftijd = models.PositiveSmallIntegerField(_("vanaf leeftijd"), null=True, blank=True)
    max_leeftijd = models.PositiveSmallIntegerField(_("tot en met leeftijd"), null=True,
                                                    blank=True)
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("gemaakt door"))
    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("versie van een eigen vraag")
        verbose_name_plural = _("versies van eigen vragen")
        ordering = ["vraag", "-versie"]
        constraints = [models.UniqueConstraint(fields=["vraag", "versie"],
                                               name="eigenvraagversie_uniek")]

    def __str__(self) -> str:
        return f"{self.tekst} (versie {self.versie})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Een versie van een eigen vraag verandert nooit; maak een nieuwe.")
        super().save(*args, **kwargs)

    def _engels(self) -> bool:
        return (translation.get_language() or "nl").startswith("en")

    @property
    def tekst_getoond(self) -> str:
        """The question in the language of the page (English when there is an English text)."""
        return self.tekst_en if self._engels() and self.tekst_en else self.tekst

    @property
    def hulptekst_getoond(self) -> str:
        return self.hulptekst_en if self._engels() and self.tekst_en else self.hulptekst

    def keuzes_getoond(self) -> list[tuple[str, str]]:
        """(value, label): the value is always the Dutch choice, the label may be English."""
        engels = self._engels() and len(self.keuzes_en) == len(self.keuzes)
        return [(k, self.keuzes_en[i] if engels else k) for i, k in enumerate(self.keuzes)]


class EigenAntwoord(models.Model):
    """A resident's answer to one of the municipality's own questions, as sent."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="eigen_antwoorden")
    versie = models.ForeignKey(EigenVraagVersie, on_delete=models.PROTECT, related_name="+")
    stap = models.CharField(_("stap"), max_length=20)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    vraag_tekst = models.CharField(_("vraag zoals gesteld"), max_length=300)
    soort = models.CharField(_("soort antwoord"), max_length=10, choices=Soort.choices)
    antwoord = models.TextField(_("antwoord"), blank=True)

    class Meta:
        verbose_name = _("antwoord op een eigen vraag")
        verbose_name_plural = _("antwoorden op eigen vragen")
        ordering = ["intake", "id"]

    def __str__(self) -> str:
        return self.vraag_tekst

    @property
    def weergave(self) -> str:
        """The answer in plain words."""
        return antwoord_weergave(self.soort, self.antwoord)


def antwoord_weergave(soort: str, antwoord: str) -> str:
    if not antwoord:
        return "–"
    if soort == Soort.JA_NEE:
        return {"ja": _t("Ja"), "nee": _t("Nee")}.get(antwoord, antwoord)
    if soort == Soort.DATUM:
        try:
            return str(formats.date_format(date.fromisoformat(antwoord), "j F Y"))
        except ValueError:
            return antwoord
    return antwoord
