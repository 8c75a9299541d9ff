"""Zelfredzaamheid-Matrix (ZRM) assessments of a casus.

Only the names of the domains and levels are used (toegang.core.domein); the licensed ZRM
criteria texts are deliberately not part of this code base.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Levensgebied, ZrmNiveau

__all__ = ["ZrmMeting", "ZrmScore"]


class ZrmMeting(models.Model):
    """One assessment: by a professional, or a self-assessment by the resident (`door` empty).

    Assessments are history: they are added, never changed.
    """

    casus = models.ForeignKey("casussen.Casus", on_delete=models.CASCADE,
                              related_name="zrm_metingen", verbose_name=_("casus"))
    datum = models.DateField(_("datum van de meting"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("gemeten door"))
    door_inwoner = models.BooleanField(_("zelfbeoordeling door de inwoner"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ZRM-meting")
        verbose_name_plural = _("ZRM-metingen")
        ordering = ["-datum", "-created_at", "-id"]
        constraints = [
            # A self-assessment has no professional; a professional's assessment names one.
            models.CheckConstraint(
                condition=(Q(door_inwoner=True, door__isnull=True)
                           | Q(door_inwoner=False, door__isnull=False)),
                name="zrm_meting_door_of_inwoner"),
        ]
        indexes = [models.Index(fields=["casus", "-datum"], name="zrm_meting_casus_idx")]

    def __str__(self) -> str:
        return f"ZRM {self.casus_id} {self.datum:%Y-%m-%d}"


class ZrmScore(models.Model):
    """The level (1–5) of one domain in one assessment; a domain is scored at most once."""

    meting = models.ForeignKey(ZrmMeting, on_delete=models.CASCADE, related_name="scores",
                               verbose_name=_("meting"))
    domein = models.CharField(_("levensgebied"), max_length=32, choices=Levensgebied.choices)
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=ZrmNiveau.choices)

    class Meta:
        verbose_name = _("ZRM-score")
        verbose_name_plural = _("ZRM-scores")
        ordering = ["meting", "domein"]
        constraints = [
            models.UniqueConstraint(fields=["meting", "domein"], name="zrm_score_domein_uniek"),
            models.CheckConstraint(condition=Q(niveau__gte=1) & Q(niveau__lte=5),
                                   name="zrm_score_niveau_1_5"),
            models.CheckConstraint(condition=Q(domein__in=Levensgebied.values),
                                   name="zrm_score_domein_bekend"),
        ]

    def __str__(self) -> str:
        return f"{self.domein}: {self.niveau}"


# The levels in plain words, for the resident's own assessment (level names only, no criteria).
ZRM_NIVEAU_INWONER: dict[int, str | Promise] = {
    ZrmNiveau.ACUTE_PROBLEMATIEK: _("1 – Het gaat helemaal niet, ik heb nu meteen hulp nodig"),
    ZrmNiveau.NIET_ZELFREDZAAM: _("2 – Het lukt niet zonder hulp"),
    ZrmNiveau.BEPERKT_ZELFREDZAAM: _("3 – Het lukt een beetje, maar met moeite"),
    ZrmNiveau.VOLDOENDE_ZELFREDZAAM: _("4 – Het lukt goed genoeg"),
    ZrmNiveau.VOLLEDIG_ZELFREDZAAM: _("5 – Het lukt helemaal zelf"),
}
