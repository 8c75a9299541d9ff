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
