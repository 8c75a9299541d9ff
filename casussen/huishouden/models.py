"""One household, one plan, one regiehouder: the people who live together over time, the
requests linked to the household's casus, and decisions to keep a request apart."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Casus


class LidRol(models.TextChoices):
    AANVRAGER = "aanvrager", _("aanvrager")
    PARTNER = "partner", _("partner")
    KIND = "kind", _("kind")
    OUDER = "ouder", _("ouder")
    ANDERS = "anders", _("ander lid van het huishouden")


class Huishouden(models.Model):
    """The people who live together, whose questions one casus (one regiehouder, one plan)
    covers once the team decides so."""

    casus = models.OneToOneField(Casus, on_delete=models.CASCADE, related_name="huishouden")
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return f"huishouden {self.casus}"


class HuishoudenLid(models.Model):
    """A member over time: from `begin` until `einde` (moved out), with their own request
    when they asked for help themselves."""

    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="leden")
    naam = models.CharField(_("naam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    geboortejaar = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    rol = models.CharField(_("rol"), max_length=12, choices=LidRol.choices)
    intake = models.ForeignKey("intake.Intake", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+",
                               verbose_name=_("eigen aanvraag"))
    begin = models.DateField(_("lid vanaf"), default=timezone.localdate)
    einde = models.DateField(_("lid tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("lid van een huishouden")
        verbose_name_plural = _("leden van huishoudens")
        ordering = ["begin", "id"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_rol_display()})"

    @property
    def is_actief(self) -> bool:
        return self.einde is None or self.einde > timezone.localdate()


class KoppelRol(models.TextChoices):
    ZELFDE_PERSOON = "zelfde_persoon", _("dezelfde inwoner, een nieuwe vraag")
    PARTNER = "partner", _("partner")
    KIND = "kind", _("kind")
    OUDER = "ouder", _("ouder")
    ANDERS = "anders", _("ander lid van het huishouden")


class GekoppeldeAanvraag(models.Model):
    """A later request of the same resident, or of a household member, handled in an existing
    casus instead of a casus of its own: it lands on that casus' timeline and its
    regiehouder holds its clocks."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE,
                              related_name="gekoppelde_aanvragen")
    intake = models.OneToOneField("intake.Intake", on_delete=models.CASCADE,
                                  related_name="koppeling")
    rol = models.CharField(_("wie"), max_length=16, choices=KoppelRol.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("gekoppeld door"))
    created_at = models.DateTimeField(_("gekoppeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("gekoppelde aanvraag")
        verbose_name_plural = _("gekoppelde aanvragen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.intake_id} → {self.casus_id}"


class Apartgehouden(models.Model):
    """A professional decided a found request is not the same person or household (or should
    stay apart anyway), with a reason; it is not offered again for this request."""

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="+")
    kandidaat = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="+")
    reden = models.TextField(_("reden"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    created_at = models.DateTimeField(_("besloten op"), default=timezone.now)

    class Meta:
        verbose_name = _("apart gehouden aanvraag")
        verbose_name_plural = _("apart gehouden aanvragen")
        constraints = [models.UniqueConstraint(fields=["intake", "kandidaat"],
                                               name="apart_een_keer"),
                       models.CheckConstraint(condition=~Q(intake=models.F("kandidaat")),
                                              name="apart_niet_zichzelf")]

    def __str__(self) -> str:
        return f"{self.intake_id} ≠ {self.kandidaat_id}"
