"""Who may call the API (clients, their keys) and what they are told (subscriptions, the
webhook outbox).

A client acts as one account (`account`): the API never opens more than that account's
gate shows, and its scopes narrow it further. Keys are stored hashed (the hashing and the
constant-time check are djangorestframework-api-key's); the key itself is shown once.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a client may do. A call needs the scope of its resource."""

    VERWIJZINGEN_SCHRIJVEN = "verwijzingen:schrijven", _("verwijzingen sturen en volgen")
    BESLUITEN_LEZEN = "besluiten:lezen", _("besluiten en toewijzingen lezen")
    STUURINFORMATIE_LEZEN = "stuurinformatie:lezen", _("stuurinformatie lezen")
    CATALOGUS_LEZEN = "catalogus:lezen", _("producten en zorgaanbieders lezen")


class Gebeurtenis(models.TextChoices):
    """What a client can subscribe to."""

    VERWIJZING_STATUS = "verwijzing.status", _("status van een verwijzing gewijzigd")
    BESLUIT_GENOMEN = "besluit.genomen", _("besluit genomen")


# Which scope a subscription to an event needs (a client hears only what it may read).
SCOPE_VAN_GEBEURTENIS = {
    Gebeurtenis.VERWIJZING_STATUS: Scope.VERWIJZINGEN_SCHRIJVEN,
    Gebeurtenis.BESLUIT_GENOMEN: Scope.BESLUITEN_LEZEN,
}


class ApiClient(models.Model):
    naam = models.CharField(_("naam"), max_length=100)
    organisatie = models.CharField(_("organisatie"), max_length=150)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_clients",
        verbose_name=_("handelt als account"),
        help_text=_("De client ziet nooit meer dan dit account mag zien. Voor verwijzingen: "
                    "het account van de verwijzer."))
    scopes = models.JSONField(_("rechten (scopes)"), default=list, blank=True)
    per_minuut = models.PositiveIntegerField(
        _("maximaal aantal verzoeken per minuut"), default=120,
        help_text=_("Daarboven krijgt de client een 429-antwoord."))
    actief = models.BooleanField(_("actief"), default=True,
                                 help_text=_("Uitzetten stopt alle sleutels meteen."))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")
        ordering = ["naam", "id"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"

    def mag(self, scope: str) -> bool:
        return self.actief and scope in self.scopes


class ApiSleutel(models.Model):
    """One key of a client: the first characters (to find it) and the hash of the whole key.
    Rotating makes a new key and revokes the old ones in the same transaction."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="sleutels")
    prefix = models.CharField(_("begin van de sleutel"), max_length=16, unique=True)
    hashed_key = models.CharField(_("hash van de sleutel"), max_length=150)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    verloopt_op = models.DateTimeField(_("verloopt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @property
    def bruikbaar(self) -> bool:
        nu = timezone.now()
        return self.ingetrokken_op is None and (self.verloopt_op is None or self.verloopt_op > nu)


class Abonnement(models.Model):
    """A client's subscription: where to send which events. The secret signs each message
    (HMAC-SHA256); it is stored encrypted and shown to the client once."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="abonnementen")
    url = models.URLField(_("adres (https)"), max_length=500)
    gebeurtenissen = models.JSONField(_("gebeurtenissen"), default=list)
    geheim = models.TextField(_("geheim (versleuteld)"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.client} → {self.url}"


class WebhookStatus(models.TextChoices):
    TE_VERSTUREN = "te_versturen", _("te versturen")
    VERSTUURD = "verstuurd", _("verstuurd")
    MISLUKT = "mislukt", _("mislukt")


class Webhookbericht(models.Model):
    """The outbox: one message per subscription and event, written in the transaction of the
    event and sent by Celery with retries. The body holds ids and states, never names."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE,
                                   related_name="berichten")
    gebeurtenis = models.CharField(_("gebeurtenis"), max_length=40,
                                   choices=Gebeurtenis.choices)
    inhoud = models.JSONField(_("inhoud"))
    status = models.CharField(_("status"), max_length=14, choices=WebhookStatus.choices,
                              default=WebhookStatus.TE_VERSTUREN)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging = models.DateTimeField(_("volgende poging"), default=timezone.now)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhookbericht")
        verbose_name_plural = _("webhookberichten")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "volgende_poging"],
                                name="webhook_wacht_idx")]

    def __str__(self) -> str:
        return f"{self.gebeurtenis} #{self.pk}"
