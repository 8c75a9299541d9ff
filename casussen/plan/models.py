"""The one support plan per household (Ondersteuningsplan), versioned.

A version is written as a concept; once shared with the resident it is never edited again.
Editing after that starts a new concept, copied from the latest version.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied, Wet, ZrmNiveau

__all__ = [
    "Actie",
    "Doel",
    "Ondersteuningsplan",
    "PlanStatus",
    "PlanVersie",
    "Verantwoordelijke",
    "Voorziening",
    "VoorzieningStatus",
    "VoorzieningVorm",
]


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    TER_AKKOORD = "ter_akkoord", _("gedeeld, wacht op de inwoner")
    AKKOORD = "akkoord", _("akkoord van de inwoner")
    OPMERKINGEN = "opmerkingen", _("opmerkingen van de inwoner")


class Verantwoordelijke(models.TextChoices):
    """Who takes care of a goal or an action."""

    INWONER = "inwoner", _("de inwoner zelf")
    NETWERK = "netwerk", _("het netwerk (familie, vrienden, buren)")
    PROFESSIONAL = "professional", _("een professional")


# The same, as the resident reads it in their own plan.
VERANTWOORDELIJKE_VOOR_INWONER = {
    Verantwoordelijke.INWONER: _("uzelf"),
    Verantwoordelijke.NETWERK: _("iemand uit uw omgeving (familie, vrienden of buren)"),
    Verantwoordelijke.PROFESSIONAL: _("een hulpverlener"),
}


class VoorzieningVorm(models.TextChoices):
    NATURA = "natura", _("zorg in natura")
    PGB = "pgb", _("persoonsgebonden budget (pgb)")


class VoorzieningStatus(models.TextChoices):
    GEWENST = "gewenst", _("gewenst")
    AANGEVRAAGD = "aangevraagd", _("aangevraagd")
    TOEGEKEND = "toegekend", _("toegekend")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class Ondersteuningsplan(models.Model):
    """The one plan of a casus (the household); its content lives in its versions."""

    casus = models.OneToOneField("casussen.Casus", on_delete=models.CASCADE, related_name="plan",
                                 verbose_name=_("casus"))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("ondersteuningsplan")
        verbose_name_plural = _("ondersteuningsplannen")

    def __str__(self) -> str:
        return f"{self.casus}"

    def get_absolute_url(self) -> str:
        return reverse("casussen:plan", args=[self.casus_id])


class PlanVersie(models.Model):
    """One version of the plan. Exactly one concept at a time (a partial unique index);
    shared versions are history and are never changed except for the resident's answer."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE,
                             related_name="versies", verbose_name=_("plan"))
    nummer = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices,
                              default=PlanStatus.CONCEPT)
    samenvatting = models.TextField(_("waar gaat het om"), blank=True)
    evaluatiedatum = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("gemaakt door"))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       related_name="+", null=True, blank=True,
                                       verbose_name=_("laatst opgeslagen door"))
    gewijzigd_op = models.DateTimeField(_("laatst opgeslagen op"), default=timezone.now)
    # Optimistic locking: the edit form carries this number; a save with an older one is a
    # conflict, so nobody overwrites a colleague's work without seeing it.
    bewerkversie = models.PositiveIntegerField(_("bewerkversie"), default=1)
    gedeeld_op = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    gedeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", null=True, blank=True,
                                     verbose_name=_("gedeeld door"))
    akkoord_op = models.DateTimeField(_("akkoord op"), null=True, blank=True)
    opmerking_inwoner = models.TextField(_("opmerking van de inwoner"), blank=True)
    opmerking_op = models.DateTimeField(_("opmerking gegeven op"), null=True, blank=True)
    evaluatie_termijn = models.ForeignKey("regie.Termijn", on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="+",
                                          verbose_name=_("termijn van de evaluatie"))

    class Meta:
        verbose_name = _("versie van een ondersteuningsplan")
        verbose_name_plural = _("versies van ondersteuningsplannen")
        ordering = ["plan", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_nummer_uniek"),
            models.UniqueConstraint(fields=["plan"], condition=Q(status="concept"),
                                    name="plan_een_concept"),
            models.CheckConstraint(condition=Q(status="concept") | Q(gedeeld_op__isnull=False),
                                   name="planversie_gedeeld_heeft_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.nummer}"

    @property
    def is_concept(self) -> bool:
        return self.status == PlanStatus.CONCEPT


class Doel(models.Model):
    """A goal in one life domain: where the household is now and where it wants to be (ZRM)."""

    versie = models.ForeignKey(PlanVersie, on_delete=models.CASCADE, related_name="doelen")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    levensgebied = models.CharField(_("levensgebied"), max_length=40,
                                    choices=Levensgebied.choices)
    omschrijving = models.TextField(_("doel"))
    # In a household's plan: the member the goal is for (empty: the household as a whole).
    voor_lid = models.ForeignKey("casussen.HuishoudenLid", on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+",
                                 verbose_name=_("voor wie"))
    zrm_start = models.PositiveSmallIntegerField(_("ZRM nu"), choices=ZrmNiveau.choices)
    zrm_doel = models.PositiveSmallIntegerField(_("ZRM doel"), choices=ZrmNiveau.choices)
    verantwoordelijke = models.CharField(_("wie zorgt ervoor"), max_length=12,
                                         choices=Verantwoordelijke.choices)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["versie", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(zrm_start__gte=1) & Q(zrm_start__lte=5)
                                   & Q(zrm_doel__gte=1) & Q(zrm_doel__lte=5),
                                   name="doel_zrm_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.get_levensgebied_display()}: {self.omschrijving[:40]}"

    @property
    def domeinnaam(self) -> str:
        """The ZRM name professionals use for the life domain."""
        return str(ZRM_DOMEINNAAM.get(Levensgebied(self.levensgebied), self.levensgebied))

    @property
    def verantwoordelijke_voor_inwoner(self) -> str:
        return str(VERANTWOORDELIJKE_VOOR_INWONER[Verantwoordelijke(self.verantwoordelijke)])


class Actie(models.Model):
    """A concrete step with who does it and, if agreed, the date it is done by."""

    versie = models.ForeignKey(PlanVersie, on_delete=models.CASCADE, related_name="acties")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    omschrijving = models.CharField(_("actie"), max_length=300)
    eigenaar = models.CharField(_("wie doet het"), max_length=12,
                                choices=Verantwoordelijke.choices)
    eigenaar_naam = models.CharField(_("naam of functie"), max_length=100, blank=True)
    deadline = models.DateField(_("klaar op"), null=True, blank=True)
    termijn = models.ForeignKey("regie.Termijn", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("termijn"))

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["versie", "volgorde", "id"]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def eigenaar_voor_inwoner(self) -> str:
        return str(VERANTWOORDELIJKE_VOOR_INWONER[Verantwoordelijke(self.eigenaar)])


class Voorziening(models.Model):
    """A requested service under one wet, with its form and where the request stands."""

    versie = models.ForeignKey(PlanVersie, on_delete=models.CASCADE,
                               related_name="voorzieningen")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    omschrijving = models.CharField(_("voorziening"), max_length=200)
    # Participatiewet help (income, work) is neither natura nor pgb: then left empty.
    vorm = models.CharField(_("vorm"), max_length=8, choices=VoorzieningVorm.choices,
                            blank=True)
    status = models.CharField(_("status"), max_length=12, choices=VoorzieningStatus.choices,
                              default=VoorzieningStatus.GEWENST)

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["versie", "volgorde", "id"]

    def __str__(self) -> str:
        return f"{self.get_wet_display()}: {self.omschrijving}"
