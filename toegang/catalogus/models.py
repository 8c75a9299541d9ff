"""Products per wet, their tariffs over time, zorgaanbieders with their contracts, and the
municipality's decision rules (four eyes). Maintained by the functioneel beheerder in the
admin; a decision copies the tariff it used, so a later change never alters it."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Wet
from toegang.core.validators import validate_agb_code


class Eenheid(models.TextChoices):
    """The unit of a product, with its iStandaarden code (WJ756/WMO756)."""

    MINUUT = "01", _("minuut")
    UUR = "04", _("uur")
    ETMAAL = "14", _("etmaal")
    DAGDEEL = "16", _("dagdeel")
    STUKS = "82", _("stuks")
    EURO = "83", _("euro")


class Frequentie(models.TextChoices):
    """How often the volume is delivered, with its iStandaarden code (WJ757/WMO757)."""

    PER_DAG = "1", _("per dag")
    PER_WEEK = "2", _("per week")
    PER_MAAND = "4", _("per maand")
    TOTAAL = "6", _("totaal over de looptijd")


EENHEID_MEERVOUD = {
    Eenheid.MINUUT: _("minuten"), Eenheid.UUR: _("uur"), Eenheid.ETMAAL: _("etmalen"),
    Eenheid.DAGDEEL: _("dagdelen"), Eenheid.STUKS: _("stuks"), Eenheid.EURO: _("euro"),
}

categorie_validator = RegexValidator(r"^[0-9]{2}$", _("Een productcategorie is 2 cijfers, "
                                                     "bijvoorbeeld 07."))
productcode_validator = RegexValidator(r"^[0-9A-Z]{5}$", _("Een productcode is 5 cijfers of "
                                                          "hoofdletters, bijvoorbeeld 07A01."))
kvk_validator = RegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))



class ProductQuerySet(models.QuerySet["Product"]):
    def actief(self) -> "ProductQuerySet":
        return self.filter(actief=True)


class Product(models.Model):
    """A service the municipality can grant under one wet."""

    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices)
    naam = models.CharField(_("naam"), max_length=120)
    uitleg = models.CharField(_("uitleg voor de inwoner"), max_length=300, blank=True,
                              help_text=_("In gewone woorden: wat krijgt iemand?"))
    productcategorie = models.CharField(_("productcategorie"), max_length=2,
                                        validators=[categorie_validator])
    productcode = models.CharField(_("productcode"), max_length=5, blank=True,
                                   validators=[productcode_validator],
                                   help_text=_("Leeg bij een product dat niet via "
                                               "iStandaarden gaat (Participatiewet)."))
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices)
    pgb_mogelijk = models.BooleanField(_("pgb mogelijk"), default=False)
    natura_mogelijk = models.BooleanField(_("in natura mogelijk"), default=True)
    actief = models.BooleanField(_("actief"), default=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["wet", "productcategorie", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["wet", "productcategorie", "productcode", "naam"],
                                    name="product_uniek"),
        ]

    def __str__(self) -> str:
        # The iStandaarden productcode carries its category ("02A01" in category 02); a
        # product without a code shows its category.
        code = self.productcode or self.productcategorie
        return f"{self.naam} ({code})" if code else self.naam

    def clean(self) -> None:
        if not (self.pgb_mogelijk or self.natura_mogelijk) and self.wet != Wet.PARTICIPATIEWET:
            raise ValidationError(_("Kies of het product in natura of als pgb kan (of allebei)."))


class Tarief(models.Model):
    """The price of one unit from `geldig_vanaf`, in natura and as pgb; a new row for a new
    price, so the old one stays for the decisions that used it."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tarieven")
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    natura = models.DecimalField(_("tarief in natura (euro per eenheid)"), max_digits=10,
                                 decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    pgb = models.DecimalField(_("pgb-tarief (euro per eenheid)"), max_digits=10,
                              decimal_places=2, null=True,
                              blank=True, validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        ordering = ["product", "-geldig_vanaf"]
        constraints = [models.UniqueConstraint(fields=["product", "geldig_vanaf"],
                                               name="tarief_een_per_dag")]

    def __str__(self) -> str:
        return f"{self.product} {self.geldig_vanaf:%d-%m-%Y}"


class Zorgaanbieder(models.Model):
    naam = models.CharField(_("naam"), max_length=150)
    agb_code = models.CharField(_("AGB-code"), max_length=8, unique=True,
                                validators=[validate_agb_code])
    kvk_nummer = models.CharField(_("KvK-nummer"), max_length=8, blank=True,
                                  validators=[kvk_validator])
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("zorgaanbieder")
        verbose_name_plural = _("zorgaanbieders")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class ContractQuerySet(models.QuerySet["Contract"]):
    def geldig_op(self, dag: date) -> "ContractQuerySet":
        return self.filter(models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=dag),
                           geldig_vanaf__lte=dag)


class Contract(models.Model):
    """A provider may deliver a product in natura for a tariff; it reports its waiting time."""

    aanbieder = models.ForeignKey(Zorgaanbieder, on_delete=models.CASCADE,
                                  related_name="contracten", verbose_name=_("zorgaanbieder"))
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="contracten",
                                verbose_name=_("product"))
    tarief = models.DecimalField(_("tarief (euro per eenheid)"), max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    wachttijd_weken = models.PositiveSmallIntegerField(_("gemelde wachttijd (weken)"),
                                                       null=True, blank=True)
    wachttijd_gemeld_op = models.DateField(_("wachttijd gemeld op"), null=True, blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["aanbieder", "product", "-geldig_vanaf"]
        constraints = [models.UniqueConstraint(fields=["aanbieder", "product", "geldig_vanaf"],
                                               name="contract_een_per_dag")]
        indexes = [models.Index(fields=["product", "aanbieder"], name="contract_product_idx")]

    def __str__(self) -> str:
        return f"{self.aanbieder} – {self.product}"

    def clean(self) -> None:
        if self.geldig_tot and self.geldig_vanaf and self.geldig_tot < self.geldig_vanaf:
            raise ValidationError({"geldig_tot": _("De einddatum ligt voor de begindatum.")})


class Goedkeurder(models.TextChoices):
    TWEEDE = "tweede", _("een tweede professional van het team")
    TEAMLEIDER = "teamleider", _("de teamleider")


class Besluitregels(models.Model):
    """The municipality's rules for decisions: above which yearly amount a second person
    approves (four eyes), and who that is. One row."""

    vier_ogen_vanaf = models.DecimalField(
        _("vier ogen vanaf (euro per jaar)"), max_digits=10, decimal_places=2, null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leeg: geen tweede handtekening nodig."))
    goedkeurder = models.CharField(_("wie keurt goed"), max_length=12,
                                   choices=Goedkeurder.choices, default=Goedkeurder.TEAMLEIDER)
    bezwaar_weken = models.PositiveSmallIntegerField(
        _("bezwaartermijn (weken)"), default=6, editable=False,
        help_text=_("Awb 6:7: zes weken na de dag waarop het besluit is bekendgemaakt."))

    class Meta:
        verbose_name = _("regels voor besluiten")
        verbose_name_plural = _("regels voor besluiten")

    def __str__(self) -> str:
        return str(_("Regels voor besluiten"))
