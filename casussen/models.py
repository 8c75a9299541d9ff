"""The household's case, its one regiehouder and the others involved."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class CasusStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("aangemeld")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")
    PLAN_OPGESTELD = "plan_opgesteld", _("plan opgesteld")
    UITVOERING = "uitvoering", _("uitvoering")
    EVALUATIE = "evaluatie", _("evaluatie")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class CasusQuerySet(models.QuerySet["Casus"]):
    def open(self) -> "CasusQuerySet":
        return self.exclude(status=CasusStatus.AFGESLOTEN)


class Casus(models.Model):
    """Opened when a professional picks up an intake; references it, never copies it."""

    intake = models.OneToOneField("intake.Intake", on_delete=models.PROTECT,
                                  related_name="casus", verbose_name=_("intake"))
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT,
                             related_name="casussen", verbose_name=_("team"))
    status = models.CharField(_("status"), max_length=20, choices=CasusStatus.choices,
                              default=CasusStatus.IN_BEHANDELING, db_index=True)
    ave_fase = models.PositiveSmallIntegerField(_("AVE-fase"), default=1)
    ave_reden = models.TextField(_("reden AVE-fase"), blank=True)
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    sluitreden = models.TextField(_("reden van afsluiten"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)

    objects = CasusQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-geopend_op", "-id"]
        permissions = [("export_casus", _("Een casus exporteren"))]
        constraints = [
            models.CheckConstraint(condition=Q(ave_fase__gte=1) & Q(ave_fase__lte=4),
                                   name="casus_ave_fase_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.intake.referentie}"

    def get_absolute_url(self) -> str:
        return reverse("casussen:detail", args=[self.pk])


class RegiehouderschapQuerySet(models.QuerySet["Regiehouderschap"]):
    def actief(self) -> "RegiehouderschapQuerySet":
        """The running regiehouderschap (at most one per casus): not ended."""
        return self.filter(einde__isnull=True)


class Regiehouderschap(models.Model):
    """Who is the one regiehouder, from when to when. Exactly one active per casus, enforced
    by a partial unique index in the database."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="regiehouders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="regiehouderschappen", verbose_name=_("regiehouder"))
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("team"))
    begin = models.DateTimeField(_("begin"), default=timezone.now)
    einde = models.DateTimeField(_("einde"), null=True, blank=True)

    objects = RegiehouderschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("regiehouderschap")
        verbose_name_plural = _("regiehouderschappen")
        ordering = ["begin", "id"]
        constraints = [
            models.UniqueConstraint(fields=["casus"], condition=Q(einde__isnull=True),
                                    name="casus_een_actieve_regiehouder"),
        ]
        indexes = [models.Index(fields=["user"], condition=Q(einde__isnull=True),
                                name="regie_actief_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.casus})"


class BetrokkenRol(models.TextChoices):
    UITVOERDER = "uitvoerder", _("uitvoerder van hulp")
    CONSULENT = "consulent", _("consulent (onderzoek of besluit)")
    ADVISEUR = "adviseur", _("adviseur")
    ANDERS = "anders", _("anders")


class Betrokkenheid(models.Model):
    """Another professional or team involved in the case, with a role."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="betrokkenen")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="betrokkenheden",
                             verbose_name=_("professional"))
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("team"))
    rol = models.CharField(_("rol"), max_length=20, choices=BetrokkenRol.choices)
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)
    begin = models.DateTimeField(_("begin"), default=timezone.now)
    einde = models.DateTimeField(_("einde"), null=True, blank=True)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, related_name="+")

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenen")
        ordering = ["begin", "id"]

    def __str__(self) -> str:
        return f"{self.user or self.team} – {self.get_rol_display()}"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.begin <= now and (self.einde is None or self.einde > now)


class Zichtbaarheid(models.TextChoices):
    INWONER = "inwoner", _("gedeeld met de inwoner")
    PROFESSIONALS = "professionals", _("alleen voor professionals")


class ContactSoort(models.TextChoices):
    TELEFOON = "telefoon", _("telefoongesprek")
    HUISBEZOEK = "huisbezoek", _("huisbezoek")
    KEUKENTAFEL = "keukentafel", _("keukentafelgesprek")
    VIDEO = "video", _("videogesprek")
    BALIE = "balie", _("gesprek op kantoor of inloop")
    EMAIL = "email", _("e-mail of bericht")


class Contactmoment(models.Model):
    """A conversation with the household, recorded on the timeline."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="contactmomenten")
    soort = models.CharField(_("soort contact"), max_length=12, choices=ContactSoort.choices)
    tijdstip = models.DateTimeField(_("wanneer"))
    met_wie = models.CharField(_("met wie"), max_length=200, blank=True)
    verslag = models.TextField(_("verslag"))
    zichtbaarheid = models.CharField(_("zichtbaar voor"), max_length=14,
                                     choices=Zichtbaarheid.choices,
                                     default=Zichtbaarheid.PROFESSIONALS)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.tijdstip:%Y-%m-%d}"


class Notitie(models.Model):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="notities")
    tekst = models.TextField(_("notitie"))
    zichtbaarheid = models.CharField(_("zichtbaar voor"), max_length=14,
                                     choices=Zichtbaarheid.choices,
                                     default=Zichtbaarheid.PROFESSIONALS)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("geschreven door"))
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.casus} {self.created_at:%Y-%m-%d}"


class OverdrachtStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("voorgesteld")
    GEACCEPTEERD = "geaccepteerd", _("geaccepteerd")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Overdracht(models.Model):
    """A proposed handover to a new regiehouder with a structured note. Until the receiver
    accepts, the current regiehouder stays."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="overdrachten")
    van = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                            related_name="+", verbose_name=_("van"))
    naar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="overdrachten_ontvangen", verbose_name=_("naar"))
    naar_team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("team van de ontvanger"))
    situatie = models.TextField(_("de situatie nu"))
    geprobeerd = models.TextField(_("wat is al geprobeerd"))
    afspraken = models.TextField(_("lopende afspraken"))
    risicos = models.TextField(_("risico's en aandachtspunten"))
    volgende_stappen = models.TextField(_("volgende stappen"))
    status = models.CharField(_("status"), max_length=12, choices=OverdrachtStatus.choices,
                              default=OverdrachtStatus.VOORGESTELD)
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    reden_afwijzing = models.TextField(_("reden van afwijzen"), blank=True)
    door_teamleider = models.BooleanField(_("toegewezen door de teamleider"), default=False)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-voorgesteld_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["casus"], condition=Q(status="voorgesteld"),
                                    name="casus_een_open_overdracht"),
        ]

    def __str__(self) -> str:
        return f"{self.casus}: {self.van} → {self.naar}"


class CasusGebeurtenis(models.Model):
    """Status changes, escalation phase, closing/reopening, people involved, linked requests
    and household changes: the case's own history."""

    class Soort(models.TextChoices):
        STATUS = "status", _("status veranderd")
        AVE = "ave", _("AVE-fase veranderd")
        GESLOTEN = "gesloten", _("afgesloten")
        HEROPEND = "heropend", _("heropend")
        BETROKKEN = "betrokken", _("betrokkene toegevoegd")
        BETROKKEN_EINDE = "betrokken_einde", _("betrokkene gestopt")
        GEKOPPELD = "gekoppeld", _("aanvraag gekoppeld")
        LID_ERBIJ = "lid_erbij", _("lid van het huishouden erbij")
        LID_WEG = "lid_weg", _("lid van het huishouden weg")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("wat"), max_length=16, choices=Soort.choices)
    van = models.CharField(_("van"), max_length=40, blank=True)
    naar = models.CharField(_("naar"), max_length=40, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", null=True)
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("gebeurtenis van een casus")
        verbose_name_plural = _("gebeurtenissen van casussen")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.casus} {self.soort} {self.tijdstip:%Y-%m-%d}"


class CasusUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Casus, on_delete=models.CASCADE)
    grond = models.CharField(_("grondslag"), max_length=40)
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("toegang van een medewerker tot een casus")
        verbose_name_plural = _("toegang van medewerkers tot casussen")


class CasusGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Casus, on_delete=models.CASCADE)
    grond = models.CharField(_("grondslag"), max_length=40)
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("toegang van een team tot een casus")
        verbose_name_plural = _("toegang van teams tot casussen")


class WerkvoorraadFilter(models.Model):
    """The professional's last queue filters, so the queue opens the way they left it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="werkvoorraad_filter")
    filters = models.JSONField(_("filters"), default=dict)
    updated_at = models.DateTimeField(_("bewaard op"), auto_now=True)

    class Meta:
        verbose_name = _("filter van de werkvoorraad")
        verbose_name_plural = _("filters van de werkvoorraad")

    def __str__(self) -> str:
        return f"{self.user}"
