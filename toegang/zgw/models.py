"""The registration of aanvragen in a ZGW zaaksysteem: its configuration, one `ZgwZaak` per
aanvraag, and the outbox of steps (`ZgwStap`) that a Celery task sends to the Zaken, Catalogi,
Besluiten and Documenten APIs in order, each step idempotent (docs/zgw.md)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel

from toegang.core.bsn import bsn_is_valid, bsn_normalise


def rsin_validate(value: str) -> None:
    """An RSIN is 9 digits that pass the same elfproef as a BSN."""
    if value and (len(bsn_normalise(value)) != 9 or not bsn_is_valid(value)):
        raise ValidationError(_("Vul een RSIN van 9 cijfers in dat de elfproef doorstaat."))


class ZgwConfig(SingletonModel):
    """How this installation reaches its zaaksysteem. Inactive: nothing is queued."""

    actief = models.BooleanField(_("actief"), default=False, help_text=_(
        "Aan: elke nieuwe aanvraag wordt als zaak in het zaaksysteem vastgelegd."))
    zaken_api = models.URLField(_("Zaken API"), blank=True,
                                help_text=_("Bijvoorbeeld https://zaken.example.nl/zaken/api/v1"))
    catalogi_api = models.URLField(_("Catalogi API"), blank=True)
    besluiten_api = models.URLField(_("Besluiten API"), blank=True)
    documenten_api = models.URLField(_("Documenten API"), blank=True)
    client_id = models.CharField(_("client ID"), max_length=100, blank=True)
    # Fernet token (toegang.core.bsn.tekst_encrypt): the secret is never stored readable.
    secret_versleuteld = models.TextField(_("secret (versleuteld)"), blank=True)
    bronorganisatie = models.CharField(_("RSIN van de bronorganisatie"), max_length=9,
                                       blank=True, validators=[rsin_validate])
    verantwoordelijke_organisatie = models.CharField(
        _("RSIN van de verantwoordelijke organisatie"), max_length=9, blank=True,
        validators=[rsin_validate], help_text=_("Leeg: dezelfde als de bronorganisatie."))
    catalogus = models.URLField(_("catalogus"), max_length=1000, blank=True,
                                help_text=_("De URL van de catalogus in de Catalogi API."))
    zaaktype_jeugdwet = models.CharField(_("zaaktype Jeugdwet (identificatie)"), max_length=50,
                                         blank=True)
    zaaktype_wmo = models.CharField(_("zaaktype Wmo (identificatie)"), max_length=50,
                                    blank=True)
    zaaktype_participatiewet = models.CharField(
        _("zaaktype Participatiewet (identificatie)"), max_length=50, blank=True)
    # Catalogi API 1.3 gives besluittypen and informatieobjecttypen no identificatie: they are
    # found by their omschrijving within the catalogus.
    besluittype = models.CharField(_("besluittype (omschrijving)"), max_length=80, blank=True)
    informatieobjecttype = models.CharField(_("informatieobjecttype (omschrijving)"),
                                            max_length=80, blank=True)
    status_ontvangen = models.CharField(
        _("statustype bij een nieuwe aanvraag (omschrijving)"), max_length=80, blank=True,
        help_text=_("Leeg: deze status wordt niet gezet."))
    status_besluit = models.CharField(
        _("statustype als het besluit is genomen (omschrijving)"), max_length=80, blank=True,
        help_text=_("Leeg: deze status wordt niet gezet."))
    bestuursorgaan = models.CharField(_("bestuursorgaan"), max_length=50, blank=True,
                                      default="college van burgemeester en wethouders")

    class Meta:
        verbose_name = _("koppeling met het zaaksysteem (ZGW)")

    def __str__(self) -> str:
        return str(_("Koppeling met het zaaksysteem"))

    @property
    def rsin_verantwoordelijk(self) -> str:
        return self.verantwoordelijke_organisatie or self.bronorganisatie

    def zaaktype_voor(self, wet: str) -> str:
        """The zaaktype identificatie configured for a wet (Wet value), or ""."""
        return {"JEUGDWET": self.zaaktype_jeugdwet, "WMO": self.zaaktype_wmo,
                "PARTICIPATIEWET": self.zaaktype_participatiewet}.get(wet, "")


class ZgwZaak(models.Model):
    """The zaak of one aanvraag in the zaaksysteem, and what is known of it there."""

    aanvraag = models.OneToOneField("casussen.Aanvraag", on_delete=models.PROTECT,
                                    related_name="zgw_zaak", verbose_name=_("aanvraag"))
    casus = models.ForeignKey("casussen.Casus", on_delete=models.CASCADE,
                              related_name="zgw_zaken", verbose_name=_("casus"))
    # Chosen by Toegang when the aanvraag arrives: a retry searches for it before creating.
    identificatie = models.CharField(_("zaakidentificatie"), max_length=40, unique=True)
    zaak_url = models.URLField(_("zaak"), max_length=1000, blank=True)
    zaaktype_url = models.URLField(_("zaaktype"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("zaak in het zaaksysteem")
        verbose_name_plural = _("zaken in het zaaksysteem")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.identificatie


class StapSoort(models.TextChoices):
    ZAAK = "zaak", _("zaak aanmaken")
    ROL = "rol", _("inwoner als initiator")
    STATUS = "status", _("status")
    DOCUMENT = "document", _("besluitbrief (document)")
    BESLUIT = "besluit", _("besluit")
    OPSCHORTING = "opschorting", _("termijn opgeschort")
    HERVATTING = "hervatting", _("termijn loopt weer")
    VERLENGING = "verlenging", _("termijn verlengd")
    INTREKKING = "intrekking", _("besluit ingetrokken")


class StapStatus(models.TextChoices):
    WACHT = "wacht", _("wacht")
    KLAAR = "klaar", _("gedaan")
    MISLUKT = "mislukt", _("mislukt")


class ZgwStapQuerySet(models.QuerySet["ZgwStap"]):
    def open(self) -> "ZgwStapQuerySet":
        return self.filter(status=StapStatus.WACHT)


class ZgwStap(models.Model):
    """One call (or a few) to the zaaksysteem, written in the transaction that caused it and
    sent after it, in order per zaak. `gegevens` holds what the step needs besides the rows it
    names (a date, a reason); `fout` holds no personal data."""

    zaak = models.ForeignKey(ZgwZaak, on_delete=models.CASCADE, related_name="stappen")
    soort = models.CharField(_("stap"), max_length=12, choices=StapSoort.choices)
    # Our own key: a signal that fires twice (a retried transaction) queues the step once.
    sleutel = models.CharField(_("sleutel"), max_length=100, unique=True)
    beschikking = models.ForeignKey("casussen.Beschikking", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=StapStatus.choices,
                              default=StapStatus.WACHT)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    fout = models.CharField(_("laatste fout"), max_length=500, blank=True)
    resultaat_url = models.URLField(_("in het zaaksysteem"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("gedaan op"), null=True, blank=True)

    objects = ZgwStapQuerySet.as_manager()

    class Meta:
        verbose_name = _("stap naar het zaaksysteem")
        verbose_name_plural = _("stappen naar het zaaksysteem")
        ordering = ["zaak", "id"]
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"], name="zgwstap_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.zaak} {self.get_soort_display()}"
