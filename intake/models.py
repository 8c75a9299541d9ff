"""The single record of a resident's question, its consents and safety overrides."""

import uuid
from datetime import date, datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from toegang.audit.models import Grond  # noqa: F401  (re-exported for the intake layer)
from toegang.core.bsn import bsn_decrypt, bsn_mask
from toegang.core.domein import Levensgebied, Wet


class Kanaal(models.TextChoices):
    ONLINE = "online", _("online")
    TELEFOON = "telefoon", _("telefoon")
    BALIE = "balie", _("balie")
    HUISARTS = "huisarts", _("via de huisarts")


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

    def leeftijd_op(self, dag: date) -> int:
        born = self.geboortedatum
        return dag.year - born.year - ((dag.month, dag.day) < (born.month, born.day))


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


# --- Consent -----------------------------------------------------------------------------


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


# --- Safety override (Meldcode) -------------------------------------------------------------


class MeldcodeStap(models.IntegerChoices):
    SIGNALEN = 1, _("1. Signalen in kaart brengen")
    COLLEGIAAL = 2, _("2. Collegiale consultatie en Veilig Thuis raadplegen")
    GESPREK = 3, _("3. Gesprek met de betrokkene")
    WEGEN = 4, _("4. Wegen van het geweld")
    BESLISSEN = 5, _("5. Beslissen: hulp organiseren en/of melden")


class Beoordeling(models.TextChoices):
    OPEN = "open", _("nog te beoordelen")
    BEVESTIGD = "bevestigd", _("bevestigd")
    BEEINDIGD = "beeindigd", _("beëindigd")


class Veiligheidsmelding(models.Model):
    """A recorded safety concern that gives the needed teams time-limited access without
    consent. The teamleider reviews it; the resident sees it unless that is unsafe."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE,
                               related_name="veiligheidsmeldingen")
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("gemeld door"))
    reden = models.TextField(_("reden"))
    meldcode_stap = models.PositiveSmallIntegerField(_("stap in de Meldcode"),
                                                     choices=MeldcodeStap.choices)
    teams = models.ManyToManyField("organisatie.Team", related_name="+",
                                   verbose_name=_("teams die toegang krijgen"))
    begin = models.DateTimeField(_("begin"), default=timezone.now)
    einde = models.DateTimeField(_("einde van de toegang"))
    tonen_aan_inwoner = models.BooleanField(_("tonen aan de inwoner"), default=True)
    reden_niet_tonen = models.TextField(_("waarom niet tonen"), blank=True)
    beoordeling = models.CharField(_("beoordeling"), max_length=12, choices=Beoordeling.choices,
                                   default=Beoordeling.OPEN)
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeling_toelichting = models.TextField(_("toelichting bij de beoordeling"), blank=True)

    class Meta:
        verbose_name = _("veiligheidsmelding")
        verbose_name_plural = _("veiligheidsmeldingen")
        ordering = ["-begin", "-id"]
        indexes = [models.Index(fields=["intake", "einde"], name="veilig_intake_idx")]

    def __str__(self) -> str:
        return f"{self.intake} {self.begin:%Y-%m-%d}"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.beoordeling != Beoordeling.BEEINDIGD and self.begin <= now < self.einde


# --- Object permissions (django-guardian, direct foreign keys) --------------------------------


def werkvoorraad_volgorde(*, urgentie: str, ingediend_op: datetime) -> int:
    """The queue's sort key: urgent intakes first, newest first; then the others, longest
    waiting first. Ascending order of this number is that order (ties: by id)."""
    microseconds = int(ingediend_op.timestamp() * 1_000_000)
    return -microseconds if urgentie == Urgentie.URGENT else microseconds


class _IntakeGrant(models.Model):
    """What the permission rows of an intake have in common.

    `in_werkvoorraad` and `volgorde` copy two facts of the intake (still open; its place in
    the queue) onto its permission rows, so a professional's queue is read from one partial
    index on these rows instead of from every intake their teams ever saw. They only narrow
    and order lists; access itself is decided by the gate, which ignores them.
    """

    content_object = models.ForeignKey(Intake, on_delete=models.CASCADE)
    grond = models.CharField(_("grondslag"), max_length=40)
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    in_werkvoorraad = models.BooleanField(_("intake loopt nog"), default=True)
    volgorde = models.BigIntegerField(_("plaats in de werkvoorraad"), default=0)

    class Meta:
        abstract = True


class IntakeUserObjectPermission(_IntakeGrant, UserObjectPermissionBase):
    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("toegang van een medewerker tot een intake")
        verbose_name_plural = _("toegang van medewerkers tot intakes")
        indexes = [models.Index(fields=["user", "permission", "volgorde"],
                                include=["content_object", "geldig_tot"],
                                condition=models.Q(in_werkvoorraad=True),
                                name="intake_uperm_wachtrij_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.permission_id} op intake {self.content_object_id}"


class IntakeGroupObjectPermission(_IntakeGrant, GroupObjectPermissionBase):
    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("toegang van een team tot een intake")
        verbose_name_plural = _("toegang van teams tot intakes")
        indexes = [models.Index(fields=["group", "permission", "volgorde"],
                                include=["content_object", "geldig_tot"],
                                condition=models.Q(in_werkvoorraad=True),
                                name="intake_gperm_wachtrij_idx")]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.permission_id} op intake {self.content_object_id}"


# --- Drafts of the online intake ----------------------------------------------------------------


class IntakeConcept(models.Model):
    """A resident's unfinished online intake, saved after every step so nothing is lost.

    Found through the session, the resident's account, or a resume link whose token is
    stored only as a hash. Removed 30 days after the last change (retention job).
    """

    token_hash = models.CharField(_("hash van de hervatcode"), max_length=64, unique=True)
    sleutel = models.UUIDField(_("indiensleutel"), default=uuid.uuid4, unique=True)
    inwoner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                                blank=True, related_name="intake_concepten")
    gegevens = models.JSONField(_("antwoorden per stap"), default=dict)
    voltooid = models.JSONField(_("afgeronde stappen"), default=list)
    intake = models.OneToOneField(Intake, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="concept")
    created_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst bewaard"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("concept-aanvraag")
        verbose_name_plural = _("concept-aanvragen")

    def __str__(self) -> str:
        return f"concept {self.pk}"

    @property
    def is_verstuurd(self) -> bool:
        return self.intake_id is not None


class ConceptBijlage(models.Model):
    """A file added to a draft; becomes a Bijlage of the intake when it is sent."""

    concept = models.ForeignKey(IntakeConcept, on_delete=models.CASCADE,
                                related_name="bijlagen")
    bestand = models.FileField(_("bestand"), upload_to=_bijlage_pad, storage=private_storage,
                               max_length=200)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("controlegetal"), max_length=64)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijlage bij een concept")
        verbose_name_plural = _("bijlagen bij concepten")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.naam
