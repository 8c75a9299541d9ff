"""Toewijzingen and the iWmo/iJw messages that carry them.

A natura line of a decision taken becomes a `Toewijzing` (its pk is the ToewijzingNummer) and
a 301 in the outbox (`Bericht`, richting uit) in the same transaction. Every message received
is stored (`Bericht`, richting in, its XML encrypted) before it is acted on; acting is a
separate step that runs once (status ontvangen → verwerkt). A provider's verzoek om toewijzing
(315) or om wijziging (317) becomes a `Verzoek` in the responsible team's work with a clock.
Files that cannot be read at all are recorded in `Quarantaine`, never dropped.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.catalogus.models import Eenheid, Frequentie
from toegang.core.domein import Wet

from ..models import Casus


class Richting(models.TextChoices):
    UIT = "uit", _("verstuurd door de gemeente")
    IN = "in", _("ontvangen van een zorgaanbieder")


class BerichtStatus(models.TextChoices):
    # Outgoing
    TE_VERSTUREN = "te_versturen", _("wacht op verzending")
    VERSTUURD = "verstuurd", _("verstuurd")
    RETOUR_OK = "retour_ok", _("retour ontvangen: goedgekeurd")
    RETOUR_FOUT = "retour_fout", _("retour ontvangen: afgekeurd, moet worden hersteld")
    MISLUKT = "mislukt", _("verzenden mislukt")
    # Incoming
    ONTVANGEN = "ontvangen", _("ontvangen, nog niet verwerkt")
    VERWERKT = "verwerkt", _("verwerkt")
    AFGEKEURD = "afgekeurd", _("verwerkt met fouten (retour met foutcodes)")


OPEN_UIT = (BerichtStatus.TE_VERSTUREN, BerichtStatus.VERSTUURD)


class Bericht(models.Model):
    """One iWmo/iJw message, sent or received. Received messages are unique on sender and
    BerichtIdentificatie (identificatie + dagtekening): the same message twice is stored and
    acted on once."""

    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices)
    standaard = models.CharField(_("standaard"), max_length=4,
                                 choices=[("iwmo", "iWmo"), ("ijw", "iJw")])
    code = models.CharField(_("bericht"), max_length=3, help_text=_("301, 302, 305 …"))
    identificatie = models.CharField(_("identificatie"), max_length=12)
    dagtekening = models.DateField(_("dagtekening"))
    afzender = models.CharField(_("afzender"), max_length=8)
    ontvanger = models.CharField(_("ontvanger"), max_length=8)
    # The provider's AGB code, whichever way the message went (the key of a received message).
    agb = models.CharField(_("AGB-code van de zorgaanbieder"), max_length=8)
    aanbieder = models.ForeignKey("catalogus.Zorgaanbieder", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="berichten",
                                  verbose_name=_("zorgaanbieder"))
    casus = models.ForeignKey(Casus, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="berichten")
    bsn_hash = models.CharField(_("BSN-zoeksleutel"), max_length=64, blank=True, db_index=True)
    toewijzingnummers = models.CharField(_("toewijzingnummers"), max_length=200, blank=True,
                                         help_text=_("Gescheiden door spaties."))
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=120)
    inhoud = models.TextField(_("inhoud (versleuteld)"))
    inhoud_hash = models.CharField(_("controlegetal van de inhoud"), max_length=64)
    status = models.CharField(_("status"), max_length=14, choices=BerichtStatus.choices)
    # The heen message this retour answers (302 → our 301, our 306 → their 305 …).
    retour_op = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="retouren", verbose_name=_("retour op"))
    retourcodes = models.CharField(_("retourcodes"), max_length=200, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    # A heen message must have its retour within 3 working days (both directions).
    retour_uiterlijk = models.DateField(_("retour uiterlijk"), null=True, blank=True)
    retour_klaar_op = models.DateTimeField(_("retour verstuurd of ontvangen op"), null=True,
                                           blank=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["richting", "agb", "identificatie", "dagtekening"],
                                    name="bericht_identificatie_uniek"),
        ]
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"], name="bericht_status_idx"),
            models.Index(fields=["casus", "created_at"], name="bericht_casus_idx"),
            models.Index(fields=["created_at"], name="bericht_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.standaard.upper()} {self.code} {self.identificatie}"

    @property
    def is_uit(self) -> bool:
        return self.richting == Richting.UIT

    @property
    def is_te_laat(self) -> bool:
        """A heen message whose retour has not come (or gone) within the 3 working days."""
        return (self.retour_uiterlijk is not None and self.retour_klaar_op is None
                and self.retour_uiterlijk < timezone.localdate())


class ToewijzingStatus(models.TextChoices):
    ACTUEEL = "actueel", _("actueel")
    GEWIJZIGD = "gewijzigd", _("gewijzigd (einddatum aangepast)")
    VERWIJDERD = "verwijderd", _("verwijderd (ten onrechte verstuurd)")


class Toewijzing(models.Model):
    """The assignment of one granted natura product to one provider. Its pk is the
    ToewijzingNummer; a change that is not only the end date gives a new toewijzing."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="toewijzingen")
    toekenning = models.ForeignKey("casussen.Toekenning", on_delete=models.PROTECT,
                                   related_name="toewijzingen")
    aanbieder = models.ForeignKey("catalogus.Zorgaanbieder", on_delete=models.PROTECT,
                                  related_name="toewijzingen", verbose_name=_("zorgaanbieder"))
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT,
                                related_name="toewijzingen", verbose_name=_("product"))
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    volume = models.PositiveIntegerField(_("omvang"), null=True, blank=True)
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices)
    budget = models.PositiveIntegerField(_("budget (eurocent)"), null=True, blank=True)
    reden_wijziging = models.CharField(_("reden wijziging"), max_length=2, blank=True)
    referentie_aanbieder = models.CharField(_("referentie van de aanbieder"), max_length=36,
                                            blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ToewijzingStatus.choices,
                              default=ToewijzingStatus.ACTUEEL)
    vervangt = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="vervangen_door")
    begonnen_op = models.DateField(_("zorg gestart op"), null=True, blank=True)
    gestopt_op = models.DateField(_("zorg gestopt op"), null=True, blank=True)
    reden_beeindiging = models.CharField(_("reden beëindiging"), max_length=2, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd"), default=timezone.now)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["-ingangsdatum", "-id"]
        indexes = [models.Index(fields=["casus", "status"], name="toewijzing_casus_idx")]

    def __str__(self) -> str:
        return f"toewijzing {self.pk}"

    @property
    def nummer(self) -> int:
        return self.pk


class VerzoekSoort(models.TextChoices):
    TOEWIJZING = "315", _("verzoek om toewijzing")
    WIJZIGING = "317", _("verzoek om wijziging")


class VerzoekStatus(models.TextChoices):
    OPEN = "open", _("wacht op antwoord")
    IN_ONDERZOEK = "in_onderzoek", _("in onderzoek")
    TOEWIJZEN = "toewijzen", _("besluit in de maak")
    TOEGEWEZEN = "toegewezen", _("toegewezen")
    AFGEWEZEN = "afgewezen", _("afgewezen")


OPEN_VERZOEKEN = (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK, VerzoekStatus.TOEWIJZEN)


class Verzoek(models.Model):
    """A provider asks the municipality to assign (315) or change (317) care; a professional
    of the responsible team answers with a decision (then a 301) or a refusal (319)."""

    bericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="verzoeken")
    soort = models.CharField(_("soort"), max_length=3, choices=VerzoekSoort.choices)
    aanbieder = models.ForeignKey("catalogus.Zorgaanbieder", on_delete=models.PROTECT,
                                  related_name="verzoeken", verbose_name=_("zorgaanbieder"))
    intake = models.ForeignKey("intake.Intake", on_delete=models.PROTECT,
                               related_name="verzoeken_van_aanbieders")
    casus = models.ForeignKey(Casus, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="verzoeken")
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, related_name="+")
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    referentie_aanbieder = models.CharField(_("referentie van de aanbieder"), max_length=36)
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("product"))
    productcode = models.CharField(_("gevraagd product"), max_length=8, blank=True)
    ingangsdatum = models.DateField(_("gewenste ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("gewenste einddatum"), null=True, blank=True)
    volume = models.PositiveIntegerField(_("omvang"), null=True, blank=True)
    eenheid = models.CharField(_("eenheid"), max_length=2, blank=True)
    frequentie = models.CharField(_("frequentie"), max_length=1, blank=True)
    budget = models.PositiveIntegerField(_("budget (eurocent)"), null=True, blank=True)
    verwijzer = models.CharField(_("verwijzer"), max_length=200, blank=True)
    toelichting = models.TextField(_("toelichting van de aanbieder"), blank=True)
    # For a 317: the toewijzingen the provider wants changed, as it sent them.
    wijzigingen = models.JSONField(_("gevraagde wijzigingen"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=VerzoekStatus.choices,
                              default=VerzoekStatus.OPEN)
    termijn = models.ForeignKey("regie.Termijn", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    beschikking = models.ForeignKey("casussen.Beschikking", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="verzoeken")
    antwoord = models.ForeignKey(Bericht, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("antwoordbericht"))
    reden_afwijzing = models.CharField(_("reden van afwijzing"), max_length=2, blank=True)
    toelichting_antwoord = models.TextField(_("toelichting bij het antwoord"), blank=True)
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="+")
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)

    class Meta:
        verbose_name = _("verzoek van een zorgaanbieder")
        verbose_name_plural = _("verzoeken van zorgaanbieders")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["team", "status"], name="verzoek_team_idx")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.referentie_aanbieder}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_VERZOEKEN


class Quarantaine(models.Model):
    """A received file that could not be stored as a message (unreadable, not a message of
    ours, too large, a different message under an identificatie already used). The file
    itself is in the transport's quarantine folder; this row tells the functioneel beheerder
    why."""

    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    reden = models.TextField(_("reden"))
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    opgelost_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    opgelost_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("bestand in quarantaine")
        verbose_name_plural = _("bestanden in quarantaine")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.bestandsnaam
