import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Levensgebied
from toegang.core.domein import Wet as WetKeuze

pc4_validator = RegexValidator(r"^[1-9][0-9]{3}$",
                               _("Een postcodegebied is 4 cijfers, bijv. 7511."))
postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} [A-Z]{2}$",
    _("Vul de postcode in als 4 cijfers en 2 letters, bijvoorbeeld 7511 AB."))
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


def postcode_parse(text: str) -> tuple[str, str] | None:
    """Read '1234AB', '1234 ab' or '1234' as (pc4, letters); None for anything else."""
    match = _POSTCODE.match(text or "")
    if not match:
        return None
    return match[1], (match[2] or "").upper()


def postcode_normalize(text: str) -> str:
    """'1234ab' → '1234 AB' (unchanged if it is no postcode, so the validator can say so)."""
    parsed = postcode_parse(text)
    if parsed is None or not parsed[1]:
        return (text or "").strip()
    return f"{parsed[0]} {parsed[1]}"


telefoon_validator = RegexValidator(
    r"^[+0-9 ()-]{6,20}$",
    _("Vul een telefoonnummer in met alleen cijfers en spaties, bijvoorbeeld 14 0123 456."))


class Wet(models.Model):
    """One of the three laws; a lookup table so teams can serve several of them."""

    code = models.CharField(_("code"), max_length=20, primary_key=True, choices=WetKeuze.choices)

    class Meta:
        verbose_name = _("wet")
        verbose_name_plural = _("wetten")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(WetKeuze(self.code).label)


class Wijk(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class WijkPostcode(models.Model):
    """A 4-digit postcode area (PC4); each belongs to exactly one wijk."""

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="postcodes",
                             verbose_name=_("wijk"))
    pc4 = models.CharField(_("postcodegebied"), max_length=4, unique=True,
                           validators=[pc4_validator])

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["pc4"]

    def __str__(self) -> str:
        return self.pc4


class TeamSoort(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Wijkteam")
    JEUGDTEAM = "jeugdteam", _("Jeugdteam")
    WERK_EN_INKOMEN = "werk_en_inkomen", _("Werk en inkomen")


class TeamQuerySet(models.QuerySet["Team"]):
    def actief(self) -> "TeamQuerySet":
        return self.filter(actief=True)

    def voor_wijk(self, wijk: Wijk) -> "TeamQuerySet":
        return self.filter(wijken=wijk)

    def voor_wet(self, wet: str) -> "TeamQuerySet":
        return self.filter(wetten=wet)


class Team(models.Model):
    """A wijkteam, jeugdteam or werk-en-inkomen team; permissions go to its auth Group."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=TeamSoort.choices)
    wetten = models.ManyToManyField(Wet, verbose_name=_("wetten"), related_name="teams")
    wijken = models.ManyToManyField(Wijk, verbose_name=_("wijken"), related_name="teams",
                                    blank=True)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="team",
                                 verbose_name=_("groep"), editable=False)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True,
                                validators=[telefoon_validator])
    email = models.EmailField(_("e-mailadres"), blank=True)
    straat_huisnummer = models.CharField(
        _("straat en huisnummer"), max_length=120, blank=True,
        help_text=_("Het adres waar inwoners langs kunnen komen, bijv. Marktstraat 12."))
    postcode = models.CharField(_("postcode"), max_length=7, blank=True,
                                validators=[postcode_validator],
                                help_text=_("4 cijfers en 2 letters, bijv. 7511 AB."))
    plaats = models.CharField(_("plaats"), max_length=80, blank=True)
    introductie = models.CharField(
        _("korte introductie"), max_length=600, blank=True,
        help_text=_("Wie zijn jullie en waarmee helpen jullie? In gewone woorden, hoogstens "
                    "600 tekens. Inwoners zien dit als ze hun postcode invullen."))
    is_centrale_toegang = models.BooleanField(
        _("centrale toegang"), default=False,
        help_text=_("Krijgt aanmeldingen zonder bekende wijk, bijv. van mensen zonder vast adres."))
    actief = models.BooleanField(_("actief"), default=True)
    leden = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Teamlidmaatschap",
                                   related_name="teams", verbose_name=_("leden"))

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        errors = {}
        if self.straat_huisnummer and not any(c.isdigit() for c in self.straat_huisnummer):
            errors["straat_huisnummer"] = _("Vul ook het huisnummer in, bijv. Marktstraat 12.")
        if self.straat_huisnummer and not (self.postcode and self.plaats):
            for veld in ("postcode", "plaats"):
                if not getattr(self, veld):
                    errors[veld] = _("Vul bij een adres ook de postcode en de plaats in.")
        if errors:
            raise ValidationError(errors)

    @property
    def heeft_adres(self) -> bool:
        return bool(self.straat_huisnummer)

    @property
    def inloop_per_dag(self) -> list["InloopDag"]:
        """The walk-in hours by weekday (read `inlooptijden` prefetched to save a query)."""
        return inloop_per_dag(self.inlooptijden.all())


class Weekdag(models.IntegerChoices):
    MAANDAG = 1, _("maandag")
    DINSDAG = 2, _("dinsdag")
    WOENSDAG = 3, _("woensdag")
    DONDERDAG = 4, _("donderdag")
    VRIJDAG = 5, _("vrijdag")
    ZATERDAG = 6, _("zaterdag")
    ZONDAG = 7, _("zondag")


class Inlooptijd(models.Model):
    """One walk-in period of a team on a weekday: inwoners can come by without appointment."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="inlooptijden",
                             verbose_name=_("team"))
    weekdag = models.PositiveSmallIntegerField(_("dag"), choices=Weekdag.choices)
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"))
    locatie = models.CharField(_("andere locatie"), max_length=120, blank=True,
                               help_text=_("Leeg: op het adres van het team."))
    opmerking = models.CharField(_("opmerking"), max_length=120, blank=True,
                                 help_text=_("Bijv. 'ook voor jongeren' of 'niet in de "
                                             "schoolvakanties'."))

    class Meta:
        verbose_name = _("inlooptijd")
        verbose_name_plural = _("inlooptijden")
        ordering = ["weekdag", "van"]
        constraints = [
            models.CheckConstraint(condition=models.Q(van__lt=models.F("tot")),
                                   name="organisatie_inloop_van_voor_tot"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekdag_display()} {tijd_nl(self.van)}–{tijd_nl(self.tot)}"

    def clean(self) -> None:
        if self.van is not None and self.tot is not None and self.van >= self.tot:
            raise ValidationError({"tot": _("De eindtijd moet na de begintijd liggen.")})


def inlooptijden_overlap(tijden: Iterable[tuple[int, time, time]]) -> list[int]:
    """The weekdays on which two of these (weekdag, van, tot) periods overlap."""
    per_dag: dict[int, list[tuple[time, time]]] = {}
    for dag, van, tot in tijden:
        per_dag.setdefault(dag, []).append((van, tot))
    dagen = []
    for dag, perioden in sorted(per_dag.items()):
        perioden.sort()
        if any(volgende[0] < vorige[1] for vorige, volgende in itertools.pairwise(perioden)):
            dagen.append(dag)
    return dagen


def tijd_nl(t: time) -> str:
    """A time as Dutch signs write it: 9.00, 13.30."""
    return f"{t.hour}.{t.minute:02d}"


@dataclass(frozen=True)
class InloopDag:
    dag: str
    tijden: list[str]


def inloop_per_dag(tijden: Iterable[Inlooptijd]) -> list[InloopDag]:
    """Walk-in hours per weekday in Dutch: every working day (also those without walk-in) and
    the weekend days that have one, e.g. 'dinsdag: 9.00 tot 12.00 uur (Buurthuis De Es)'."""
    per_dag: dict[int, list[Inlooptijd]] = {}
    for t in tijden:
        per_dag.setdefault(t.weekdag, []).append(t)
    if not per_dag:
        return []
    dagen = []
    for dag in Weekdag:
        rijen = sorted(per_dag.get(dag.value, []), key=lambda t: t.van)
        if not rijen and dag.value > Weekdag.VRIJDAG:
            continue
        teksten = []
        for t in rijen:
            tekst = _("%(van)s tot %(tot)s uur") % {"van": tijd_nl(t.van), "tot": tijd_nl(t.tot)}
            extra = ", ".join(x for x in (t.locatie, t.opmerking) if x)
            teksten.append(f"{tekst} ({extra})" if extra else str(tekst))
        dagen.append(InloopDag(dag=str(dag.label), tijden=teksten))
    return dagen


class Teamlidmaatschap(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, verbose_name=_("team"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="lidmaatschappen", verbose_name=_("medewerker"))
    created_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="organisatie_lid_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"


class RoutingRegel(models.Model):
    """An ordered rule that sends an intake to a kind of team; the first match wins."""

    volgorde = models.PositiveIntegerField(_("volgorde"), unique=True)
    naam = models.CharField(_("omschrijving"), max_length=200)
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, null=True, blank=True,
                             verbose_name=_("alleen voor wijk"),
                             help_text=_("Leeg: geldt voor alle wijken."))
    levensgebied = models.CharField(_("als de vraag gaat over"), max_length=40, blank=True,
                                    choices=Levensgebied.choices,
                                    help_text=_("Leeg: elk levensgebied."))
    over_kind = models.BooleanField(_("vraag gaat over een kind"), null=True, blank=True,
                                    help_text=_("Leeg: maakt niet uit."))
    team_soort = models.CharField(_("naar team van soort"), max_length=20,
                                  choices=TeamSoort.choices)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("routeringsregel")
        verbose_name_plural = _("routeringsregels")
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.naam}"
