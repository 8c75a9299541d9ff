"""Consent: the versioned purpose texts, the consents and their history."""


from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.audit.models import Grond  # noqa: F401  (re-exported for the intake layer)
from toegang.core.domein import Wet

from .intake import Intake


class ScopeDeel(models.TextChoices):
    """Which parts of the record a consent shares."""

    AANVRAAG = "aanvraag", _("uw aanvraag en aanvullingen")
    BIJLAGEN = "bijlagen", _("de bestanden die u heeft meegestuurd")
    PLAN = "plan", _("uw plan en de afspraken")


class ToestemmingDoel(models.Model):
    """A versioned, plain-language purpose. The version a resident saw is kept with the
    consent; a new text is a new version, never an edit of an old one."""

    code = models.SlugField(_("code"), max_length=50)
    versie = models.PositiveSmallIntegerField(_("versie"))
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    vraag = models.CharField(_("vraag aan de inwoner"), max_length=300)
    uitleg = models.TextField(_("wat, waarom, met wie, hoe lang"))
    vraag_en = models.CharField(_("vraag (Engels)"), max_length=300, blank=True)
    uitleg_en = models.TextField(_("uitleg (Engels)"), blank=True)
    scope = models.JSONField(_("wat wordt gedeeld"), default=list)
    looptijd_dagen = models.PositiveSmallIntegerField(_("geldig (dagen)"), default=365)
    actief = models.BooleanField(_("actuele versie"), default=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("doel van toestemming")
        verbose_name_plural = _("doelen van toestemming")
        ordering = ["wet", "code", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["code", "versie"], name="doel_versie_uniek"),
            models.UniqueConstraint(fields=["code"], condition=models.Q(actief=True),
                                    name="doel_een_actieve_versie"),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.versie}"

    def vraag_in(self, taal: str) -> str:
        return self.vraag_en if taal == "en" and self.vraag_en else self.vraag

    def uitleg_in(self, taal: str) -> str:
        return self.uitleg_en if taal == "en" and self.uitleg_en else self.uitleg


class ToestemmingStatus(models.TextChoices):
    GEVRAAGD = "gevraagd", _("gevraagd")
    GEGEVEN = "gegeven", _("gegeven")
    GEWEIGERD = "geweigerd", _("niet gegeven")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    VERLOPEN = "verlopen", _("verlopen")


class ToestemmingWijze(models.TextChoices):
    """How the resident gave their answer: online themselves, or aloud to a professional who
    read out the purpose text and recorded the answer."""

    ONLINE = "online", _("online")
    TELEFONISCH = "telefonisch", _("telefonisch")
    PERSOONLIJK = "persoonlijk", _("persoonlijk")


class Toestemming(models.Model):
    """Consent: resident → purpose (doel, versioned) → the teams of one wet."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="toestemmingen")
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    doel = models.ForeignKey(ToestemmingDoel, on_delete=models.PROTECT,
                             related_name="toestemmingen", verbose_name=_("doel (versie)"))
    scope = models.JSONField(_("wat wordt gedeeld"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=ToestemmingStatus.choices,
                              default=ToestemmingStatus.GEVRAAGD)
    gegeven_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("vastgelegd door"))
    wijze = models.CharField(_("gegeven"), max_length=12, choices=ToestemmingWijze.choices,
                             default=ToestemmingWijze.ONLINE)
    # The professional who read out the text and recorded an answer given aloud.
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+",
                                        verbose_name=_("mondeling vastgelegd door"))
    kind_akkoord = models.BooleanField(_("akkoord van de jongere"), default=False)
    ouder_akkoord = models.BooleanField(_("akkoord van een ouder"), default=False)
    ouder_naam = models.CharField(_("naam van de ouder"), max_length=200, blank=True)
    given_at = models.DateTimeField(_("gegeven op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["wet", "-created_at"]
        constraints = [
            # At most one live consent per intake and wet: renewing extends that one.
            models.UniqueConstraint(fields=["intake", "wet"],
                                    condition=models.Q(status__in=["gevraagd", "gegeven"]),
                                    name="toestemming_een_lopende_per_wet"),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="toestemming_verloop_idx")]

    def __str__(self) -> str:
        return f"{self.intake} {self.wet} {self.status}"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return (self.status == ToestemmingStatus.GEGEVEN and self.withdrawn_at is None
                and (self.expires_at is None or self.expires_at > now))


class ToestemmingGebeurtenis(models.Model):
    """Immutable history of a consent (append-only; PostgreSQL rejects changes)."""

    class Soort(models.TextChoices):
        GEVRAAGD = "gevraagd", _("gevraagd")
        GEGEVEN = "gegeven", _("gegeven")
        GEWEIGERD = "geweigerd", _("niet gegeven")
        VERNIEUWD = "vernieuwd", _("verlengd")
        INGETROKKEN = "ingetrokken", _("ingetrokken")
        VERLOPEN = "verlopen", _("verlopen")

    toestemming = models.ForeignKey(Toestemming, on_delete=models.CASCADE,
                                    related_name="gebeurtenissen")
    soort = models.CharField(_("wat"), max_length=12, choices=Soort.choices)
    doel_versie = models.PositiveSmallIntegerField(_("versie van het doel"))
    # PROTECT: the history is append-only, so an account in it is deactivated, never deleted.
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis van een toestemming")
        verbose_name_plural = _("geschiedenis van toestemmingen")
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.toestemming_id} {self.soort} {self.tijdstip:%Y-%m-%d}"
