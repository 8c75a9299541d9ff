"""Management figures computed on a known data set and compared with hand-counted values,
including the small-number protection and its complement attack."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen.services import ave_set, casus_open, casus_transition, contactmoment_add
from casussen.services_zrm import zrm_record
from intake.services import toestemming_give, veiligheidsmelding_create
from regie.models import TermijnSoort
from regie.services import termijn_met, termijn_start, termijn_verdagen
from regie.stuur.privacy import Cel, aandeel, beschermd, beschermd_2d, getal
from regie.stuur.selectors import Filters, dashboard
from regie.stuur.verversen import klasse, stuurinformatie_verversen
from tests.factories import ProfessionalFactory, make_intake

AMS = dt.timezone(dt.timedelta(hours=1))


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=AMS)


FILTERS = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 12, 1))


class TestProtection:
    def test_small_counts_are_hidden_and_zero_too(self) -> None:
        cellen = beschermd({"a": 12, "b": 3, "c": 40})
        assert [cellen[k].tekst for k in "abc"] == ["<5", "<5", "40"]  # a hidden as well

    def test_complement_attack_cannot_reveal_a_single_cell(self) -> None:
        waarden = {"Noord": 3, "Zuid": 27, "Oost": 60, "West": 8}
        cellen = beschermd(waarden)
        total = sum(waarden.values())
        zichtbaar = sum(c.waarde for c in cellen.values() if not c.verborgen)
        verborgen = [k for k, c in cellen.items() if c.verborgen]
        assert len(verborgen) >= 2  # the attacker gets a sum of at least two cells
        assert total - zichtbaar not in {waarden[k] for k in verborgen}

    def test_nothing_hidden_when_all_counts_are_large(self) -> None:
        assert all(not c.verborgen for c in beschermd({"a": 5, "b": 6}).values())

    def test_two_dimensional_rows_and_columns(self) -> None:
        waarden = {("N", 1): 3, ("N", 2): 20, ("Z", 1): 30, ("Z", 2): 40}
        cellen = beschermd_2d(waarden)
        for groep in ([("N", 1), ("N", 2)], [("Z", 1), ("Z", 2)], [("N", 1), ("Z", 1)],
                      [("N", 2), ("Z", 2)]):
            hidden = [k for k in groep if cellen[k].verborgen]
            assert len(hidden) != 1, groep  # never a lone hidden cell in a row or column

    def test_shares_and_statistics_need_enough_cases(self) -> None:
        assert aandeel(7, 10).verborgen  # 3 not-met could be derived
        assert aandeel(3, 100).verborgen
        assert aandeel(50, 100) == Cel(50, "50%")
        assert getal(12, 4).verborgen and getal(12, 5).tekst == "12"

    def test_histogram_classes(self) -> None:
        assert [klasse(d) for d in (0, 30, 31, 35, 36, 90, 91, 120, 121, 391, 999)] == \
            [0, 30, 35, 35, 40, 90, 120, 120, 150, 400, 400]


@pytest.fixture
def data(stad):  # type: ignore[no-untyped-def]
    """A hand-counted year in Centrum (7511) and Noord (7521)."""
    made = {"centrum": [], "noord": []}
    with time_machine.travel(at(3, 2), tick=False):
        for _ in range(12):
            made["centrum"].append(make_intake(postcode="7511AA", kanaal="online"))
        for _ in range(3):
            made["centrum"].append(make_intake(postcode="7511AA", kanaal="telefoon"))
    with time_machine.travel(at(4, 6), tick=False):
        for _ in range(2):
            made["noord"].append(make_intake(postcode="7521AA"))
        for _ in range(6):
            made["centrum"].append(make_intake(postcode="7511AA", urgentie="urgent"))
    centrum = made["centrum"]
    # Consent: jeugdwet asked 10 times in Centrum, given 7 times.
    for intake in centrum[:7]:
        toestemming_give(intake=intake, wet="JEUGDWET", user=None)
    from intake.services import toestemming_refuse

    for intake in centrum[7:10]:
        toestemming_refuse(intake=intake, wet="JEUGDWET", user=None)
    # Five cases picked up on 3 March: first contact after 1, 1, 2, 4 and 10 days.
    casussen = []
    for intake, dagen in zip(centrum[:5], [1, 1, 2, 4, 10], strict=True):
        with time_machine.travel(at(3, 2, 11), tick=False):
            casus = casus_open(user=stad.pro, intake=intake)
        moment = intake.ingediend_op + dt.timedelta(days=dagen)
        with time_machine.travel(moment, tick=False):
            contactmoment_add(user=stad.pro, casus=casus, soort="telefoon", tijdstip=moment,
                              verslag="Gesprek")
        casussen.append(casus)
    # ZRM: three closed cases, Financiën 2→4, 3→3, 4→2.
    for casus, (eerst, laatst) in zip(casussen[:3], [(2, 4), (3, 3), (4, 2)], strict=True):
        with time_machine.travel(at(3, 10), tick=False):
            zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 3, 10),
                       scores={"financien": eerst})
        with time_machine.travel(at(5, 10), tick=False):
            zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 10),
                       scores={"financien": laatst})
            casus_transition(user=stad.pro, casus=casus, naar="afgesloten", reden="Klaar")
    # Deadlines: a Wmo beschikking met on time, one met late, one extended.
    with time_machine.travel(at(6, 1), tick=False):
        t1, = termijn_start(user=stad.pro, casus=casussen[3], soort=TermijnSoort.WMO_BESCHIKKING,
                            start=dt.date(2026, 6, 1))
        t2, = termijn_start(user=stad.pro, casus=casussen[4], soort=TermijnSoort.WMO_BESCHIKKING,
                            start=dt.date(2026, 6, 1))
    with time_machine.travel(at(6, 10), tick=False):
        termijn_met(user=stad.pro, termijn=t1)
        termijn_verdagen(user=stad.pro, termijn=t2, nieuwe_deadline=dt.date(2026, 6, 26),
                         reden="Advies")
    with time_machine.travel(at(6, 30), tick=False):
        termijn_met(user=stad.pro, termijn=t2)
    with time_machine.travel(at(7, 1), tick=False):
        ave_set(user=stad.pro, casus=casussen[3], fase=3, reden="Vast")
        veiligheidsmelding_create(user=stad.pro, intake=casussen[4].intake, reden="Zorgen",
                                  meldcode_stap=1, teams=[stad.jeugdteam])
    ProfessionalFactory(teams=[stad.wijkteam])  # a second professional without cases
    with time_machine.travel(at(11, 23), tick=False):
        stuurinformatie_verversen()
    return made


def _cel(tabel, sleutel: str, kolom: int = 0) -> str:  # type: ignore[no-untyped-def]
    return next(r for r in tabel.rijen if r.sleutel == sleutel).cellen[kolom].tekst


def test_figures_on_a_known_year(stad, data) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(11, 23), tick=False):
        d = dashboard(FILTERS)
    maand = d.tabellen["instroom_maand"]
    assert _cel(maand, "2026-03-01") == "15" and _cel(maand, "2026-04-01") == "8"
    assert _cel(maand, "2026-04-01", 1) == "6"  # urgent in April
    assert maand.totaal.cellen[0].tekst == "23"
    wijk = d.tabellen["instroom_wijk"]
    # Noord has 2 intakes: hidden. With only two wijken and the total of 23 shown, Centrum
    # (21) would give Noord away, so Centrum is hidden too (complement protection).
    assert _cel(wijk, str(stad.noord.pk)) == "<5"
    assert _cel(wijk, str(stad.centrum.pk)) == "<5"
    assert wijk.totaal.cellen[0].tekst == "23"
    kanaal = d.tabellen["instroom_kanaal"]
    assert _cel(kanaal, "online") == "20" and _cel(kanaal, "telefoon") == "<5"
    # Lead time to first contact for the five cases: 1, 1, 2, 4, 10 days.
    lead = d.tabellen["doorlooptijden"]
    assert _cel(lead, "eerste_contact") == "2 dagen"
    assert _cel(lead, "eerste_contact", 1) == "10 dagen"
    assert _cel(lead, "gesloten") == "te weinig"  # three closed cases
    # Consent for the jeugdteam: asked 10 times, given 7: 7/10 hides (3 refused < 5).
    toestemming = d.tabellen["toestemming"]
    assert _cel(toestemming, "JEUGDWET") == "10"
    assert _cel(toestemming, "JEUGDWET", 1) == "te weinig"
    # Deadlines: one of two Wmo beschikkingen on time — too few to show a share.
    soort = d.tabellen["termijnen_soort"]
    assert _cel(soort, "wmo_beschikking") == "te weinig"
    assert _cel(soort, "wmo_beschikking", 3) == "<5"  # one extension, hidden
    # ZRM: 3 closed cases measured in Financiën: too few.
    assert _cel(d.tabellen["zrm"], "financien", 1) == "<5"
    assert _cel(d.tabellen["signalen"], "escalaties") == "<5"
    caseload = d.tabellen["caseload"]
    row = next(r for r in caseload.rijen if r.sleutel == str(stad.wijkteam.pk))
    assert row.cellen[1].tekst == "<5"  # 2 open cases
    assert d.bijgewerkt_op is not None


def test_filters_narrow_the_figures(stad, data) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(11, 23), tick=False):
        maart = dashboard(Filters(van=dt.date(2026, 3, 1), tot=dt.date(2026, 3, 1),
                                  wijk=stad.centrum.pk))
        jeugd = dashboard(Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 12, 1),
                                  wet="JEUGDWET"))
    assert maart.tabellen["instroom_maand"].totaal.cellen[0].tekst == "15"
    assert jeugd.tabellen["instroom_maand"].totaal.cellen[0].tekst == "<5"  # no jeugd intakes


def test_dashboard_reads_few_small_queries(stad, data) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        dashboard(FILTERS)
    small = len(ctx.captured_queries)
    with time_machine.travel(at(4, 6), tick=False):
        for _ in range(30):
            make_intake(postcode="7511AA")
    stuurinformatie_verversen()
    with CaptureQueriesContext(connection) as ctx:
        dashboard(FILTERS)
    assert len(ctx.captured_queries) == small
