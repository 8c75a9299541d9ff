from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Levensgebied
from toegang.core.domein import Wet as WetKeuze

pc4_validator = RegexValidator(r"^[1-9][0-9]{3}$",
                               _("Een postcodegebied is 4 cijfers, bijv. 7511."))


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
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    bezoekadres = models.CharField(_("inloopadres en -tijden"), max_length=200, blank=True)
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
