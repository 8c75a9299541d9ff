"""Clocks on intakes and cases: legal deadlines and promises (Termijn)."""

from datetime import time

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
    BEZWAAR = "bezwaar", _("beslissing op bezwaar (6 weken, Awb 7:10)")
    VERZOEK_ANTWOORD = "verzoek_antwoord", _("antwoord op een verzoek van een zorgaanbieder "
                                             "(5 werkdagen)")
    VERZOEK_ONDERZOEK = "verzoek_onderzoek", _("verzoek van een zorgaanbieder in onderzoek "
                                               "(8 weken)")


# The clocks that run towards a decision (beschikking, besluit, voorschot).
BESLUITEN = {TermijnSoort.WMO_BESCHIKKING, TermijnSoort.JEUGD_BESCHIKKING,
             TermijnSoort.PW_BESLUIT, TermijnSoort.PW_VOORSCHOT}


class TermijnStatus(models.TextChoices):
    LOPEND = "lopend", _("loopt")
    OPGESCHORT = "opgeschort", _("opgeschort")
    AFGEHANDELD = "afgehandeld", _("afgehandeld")
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
    opgeschort_sinds = models.DateTimeField(_("opgeschort sinds"), null=True, blank=True)
    oorspronkelijke_deadline = models.DateTimeField(_("oorspronkelijke termijn"), null=True,
                                                    blank=True)
    # When the next reminder of this clock falls due; the scan only reads rows past it.
    volgende_herinnering_op = models.DateTimeField(_("volgende herinnering"), null=True,
                                                   blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
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
            models.Index(fields=["volgende_herinnering_op", "id"], name="termijn_scan_idx",
                         condition=models.Q(status="lopend",
                                            volgende_herinnering_op__isnull=False)),
            models.Index(fields=["verantwoordelijke", "deadline"], name="termijn_mijn_idx",
                         condition=models.Q(status__in=["lopend", "opgeschort"])),
            models.Index(fields=["intake", "status"], name="termijn_intake_idx"),
            # The teamleider's overview: open clocks of a team, without the closed history.
            models.Index(fields=["team", "deadline"], name="termijn_team_open_idx",
                         condition=models.Q(status__in=["lopend", "opgeschort"])),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.deadline:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status in (TermijnStatus.LOPEND, TermijnStatus.OPGESCHORT)


class TermijnGebeurtenis(models.Model):
    """What happened to a clock: started, suspended, resumed, extended, afgehandeld, lapsed."""

    class Soort(models.TextChoices):
        GESTART = "gestart", _("gestart")
        OPGESCHORT = "opgeschort", _("opgeschort")
        HERVAT = "hervat", _("hervat")
        VERDAAGD = "verdaagd", _("verdaagd")
        AFGEHANDELD = "afgehandeld", _("afgehandeld")
        VERVALLEN = "vervallen", _("vervallen")

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("wat"), max_length=12, choices=Soort.choices)
    reden = models.TextField(_("reden"), blank=True)
    oude_deadline = models.DateTimeField(_("oude termijn"), null=True, blank=True)
    nieuwe_deadline = models.DateTimeField(_("nieuwe termijn"), null=True, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("gebeurtenis van een termijn")
        verbose_name_plural = _("gebeurtenissen van termijnen")
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.termijn_id} {self.soort}"


class HerinneringSoort(models.TextChoices):
    VOORAF = "vooraf", _("binnenkort")
    VERVALDAG = "vervaldag", _("vandaag")
    TE_LAAT = "te_laat", _("te laat")
    ESCALATIE = "escalatie", _("escalatie naar de teamleider")


class Herinnering(models.Model):
    """One reminder of one clock to one person. Unique per (termijn, soort, ontvanger): it is
    sent once, whatever happens to workers and messages."""

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="herinneringen")
    soort = models.CharField(_("soort"), max_length=12, choices=HerinneringSoort.choices)
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="herinneringen")
    notificatie = models.ForeignKey("berichten.Notificatie", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["termijn", "soort", "ontvanger"],
                                    name="herinnering_een_keer"),
        ]

    def __str__(self) -> str:
        return f"{self.termijn_id} {self.soort} → {self.ontvanger_id}"


class TermijnBeleid(models.Model):
    """The municipality's policy for clocks and reminders. Every change is a new row, so the
    history is kept; the newest row applies."""

    eerste_contact_urgent = models.PositiveSmallIntegerField(
        _("eerste contact bij urgent (werkdagen)"), default=1)
    eerste_contact_normaal = models.PositiveSmallIntegerField(
        _("eerste contact normaal (werkdagen)"), default=3)
    herinnering_vooraf = models.PositiveSmallIntegerField(
        _("herinnering vooraf (werkdagen voor de termijn)"), default=1)
    escalatie_na = models.PositiveSmallIntegerField(
        _("escalatie naar de teamleider (werkdagen na de termijn)"), default=1)
    evaluatie_maanden = models.PositiveSmallIntegerField(
        _("evaluatie na (maanden)"), default=6)
    digest_tijd = models.TimeField(_("tijd van het dagelijkse overzicht"), default=time(7, 30))
    toelichting = models.CharField(_("waarom deze wijziging"), max_length=300)
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+",
                                       verbose_name=_("gewijzigd door"))
    created_at = models.DateTimeField(_("geldt vanaf"), default=timezone.now)

    class Meta:
        verbose_name = _("termijnbeleid")
        verbose_name_plural = _("termijnbeleid (geschiedenis)")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(eerste_contact_urgent__gte=1,
                                                      eerste_contact_urgent__lte=10),
                                   name="beleid_urgent_1_10"),
            models.CheckConstraint(condition=models.Q(eerste_contact_normaal__gte=1,
                                                      eerste_contact_normaal__lte=20),
                                   name="beleid_normaal_1_20"),
            models.CheckConstraint(condition=models.Q(herinnering_vooraf__lte=10),
                                   name="beleid_vooraf_0_10"),
            models.CheckConstraint(condition=models.Q(escalatie_na__lte=20),
                                   name="beleid_escalatie_0_20"),
            models.CheckConstraint(condition=models.Q(evaluatie_maanden__gte=1,
                                                      evaluatie_maanden__lte=24),
                                   name="beleid_evaluatie_1_24"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"
