"""Clocks on intakes and cases: legal deadlines and promises (Termijn)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TermijnSoort(models.TextChoices):
    EERSTE_CONTACT = "eerste_contact", _("eerste contact")
    TERUGBELLEN = "terugbellen", _("terugbelafspraak")
    WMO_ONDERZOEK = "wmo_onderzoek", _("Wmo-onderzoek (6 weken na de melding)")
    WMO_BESCHIKKING = "wmo_beschikking", _("Wmo-beschikking (2 weken na de aanvraag)")
    JEUGD_BESCHIKKING = "jeugd_beschikking", _("Jeugdwet-beschikking (8 weken)")
    PW_BESLUIT = "pw_besluit", _("Participatiewet-besluit (8 weken)")
    PW_VOORSCHOT = "pw_voorschot", _("Participatiewet-voorschot (4 weken)")
    PLAN_ACTIE = "plan_actie", _("actie uit het plan")
    EVALUATIE = "evaluatie", _("evaluatie (nieuwe ZRM)")


class TermijnStatus(models.TextChoices):
    LOPEND = "lopend", _("loopt")
    OPGESCHORT = "opgeschort", _("opgeschort")
    GEHAALD = "gehaald", _("afgehandeld")
    VERVALLEN = "vervallen", _("vervallen")


class TermijnQuerySet(models.QuerySet["Termijn"]):
    def open(self) -> "TermijnQuerySet":
        return self.filter(status__in=[TermijnStatus.LOPEND, TermijnStatus.OPGESCHORT])


class Termijn(models.Model):
    """A deadline or promise; reminders are derived from these rows by a periodic scan."""

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE,
                               related_name="termijnen", verbose_name=_("intake"))
    casus = models.ForeignKey("casussen.Casus", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="termijnen", verbose_name=_("casus"))
    soort = models.CharField(_("soort"), max_length=20, choices=TermijnSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    start = models.DateTimeField(_("start"), default=timezone.now)
    deadline = models.DateTimeField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=12, choices=TermijnStatus.choices,
                              default=TermijnStatus.LOPEND)
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("team"))
    verantwoordelijke = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="termijnen",
                                          verbose_name=_("verantwoordelijke"))
    door_inwoner = models.BooleanField(_("gevraagd door de inwoner"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True)
    gehaald_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    gehaald_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    objects = TermijnQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["deadline"], name="termijn_open_deadline_idx",
                         condition=models.Q(status="lopend")),
            models.Index(fields=["intake", "status"], name="termijn_intake_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.deadline:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status in (TermijnStatus.LOPEND, TermijnStatus.OPGESCHORT)
