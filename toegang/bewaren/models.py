"""Retention periods per wet, set by the municipality, and the record of what the daily job
removed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Wet

# Defaults when the municipality has not set a term (docs/bewaartermijnen.md explains them).
STANDAARD_JAREN = {Wet.JEUGDWET: 20, Wet.WMO: 7, Wet.PARTICIPATIEWET: 7}
CONCEPT_DAGEN = 30
# The access log is kept as long as the longest term above, never shorter than this:
# NEN 7513 asks for at least five years in care (docs/bewaartermijnen.md, The access log).
TOEGANGSLOG_MINIMUM_JAREN = 5


class Bewaartermijn(models.Model):
    """How long a closed case or intake under one wet keeps its personal data. The
    municipality decides; the defaults follow the law and common Dutch practice."""

    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices, unique=True)
    jaren = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren na afsluiten)"),
        help_text=_("Na deze termijn haalt Toegang de persoonsgegevens weg. De cijfers voor de "
                    "stuurinformatie blijven."))
    grondslag = models.TextField(_("grondslag en besluit"),
                                 help_text=_("Welke wet of welk besluit van de gemeente deze "
                                             "termijn bepaalt."))
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+",
                                       verbose_name=_("gewijzigd door"))

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["wet"]
        constraints = [
            models.CheckConstraint(condition=models.Q(jaren__gte=1, jaren__lte=115),
                                   name="bewaartermijn_1_115_jaar"),
        ]

    def __str__(self) -> str:
        return f"{self.get_wet_display()}: {self.jaren}"


class Bewaaractie(models.Model):
    """One batch of the retention job: when, what kind, how many, which ids. Never content."""

    class Soort(models.TextChoices):
        CASUS = "casus", _("casus en intake geanonimiseerd")
        INTAKE = "intake", _("intake zonder casus geanonimiseerd")
        CONCEPT = "concept", _("onafgemaakte aanvraag verwijderd")

    soort = models.CharField(_("wat"), max_length=10, choices=Soort.choices)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), default=timezone.now,
                                         db_index=True)
    peildatum = models.DateTimeField(_("afgesloten vóór"),
                                     help_text=_("Records die vóór dit moment zijn afgesloten "
                                                 "(bij de kortste termijn)."))
    aantal = models.PositiveIntegerField(_("aantal"))
    bestanden = models.PositiveIntegerField(_("bestanden verwijderd"), default=0)
    ids = models.JSONField(_("ids"), default=list,
                           help_text=_("Ids van de intakes (of concepten); geen inhoud."))

    class Meta:
        verbose_name = _("bewaaractie")
        verbose_name_plural = _("bewaaracties")
        ordering = ["-uitgevoerd_op", "-id"]

    def __str__(self) -> str:
        return f"{self.uitgevoerd_op:%Y-%m-%d %H:%M} {self.get_soort_display()}: {self.aantal}"
