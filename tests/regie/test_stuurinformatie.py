"""Management figures computed on a known data set and compared with hand-counted values,
including the small-number protection and its complement attack."""

import datetime as dt
from dataclasses import replace

import polib
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from regie.stuur.filters import Filters
from regie.stuur.privacy import Cel, aandeel, beschermd, beschermd_2d, getal
from regie.stuur.refresh import klasse, stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from regie.stuur.tabel import legenda
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory
from tests.processes import ROOT
from tests.regie.stuurdata import AMS, at, bekend_jaar

FILTERS = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 12, 1))


class TestProtection:
    def test_small_counts_are_hidden_and_zero_too(self) -> None:
        cellen = beschermd({"a": 12, "b": 3, "c": 40})
        # b is small ("<5"); a is hidden as well so b cannot be worked out from the total, and
        # reads "x": showing "<5" for 12 would tell the reader something false.
        assert [cellen[k].tekst for k in "abc"] == ["x", "<5", "40"]
        assert cellen["a"].verborgen and not cellen["a"].klein and cellen["b"].klein

    def test_complement_attack_cannot_reveal_a_single_cell(self) -> None:
        waarden = {"Noord": 3, "Zuid": 27, "Oost": 60, "West": 8}
        cellen = beschermd(waarden)
        total = sum(waarden.values())
        zichtbaar = sum(c.waarde for c in cellen.values() if not c.verborgen)
        verborgen = [k for k, c in cellen.items() if c.verborgen]
        # The small one and the next smallest: the attacker gets only the sum of the two.
        assert verborgen == ["Noord", "West"]
        assert [cellen[k].tekst for k in waarden] == ["<5", "27", "60", "x"]
        assert total - zichtbaar == 3 + 8

    def test_nothing_hidden_when_all_counts_are_large(self) -> None:
        assert all(not c.verborgen for c in beschermd({"a": 5, "b": 6}).values())

    def test_two_dimensional_rows_and_columns(self) -> None:
        waarden = {("N", 1): 3, ("N", 2): 20, ("Z", 1): 30, ("Z", 2): 40}
        cellen = beschermd_2d(waarden)
        # One small cell hides its row partner and its column partner, and then the fourth,
        # so that no row or column has a lone hidden cell.
        assert {k: c.tekst for k, c in cellen.items()} == \
            {("N", 1): "<5", ("N", 2): "x", ("Z", 1): "x", ("Z", 2): "x"}

    def test_shares_and_statistics_need_enough_cases(self) -> None:
        assert aandeel(7, 10).verborgen  # 3 not-met could be derived
        assert aandeel(3, 100).verborgen
        assert aandeel(50, 100) == Cel(50, "50%", "%")
        assert getal(12, 4).verborgen and getal(12, 5).tekst == "12"

    @pytest.mark.parametrize(("taal", "te_weinig"), [("nl", "te weinig"), ("en", "too few")])
    def test_hidden_figures_read_in_the_language_of_the_reader(self, taal: str,
                                                               te_weinig: str) -> None:
        with translation.override(taal):
            cellen = beschermd({"a": 12, "b": 3, "c": 40})
            weinig = [aandeel(3, 100), getal(12, 4, "dagen"), getal(None, 0)]
            assert [cellen[k].tekst for k in "abc"] == ["x", "<5", "40"]
            assert [c.tekst for c in weinig] == [te_weinig] * 3
            # The legend names each mark as the cells show it.
            assert [teken for teken, _uitleg in legenda()] == ["<5", "x", te_weinig]
        assert cellen["b"].klein and not cellen["a"].klein
        assert not any(c.klein for c in weinig) and all(c.verborgen for c in weinig)

    def test_the_marks_are_in_the_translation_catalogue(self) -> None:
        # Each mark has its own entry (context "verborgen cijfer"), so a language can give it
        # another form; test_translations.py checks that the catalogue matches the code.
        po = polib.pofile(str(ROOT / "toegang/locale/en/LC_MESSAGES/django.po"))
        assert {e.msgid: e.msgstr for e in po if e.msgctxt == "verborgen cijfer"} == \
            {"<5": "<5", "x": "x", "te weinig": "too few"}

    def test_histogram_classes(self) -> None:
        assert [klasse(d) for d in (0, 30, 31, 35, 36, 90, 91, 120, 121, 391, 999)] == \
            [0, 30, 35, 35, 40, 90, 120, 120, 150, 400, 400]


@pytest.fixture
def data(stad):  # type: ignore[no-untyped-def]
    return bekend_jaar(stad)


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
    # (21) would give Noord away, so Centrum is hidden too (complement protection), as "x":
    # it is not a small number itself.
    assert _cel(wijk, str(stad.noord.pk)) == "<5"
    assert _cel(wijk, str(stad.centrum.pk)) == "x"
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
            IntakeFactory(postcode="7511AA")
    stuurinformatie_refresh()
    with CaptureQueriesContext(connection) as ctx:
        dashboard(FILTERS)
    assert len(ctx.captured_queries) == small


# --- More figures on the known year, and protection of every table ------------------------------


def _verborgen_alleen(cellen: list) -> bool:  # type: ignore[type-arg]
    """One hidden count among others that add up to a known figure (a group of one cell has
    nothing to subtract from)."""
    return len(cellen) > 1 and sum(1 for c in cellen if c.verborgen) == 1


def assert_geen_los_verborgen(tabel) -> None:  # type: ignore[no-untyped-def]
    """Complement attack: in no group of counts that adds up to a figure on the page (a column
    with its total, or a row or column of a 2-D table) is exactly one count hidden."""
    groepen = []
    if tabel.optelbaar == "kolommen":
        for k in range(len(tabel.kolommen)):
            groep = [r.cellen[k] for r in tabel.rijen if r.cellen[k].is_aantal]
            if tabel.totaal is not None and tabel.totaal.cellen[k].is_aantal:
                groep.append(tabel.totaal.cellen[k])
            groepen.append(groep)
    elif tabel.optelbaar == "2d":
        groepen += [list(r.cellen) for r in tabel.rijen]
        groepen += [[r.cellen[k] for r in tabel.rijen] for k in range(len(tabel.kolommen))]
    for groep in groepen:
        assert not _verborgen_alleen(groep), (tabel.sleutel, [c.tekst for c in groep])


def assert_geen_klein_verschil(smal, breed) -> None:  # type: ignore[no-untyped-def]
    """Difference attack: a count shown in a filtered view and in the view without that filter
    never differs by 1 to 4."""
    for sleutel, tabel in smal.tabellen.items():
        ander = breed.tabellen[sleutel]
        paren = [(r, next((a for a in ander.rijen if a.sleutel == r.sleutel), None))
                 for r in tabel.rijen]
        if tabel.totaal is not None:
            paren.append((tabel.totaal, ander.totaal))
        for rij, andere_rij in paren:
            if andere_rij is None:
                continue
            for cel, andere in zip(rij.cellen, andere_rij.cellen, strict=True):
                if cel.is_aantal and andere.is_aantal and not cel.verborgen \
                        and not andere.verborgen:
                    verschil = andere.waarde - cel.waarde
                    assert verschil == 0 or verschil >= 5, (sleutel, rij.label, verschil)


def test_more_figures_on_the_known_year(stad, data) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(11, 23), tick=False):
        d = dashboard(FILTERS)
        maart_april = dashboard(Filters(van=dt.date(2026, 3, 1), tot=dt.date(2026, 4, 1)))
    # Every intake went to a Wmo wijkteam (no child, no work question).
    wet = d.tabellen["instroom_wet"]
    assert [_cel(wet, w) for w in ("WMO", "JEUGDWET", "PARTICIPATIEWET", "MEERDERE")] == \
        ["23", "<5", "<5", "<5"]
    gebied = d.tabellen["instroom_levensgebied"]
    assert _cel(gebied, "huisvesting") == "23" and _cel(gebied, "financien") == "<5"
    # Trends: Centrum has 15 in March and 6 in April, Noord 2 in April and zeros elsewhere.
    # Zeros and Noord's 2 are small; each of the March and April columns would then have one
    # hidden cell, so Centrum's March and April are hidden as well.
    trends = d.tabellen["trends_wijk"]
    centrum = trends.rij(str(stad.centrum.pk))
    assert [c.tekst for c in centrum.cellen[2:4]] == ["x", "x"]
    assert all(c.verborgen for c in trends.rij(str(stad.noord.pk)).cellen)
    # Weeks of March–April: the week of 23 February (only 1 March counts) up to 27 April.
    week = maart_april.tabellen["instroom_week"]
    assert week.rijen[0].sleutel == "2026-02-23" and len(week.rijen) == 10
    assert _cel(week, "2026-03-02") == "15" and _cel(week, "2026-04-06") == "8"
    assert week.totaal.cellen[0].tekst == "23"
    assert sum(1 for r in week.rijen if r.cellen[0].tekst == "<5") == 8
    # "Tell it once": 5 cases, too few for a share.
    assert _cel(d.tabellen["een_keer"], "meerdere") == "te weinig"
    for tabel in d.tabellen.values():
        assert_geen_los_verborgen(tabel)


def test_filtering_cannot_reveal_a_hidden_figure(stad, data) -> None:  # type: ignore[no-untyped-def]
    """Without protection, 'all wijken' (23) minus 'Centrum' (21) would give Noord's 2."""
    with time_machine.travel(at(11, 23), tick=False):
        alles = dashboard(FILTERS)
        centrum = dashboard(replace(FILTERS, wijk=stad.centrum.pk))
        noord = dashboard(replace(FILTERS, wijk=stad.noord.pk))
        wmo = dashboard(replace(FILTERS, wet="WMO"))
        team = dashboard(replace(FILTERS, team=stad.wijkteam.pk))
        beide = dashboard(replace(FILTERS, wijk=stad.centrum.pk, team=stad.wijkteam.pk))
    maand = centrum.tabellen["instroom_maand"]
    # March is the same with or without the filter (15); April differs by Noord's 2, and so
    # does the total: both hidden.
    assert _cel(maand, "2026-03-01") == "15"
    assert _cel(maand, "2026-04-01") == "x" and maand.totaal.cellen[0].tekst == "x"
    assert "21" not in maand.samenvatting and "21" not in centrum.tabellen[
        "instroom_wijk"].samenvatting
    wijk = centrum.tabellen["instroom_wijk"]
    assert [r.sleutel for r in wijk.rijen] == [str(stad.centrum.pk)]
    assert _cel(wijk, str(stad.centrum.pk)) == "x" and wijk.totaal.cellen[0].tekst == "x"
    assert _cel(centrum.tabellen["instroom_kanaal"], "online") == "x"  # 18 of 20
    for smal, breed in ((centrum, alles), (noord, alles), (wmo, alles), (team, alles),
                        (beide, centrum), (beide, team)):
        assert_geen_klein_verschil(smal, breed)
        for tabel in smal.tabellen.values():
            assert_geen_los_verborgen(tabel)


def test_a_week_across_two_months_counts_in_both(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(3, 30), tick=False):  # Monday 30 March
        for _ in range(5):
            IntakeFactory(postcode="7511AA")
    with time_machine.travel(at(4, 1), tick=False):   # Wednesday 1 April, the same week
        for _ in range(6):
            IntakeFactory(postcode="7511AA")
    with time_machine.travel(at(11, 23), tick=False):
        stuurinformatie_refresh()
        d = dashboard(Filters(van=dt.date(2026, 3, 1), tot=dt.date(2026, 4, 1)))
    assert _cel(d.tabellen["instroom_maand"], "2026-03-01") == "5"
    assert _cel(d.tabellen["instroom_maand"], "2026-04-01") == "6"
    assert _cel(d.tabellen["instroom_week"], "2026-03-30") == "11"


@pytest.fixture
def werkvoorraad(stad, settings):  # type: ignore[no-untyped-def]
    """Wijkteam Centrum with 7 professionals carrying 1, 2, 3, 4, 5, 5 and 6 open cases, and 7
    intakes still waiting on Wednesday 10 June 2026 (submitted 0, 0, 0, 2, 2, 7 and 12 working
    days earlier; 25 May is Whit Monday)."""
    settings.STUUR_CASELOAD_DREMPEL = 2
    collegas = [ProfessionalFactory(teams=[stad.wijkteam]) for _ in range(6)]
    with time_machine.travel(at(5, 4), tick=False):
        for pro, aantal in zip([*collegas, stad.pro], [1, 2, 3, 4, 5, 5, 6], strict=True):
            for _ in range(aantal):
                CasusFactory(opgepakt_door=pro)
    for dag, aantal in ((dt.date(2026, 5, 22), 1), (dt.date(2026, 6, 1), 1),
                        (dt.date(2026, 6, 8), 2), (dt.date(2026, 6, 10), 3)):
        with time_machine.travel(dt.datetime.combine(dag, dt.time(9), tzinfo=AMS), tick=False):
            for _ in range(aantal):
                IntakeFactory(postcode="7511AA")
    with time_machine.travel(at(6, 10, 15), tick=False):
        stuurinformatie_refresh()


def test_caseload_and_waiting_on_a_known_team(stad, werkvoorraad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(6, 10, 15), tick=False):
        d = dashboard(FILTERS)
        eigen = dashboard(replace(FILTERS, teams_toegestaan=(stad.wijkteam.pk,)))
    caseload = d.tabellen["caseload"]
    team = caseload.rij(str(stad.wijkteam.pk))
    # professionals, open, median of 1..6 (lower median of 7: the 4th), highest, more than 2.
    assert [c.tekst for c in team.cellen] == ["7", "26", "4", "6", "5"]
    noord = caseload.rij(str(stad.wijkteam_noord.pk))
    assert [c.tekst for c in noord.cellen] == ["<5", "<5", "te weinig", "te weinig", "<5"]
    # All 10 professionals (3 in other teams with none): 0,0,0,1,2,3,4,5,5,6 → lower median 2.
    assert [c.tekst for c in caseload.totaal.cellen] == ["10", "26", "2", "6", "5"]
    verdeling = d.tabellen["caseload_verdeling"]
    assert [r.cellen[0].tekst for r in verdeling.rijen[:3]] == ["<5", "6", "<5"]
    assert verdeling.totaal.cellen[0].tekst == "10"
    wachtend = d.tabellen["wachtend"]
    assert [r.sleutel for r in wachtend.rijen] == [str(stad.wijkteam.pk)]
    # Waiting 0,0,0,2,2,7,12: lower median 2; 90% (6.3 of 7) reached at 12.
    assert [c.tekst for c in wachtend.totaal.cellen] == ["7", "2 werkdagen", "12 werkdagen"]
    # A teamleider of Wijkteam Centrum sees only that team.
    assert [r.sleutel for r in eigen.tabellen["caseload"].rijen] == [str(stad.wijkteam.pk)]
    assert eigen.tabellen["caseload"].totaal.cellen[0].tekst == "7"
    assert eigen.tabellen["caseload"].totaal.cellen[2].tekst == "4"
    for tabel in (caseload, verdeling, wachtend):
        assert_geen_los_verborgen(tabel)


def test_summary_never_uses_a_hidden_figure() -> None:
    from regie.stuur.samenvatting import samenvatten
    from regie.stuur.tabel import Rij, Tabel

    cellen = beschermd({"2026-01-01": 12, "2026-02-01": 3, "2026-03-01": 40})
    tabel = Tabel("instroom_maand", "Aanvragen per maand", ["Aanvragen"],
                  [Rij(k, [c], sleutel=k) for k, c in cellen.items()],
                  totaal=Rij("Totaal", [Cel(55, "55")], sleutel="totaal"), grafiek="kolommen")
    tekst = samenvatten(tabel)
    assert cellen["2026-01-01"].tekst == "x"  # 12 is hidden to protect February's 3
    assert "12" not in tekst and "233" not in tekst and "Te weinig gegevens" in tekst


def test_difference_protection_hides_and_protects_again() -> None:
    from regie.stuur.privacy import verschil_beschermen
    from regie.stuur.tabel import Rij, Tabel

    def tabel(waarden: dict[str, int]) -> Tabel:
        cellen = beschermd(waarden)
        return Tabel("t", "T", ["n"], [Rij(k, [cellen[k]], sleutel=k) for k in waarden],
                     totaal=Rij("Totaal", [beschermd({"t": sum(waarden.values())})["t"]],
                                sleutel="totaal"), optelbaar="kolommen")

    smal = tabel({"a": 20, "b": 30, "c": 40})
    breed = tabel({"a": 22, "b": 30, "c": 50})  # a differs by 2, c by 10
    verschil_beschermen(smal, breed)
    teksten = {r.sleutel: r.cellen[0].tekst for r in smal.rijen}
    # a hidden (difference 2); then a alone would follow from the total: b (smallest) too.
    assert teksten == {"a": "x", "b": "x", "c": "40"}
    assert smal.totaal.cellen[0].tekst == "90"


def test_dashboard_with_filters_reads_few_small_queries(stad, data) -> None:  # type: ignore[no-untyped-def]
    filters = replace(FILTERS, wijk=stad.centrum.pk, team=stad.wijkteam.pk)
    with CaptureQueriesContext(connection) as ctx:
        dashboard(filters)
    small = len(ctx.captured_queries)
    with time_machine.travel(at(4, 6), tick=False):
        for _ in range(30):
            IntakeFactory(postcode="7511AA")
        IntakeFactory(in_noord=True)
    stuurinformatie_refresh()
    with CaptureQueriesContext(connection) as ctx:
        dashboard(filters)
    assert len(ctx.captured_queries) == small
