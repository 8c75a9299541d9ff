"""The dashboard's "Besluiten en kosten": granted products in force and their cost per month,
outflow and the providers' waiting time, on a hand-counted set of decisions; amounts hidden
with their small counts (also to protect another cell); no person on the manager's page; a
fixed number of queries however many decisions there are."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen.besluit.services import beschikking_withdraw
from regie.stuur.filters import Filters
from regie.stuur.models import StuurToekenning, StuurUitstroom
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from regie.stuur.tabellen_besluit import euro
from tests.factories import (
    CasusFactory,
    ContractFactory,
    ProductFactory,
    ZorgaanbiederFactory,
    besluit_nemen,
    regel,
)
from tests.regie.stuurdata import at
from toegang.catalogus.kosten import kosten

FILTERS = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 11, 1))
QUERY = "?van=2026-01&tot=2026-11"
MAART = dt.date(2026, 3, 1)


def per_maand(uren: str, tarief: str) -> Decimal:
    """What `uren` hours a week at `tarief` euro cost per month (365/12/7 weeks)."""
    return kosten(volume=Decimal(uren), tarief=Decimal(tarief), frequentie="2", begin=MAART,
                  einde=None).per_maand


NATURA_2, NATURA_3, PGB_2 = per_maand("2", "68"), per_maand("3", "68"), per_maand("2", "55")


@pytest.fixture
def besluiten(stad):  # type: ignore[no-untyped-def]
    """Summarised on 23 November 2026:

    - Centrum, Wmo in natura at Zorg Dichtbij from 1 March: 6 lines, one of them herzien on
      1 October (2 → 3 hours a week);
    - Centrum, Wmo as a pgb from 1 April: 5 lines;
    - Noord, Wmo in natura from 1 May: 3 lines;
    - Centrum, Jeugdwet in natura from 1 May: 2 lines;
    - Centrum, Wmo in natura 1 March – 30 June: 5 lines (outflow in June);
    - Centrum, Wmo in natura from 1 March, withdrawn per 1 September: 1 line (outflow in
      August).
    A provider whose contract ended a year ago reports 9 weeks: not shown.
    """
    begeleiding = ProductFactory(naam="Begeleiding individueel", wet="WMO",
                                 productcategorie="07")
    jeugdhulp = ProductFactory(naam="Jeugdhulp ambulant", wet="JEUGDWET",
                               productcategorie="45")
    dichtbij = ZorgaanbiederFactory(naam="Zorg Dichtbij")
    ContractFactory(aanbieder=dichtbij, product=begeleiding, wachttijd_weken=3)
    ContractFactory(aanbieder=dichtbij, product=jeugdhulp, wachttijd_weken=6)
    ContractFactory(aanbieder=ZorgaanbiederFactory(naam="Oude Zorg"), product=begeleiding,
                    wachttijd_weken=9, verlopen=True)

    def casus(**intake):  # type: ignore[no-untyped-def]
        pro = stad.pro_noord if intake.get("in_noord") else \
            stad.pro_jeugd if intake.get("minderjarig") else stad.pro
        with time_machine.travel(at(2, 2), tick=False):
            return CasusFactory(opgepakt_door=pro, **{f"intake__{k}": v
                                                      for k, v in intake.items()}), pro

    genomen = {}
    with time_machine.travel(at(2, 20), tick=False):
        for i in range(6):
            c, pro = casus()
            genomen[f"natura{i}"] = besluit_nemen(casus=c, user=pro, regels=[
                regel(begeleiding, begin=MAART, aanbieder=dichtbij)])
        for _n in range(5):
            c, pro = casus()
            besluit_nemen(casus=c, user=pro, regels=[
                regel(begeleiding, begin=MAART, einde=dt.date(2026, 6, 30), aanbieder=dichtbij)])
        c, pro = casus()
        genomen["ingetrokken"] = besluit_nemen(casus=c, user=pro, regels=[
            regel(begeleiding, begin=MAART, aanbieder=dichtbij)])
    with time_machine.travel(at(3, 20), tick=False):
        for _n in range(5):
            c, pro = casus()
            besluit_nemen(casus=c, user=pro, regels=[
                regel(begeleiding, begin=dt.date(2026, 4, 1))])
    with time_machine.travel(at(4, 20), tick=False):
        for _n in range(3):
            c, pro = casus(in_noord=True)
            besluit_nemen(casus=c, user=pro, regels=[
                regel(begeleiding, begin=dt.date(2026, 5, 1), aanbieder=dichtbij)])
        for _n in range(2):
            c, pro = casus(minderjarig=True)
            besluit_nemen(casus=c, user=pro, regels=[
                regel(jeugdhulp, begin=dt.date(2026, 5, 1), aanbieder=dichtbij)])
    with time_machine.travel(at(8, 14), tick=False):
        beschikking_withdraw(user=stad.pro, beschikking=genomen["ingetrokken"],
                             per=dt.date(2026, 9, 1), reden="Verhuisd naar een andere gemeente.")
    with time_machine.travel(at(10, 1), tick=False):
        oud = genomen["natura0"]
        besluit_nemen(casus=oud.casus, user=stad.pro, vervangt=oud, regels=[
            regel(begeleiding, begin=dt.date(2026, 10, 1), volume="3", aanbieder=dichtbij)])
    with time_machine.travel(at(11, 23), tick=False):
        stuurinformatie_refresh()
    return {"begeleiding": begeleiding, "dichtbij": dichtbij}


@pytest.fixture
def op_23_november():  # type: ignore[no-untyped-def]
    with time_machine.travel(at(11, 23), tick=False):
        yield


def teksten(tabel) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    rijen = [*tabel.rijen, *([tabel.totaal] if tabel.totaal else [])]
    return {r.sleutel: [c.tekst for c in r.cellen] for r in rijen}


def test_lines_in_force_per_month_count_a_herziening_once_and_stop_at_a_withdrawal(  # type: ignore[no-untyped-def]
        stad, besluiten, op_23_november) -> None:
    maanden = teksten(dashboard(FILTERS).tabellen["besluiten_maand"])
    aantallen = [maanden[f"2026-{m:02d}-01"][0] for m in range(1, 12)]
    # Jan, Feb nothing; March 6 + 5 + 1; April + 5 pgb; May + 3 Noord + 2 jeugd; June the
    # same (30 June is the last day of the 5 ending lines); July without them; August still
    # the withdrawn line (withdrawn per 1 September); from September without it; October
    # and November: the herziening replaces its decision, not counted twice.
    assert aantallen == ["<5", "<5", "12", "17", "22", "22", "17", "17", "16", "16", "16"]
    assert maanden["2026-09-01"][1] == euro(5 * NATURA_2 + NATURA_2 + 5 * PGB_2 + 3 * NATURA_2
                                            + 2 * NATURA_2)
    # The herziening raised one line from 2 to 3 hours a week from October.
    assert maanden["2026-10-01"][1] == euro(5 * NATURA_2 + NATURA_3 + 5 * PGB_2 + 3 * NATURA_2
                                            + 2 * NATURA_2)
    assert maanden["2026-01-01"][1] == "<5"  # an amount of fewer than 5 lines is hidden too


def test_per_wet_and_category_at_the_end_of_the_period_in_natura_and_pgb(  # type: ignore[no-untyped-def]
        stad, besluiten, op_23_november) -> None:
    d = dashboard(FILTERS)
    wmo = 5 * NATURA_2 + NATURA_3 + 5 * PGB_2 + 3 * NATURA_2
    assert teksten(d.tabellen["besluiten_wet"]) == {
        "WMO": ["14", euro(wmo)], "JEUGDWET": ["<5", "<5"], "PARTICIPATIEWET": ["<5", "<5"],
        "totaal": ["16", euro(wmo + 2 * NATURA_2)]}
    assert euro(Decimal("1234.49")) == "€ 1.234"
    # Per category the Wmo's one category would give the Jeugdwet's away from the total:
    # hidden as well ("x").
    categorie = teksten(d.tabellen["besluiten_categorie"])
    assert (categorie["WMO:07"], categorie["JEUGDWET:45"]) == (["x", "x"], ["<5", "<5"])
    label = d.tabellen["besluiten_categorie"].rij("WMO:07").label
    assert label == "Wmo 2015 – 07: Begeleiding individueel"
    # Providers: 6 + 3 + 2 in natura at Zorg Dichtbij, 5 pgb; no money (Participatiewet), so
    # the pgb row is hidden to protect it. The provider whose contract ended has no row.
    aanbieder = teksten(d.tabellen["besluiten_aanbieder"])
    assert aanbieder == {str(besluiten["dichtbij"].pk): ["11", euro(5 * NATURA_2 + NATURA_3
                                                                  + 5 * NATURA_2)],
                         "pgb": ["x", "x"], "geld": ["<5", "<5"],
                         "totaal": ["16", euro(wmo + 2 * NATURA_2)]}


def test_outflow_counts_ended_and_withdrawn_lines_not_a_herziening(  # type: ignore[no-untyped-def]
        stad, besluiten, op_23_november) -> None:
    uit = teksten(dashboard(FILTERS).tabellen["besluiten_uitstroom"])
    assert uit["WMO"] == ["6", euro(6 * NATURA_2)]
    assert dict(StuurUitstroom.objects.values_list("periode", "aantal")) == {
        dt.date(2026, 6, 1): 5, dt.date(2026, 8, 1): 1}
    zomer = dashboard(Filters(van=dt.date(2026, 7, 1), tot=dt.date(2026, 8, 1)))
    assert teksten(zomer.tabellen["besluiten_uitstroom"])["WMO"] == ["<5", "<5"]


def test_small_wijk_hidden_with_its_amount_and_the_other_wijk_too(  # type: ignore[no-untyped-def]
        stad, besluiten, op_23_november) -> None:
    wijk = teksten(dashboard(FILTERS).tabellen["besluiten_wijk"])
    # Noord has 3 lines: "<5"; Centrum (13) would give it away from the total: "x".
    assert wijk[str(stad.noord.pk)] == ["<5", "<5"]
    assert wijk[str(stad.centrum.pk)] == ["x", "x"]
    assert wijk["totaal"][0] == "16"
    # Filtered on Noord: 3 lines, hidden with their amount.
    noord = dashboard(Filters(van=FILTERS.van, tot=FILTERS.tot, wijk=stad.noord.pk))
    assert teksten(noord.tabellen["besluiten_wet"])["totaal"] == ["<5", "<5"]


def test_filtered_view_hides_amounts_that_differ_by_a_few_lines_from_the_wider_view(  # type: ignore[no-untyped-def]
        stad, besluiten, op_23_november) -> None:
    # Wmo alone: 14 of 16 lines. Its total differs by 2 from the view without the wet filter,
    # so count and amount are hidden ("x"): otherwise the 2 jeugd lines and their cost follow.
    wmo = dashboard(Filters(van=FILTERS.van, tot=FILTERS.tot, wet="WMO"))
    maand = teksten(wmo.tabellen["besluiten_maand"])
    assert maand["2026-11-01"] == ["x", "x"]
    assert maand["2026-06-01"] == ["x", "x"]  # 20 of 22


def test_waiting_time_of_contracts_in_force_only(stad, besluiten, op_23_november) -> None:  # type: ignore[no-untyped-def]
    tabel = dashboard(FILTERS).tabellen["wachttijd_aanbieder"]
    assert [(r.label, r.cellen[0].tekst) for r in tabel.rijen] == [
        ("Zorg Dichtbij – Jeugdwet 45: Jeugdhulp ambulant", "6 weken"),
        ("Zorg Dichtbij – Wmo 2015 07: Begeleiding individueel", "3 weken")]


def test_manager_sees_amounts_but_no_person(client, stad, besluiten, op_23_november) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    html = client.get(f"/dashboard/{QUERY}").content.decode()
    assert "Besluiten en kosten" in html and 'data-tabel="besluiten_wet"' in html
    assert euro(5 * NATURA_2 + NATURA_3 + 5 * PGB_2 + 3 * NATURA_2 + 2 * NATURA_2) in html
    from casussen.besluit.models import Beschikking

    for b in Beschikking.objects.select_related("casus__intake"):
        intake = b.casus.intake
        for persoonlijk in (b.kenmerk, intake.referentie, intake.achternaam,
                            f"/casussen/{b.casus_id}/"):
            assert persoonlijk not in html
    assert "/werk/" not in html and "/mijn/" not in html
    # The export of the section writes the same protected figures.
    csv = client.get(f"/dashboard/export/besluiten_wijk.csv{QUERY}").content.decode("utf-8-sig")
    assert re.search(r"Noord;<5;<5", csv) and "Centrum;x;x" in csv


def test_query_count_flat_as_decisions_grow(client, stad, besluiten, op_23_november) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    url = f"/dashboard/{QUERY}&wijk={stad.centrum.pk}"
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    rows_before = StuurToekenning.objects.count()
    product = ProductFactory(naam="Dagbesteding", productcategorie="02")
    aanbieder = ZorgaanbiederFactory(naam="Dagcentrum Oost")
    ContractFactory(aanbieder=aanbieder, product=product)
    with time_machine.travel(at(6, 10), tick=False):
        for _n in range(8):
            with time_machine.travel(at(6, 1), tick=False):
                c = CasusFactory(opgepakt_door=stad.pro)
            besluit_nemen(casus=c, user=stad.pro, regels=[
                regel(product, begin=dt.date(2026, 6, 15), aanbieder=aanbieder),
                regel(besluiten["begeleiding"], begin=dt.date(2026, 7, 1))])
    stuurinformatie_refresh()
    assert StuurToekenning.objects.count() > rows_before
    with CaptureQueriesContext(connection) as groot:
        assert client.get(url).status_code == 200
    assert len(groot.captured_queries) == len(klein.captured_queries)
