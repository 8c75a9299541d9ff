"""What a granted volume costs: Decimal euros with cents, per month and in the first year."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from toegang.catalogus.kosten import kosten, maanden
from toegang.catalogus.models import Contract, Frequentie, Product, Tarief, Zorgaanbieder
from toegang.catalogus.selectors import contract_op, tarief_op

JAN = dt.date(2027, 1, 1)


def test_per_week_is_spread_over_the_average_month() -> None:
    # 3 hours a week at € 70: 3 × 70 × 365 / 12 / 7 = 912.50 a month.
    uitkomst = kosten(volume=Decimal("3"), tarief=Decimal("70.00"),
                      frequentie=Frequentie.PER_WEEK, begin=JAN, einde=None)
    assert uitkomst.per_maand == Decimal("912.50")
    assert uitkomst.eerste_jaar == Decimal("10950.00")
    assert uitkomst.looptijd is None


def test_per_day_and_per_month() -> None:
    per_dag = kosten(volume=Decimal("1"), tarief=Decimal("120"), frequentie=Frequentie.PER_DAG,
                     begin=JAN, einde=None)
    assert per_dag.per_maand == Decimal("3650.00")
    per_maand = kosten(volume=Decimal("2"), tarief=Decimal("10.005"),
                       frequentie=Frequentie.PER_MAAND, begin=JAN, einde=None)
    assert per_maand.per_maand == Decimal("20.01")  # 20.010 rounds half up to cents


def test_a_short_grant_counts_only_its_own_months_in_the_first_year() -> None:
    drie_maanden = dt.date(2027, 3, 31)
    uitkomst = kosten(volume=Decimal("2"), tarief=Decimal("50"), frequentie=Frequentie.PER_WEEK,
                      begin=JAN, einde=drie_maanden)
    assert uitkomst.looptijd == uitkomst.eerste_jaar
    assert uitkomst.eerste_jaar < uitkomst.per_maand * 4
    assert maanden(JAN, drie_maanden) == Decimal(90) / (Decimal(365) / Decimal(12))


def test_a_total_is_spread_over_the_period_and_counted_once() -> None:
    uitkomst = kosten(volume=Decimal("1"), tarief=Decimal("8000"), frequentie=Frequentie.TOTAAL,
                      begin=JAN, einde=dt.date(2027, 4, 30))
    assert uitkomst.eerste_jaar == Decimal("8000.00")
    assert uitkomst.per_maand == Decimal("2027.78")  # 8000 over 120 days of 365/12 a month
    eenmalig = kosten(volume=Decimal("1"), tarief=Decimal("450"), frequentie=Frequentie.TOTAAL,
                      begin=JAN, einde=None)
    assert eenmalig.per_maand == eenmalig.eerste_jaar == Decimal("450.00")


@pytest.mark.django_db
def test_the_tariff_on_a_date_is_the_newest_that_started() -> None:
    product = Product.objects.create(wet="WMO", naam="Begeleiding", productcategorie="07",
                                     productcode="07A01", eenheid="04", frequentie="2",
                                     pgb_mogelijk=True)
    Tarief.objects.create(product=product, geldig_vanaf=dt.date(2026, 1, 1), natura=Decimal("65"))
    Tarief.objects.create(product=product, geldig_vanaf=JAN, natura=Decimal("70"))
    assert tarief_op(product=product, dag=dt.date(2026, 12, 31)).natura == Decimal("65")
    assert tarief_op(product=product, dag=JAN).natura == Decimal("70")
    assert tarief_op(product=product, dag=dt.date(2025, 6, 1)) is None


@pytest.mark.django_db
def test_a_contract_counts_only_within_its_dates() -> None:
    product = Product.objects.create(wet="WMO", naam="Dagbesteding", productcategorie="08",
                                     productcode="08A02", eenheid="16", frequentie="2")
    aanbieder = Zorgaanbieder.objects.create(naam="Zorg BV", agb_code="75123456")
    Contract.objects.create(aanbieder=aanbieder, product=product, tarief=Decimal("45"),
                            geldig_vanaf=JAN, geldig_tot=dt.date(2027, 12, 31))
    assert contract_op(product=product, aanbieder=aanbieder, dag=dt.date(2027, 6, 1))
    assert contract_op(product=product, aanbieder=aanbieder, dag=dt.date(2028, 1, 1)) is None
    assert contract_op(product=product, aanbieder=aanbieder, dag=dt.date(2026, 12, 31)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("agb", "kvk", "fout"), [
    ("1234567", "", "agb_code"), ("7512345x", "", "agb_code"), ("75123456", "1234", "kvk_nummer"),
])
def test_provider_codes_are_validated(agb: str, kvk: str, fout: str) -> None:
    with pytest.raises(ValidationError) as info:
        Zorgaanbieder(naam="Zorg BV", agb_code=agb, kvk_nummer=kvk).full_clean()
    assert fout in info.value.message_dict


@pytest.mark.django_db
def test_product_codes_are_validated() -> None:
    product = Product(wet="WMO", naam="X", productcategorie="7", productcode="07a01",
                      eenheid="04", frequentie="2")
    with pytest.raises(ValidationError) as info:
        product.full_clean()
    assert {"productcategorie", "productcode"} <= set(info.value.message_dict)


def test_a_product_is_named_with_its_code_or_else_its_category() -> None:
    # The productcode starts with its category: the label shows it once, not "0202A01".
    assert str(Product(naam="Begeleiding", productcategorie="02", productcode="02A01")) == \
        "Begeleiding (02A01)"
    assert str(Product(naam="Levensonderhoud", productcategorie="80", productcode="")) == \
        "Levensonderhoud (80)"
    assert str(Product(naam="Iets", productcategorie="", productcode="")) == "Iets"
