"""The single record: the Intake, its life areas, household, additions and files."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from toegang.audit.models import Grond  # noqa: F401  (re-exported for the intake layer)
from toegang.core.bsn import bsn_decrypt, bsn_mask
from toegang.core.domein import Levensgebied


class Kanaal(models.TextChoices):
    """How the request reached us. Staff file the last four on the resident's behalf."""

    ONLINE = "online", _("online")
    TELEFOON = "telefoon", _("telefoon")
    BALIE = "balie", _("inloopspreekuur of balie")
    HUISBEZOEK = "huisbezoek", _("huisbezoek")
    VERWIJZING = "verwijzing", _("verwijzing")


STAFF_KANALEN = (Kanaal.TELEFOON, Kanaal.BALIE, Kanaal.HUISBEZOEK, Kanaal.VERWIJZING)


class Urgentie(models.TextChoices):
    NORMAAL = "normaal", _("normaal")
    URGENT = "urgent", _("urgent")


class ContactVoorkeur(models.TextChoices):
    TELEFOON = "telefoon", _("bellen")
    EMAIL = "email", _("e-mail")
    BRIEF = "brief", _("brief")


class Veiligheid(models.TextChoices):
    VEILIG = "veilig", _("Ja, iedereen is veilig")
    ZORGEN = "zorgen", _("Ik maak me zorgen over de veiligheid")
    ONVEILIG = "onveilig", _("Nee, iemand is nu niet veilig")
    ZEG_LIEVER_NIET = "zeg_liever_niet", _("Dat zeg ik liever niet")


class IntakeStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("ontvangen")
    OPGEPAKT = "opgepakt", _("in behandeling")
    AFGEROND = "afgerond", _("afgerond")


class Afsluitreden(models.TextChoices):
    """Why an intake was closed without a casus."""

    DUPLICAAT = "duplicaat", _("dubbele aanvraag")
    GEEN_HULPVRAAG = "geen_hulpvraag", _("geen hulpvraag")


class IntakeQuerySet(models.QuerySet["Intake"]):
    def open(self) -> "IntakeQuerySet":
        return self.exclude(status=IntakeStatus.AFGEROND)


class Intake(models.Model):
    """Stored once; every team with access reads this same row (never a copy per wet)."""

    referentie = models.CharField(_("referentie"), max_length=20, unique=True)
    inwoner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="intakes",
                                verbose_name=_("account van de inwoner"))
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices,
                              default=Kanaal.ONLINE)
    ingevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+",
                                       verbose_name=_("ingevoerd door medewerker"))
    indien_sleutel = models.UUIDField(_("indiensleutel"), unique=True, null=True, blank=True,
                                      help_text=_("Maakt indienen idempotent."))

    # Aanvrager
    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    geboortedatum = models.DateField(_("geboortedatum"))
    # The surname as a key for finding the same person again (toegang.core.namen).
    zoeknaam = models.CharField(_("zoeknaam"), max_length=150, blank=True, editable=False)
    bsn_versleuteld = models.TextField(_("BSN (versleuteld)"), blank=True)
    bsn_hash = models.CharField(_("BSN-zoeksleutel"), max_length=64, blank=True, db_index=True)
    straat = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    geen_vast_adres = models.BooleanField(_("geen vast adres"), default=False)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    contact_voorkeur = models.CharField(_("contact bij voorkeur via"), max_length=10,
                                        choices=ContactVoorkeur.choices,
                                        default=ContactVoorkeur.TELEFOON)
    contact_tijden = models.CharField(_("beste tijden om contact op te nemen"), max_length=200,
                                      blank=True)

    # The question
    vraag = models.TextField(_("vraag in eigen woorden"))
    over_kind = models.BooleanField(_("vraag gaat (ook) over een kind"), default=False)
    wat_gaat_goed = models.TextField(_("wat gaat goed"), blank=True)
    wie_helpt = models.TextField(_("wie helpt al"), blank=True)
    wens = models.TextField(_("wat zou u graag willen"), blank=True)
    urgentie = models.CharField(_("urgentie"), max_length=10, choices=Urgentie.choices,
                                default=Urgentie.NORMAAL, db_index=True)
    veiligheid = models.CharField(_("is iedereen veilig"), max_length=20,
                                  choices=Veiligheid.choices, blank=True)
    veiligheid_toelichting = models.TextField(_("toelichting veiligheid"), blank=True)

    # Routing
    wijk = models.ForeignKey("organisatie.Wijk", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="intakes", verbose_name=_("wijk"))
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT,
                             related_name="intakes", verbose_name=_("team (voordeur)"))
    routing_regel = models.ForeignKey("organisatie.RoutingRegel", on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+",
                                      verbose_name=_("routeringsregel"))

    status = models.CharField(_("status"), max_length=12, choices=IntakeStatus.choices,
                              default=IntakeStatus.INGEDIEND)
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    # Closed without a casus: a duplicate of another request, or no help question.
    afsluitreden = models.CharField(_("gesloten omdat"), max_length=20,
                                    choices=Afsluitreden.choices, blank=True)
    afsluittoelichting = models.TextField(_("toelichting bij het sluiten"), blank=True)
    duplicaat_van = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="duplicaten",
                                      verbose_name=_("dubbel van aanvraag"))
    # Set by the retention job (toegang/bewaren) when the personal data was removed.
    geanonimiseerd_op = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-ingediend_op", "-id"]
        permissions = [
            ("aanvullen_intake", _("Informatie toevoegen aan een intake")),
            ("export_intake", _("Een intake exporteren")),
            ("view_bijlagen_intake", _("Bijlagen van een intake bekijken")),
        ]
        indexes = [
            models.Index(fields=["team", "status", "-ingediend_op"], name="intake_team_queue_idx"),
            models.Index(fields=["wijk", "ingediend_op"], name="intake_wijk_idx"),
            models.Index(fields=["inwoner", "-ingediend_op"], name="intake_inwoner_idx"),
            # Finding the same person again: by date of birth, and by surname and postcode.
            models.Index(fields=["geboortedatum"], name="intake_geboortedatum_idx"),
            models.Index(fields=["zoeknaam", "postcode"], name="intake_zoeknaam_idx"),
            models.Index(fields=["postcode"], name="intake_postcode_idx"),
        ]

    def __str__(self) -> str:
        return self.referentie

    def get_absolute_url(self) -> str:
        return reverse("intake:werk_detail", args=[self.pk])

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()

    @cached_property
    def bsn_gemaskeerd(self) -> str:
        return bsn_mask(bsn_decrypt(self.bsn_versleuteld)) if self.bsn_versleuteld else ""


class Referentieteller(models.Model):
    """The last reference number used per year; locked while a new one is taken."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("referentieteller")
        verbose_name_plural = _("referentietellers")

    def __str__(self) -> str:
        return f"{self.jaar}: {self.laatste}"


class IntakeLevensgebied(models.Model):
    """A life area the question touches (a row each, so counts per area stay plain SQL)."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="levensgebieden")
    levensgebied = models.CharField(_("levensgebied"), max_length=40,
                                    choices=Levensgebied.choices)

    class Meta:
        verbose_name = _("levensgebied van een intake")
        verbose_name_plural = _("levensgebieden van intakes")
        constraints = [models.UniqueConstraint(fields=["intake", "levensgebied"],
                                               name="intake_levensgebied_uniek")]

    def __str__(self) -> str:
        return self.get_levensgebied_display()


class Relatie(models.TextChoices):
    PARTNER = "partner", _("partner")
    KIND = "kind", _("kind")
    OUDER = "ouder", _("ouder")
    HUISGENOOT = "huisgenoot", _("huisgenoot")
    ANDERS = "anders", _("anders")


class Huishoudlid(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="huishoudleden")
    relatie = models.CharField(_("relatie"), max_length=12, choices=Relatie.choices)
    naam = models.CharField(_("voornaam"), max_length=100)
    geboortejaar = models.PositiveSmallIntegerField(_("geboortejaar"))
    vraag_gaat_over = models.BooleanField(_("de vraag gaat (ook) over deze persoon"),
                                          default=False)

    class Meta:
        verbose_name = _("huishoudlid")
        verbose_name_plural = _("huishoudleden")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_relatie_display()}, {self.geboortejaar})"


class Aanvulling(models.Model):
    """Information added later. Appended with a timestamp; the intake itself never changes."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="aanvullingen")
    tekst = models.TextField(_("aanvulling"))
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, related_name="+",
                                        verbose_name=_("toegevoegd door"))
    namens_inwoner = models.BooleanField(
        _("door een medewerker namens de inwoner"), default=False)
    created_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanvulling")
        verbose_name_plural = _("aanvullingen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.intake} {self.created_at:%Y-%m-%d %H:%M}"


def private_storage() -> FileSystemStorage:
    """Residents' files, outside the web root and never served from a URL. A callable, so
    the location comes from the settings at run time and not from a migration."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def _bijlage_pad(instance: "Bijlage", filename: str) -> str:
    # A random name: the resident's file name is kept only in the database.
    return f"bijlagen/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Bijlage(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="bijlagen")
    aanvulling = models.ForeignKey(Aanvulling, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="bijlagen")
    bestand = models.FileField(_("bestand"), upload_to=_bijlage_pad, storage=private_storage,
                               max_length=200)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("controlegetal"), max_length=64)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, related_name="+")
    created_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.naam


class IntakeGebeurtenis(models.Model):
    """What happened to an intake before or instead of a casus: forwarded to another team,
    closed as a duplicate or as no help question. Append-only history."""

    class Soort(models.TextChoices):
        DOORGESTUURD = "doorgestuurd", _("doorgestuurd naar een ander team")
        DUPLICAAT = "duplicaat", _("gesloten als dubbele aanvraag")
        GEEN_HULPVRAAG = "geen_hulpvraag", _("gesloten: geen hulpvraag")

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("wat"), max_length=20, choices=Soort.choices)
    van_team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("van team"))
    naar_team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name=_("naar team"))
    reden = models.TextField(_("reden"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("door"))
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("gebeurtenis van een intake")
        verbose_name_plural = _("gebeurtenissen van intakes")
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.intake_id} {self.soort}"
