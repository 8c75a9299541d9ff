"""The dashboard's "Berichtenverkeer met zorgaanbieders" on a hand-counted set of messages:
the rebuild sums them per week and kind, the shares answered on time count the retour's day
and the request's 5-working-day clock (a 319 "in onderzoek" is an answer), small counts are
hidden like everywhere else, a week without any message reads "–", a teamleider sees their
own team's messages, and the page's query count does not grow with the messages."""

import datetime as dt
from dataclasses import replace

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from casussen.toewijzing.models import BerichtStatus, Richting
from casussen.toewijzing.toewijzen import verzoek_afwijzen, verzoek_onderzoeken
from regie.stuur.filters import Filters
from regie.stuur.models import StuurBericht
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from regie.termijnen.services import termijn_complete
from tests.besluitpad import catalogus_make
from tests.factories import CasusFactory
from tests.regie.stuurdata import at
from tests.regie.test_dashboard import lees_csv, lees_xlsx, pagina_tabellen, verwacht
from tests.toewijzingpad import bericht_make, verzoek_make

FILTERS = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 11, 1))
QUERY = "?van=2026-01&tot=2026-11"
WEEK_2_NOV, WEEK_9_NOV, WEEK_16_NOV = "2026-11-02", "2026-11-09", "2026-11-16"
# The last 12 weeks up to Monday 23 November: 7 September to 23 November.
WEKEN = [(dt.date(2026, 9, 7) + dt.timedelta(weeks=n)).isoformat() for n in range(12)]
STIL = [w for w in WEKEN if w not in (WEEK_2_NOV, WEEK_9_NOV, WEEK_16_NOV)]


def teksten(tabel) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return verwacht(tabel)


@pytest.fixture
def verkeer(stad):  # type: ignore[no-untyped-def]
    """Summarised on Monday 23 November 2026.

    Week of 2 November: 15 toewijzingen (301) — Centrum 10 (retour on time 5, one of them on
    the last day at 23:00, late 5), Noord 3 on time, Jeugd (iJw) 2 on time; 11 retours
    received (302; one without a casus); 5 starts of care (305) with our retour on time and 5
    retours of ours (306).
    Week of 9 November: Centrum 2 toewijzingen (one on time, one late); 12 requests (315):
    Centrum 11 — 5 answered in 2 days, 1 "in onderzoek" the next day (a 319 whose retour
    never came), 3 refused and 1 "in onderzoek" after 7 working days (319s still within their
    3 days on the 23rd), 1 not answered — and Jeugd 1 answered the next day.
    Week of 16 November: 1 request of Centrum, still within its 5 days.
    The other weeks: no message in the whole municipality.
    """
    cat = catalogus_make()
    aanbieder = cat.aanbieder
    with time_machine.travel(at(10, 1), tick=False):
        centrum = CasusFactory(opgepakt_door=stad.pro)
        noord = CasusFactory(opgepakt_door=stad.pro_noord, intake__in_noord=True)
        jeugd = CasusFactory(opgepakt_door=stad.pro_jeugd, intake__minderjarig=True)
    assert (centrum.team, noord.team, jeugd.team) == (stad.wijkteam, stad.wijkteam_noord,
                                                      stad.jeugdteam)

    def berichten(n: int, casus, code: str = "301", richting: str = Richting.UIT,  # type: ignore[no-untyped-def]
                  **velden) -> None:
        for _ in range(n):
            bericht_make(code=code, richting=richting, status=BerichtStatus.VERSTUURD,
                         aanbieder=aanbieder, casus=casus, **velden)

    with time_machine.travel(at(11, 2), tick=False):
        op_tijd = {"retour_uiterlijk": dt.date(2026, 11, 5), "retour_klaar_op": at(11, 4)}
        te_laat = {"retour_uiterlijk": dt.date(2026, 11, 5), "retour_klaar_op": at(11, 9)}
        berichten(4, centrum, **op_tijd)
        berichten(1, centrum, retour_uiterlijk=dt.date(2026, 11, 5),
                  retour_klaar_op=at(11, 5, 23))  # the last day, late in the evening
        berichten(5, centrum, **te_laat)
        berichten(3, noord, **op_tijd)
        berichten(2, jeugd, standaard="ijw", **op_tijd)
        berichten(10, centrum, code="302", richting=Richting.IN)
        berichten(1, None, code="302", richting=Richting.IN)
        berichten(5, centrum, code="305", richting=Richting.IN,
                  retour_uiterlijk=dt.date(2026, 11, 5), retour_klaar_op=at(11, 3))
        berichten(5, centrum, code="306")
    with time_machine.travel(at(11, 9), tick=False):
        berichten(1, centrum, retour_uiterlijk=dt.date(2026, 11, 12),
                  retour_klaar_op=at(11, 11))
        berichten(1, centrum, retour_uiterlijk=dt.date(2026, 11, 12),
                  retour_klaar_op=at(11, 16))
        verzoeken = [verzoek_make(intake=centrum.intake, casus=centrum, aanbieder=aanbieder,
                                  product=cat.begeleiding) for _ in range(11)]
        jeugdverzoek = verzoek_make(intake=jeugd.intake, casus=jeugd, aanbieder=aanbieder,
                                    product=cat.jeugdhulp, wet="JEUGDWET")
    with time_machine.travel(at(11, 10), tick=False):
        verzoek_onderzoeken(user=stad.pro, verzoek=verzoeken[5])
        termijn_complete(user=stad.pro_jeugd, termijn=jeugdverzoek.termijn)
    with time_machine.travel(at(11, 11), tick=False):
        for verzoek in verzoeken[:5]:
            termijn_complete(user=stad.pro, termijn=verzoek.termijn)
    with time_machine.travel(at(11, 18), tick=False):
        for verzoek in verzoeken[6:9]:
            verzoek_afwijzen(user=stad.pro, verzoek=verzoek, reden="3")
        # Late, even though the 8-week clock it starts has a long way to go.
        verzoek_onderzoeken(user=stad.pro, verzoek=verzoeken[9])
    with time_machine.travel(at(11, 20), tick=False):
        verzoek_make(intake=centrum.intake, casus=centrum, aanbieder=aanbieder,
                     product=cat.begeleiding)
    with time_machine.travel(at(11, 23), tick=False):
        stuurinformatie_refresh()
    return {"centrum": centrum, "aanbieder": aanbieder, "cat": cat}


@pytest.fixture
def op_23_november():  # type: ignore[no-untyped-def]
    with time_machine.travel(at(11, 23), tick=False):
        yield


def test_the_rebuild_sums_the_messages_per_week_and_kind(stad, verkeer) -> None:  # type: ignore[no-untyped-def]
    rijen = {(r["periode"].isoformat(), r["soort"]): (r["a"], r["o"], r["t"], r["n"])
             for r in StuurBericht.objects.values("periode", "soort")
             .annotate(a=Sum("aantal"), o=Sum("op_tijd"), t=Sum("te_laat"),
                       n=Sum("open_te_laat"))}
    assert rijen == {
        # kind: messages, retour (or answer) on time, late, not yet and past the deadline
        (WEEK_2_NOV, "toewijzing"): (15, 10, 5, 0),
        (WEEK_2_NOV, "retour_in"): (11, 0, 0, 0),
        (WEEK_2_NOV, "start_stop"): (5, 5, 0, 0),
        (WEEK_2_NOV, "retour_uit"): (5, 0, 0, 0),
        (WEEK_9_NOV, "toewijzing"): (2, 1, 1, 0),
        # the 319 "in onderzoek" of the 10th: no retour by the 13th
        (WEEK_9_NOV, "antwoord"): (1, 0, 0, 1),
        (WEEK_9_NOV, "verzoek"): (12, 0, 0, 0),
        # 5 + the first "in onderzoek" + Jeugd on time, 3 refused and 1 "in onderzoek"
        # late, 1 not answered
        (WEEK_9_NOV, "verzoek_antwoord"): (12, 7, 4, 1),
        (WEEK_16_NOV, "antwoord"): (4, 0, 0, 0),  # the late 319s: their retour not due yet
        (WEEK_16_NOV, "verzoek"): (1, 0, 0, 0),
        (WEEK_16_NOV, "verzoek_antwoord"): (1, 0, 0, 0),
    }
    # Per wet, team and wijk of the casus (or the request); a message without either has none.
    assert set(StuurBericht.objects.filter(soort="toewijzing", periode=WEEK_2_NOV)
               .values_list("wet", "team_id", "wijk_id", "aantal")) == {
        ("WMO", stad.wijkteam.pk, stad.centrum.pk, 10),
        ("WMO", stad.wijkteam_noord.pk, stad.noord.pk, 3),
        ("JEUGDWET", stad.jeugdteam.pk, stad.centrum.pk, 2)}
    assert StuurBericht.objects.filter(soort="retour_in", team_id__isnull=True,
                                       wijk_id__isnull=True).get().aantal == 1


def test_a_request_without_a_casus_counts_with_the_team_of_its_request(stad, verkeer) -> None:  # type: ignore[no-untyped-def]
    # A provider asks for care for a child the municipality does not know yet: the request
    # sits with the team of the referral intake, its messages with that team.
    intake = CasusFactory(opgepakt_door=stad.pro_jeugd, intake__minderjarig=True).intake
    with time_machine.travel(at(11, 19), tick=False):
        verzoek = verzoek_make(intake=intake, aanbieder=verkeer["aanbieder"], wet="JEUGDWET",
                               product=verkeer["cat"].jeugdhulp)
        bericht_make(code="316", richting=Richting.UIT, aanbieder=verkeer["aanbieder"],
                     retour_op=verzoek.bericht)
    with time_machine.travel(at(11, 23), tick=False):
        stuurinformatie_refresh()
    assert set(StuurBericht.objects.filter(periode=WEEK_16_NOV, wet="JEUGDWET")
               .values_list("soort", "team_id", "wijk_id")) == {
        ("verzoek", stad.jeugdteam.pk, intake.wijk_id),
        ("verzoek_antwoord", stad.jeugdteam.pk, intake.wijk_id)}
    assert StuurBericht.objects.get(soort="retour_uit", periode=WEEK_16_NOV).team_id == \
        stad.jeugdteam.pk


def test_shares_answered_on_time_per_week_and_per_wet(stad, verkeer, op_23_november) -> None:  # type: ignore[no-untyped-def]
    d = dashboard(FILTERS)
    week = teksten(d.tabellen["berichten_op_tijd"])
    assert list(week) == [*WEKEN, "totaal"]  # oldest first
    # Columns: theirs (count, retour on time), requests (count, within 5 working days),
    # ours (count, retour within 3 working days).
    # 2 Nov: our 15 toewijzingen, 10 with their retour on time (the one on the last day at
    # 23:00 too); their 5 starts all answered on time: 100% of 5 hides the late ones' 0.
    assert week[WEEK_2_NOV] == ["5", "te weinig", "<5", "te weinig", "15", "67%"]
    # 9 Nov: 12 requests, 7 answered within 5 working days (the 319 "in onderzoek" too).
    assert week[WEEK_9_NOV] == ["<5", "te weinig", "12", "58%", "<5", "te weinig"]
    # 16 Nov: one request, its clock still running: nothing due yet.
    assert week[WEEK_16_NOV] == ["<5", "te weinig"] * 3
    # Weeks without a single message in the municipality: "–".
    for stil in STIL:
        assert week[stil] == ["–"] * 6, stil
    # 18 of ours due over the weeks, 11 on time.
    assert week["totaal"] == ["5", "te weinig", "12", "58%", "18", "61%"]
    wet = teksten(d.tabellen["berichten_wet"])
    # Jeugdwet's small counts would follow from the total: Wmo's hidden too ("x").
    assert wet["WMO"] == ["x", "te weinig", "x", "55%", "x", "56%"]
    assert wet["JEUGDWET"] == ["<5", "te weinig", "<5", "te weinig", "<5", "te weinig"]
    assert wet["totaal"] == week["totaal"]


def test_message_flow_per_week_hides_small_counts(stad, verkeer, op_23_november) -> None:  # type: ignore[no-untyped-def]
    d = dashboard(FILTERS)
    tabel = d.tabellen["berichten_week"]
    stroom = teksten(tabel)
    # Sent: toewijzingen, answers, retours; received: start/stop, requests, retours.
    assert stroom[WEEK_2_NOV] == ["15", "<5", "5", "5", "<5", "11"]
    assert stroom[WEEK_9_NOV] == ["<5", "<5", "<5", "<5", "12", "<5"]
    assert stroom[WEEK_16_NOV] == ["<5", "<5", "<5", "<5", "<5", "<5"]
    assert stroom[STIL[0]] == ["–"] * 6
    assert stroom["totaal"] == ["17", "5", "5", "5", "13", "11"]
    assert [r.label for r in tabel.rijen][-3:] == ["week 46 (9 Nov)", "week 47 (16 Nov)",
                                                   "week 48 (23 Nov)"]
    assert tabel.samenvatting.startswith("In totaal: 17 toewijzingen verstuurd, 5 antwoorden")
    # A wijk: Centrum's 12 toewijzingen would give Noord's 3 away, its 10 retours received
    # the one without a casus: hidden ("x"), and the totals with them.
    centrum = teksten(dashboard(replace(FILTERS, wijk=stad.centrum.pk)).tabellen[
        "berichten_week"])
    assert centrum[WEEK_2_NOV] == ["x", "<5", "5", "5", "<5", "x"]
    assert centrum["totaal"] == ["x", "5", "5", "5", "13", "x"]
    # A wet: the Wmo's 13 toewijzingen would give the Jeugdwet's 2 away.
    wmo = teksten(dashboard(replace(FILTERS, wet="WMO")).tabellen["berichten_week"])
    assert wmo[WEEK_2_NOV][0] == "x"


def test_manager_and_teamleider_see_the_section(client, stad, verkeer,  # type: ignore[no-untyped-def]
                                                op_23_november) -> None:
    client.force_login(stad.manager)
    html = client.get(f"/dashboard/{QUERY}").content.decode()
    assert "Berichtenverkeer met zorgaanbieders" in html
    assert 'href="#sectie-berichten"' in html
    tabellen = pagina_tabellen(html)
    for sleutel in ("berichten_week", "berichten_op_tijd", "berichten_wet"):
        assert tabellen[sleutel] == verwacht(dashboard(FILTERS).tabellen[sleutel]), sleutel
    # Its chart: the toewijzingen per week; a hidden week is hatched, a week without any
    # message has no bar.
    assert 'data-grafiek="berichten_week"' in html
    assert "<title id=\"grafiek-titel-berichten_week\">Toewijzingen verstuurd per week" in html

    # A teamleider of Wijkteam Centrum: only the team's own messages and requests.
    client.force_login(stad.teamleider)
    html = client.get(f"/dashboard/{QUERY}").content.decode()
    eigen = dashboard(replace(FILTERS, teams_toegestaan=(stad.wijkteam.pk,)))
    tabellen = pagina_tabellen(html)
    for sleutel in ("berichten_week", "berichten_op_tijd", "berichten_wet"):
        assert tabellen[sleutel] == verwacht(eigen.tabellen[sleutel]), sleutel
    # 10 toewijzingen of Centrum (not Noord's 3, not the Jeugd's 2): 5 of them late.
    assert tabellen["berichten_op_tijd"][WEEK_2_NOV][4:] == ["10", "50%"]
    # 11 requests of the team, 6 answered on time.
    assert tabellen["berichten_op_tijd"][WEEK_9_NOV][2:4] == ["11", "55%"]
    assert "/werk/verzoeken/" not in html

    # In English, marks and sentences included (the override puts the test's language back).
    with translation.override("en"):
        client.post("/i18n/setlang/", {"language": "en", "next": "/dashboard/"})
        html = client.get(f"/dashboard/{QUERY}").content.decode()
    sectie = html[html.index('id="sectie-berichten"'):]
    assert "Messages with care providers" in html
    assert "Answered on time per week (last 12 weeks)" in sectie
    assert "All weeks together." in sectie and "too few" in sectie
    assert "te weinig" not in sectie and "verstuurd" not in sectie


def test_the_export_holds_the_figures_of_the_page(client, stad, verkeer, op_23_november  # type: ignore[no-untyped-def]
                                                  ) -> None:
    client.force_login(stad.manager)
    tabel = dashboard(FILTERS).tabellen["berichten_op_tijd"]
    rijen = lees_csv(client.get(f"/dashboard/export/berichten_op_tijd.csv{QUERY}").content)
    assert rijen[0] == ["Week", *tabel.kolommen]
    regels = {r[0]: r[1:] for r in rijen[1:]}
    assert regels["week 45 (2 Nov)"] == ["5", "te weinig", "<5", "te weinig", "15", "67%"]
    assert regels["week 37 (7 Sep)"] == ["–"] * 6
    assert regels["Totaal"] == ["5", "te weinig", "12", "58%", "18", "61%"]
    xlsx = lees_xlsx(client.get(f"/dashboard/export/berichten_op_tijd.xlsx{QUERY}").content)
    assert xlsx[1] == ["Op tijd beantwoord per week (laatste 12 weken)"]
    week_45 = next(r for r in xlsx.values() if r and r[0] == "week 45 (2 Nov)")
    assert week_45[1:] == [5.0, "te weinig", "<5", "te weinig", 15.0, 0.67]
    assert client.get(f"/dashboard/export/berichten_week.csv{QUERY}").status_code == 200
    assert client.get(f"/dashboard/export/berichten_wet.xlsx{QUERY}").status_code == 200


def test_query_count_flat_as_messages_grow(client, stad, verkeer, op_23_november) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    url = f"/dashboard/{QUERY}&wijk={stad.centrum.pk}"
    with CaptureQueriesContext(connection) as klein:
        assert client.get(url).status_code == 200
    rijen_voor = StuurBericht.objects.count()
    centrum, aanbieder = verkeer["centrum"], verkeer["aanbieder"]
    for dag in (14, 21, 28):
        with time_machine.travel(at(10, dag), tick=False):
            for code, richting in (("301", Richting.UIT), ("305", Richting.IN),
                                   ("302", Richting.IN), ("308", Richting.UIT)):
                heen = {"retour_uiterlijk": dt.date(2026, 10, dag + 3)} \
                    if code in ("301", "305") else {}
                for _ in range(6):
                    bericht_make(code=code, richting=richting, aanbieder=aanbieder,
                                 casus=centrum, **heen)
            for _ in range(3):
                verzoek_make(intake=centrum.intake, casus=centrum, aanbieder=aanbieder,
                             product=verkeer["cat"].begeleiding)
    stuurinformatie_refresh()
    assert StuurBericht.objects.count() > rijen_voor
    with CaptureQueriesContext(connection) as groot:
        assert client.get(url).status_code == 200
    assert len(groot.captured_queries) == len(klein.captured_queries)
