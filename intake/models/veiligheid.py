"""Safety overrides (Meldcode): access without consent, for a limited time."""


from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.audit.models import Grond  # noqa: F401  (re-exported for the intake layer)

from .intake import Intake


class MeldcodeStap(models.IntegerChoices):
    SIGNALEN = 1, _("1. Signalen in kaart brengen")
    COLLEGIAAL = 2, _("2. Collegiale consultatie en Veilig Thuis raadplegen")
    GESPREK = 3, _("3. Gesprek met de betrokkene")
    WEGEN = 4, _("4. Wegen van het geweld")
    BESLISSEN = 5, _("5. Beslissen: hulp organiseren en/of melden")


class Beoordeling(models.TextChoices):
    OPEN = "open", _("nog te beoordelen")
    BEVESTIGD = "bevestigd", _("bevestigd")
    BEEINDIGD = "beeindigd", _("beëindigd")


class Veiligheidsmelding(models.Model):
    """A recorded safety concern that gives the needed teams time-limited access without
    consent. The teamleider reviews it; the resident sees it unless that is unsafe."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE,
                               related_name="veiligheidsmeldingen")
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("gemeld door"))
    reden = models.TextField(_("reden"))
    meldcode_stap = models.PositiveSmallIntegerField(_("stap in de Meldcode"),
                                                     choices=MeldcodeStap.choices)
    teams = models.ManyToManyField("organisatie.Team", related_name="+",
                                   verbose_name=_("teams die toegang krijgen"))
    begin = models.DateTimeField(_("begin"), default=timezone.now)
    einde = models.DateTimeField(_("einde van de toegang"))
    tonen_aan_inwoner = models.BooleanField(_("tonen aan de inwoner"), default=True)
    reden_niet_tonen = models.TextField(_("waarom niet tonen"), blank=True)
    beoordeling = models.CharField(_("beoordeling"), max_length=12, choices=Beoordeling.choices,
                                   default=Beoordeling.OPEN)
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeling_toelichting = models.TextField(_("toelichting bij de beoordeling"), blank=True)

    class Meta:
        verbose_name = _("veiligheidsmelding")
        verbose_name_plural = _("veiligheidsmeldingen")
        ordering = ["-begin", "-id"]
        indexes = [models.Index(fields=["intake", "einde"], name="veilig_intake_idx")]

    def __str__(self) -> str:
        return f"{self.intake} {self.begin:%Y-%m-%d}"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.beoordeling != Beoordeling.BEEINDIGD and self.begin <= now < self.einde
