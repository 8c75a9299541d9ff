"""The dashboard page and its exports through the client: the same protected figures on the
page, in CSV and in XLSX; filters validated in Dutch; teamleiders limited to their own teams
with a way into their cases; managers without any link to a person."""

import csv
import datetime as dt
import io
import logging
import re
import zipfile
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from regie.stuur.filters import Filters
from regie.stuur.models import StuurVerversing
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from regie.stuur.weergave import TABELLEN
from tests.factories import (
    BeheerderFactory,
    IntakeFactory,
    InwonerFactory,
    PrivacyFactory,
    ProfessionalFactory,
    TeamleiderFactory,
    VerwijzerFactory,
    WijkFactory,
)
from tests.regie.stuurdata import at, bekend_jaar
from toegang.audit.models import Toegangslog
from toegang.thema.services import actief_thema

FILTERS = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 11, 1))
QUERY = "?van=2026-01&tot=2026-11"
NU = at(11, 23)


@pytest.fixture
def data(stad):  # type: ignore[no-untyped-def]
    return bekend_jaar(stad)


@pytest.fixture
def op_23_november():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


class _Tabellen(HTMLParser):
    """The dashboard's tables as {key: {row key: [cell texts]}}."""

    def __init__(self) -> None:
        super().__init__()
        self.tabellen: dict[str, dict[str, list[str]]] = {}
        self._tabel = self._rij = None
        self._cel: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        a = dict(attrs)
        if tag == "table" and "data-tabel" in a:
            self._tabel = a["data-tabel"]
            self.tabellen[self._tabel] = {}
        elif tag == "tr" and self._tabel and "data-rij" in a:
            self._rij = a["data-rij"]
            self.tabellen[self._tabel][self._rij] = []
        elif tag == "td" and self._rij is not None:
            self._cel = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cel is not None and self._tabel and self._rij is not None:
            self.tabellen[self._tabel][self._rij].append("".join(self._cel).strip())
            self._cel = None
        elif tag == "tr":
            self._rij = None
        elif tag == "table":
            self._tabel = None

    def handle_data(self, data: str) -> None:
        if self._cel is not None:
            self._cel.append(data)


def pagina_tabellen(html: str) -> dict[str, dict[str, list[str]]]:
    parser = _Tabellen()
    parser.feed(html)
    return parser.tabellen


def verwacht(tabel) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    rijen = {r.sleutel: [c.tekst for c in r.cellen] for r in tabel.rijen}
    if tabel.totaal is not None:
        rijen[tabel.totaal.sleutel] = [c.tekst for c in tabel.totaal.cellen]
    return rijen


def lees_csv(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith(b"\xef\xbb\xbf")  # BOM, for spreadsheet programs
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def lees_xlsx(inhoud: bytes) -> dict[int, list[object]]:
    """Rows of the first sheet: shared strings as text, numbers as float; formulas fail."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        blad = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        teksten = [si.findtext("m:t", namespaces=ns) or "" for si in ElementTree.fromstring(
            z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
    rijen: dict[int, list[object]] = {}
    for rij in blad.iter(f"{{{ns['m']}}}row"):
        waarden: list[object] = []
        for cel in rij.findall("m:c", ns):
            assert cel.find("m:f", ns) is None, "no formulas in an export"
            kolom = ord(re.sub(r"\d", "", cel.get("r"))[0]) - ord("A")
            waarden += [""] * (kolom - len(waarden))
            v = cel.findtext("m:v", namespaces=ns)
            waarden.append(teksten[int(v)] if cel.get("t") == "s" else float(v))
        rijen[int(rij.get("r"))] = waarden
    return rijen


def _xlsx_tekst(waarde: object, cel) -> object:  # type: ignore[no-untyped-def]
    """What the XLSX should hold for a cell: its text when hidden, else its number."""
    if cel.verborgen:
        return cel.tekst
    return cel.waarde / 100 if cel.eenheid == "%" else float(cel.waarde)


# --- The page --------------------------------------------------------------------------------


def test_manager_sees_every_section_with_charts_tables_and_summaries(  # type: ignore[no-untyped-def]
        client, stad, data, op_23_november) -> None:
    client.force_login(stad.manager)
    response = client.get(f"/dashboard/{QUERY}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bijgewerkt op 23 november 2026" in html
    tabellen = pagina_tabellen(html)
    assert set(tabellen) == set(TABELLEN)
    d = dashboard(FILTERS)
    for sleutel in TABELLEN:
        assert tabellen[sleutel] == verwacht(d.tabellen[sleutel]), sleutel
    # Charts: inline SVG with a name, a description and hatched bars for hidden figures.
    from regie.stuur.grafieken import grafiek, multiples

    # A chart for every table with a chart and at least one visible figure in it.
    grafieken = sum(1 for t in d.tabellen.values() if grafiek(t)) + len(
        multiples(d.tabellen["trends_wijk"]))
    assert html.count('role="img"') == grafieken == 4
    assert 'aria-labelledby="grafiek-titel-instroom_kanaal grafiek-uitleg-instroom_kanaal"' \
        in html
    assert 'data-verborgen="&lt;5"' in html
    assert "<desc id=\"grafiek-uitleg-instroom_maand\">In totaal: 23." in html
    assert " style=" not in html and "<script>" not in html
    # The complement attack on the page: Noord (2) hidden, Centrum hidden too, total shown.
    wijk = tabellen["instroom_wijk"]
    assert (wijk[str(stad.noord.pk)], wijk[str(stad.centrum.pk)], wijk["totaal"]) == \
        (["<5"], ["x"], ["23"])


def _legenda(html: str) -> list[str]:
    blok = re.search(r'<div class="stuur-legenda.*?</div>', html, re.S)
    assert blok, "the page has a legend"
    return [unescape(re.sub(r"\s+", " ", li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", blok[0], re.S)]


@pytest.mark.parametrize(("taal", "te_weinig", "andere_taal", "uitleg"), [
    ("nl", "te weinig", "too few", ["<5: minder dan 5 (ook 0)", "x: niet getoond",
                                    "te weinig: minder dan 5 gevallen"]),
    ("en", "too few", "te weinig", ["<5: fewer than 5 (including 0)", "x: not shown",
                                    "too few: fewer than 5 cases"]),
])
def test_hidden_figures_and_the_legend_read_in_the_chosen_language(  # type: ignore[no-untyped-def]
        client, stad, data, op_23_november, taal: str, te_weinig: str, andere_taal: str,
        uitleg: list[str]) -> None:
    client.force_login(stad.manager)
    client.post("/i18n/setlang/", {"language": taal, "next": "/dashboard/"})  # the switch
    html = client.get(f"/dashboard/{QUERY}").content.decode()
    assert f'<html lang="{taal}"' in html
    tabellen = pagina_tabellen(html)
    # Three closed cases: too few for a median; Noord's 2 intakes and the protected Centrum.
    assert tabellen["doorlooptijden"]["gesloten"][:2] == [te_weinig, te_weinig]
    wijk = tabellen["instroom_wijk"]
    assert (wijk[str(stad.noord.pk)], wijk[str(stad.centrum.pk)]) == (["<5"], ["x"])
    # The legend explains each mark the tables use, with that same mark, in that language.
    legenda = _legenda(html)
    assert [regel[: len(begin)] for regel, begin in zip(legenda, uitleg, strict=False)] == uitleg
    with translation.override(taal):
        d = dashboard(FILTERS)
    verborgen = {c.tekst for t in d.tabellen.values()
                 for r in [*t.rijen, *([t.totaal] if t.totaal else [])] for c in r.cellen
                 if c.reden}
    assert verborgen == {regel.split(": ", 1)[0] for regel in legenda[:3]}
    assert andere_taal not in html.lower()

    # The exports write the same marks and explain them the same way.
    rijen = lees_csv(client.get(f"/dashboard/export/doorlooptijden.csv{QUERY}").content)
    assert [r[1] for r in rijen if r[0] in {"aanvraag tot afsluiten", "request to closing"}] \
        == [te_weinig]
    xlsx = lees_xlsx(client.get(f"/dashboard/export/doorlooptijden.xlsx{QUERY}").content)
    teksten = " ".join(str(w) for rij in xlsx.values() for w in rij)
    assert " ".join(legenda[:3]) in teksten
    assert andere_taal not in teksten.lower()


def test_manager_gets_no_link_to_anything_about_a_person(client, stad, data,  # type: ignore[no-untyped-def]
                                                         op_23_november) -> None:
    client.force_login(stad.manager)
    html = client.get(f"/dashboard/{QUERY}").content.decode()
    links = re.findall(r'href="([^"#]+)', html)
    assert links, "the page has links (exports, navigation)"
    gemeente = actief_thema().website_url  # the municipality's site, in the page footer
    for link in links:
        assert link.startswith(("/dashboard/", "/static/", "/thema/", "/?", "/medewerker/",
                                "/berichten/", "/account/")) or \
            link in ("/", "/dashboard/", "/kwetsbaarheid-melden/", gemeente), link
    assert "/werk/" not in html and "/mijn/" not in html


def test_no_rebuild_yet_says_so(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    html = client.get("/dashboard/").content.decode()
    assert "Er zijn nog geen cijfers." in html
    assert "functioneel beheerder" in html


def test_query_count_is_flat_as_data_grows(client, stad, data, op_23_november) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/dashboard/{QUERY}&wijk={stad.centrum.pk}").status_code == 200
    klein = len(ctx.captured_queries)
    with time_machine.travel(at(5, 4), tick=False):
        for postcode in ["7511AA"] * 20 + ["7521AA"] * 20:
            IntakeFactory(postcode=postcode)
    WijkFactory(naam="Zuid", postcodes=["7541"])
    stuurinformatie_refresh()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/dashboard/{QUERY}&wijk={stad.centrum.pk}").status_code == 200
    assert len(ctx.captured_queries) == klein


# --- Filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "veld", "fout"), [
    ("?van=maart&tot=2026-11", "van", "Vul een maand in als jaar-maand, bijvoorbeeld 2026-03."),
    ("?van=2026-13&tot=2026-11", "van", "Vul een maand in als jaar-maand, bijvoorbeeld 2026-03."),
    ("?van=2026-06&tot=2026-03", "van", "De eerste maand ligt na de laatste maand."),
    ("?van=2026-06&tot=2027-01", "tot", "Deze maand ligt in de toekomst. Kies uiterlijk deze "
                                        "maand."),
    ("?van=2020-01&tot=2026-11", "van", "Kies een periode van hoogstens 36 maanden."),
    ("?wijk=999999", "wijk", "Kies een wijk uit de lijst."),
    ("?wet=AOW", "wet", "Kies een wet uit de lijst."),
    ("?team=abc", "team", "Kies een team uit de lijst."),
])
def test_invalid_filters_show_the_linked_summary_and_keep_the_input(  # type: ignore[no-untyped-def]
        client, stad, data, op_23_november, query: str, veld: str, fout: str) -> None:
    client.force_login(stad.manager)
    response = client.get(f"/dashboard/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout:" in html and "data-error-summary" in html
    assert f'href="#id_{veld}"' in html and fout in html
    assert "data-tabel=" not in html  # no figures for a wrong choice
    if "maart" in query:
        assert 'value="maart"' in html


def test_month_as_mm_yyyy_and_defaults(client, stad, data, op_23_november) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    html = client.get("/dashboard/?van=03-2026&tot=04-2026").content.decode()
    maand = pagina_tabellen(html)["instroom_maand"]
    assert list(maand) == ["2026-03-01", "2026-04-01", "totaal"]
    assert maand["totaal"] == ["23", "6"]
    # Without filters: the last twelve months, this one included.
    standaard = pagina_tabellen(client.get("/dashboard/").content.decode())["instroom_maand"]
    assert next(iter(standaard)) == "2025-12-01" and len(standaard) == 13


# --- Exports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [QUERY, f"{QUERY}&wijk=centrum"])
def test_both_exports_hold_exactly_the_protected_figures_of_the_page(  # type: ignore[no-untyped-def]
        client, stad, data, op_23_november, query: str) -> None:
    query = query.replace("centrum", str(stad.centrum.pk))
    client.force_login(stad.manager)
    pagina = pagina_tabellen(client.get(f"/dashboard/{query}").content.decode())
    filters = replace(FILTERS, wijk=stad.centrum.pk) if "wijk" in query else FILTERS
    d = dashboard(filters)
    for sleutel in TABELLEN:
        tabel = d.tabellen[sleutel]
        rijen = [*tabel.rijen, *([tabel.totaal] if tabel.totaal else [])]
        csv_rijen = lees_csv(client.get(f"/dashboard/export/{sleutel}.csv{query}").content)
        assert csv_rijen[0] == [tabel.rij_kop, *tabel.kolommen]
        assert [r[0] for r in csv_rijen[1:]] == [r.label for r in rijen]
        for regel, rij in zip(csv_rijen[1:], rijen, strict=True):
            assert regel[1:] == [c.tekst.replace(".", "") if c.is_aantal and not c.verborgen
                                 else c.tekst for c in rij.cellen], (sleutel, rij.label)
            assert regel[1:] == [t.replace(".", "") for t in
                                              pagina[sleutel][rij.sleutel]]
        xlsx = lees_xlsx(client.get(f"/dashboard/export/{sleutel}.xlsx{query}").content)
        assert xlsx[1] == [tabel.titel]
        assert xlsx[5][: len(tabel.kolommen) + 1][0] == tabel.rij_kop
        for nummer, rij in enumerate(rijen, start=6):
            assert xlsx[nummer][0] == rij.label
            assert xlsx[nummer][1:] == [_xlsx_tekst(None, c) for c in rij.cellen], \
                (sleutel, rij.label)


def test_complement_attack_fails_on_the_exports(client, stad, data, op_23_november) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    rijen = lees_csv(client.get(f"/dashboard/export/instroom_wijk.csv{QUERY}").content)
    assert rijen[1:] == [["Centrum", "x"], ["Noord", "<5"], ["Totaal", "23"]]
    xlsx = lees_xlsx(client.get(f"/dashboard/export/instroom_wijk.xlsx{QUERY}").content)
    assert xlsx[6][1] == "x" and xlsx[7][1] == "<5" and xlsx[8][1] == 23.0
    # Filtering on Centrum would give 21 (and 23 − 21 = Noord's 2): hidden there too.
    gefilterd = lees_csv(client.get(
        f"/dashboard/export/instroom_maand.csv{QUERY}&wijk={stad.centrum.pk}").content)
    assert gefilterd[-1][:2] == ["Totaal", "x"]


def test_export_guards_against_formulas(client, stad, op_23_november) -> None:  # type: ignore[no-untyped-def]
    WijkFactory(naam='=HYPERLINK("http://x","klik")', postcodes=["7599"])
    stuurinformatie_refresh()
    client.force_login(stad.manager)
    rijen = lees_csv(client.get(f"/dashboard/export/instroom_wijk.csv{QUERY}").content)
    assert ["'=HYPERLINK(\"http://x\",\"klik\")", "<5"] in rijen
    xlsx = lees_xlsx(client.get(f"/dashboard/export/instroom_wijk.xlsx{QUERY}").content)
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in [r[0] for r in xlsx.values()]


def test_export_is_recorded_without_an_access_log_row(client, stad, data, op_23_november,  # type: ignore[no-untyped-def]
                                                      caplog) -> None:
    client.force_login(stad.manager)
    before = Toegangslog.objects.count()
    with caplog.at_level(logging.INFO, logger="regie.stuur.services"):
        response = client.get(f"/dashboard/export/caseload.xlsx{QUERY}&wet=WMO")
    assert response.status_code == 200
    assert response["Content-Disposition"] == \
        'attachment; filename="stuurinformatie-caseload-2026-01-2026-11.xlsx"'
    assert Toegangslog.objects.count() == before  # aggregates: no personal data
    regel = next(r.getMessage() for r in caplog.records if "exported" in r.getMessage())
    assert f"user {stad.manager.pk} (manager)" in regel and "table caseload" in regel
    assert "format xlsx" in regel and "wet WMO" in regel


@pytest.mark.parametrize(("url", "status"), [
    ("/dashboard/export/bestaat_niet.csv", 404), ("/dashboard/export/instroom_wijk.pdf", 404),
    ("/dashboard/export/instroom_wijk.csv?van=maart", 400)])
def test_export_refuses_unknown_tables_formats_and_bad_filters(client, stad, url: str,  # type: ignore[no-untyped-def]
                                                               status: int) -> None:
    client.force_login(stad.manager)
    assert client.get(url).status_code == status


# --- Teamleiders -----------------------------------------------------------------------------


def test_teamleider_sees_only_own_team_and_can_drill_into_its_cases(  # type: ignore[no-untyped-def]
        client, stad, data, op_23_november) -> None:
    client.force_login(stad.teamleider)
    html = client.get(f"/dashboard/{QUERY}").content.decode()
    eigen = dashboard(replace(FILTERS, teams_toegestaan=(stad.wijkteam.pk,)))
    tabellen = pagina_tabellen(html)
    for sleutel in TABELLEN:
        assert tabellen[sleutel] == verwacht(eigen.tabellen[sleutel]), sleutel
    assert list(tabellen["caseload"]) == [str(stad.wijkteam.pk), "totaal"]
    # Only the own team to choose; another team is refused like an unknown one.
    assert f'<option value="{stad.wijkteam.pk}">' in html
    assert f'<option value="{stad.jeugdteam.pk}">' not in html
    andere = client.get(f"/dashboard/{QUERY}&team={stad.jeugdteam.pk}").content.decode()
    assert "Kies een team uit de lijst." in andere
    assert client.get(f"/dashboard/export/caseload.csv{QUERY}&team={stad.jeugdteam.pk}"
                      ).status_code == 400
    # Drill-down: from the team's figures to the team's cases, through the casework pages.
    queue = f"/werk/?filter=1&amp;team={stad.wijkteam.pk}"
    assert f'href="{queue}"' in html
    assert f'href="/werk/?filter=1&amp;team={stad.wijkteam.pk}&amp;status=nieuw"' in html
    assert 'href="/werk/team/#caseload-kop"' in html
    assert f'href="/werk/?filter=1&amp;wijk={stad.centrum.pk}"' in html
    werk = client.get(queue.replace("&amp;", "&"))
    assert werk.status_code == 200
    assert data["centrum"][-1].referentie in werk.content.decode()


def test_teamleider_without_a_team_gets_an_explanation(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(TeamleiderFactory(teams=[]))
    html = client.get("/dashboard/").content.decode()
    assert "U bent nog geen lid van een team." in html and "data-tabel=" not in html


# --- Who may open what (the dashboard's part of the permission matrix) ----------------------


URLS = ["/dashboard/", "/dashboard/export/instroom_wijk.csv", "/dashboard/export/zrm.xlsx"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(("wie", "status"), [
    ("anoniem", 302), ("inwoner", 404), ("professional", 404), ("teamleider", 200),
    ("manager", 200), ("beheerder", 404), ("privacy", 404), ("verwijzer", 404)])
def test_dashboard_role_matrix(client, stad, url: str, wie: str, status: int) -> None:  # type: ignore[no-untyped-def]
    gebruikers = {"inwoner": stad.inwoner, "professional": stad.pro,
                  "teamleider": stad.teamleider, "manager": stad.manager,
                  "beheerder": stad.beheerder, "privacy": PrivacyFactory(),
                  "verwijzer": VerwijzerFactory().user}
    if wie != "anoniem":
        client.force_login(gebruikers[wie])
    response = client.get(url)
    assert response.status_code == status
    if wie == "anoniem":
        assert response["Location"].startswith("/medewerker/inloggen/")


@pytest.mark.parametrize(("wie", "get", "post"), [("beheerder", 200, 302), ("manager", 404, 404),
                                                 ("teamleider", 404, 404), ("inwoner", 404, 404)])
def test_rebuild_page_only_for_the_beheerder(client, stad, wie: str, get: int,  # type: ignore[no-untyped-def]
                                             post: int) -> None:
    client.force_login(getattr(stad, wie))
    assert client.get("/dashboard/verversen/").status_code == get
    assert client.post("/dashboard/verversen/").status_code == post


def test_beheerder_starts_a_rebuild(client, stad, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client.force_login(BeheerderFactory())
    assert "De cijfers zijn nog nooit berekend." in client.get(
        "/dashboard/verversen/").content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/dashboard/verversen/")
    assert response.status_code == 302 and len(callbacks) == 1
    assert StuurVerversing.objects.count() == 1  # eager in the tests: the task ran
    assert "Laatst berekend op" in client.get("/dashboard/verversen/").content.decode()
    assert 'href="/dashboard/verversen/"' in client.get("/diagnose/").content.decode()


@pytest.mark.django_db
def test_demo_seed_fills_the_dashboard(client) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", "--quiet-logins")
    assert StuurVerversing.objects.exists()
    from toegang.accounts.models import User

    client.force_login(User.objects.get(username="demo-manager"))
    html = client.get("/dashboard/").content.decode()
    assert "Bijgewerkt op" in html
    totaal = pagina_tabellen(html)["instroom_maand"]["totaal"][0]
    # the demo's 40 intakes of the last 60 days, 5 more for its clocks, the 4 of deuren.py
    # (two referrals, a phone call, the partner's request) and the referral a provider's
    # request for a child the municipality did not know yet became (demo/berichtenverkeer.py)
    assert totaal == "50"


def test_other_roles_are_in_the_matrix(stad) -> None:  # type: ignore[no-untyped-def]
    """Guards the matrix above: every staff role of the product is listed there."""
    from toegang.accounts.models import Rol

    assert {r.value for r in Rol} == {"inwoner", "professional", "teamleider", "manager",
                                      "beheerder", "privacy", "verwijzer"}
    assert InwonerFactory().rol == "inwoner" and ProfessionalFactory().rol == "professional"


def test_figures_are_cached_per_rebuild_and_a_rebuild_shows_new_figures(client, stad, data,  # type: ignore[no-untyped-def]
                                                                         op_23_november) -> None:
    client.force_login(stad.manager)
    url = f"/dashboard/{QUERY}"
    with CaptureQueriesContext(connection) as eerst:
        before = client.get(url).context["dashboard"]
    with CaptureQueriesContext(connection) as weer:
        assert client.get(url).context["dashboard"].tabellen.keys() == before.tabellen.keys()
    # The first time every table is computed (the residents' feedback read live from its
    # own small table: one grouped query; "Besluiten en kosten": six, see
    # regie/stuur/tabellen_besluit.py; "Berichtenverkeer": two, see tabellen_berichten.py;
    # "Hulp in de buurt": two, see tabellen_sociale_kaart.py).
    # The second time the figures come from the cache: read are only the session, the user
    # and the device, the filter's teams and wijken, the last rebuild (twice) and the unread
    # messages.
    assert (len(eerst.captured_queries), len(weer.captured_queries)) == (36, 8)
    with time_machine.travel(at(5, 4), tick=False):
        for _n in range(30):
            IntakeFactory(postcode="7511AA")
    stuurinformatie_refresh()
    with CaptureQueriesContext(connection) as na:
        after = client.get(url).context["dashboard"]
    assert len(na.captured_queries) == len(eerst.captured_queries)  # computed again
    def mei(overzicht):  # type: ignore[no-untyped-def]
        return next(r.cellen for r in overzicht.tabellen["instroom_maand"].rijen
                    if r.sleutel == "2026-05-01")

    assert mei(after) != mei(before)
