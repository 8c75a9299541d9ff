"""The decision path of a casus.

Onderzoek (Wmo 2015 art. 2.3.2) → verslag to the resident, who may add a remark → Aanvraag
(by the resident in Mijn toegang, or received on paper) which starts the decision clock →
Beschikking per wet, with a Toekenning per product (granted or refused, volume, period, natura
with a provider or pgb, its tariff and cost copied in) → possibly a Bezwaar with its own clock.
A beschikking is never edited once taken: a herziening is a new beschikking that replaces it,
an intrekking ends it; `BesluitGebeurtenis` keeps every step.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.catalogus.models import Eenheid, Frequentie
from toegang.core.domein import Wet

from ..models import Casus


class Vormwens(models.TextChoices):
    NATURA = "natura", _("zorg in natura: de gemeente regelt de zorg")
    PGB = "pgb", _("een persoonsgebonden budget (pgb): ik regel de zorg zelf")
    WEET_NIET = "weet_niet", _("ik weet het nog niet")


class Onderzoek(models.Model):
    """The Wmo onderzoek: the legal aspects discussed with the resident. Sent as a verslag,
    it is fixed; the resident may add one remark."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="onderzoeken")
    gesprek_op = models.DateField(_("datum van het gesprek"))
    hulpvraag = models.TextField(_("wat is de hulpvraag"))
    eigen_kracht = models.TextField(_("wat kan de inwoner zelf"))
    netwerk = models.TextField(_("wat kan het netwerk doen"), blank=True)
    mantelzorg = models.TextField(_("mantelzorg en wat de mantelzorger nodig heeft"),
                                  blank=True)
    algemene_voorzieningen = models.TextField(_("algemene voorzieningen die helpen"),
                                              blank=True)
    maatwerk_nodig = models.BooleanField(_("maatwerk nodig"))
    maatwerk_toelichting = models.TextField(_("welke ondersteuning is nodig en waarom"),
                                            blank=True)
    vormwens = models.CharField(_("wens: natura of pgb"), max_length=10,
                                choices=Vormwens.choices, default=Vormwens.WEET_NIET)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    verslag_verstuurd_op = models.DateTimeField(_("verslag verstuurd op"), null=True,
                                                blank=True)
    opmerking_inwoner = models.TextField(_("opmerking van de inwoner"), blank=True)
    opmerking_op = models.DateTimeField(_("opmerking gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"onderzoek {self.casus_id} {self.gesprek_op:%Y-%m-%d}"

    @property
    def is_verstuurd(self) -> bool:
        return self.verslag_verstuurd_op is not None


class AanvraagVia(models.TextChoices):
    MIJN_TOEGANG = "mijn_toegang", _("Mijn toegang")
    PAPIER = "papier", _("op papier of per brief")
    MONDELING = "mondeling", _("mondeling, vastgelegd door de professional")


class Aanvraag(models.Model):
    """A formal request for a decision under one wet; its date starts the decision clock."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="aanvragen")
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="aanvragen")
    ontvangen_op = models.DateField(_("ontvangen op"))
    via = models.CharField(_("ingediend via"), max_length=12, choices=AanvraagVia.choices)
    vormwens = models.CharField(_("voorkeur: natura of pgb"), max_length=10,
                                choices=Vormwens.choices, default=Vormwens.WEET_NIET)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-ontvangen_op", "-id"]

    def __str__(self) -> str:
        return f"aanvraag {self.get_wet_display()} {self.ontvangen_op:%Y-%m-%d}"


class BeschikkingStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    TER_GOEDKEURING = "ter_goedkeuring", _("wacht op goedkeuring")
    GENOMEN = "genomen", _("genomen")
    HERZIEN = "herzien", _("vervangen door een herziening")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Beschikking(models.Model):
    """A decision under one wet on an aanvraag (or a herziening of an earlier one)."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="beschikkingen")
    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="beschikkingen")
    vervangt = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="herziening",
                                    verbose_name=_("herziening van"))
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    kenmerk = models.CharField(_("kenmerk"), max_length=30, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=BeschikkingStatus.choices,
                              default=BeschikkingStatus.CONCEPT)
    motivering = models.TextField(_("motivering"), blank=True)
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                       related_name="+")
    goedgekeurd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="+")
    genomen_op = models.DateField(_("besluitdatum"), null=True, blank=True)
    bezwaar_tot = models.DateField(_("bezwaar mogelijk tot en met"), null=True, blank=True)
    ingetrokken_op = models.DateField(_("ingetrokken per"), null=True, blank=True)
    reden_wijziging = models.TextField(_("reden van herziening of intrekking"), blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["casus", "status"], name="beschikking_casus_idx"),
            models.Index(fields=["status", "genomen_op"], name="beschikking_status_idx"),
        ]

    def __str__(self) -> str:
        return self.kenmerk

    @property
    def is_genomen(self) -> bool:
        return self.status in (BeschikkingStatus.GENOMEN, BeschikkingStatus.HERZIEN,
                               BeschikkingStatus.INGETROKKEN)

    @property
    def is_wijzigbaar(self) -> bool:
        return self.status == BeschikkingStatus.CONCEPT


class Besluit(models.TextChoices):
    TOEGEKEND = "toegekend", _("toegekend")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class Levering(models.TextChoices):
    NATURA = "natura", _("in natura")
    PGB = "pgb", _("pgb")
    GELD = "geld", _("uitkering of geldbedrag")


class Toekenning(models.Model):
    """One product in a beschikking: granted (volume, period, natura with a provider or pgb)
    or refused. The tariff and cost are copied in when the line is added, so a later tariff
    change never alters the decision."""

    beschikking = models.ForeignKey(Beschikking, on_delete=models.CASCADE,
                                    related_name="toekenningen")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT,
                                related_name="toekenningen", verbose_name=_("product"))
    besluit = models.CharField(_("besluit"), max_length=10, choices=Besluit.choices)
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2, null=True,
                                 blank=True)
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices)
    begindatum = models.DateField(_("begindatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True,
                                 help_text=_("Leeg als de ondersteuning blijvend nodig is."))
    levering = models.CharField(_("levering"), max_length=8, choices=Levering.choices,
                                blank=True)
    aanbieder = models.ForeignKey("catalogus.Zorgaanbieder", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="toekenningen",
                                  verbose_name=_("zorgaanbieder"))
    tarief = models.DecimalField(_("tarief per eenheid"),
        max_digits=10, decimal_places=2, null=True, blank=True)
    kosten_per_maand = models.DecimalField(_("kosten per maand"), max_digits=10,
                                           decimal_places=2, default=Decimal("0.00"))
    kosten_eerste_jaar = models.DecimalField(_("kosten in het eerste jaar"), max_digits=10,
                                             decimal_places=2, default=Decimal("0.00"))
    reden = models.TextField(_("reden (bij afwijzing)"), blank=True)
    # Filled when the beschikking is taken: the wijk and the end as the dashboard counts them.
    wijk = models.ForeignKey("organisatie.Wijk", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")

    class Meta:
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        ordering = ["beschikking", "id"]
        indexes = [models.Index(fields=["product", "begindatum"], name="toekenning_product_idx")]

    def __str__(self) -> str:
        return f"{self.beschikking} {self.product} {self.besluit}"

    @property
    def is_toegekend(self) -> bool:
        return self.besluit == Besluit.TOEGEKEND


class BezwaarUitkomst(models.TextChoices):
    GEGROND = "gegrond", _("gegrond: het besluit verandert")
    ONGEGROND = "ongegrond", _("ongegrond: het besluit blijft")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("niet-ontvankelijk")
    INGETROKKEN = "ingetrokken", _("ingetrokken door de inwoner")


class Bezwaar(models.Model):
    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT,
                                    related_name="bezwaren")
    ontvangen_op = models.DateField(_("ontvangen op"))
    toelichting = models.TextField(_("waar gaat het bezwaar over"))
    termijn = models.ForeignKey("regie.Termijn", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=BezwaarUitkomst.choices,
                                blank=True)
    besloten_op = models.DateField(_("beslist op"), null=True, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["-ontvangen_op", "-id"]

    def __str__(self) -> str:
        return f"bezwaar {self.beschikking}"

    @property
    def is_te_laat(self) -> bool:
        tot = self.beschikking.bezwaar_tot
        return tot is not None and self.ontvangen_op > tot


class BesluitGebeurtenis(models.Model):
    """Every step on the decision path, for the casus timeline and the history."""

    class Soort(models.TextChoices):
        ONDERZOEK = "onderzoek", _("onderzoek vastgelegd")
        VERSLAG = "verslag", _("verslag naar de inwoner")
        OPMERKING = "opmerking", _("opmerking van de inwoner op het verslag")
        AANVRAAG = "aanvraag", _("aanvraag ontvangen")
        CONCEPT = "concept", _("beschikking opgesteld")
        TER_GOEDKEURING = "ter_goedkeuring", _("beschikking ter goedkeuring")
        AFGEKEURD = "afgekeurd", _("beschikking teruggestuurd")
        GENOMEN = "genomen", _("beschikking genomen")
        HERZIEN = "herzien", _("beschikking herzien")
        INGETROKKEN = "ingetrokken", _("beschikking ingetrokken")
        BEZWAAR = "bezwaar", _("bezwaar ontvangen")
        BEZWAAR_BESLIST = "bezwaar_beslist", _("beslissing op bezwaar")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE,
                              related_name="besluitgebeurtenissen")
    soort = models.CharField(_("wat"), max_length=16, choices=Soort.choices)
    beschikking = models.ForeignKey(Beschikking, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="gebeurtenissen")
    tekst = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("stap op weg naar een besluit")
        verbose_name_plural = _("stappen op weg naar een besluit")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.casus_id} {self.soort}"
