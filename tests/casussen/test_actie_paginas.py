"""One task per page: every action on a casus except the frequent ones (contactmoment,
notitie, "afgehandeld") has a small page of its own at its URL. Gated like the action (CHANGE),
logged like a page view, errors shown on the same page with the input kept; the casus page
itself only links to them."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen import selectors
from casussen.models import Casus, CasusStatus
from casussen.services import overdracht_propose
from intake.services import toestemming_give
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from regie.termijnen.services import termijn_start
from tests.factories import (
    CasusFactory,
    ProfessionalFactory,
    TeamFactory,
    TermijnFactory,
)
from toegang.audit.models import Toegangslog

AMS = dt.timezone(dt.timedelta(hours=1))
NU = dt.datetime(2026, 11, 23, 10, tzinfo=AMS)  # a Monday

NOTE = {"situatie": "Stabiel", "geprobeerd": "Budgetcoach", "afspraken": "Elke week bellen",
        "risicos": "Huurachterstand", "volgende_stappen": "Schuldhulp aanvragen"}

# Queries of the casus page in the fixture below (two open clocks), for the regiehouder and
# the teamleider alike. With the action forms on the page (main at 0f7f0f3) it ran 38; the
# forms' choice lists (covered teams, colleagues, teams) cost 8 of them. The request's own
# history (forwarded, closed as duplicate: issue 14) added one, the appointments' timeline
# lines one more. The decision path adds two: its timeline lines and the "Besluiten" block
# (counts and the household's cost in one query). The berichtenverkeer adds three: its
# timeline lines (toewijzingen, providers' requests) and the count behind the link to the
# toewijzingen (one query). The zaaksysteem block (issue 17) adds one: the casus' zaken (a
# second query for their steps only when there is a zaak). The municipality's own wizard
# questions (issue 19) add one: the intake's answers, as they were asked.
CASUS_PAGINA_QUERIES = 39


@pytest.fixture(autouse=True)
def _klok():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


@dataclass
class Zaak:
    casus: Casus
    lopend: Termijn      # a legal term that runs
    stil: Termijn        # a legal term that stands still
    collega: Any         # another professional of the same team


@pytest.fixture
def zaak(stad) -> Zaak:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner, eerste_contact_gehad=True)
    lopend = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING, start=NU.date())
    stil = TermijnFactory(casus=casus, soort=TermijnSoort.JEUGD_BESCHIKKING,
                          start=NU.date() - dt.timedelta(days=14),
                          opgeschort_om="Wacht op verslag",
                          opgeschort_sinds=NU.date() - dt.timedelta(days=3))
    collega = ProfessionalFactory(teams=[stad.wijkteam], first_name="Kees", last_name="Bos")
    return Zaak(casus=casus, lopend=lopend, stil=stil, collega=collega)


@dataclass
class Pagina:
    naam: str
    titel: str                            # the h1 and the start of the <title>
    fout: dict[str, Any]                  # a POST that fails
    getypt: str                           # text from `fout` that must come back
    melding: str                          # what the form says about `fout`
    goed: Any                             # (stad, zaak) -> a POST that works
    gelukt: str                           # the success message on the casus page
    wie: str = "pro"                      # who performs the working POST

    def url(self, zaak: Zaak) -> str:
        pk = zaak.casus.pk
        pad = {"status": "status", "ave": "ave", "betrokkene": "betrokkene",
               "overdracht": "overdracht", "toewijzen": "toewijzen",
               "termijn_start": "termijnen/start", "terugbelafspraak": "termijnen/terugbellen",
               "termijn_opschorten": f"termijnen/{zaak.lopend.pk}/opschorten",
               "termijn_verdagen": f"termijnen/{zaak.lopend.pk}/verdagen",
               "termijn_hervatten": f"termijnen/{zaak.stil.pk}/hervatten"}[self.naam]
        return f"/werk/casussen/{pk}/{pad}/"


PAGINAS = [
    Pagina("status", "Status veranderen",
           {"naar": "bestaat_niet", "reden": "Getypte reden"}, "Getypte reden", "Selecteer een",
           lambda stad, zaak: {"naar": "afgesloten", "reden": "Doelen bereikt"},
           "De status is veranderd."),
    Pagina("ave", "AVE-fase aanpassen",
           {"fase": "2", "reden": ""}, 'value="2" selected', "Dit veld is nodig.",
           lambda stad, zaak: {"fase": "2", "reden": "Stagnatie"},
           "De AVE-fase is aangepast."),
    Pagina("betrokkene", "Iemand betrekken",
           {"team": "", "rol": "uitvoerder", "toelichting": "Getypte toelichting"},
           "Getypte toelichting", "Dit veld is nodig.",
           lambda stad, zaak: {"team": stad.wijkteam.pk, "professional": zaak.collega.pk,
                               "rol": "uitvoerder", "toelichting": "Huisbezoek samen"},
           "De betrokkene is toegevoegd."),
    Pagina("overdracht", "Overdragen aan een collega",
           {"naar": "", **NOTE, "situatie": "Getypte situatie"}, "Getypte situatie",
           "Dit veld is nodig.",
           lambda stad, zaak: {"naar": zaak.collega.pk, **NOTE},
           "De overdracht is voorgesteld."),
    Pagina("toewijzen", "Toewijzen (teamleider)",
           {"naar": "", "toelichting": "Getypte toelichting"}, "Getypte toelichting",
           "Dit veld is nodig.",
           lambda stad, zaak: {"naar": zaak.collega.pk, "toelichting": "Ziekte"},
           "De casus heeft een nieuwe regiehouder.", wie="teamleider"),
    Pagina("termijn_start", "Wettelijke termijn starten",
           {"soort": "", "start": "2026-11-20", "omschrijving": "Getypt"}, 'value="Getypt"',
           "Kies een termijn.",
           lambda stad, zaak: {"soort": TermijnSoort.WMO_ONDERZOEK, "start": "2026-11-20"},
           "De termijn loopt."),
    Pagina("terugbelafspraak", "Terugbelafspraak maken",
           {"moment": "2026-11-20T10:00", "toelichting": "Getypte toelichting"},
           "Getypte toelichting", "Kies een moment in de toekomst.",
           lambda stad, zaak: {"moment": "2026-11-24T14:30", "toelichting": "Over de huur"},
           "De terugbelafspraak staat in uw termijnen."),
    Pagina("termijn_opschorten", "Termijn opschorten",
           {"reden": "Getypte reden", "vanaf": "gisteren"}, "Getypte reden",
           "Vul een datum in als dag-maand-jaar",
           lambda stad, zaak: {"reden": "Wacht op informatie", "vanaf": "2026-11-23"},
           "De termijn staat stil tot u hem hervat."),
    Pagina("termijn_verdagen", "Termijn verdagen",
           {"nieuwe_deadline": "2026-11-30", "reden": "Getypte reden"}, "Getypte reden",
           "De nieuwe datum moet na de huidige termijn liggen.",
           lambda stad, zaak: {"nieuwe_deadline": "2026-12-21", "reden": "Advies arts"},
           "De termijn is verdaagd."),
    Pagina("termijn_hervatten", "Termijn hervatten",
           {"op": "volgende week"}, 'value="volgende week"',
           "Vul een datum in als dag-maand-jaar",
           lambda stad, zaak: {"op": "2026-11-23"},
           "De termijn loopt weer, met een nieuwe uiterste datum."),
]
IDS = [p.naam for p in PAGINAS]


def _logrijen(user) -> int:  # type: ignore[no-untyped-def]
    return Toegangslog.objects.filter(user_id=user.pk).count()


@pytest.mark.parametrize("pagina", PAGINAS, ids=IDS)
def test_action_page_for_the_regiehouder(client, stad, zaak, pagina) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    before = _logrijen(stad.pro)
    response = client.get(pagina.url(zaak))
    assert response.status_code == 200
    assert response.templates[0].name == "casussen/actie.html"
    html = response.content.decode()
    ref = zaak.casus.intake.referentie
    assert f"<title>{pagina.titel} – Casus {ref} –" in html
    assert f'<h1 class="utrecht-heading-1">{pagina.titel}</h1>' in html
    assert f"Casus {ref}: {zaak.casus.intake.naam}" in html
    terug = f'href="/werk/casussen/{zaak.casus.pk}/">Terug naar de casus</a>'
    assert terug in html
    assert f'<form method="post" action="{pagina.url(zaak)}" novalidate>' in html
    assert 'type="submit"' in html
    assert "Er is iets niet goed ingevuld" not in html
    # Logged like the casus page: one "bekijken" row for the casus.
    assert _logrijen(stad.pro) == before + 1
    assert Toegangslog.objects.filter(user_id=stad.pro.pk).latest("pk").actie == "bekijken"


@pytest.mark.parametrize("pagina", PAGINAS, ids=IDS)
@pytest.mark.parametrize("wie", ["pro_noord", "pro_jeugd", "manager", "inwoner"])
def test_action_page_is_not_found_without_change(client, stad, zaak, pagina, wie) -> None:  # type: ignore[no-untyped-def]
    # pro_jeugd reads the casus through the resident's consent, but may not change it.
    toestemming_give(intake=zaak.casus.intake, wet="JEUGDWET", user=stad.inwoner)
    user = getattr(stad, wie)
    client.force_login(user)
    if wie == "pro_jeugd":
        assert client.get(f"/werk/casussen/{zaak.casus.pk}/").status_code == 200
    before = _logrijen(user)
    assert client.get(pagina.url(zaak)).status_code == 404
    assert client.post(pagina.url(zaak), pagina.goed(stad, zaak)).status_code == 404
    assert _logrijen(user) == before
    zaak.casus.refresh_from_db()
    assert zaak.casus.status == CasusStatus.IN_BEHANDELING and zaak.casus.ave_fase == 1


@pytest.mark.parametrize("pagina", PAGINAS, ids=IDS)
def test_errors_come_back_on_the_action_page_with_the_input(client, stad, zaak, pagina) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    before = _logrijen(stad.pro)
    response = client.post(pagina.url(zaak), pagina.fout)
    assert response.status_code == 400
    assert response.templates[0].name == "casussen/actie.html"
    html = response.content.decode()
    assert "<title>Fout: " in html
    assert f'<h1 class="utrecht-heading-1">{pagina.titel}</h1>' in html
    assert "Er is iets niet goed ingevuld" in html and pagina.melding in html
    assert pagina.getypt in html
    assert html.count("data-error-summary") == 1
    # As before: a refused change writes no access-log row.
    assert _logrijen(stad.pro) == before


@pytest.mark.parametrize("pagina", PAGINAS, ids=IDS)
def test_a_valid_post_returns_to_the_casus_page(client, stad, zaak, pagina) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, pagina.wie))
    response = client.post(pagina.url(zaak), pagina.goed(stad, zaak), follow=True)
    assert response.redirect_chain == [(f"/werk/casussen/{zaak.casus.pk}/", 302)]
    assert pagina.melding not in response.content.decode()
    assert pagina.gelukt in response.content.decode()


def test_a_clock_of_another_casus_has_no_page_here(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    vreemd = TermijnFactory(casus=CasusFactory(opgepakt_door=stad.pro),
                            soort=TermijnSoort.WMO_BESCHIKKING)
    client.force_login(stad.pro)
    for actie in ("opschorten", "verdagen", "hervatten"):
        url = f"/werk/casussen/{zaak.casus.pk}/termijnen/{vreemd.pk}/{actie}/"
        assert client.get(url).status_code == 404
    # A clock that is no longer open has no page either.
    client.post(f"/werk/casussen/{zaak.casus.pk}/termijnen/{zaak.lopend.pk}/afgehandeld/")
    zaak.lopend.refresh_from_db()
    assert zaak.lopend.status == TermijnStatus.AFGEHANDELD
    url = f"/werk/casussen/{zaak.casus.pk}/termijnen/{zaak.lopend.pk}/verdagen/"
    assert client.get(url).status_code == 404


def test_clock_pages_name_the_clock_and_a_promise_gets_another_date(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{zaak.casus.pk}/termijnen/{zaak.stil.pk}/hervatten/"
                      ).content.decode()
    assert "Jeugdwet-beschikking (8 weken)" in html
    assert "staat stil sinds 20 nov 2026" in html.lower()
    client.post(f"/werk/casussen/{zaak.casus.pk}/termijnen/terugbellen/",
                {"moment": "2026-11-24T14:30", "toelichting": ""})
    belofte = Termijn.objects.get(intake=zaak.casus.intake, soort=TermijnSoort.TERUGBELLEN)
    html = client.get(f"/werk/casussen/{zaak.casus.pk}/termijnen/{belofte.pk}/verdagen/"
                      ).content.decode()
    assert '<h1 class="utrecht-heading-1">Andere datum afspreken</h1>' in html
    assert ">Datum vastleggen</button>" in html


def test_inline_actions_stay_on_the_casus_page(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    for actie in ("contact", "notitie"):
        response = client.get(f"/werk/casussen/{zaak.casus.pk}/{actie}/")
        assert response.status_code == 302
        assert response["Location"] == f"/werk/casussen/{zaak.casus.pk}/"
    response = client.post(f"/werk/casussen/{zaak.casus.pk}/notitie/",
                           {"tekst": "", "zichtbaarheid": "professionals"})
    assert response.status_code == 400
    assert response.templates[0].name == "casussen/casus.html"
    assert 'href="#notitie_tekst"' in response.content.decode()


def test_success_messages_follow_the_language(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    client.cookies["django_language"] = "en"
    response = client.post(f"/werk/casussen/{zaak.casus.pk}/notitie/",
                           {"tekst": "Intern", "zichtbaarheid": "professionals"}, follow=True)
    html = response.content.decode()
    assert "The note has been added to the timeline." in html
    assert "De notitie staat op de tijdlijn." not in html
    response = client.post(f"/werk/casussen/{zaak.casus.pk}/ave/",
                           {"fase": "2", "reden": "Stagnatie"}, follow=True)
    assert "De AVE-fase is aangepast." not in response.content.decode()


def _links(html: str, casus: Casus) -> set[str]:
    pk = casus.pk
    return {naam for naam in ("status", "ave", "betrokkene", "overdracht", "toewijzen",
                              "termijnen/start", "termijnen/terugbellen")
            if f'href="/werk/casussen/{pk}/{naam}/"' in html}


def test_casus_page_links_to_the_actions_instead_of_forms(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.get(f"/werk/casussen/{zaak.casus.pk}/")
    html = response.content.decode()
    assert _links(html, zaak.casus) == {"status", "ave", "betrokkene", "overdracht",
                                        "termijnen/start", "termijnen/terugbellen"}
    # Two forms with fields are left: contactmoment and notitie.
    assert html.count('novalidate>') == 2
    assert html.count("<details") == 1  # only the intake as sent
    pk, lopend, stil = zaak.casus.pk, zaak.lopend.pk, zaak.stil.pk
    assert f'href="/werk/casussen/{pk}/termijnen/{lopend}/opschorten/"' in html
    assert f'href="/werk/casussen/{pk}/termijnen/{lopend}/verdagen/"' in html
    assert f'href="/werk/casussen/{pk}/termijnen/{lopend}/hervatten/"' not in html
    assert f'href="/werk/casussen/{pk}/termijnen/{stil}/hervatten/"' in html
    assert f'href="/werk/casussen/{pk}/termijnen/{stil}/opschorten/"' not in html
    for termijn in (lopend, stil):
        assert f'action="/werk/casussen/{pk}/termijnen/{termijn}/afgehandeld/"' in html


def test_handover_link_only_for_the_regiehouder_without_open_handover(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.teamleider)
    html = client.get(f"/werk/casussen/{zaak.casus.pk}/").content.decode()
    assert _links(html, zaak.casus) == {"status", "ave", "betrokkene", "toewijzen",
                                        "termijnen/start", "termijnen/terugbellen"}
    overdracht_propose(user=stad.pro, casus=zaak.casus, naar=zaak.collega, **NOTE)
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{zaak.casus.pk}/").content.decode()
    assert "overdracht" not in _links(html, zaak.casus)


def test_consent_reader_sees_no_action_links(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    toestemming_give(intake=zaak.casus.intake, wet="JEUGDWET", user=stad.inwoner)
    client.force_login(stad.pro_jeugd)
    html = client.get(f"/werk/casussen/{zaak.casus.pk}/").content.decode()
    assert "Jeugdwet-beschikking (8 weken)" in html
    assert _links(html, zaak.casus) == set()
    assert f"/werk/casussen/{zaak.casus.pk}/termijnen/" not in html
    assert 'id="acties-kop"' not in html


@pytest.mark.parametrize("wie", ["pro", "teamleider"])
def test_casus_page_does_not_load_the_choice_lists(client, stad, zaak, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, wie))
    url = f"/werk/casussen/{zaak.casus.pk}/"
    client.get(url)
    with mock.patch.object(selectors, "gedekte_groepen",
                           side_effect=AssertionError("choice list loaded")), \
            CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries.captured_queries) == CASUS_PAGINA_QUERIES


def _tel(client, url: str):  # type: ignore[no-untyped-def]
    """Queries of a second GET (the first warms the caches), and the response."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def test_casus_page_query_count_flat_in_colleagues_teams_and_clocks(client, stad, zaak) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = f"/werk/casussen/{zaak.casus.pk}/"
    klein, _ = _tel(client, url)
    for n in range(10):
        ProfessionalFactory(teams=[stad.wijkteam])
        TeamFactory(naam=f"Team {n}", soort="wijkteam", wetten=["WMO"], wijken=[stad.centrum])
        termijn_start(user=stad.pro, intake=zaak.casus.intake, soort=TermijnSoort.WMO_ONDERZOEK,
                      start=NU.date() - dt.timedelta(days=n))
    groot, response = _tel(client, url)
    assert len(response.context["termijn_rijen"]) == 12
    assert groot == klein


@pytest.mark.parametrize("naam", ["betrokkene", "overdracht"])
def test_pages_with_colleague_lists_have_a_flat_query_count(client, stad, zaak, naam) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = f"/werk/casussen/{zaak.casus.pk}/{naam}/"
    klein, _ = _tel(client, url)
    for _ in range(15):
        ProfessionalFactory(teams=[stad.wijkteam])
    groot, response = _tel(client, url)
    # Every colleague of the team is a choice: the teamleider, Kees and the 15 new ones
    # (after the empty choice).
    veld = {"betrokkene": "professional", "overdracht": "naar"}[naam]
    keuzes = re.search(rf'<select name="{veld}".*?</select>', response.content.decode(), re.S)
    assert keuzes is not None and keuzes[0].count("<option") == 1 + 17
    assert groot == klein
