"""A manager never reaches a page or an export about a person: every URL pattern of the
project, filled with ids of real objects (an intake with a file, a case with a plan, a ZRM
assessment, a consent, a safety report, a handover, an involvement), is refused to a manager
with a 404 — the admin sends them to its login page, and a GET on a form that only takes a
POST is a 405 — for GET and for POST, and no access-log row is written for them; every 404 is
written to the security log. Only public pages and the manager's own dashboard are left
out."""

import logging
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casussen.services import betrokkene_add, overdracht_propose
from casussen.toewijzing.models import BerichtStatus, Quarantaine
from casussen.zrm.services import zrm_record
from intake.services import veiligheidsmelding_create
from tests import urlwalk
from tests.besluitpad import besluitpad_make
from tests.bestanden import pdf_bytes
from tests.factories import (
    CasusFactory,
    IntakeFactory,
    ProfessionalFactory,
    ToestemmingFactory,
    make_bijlage,
)
from tests.toewijzingpad import bericht_make, verzoek_make
from toegang.audit.models import Toegangslog

PDF = pdf_bytes()
# Pages anyone may open (or the manager's own), so not part of this walk.
OPENBAAR = ("", "dashboard/", "hulp-vragen/", "inloggen/", "medewerker/",
            "uitloggen/", "ingelogd/", "account/", "health/", "i18n/", "saml/", "digid/",
            "test-digid/", "beheer/login/", "beheer/logout/", ".well-known/",
            "kwetsbaarheid-melden/", "natura-of-pgb/", "hulp-in-de-buurt/", "wijkteam/",
            # The municipality's theme: its CSS, logo and favicon are on every page.
            "thema.css", "thema/")
# The user's own inbox and its settings: about the logged-in person only, open to every role.
EIGEN = {"berichten/", "berichten/alles-gelezen/", "berichten/instellingen/"}


# The REST API reads no session (a session gets 401 there): walked with a client of the
# manager's account below.
API = "api/v1/"
# The metrics endpoint reads no session either: only the scraper's token opens it, whoever is
# logged in (tests/metriek/test_endpoint.py).
METRIEK = "metrics/"


def _openbaar(route: str) -> bool:
    return route == "" or route in EIGEN or any(route.startswith(o) for o in OPENBAAR if o)


@pytest.fixture
def objecten(stad):  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    bijlage = make_bijlage(user=stad.inwoner, intake=intake,
                           upload=SimpleUploadedFile("brief.pdf", PDF, "application/pdf"))
    toestemming = ToestemmingFactory(intake=intake, wet="JEUGDWET")
    casus = CasusFactory(intake=intake, opgepakt_door=stad.pro)
    melding = veiligheidsmelding_create(user=stad.pro, intake=intake, reden="Zorgen.",
                                        meldcode_stap=1, teams=[stad.jeugdteam])
    zrm = zrm_record(user=stad.pro, casus=casus, datum=timezone.localdate(),
                     scores={"financien": 2})
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    overdracht = overdracht_propose(user=stad.pro, casus=casus, naar=collega, situatie="S",
                                    geprobeerd="G", afspraken="A", risicos="R",
                                    volgende_stappen="V")
    betrokken = betrokkene_add(user=stad.pro, casus=casus, team=stad.jeugdteam, rol="adviseur")
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner)
    assert pad.toekenning.aanbieder is not None
    verzoek = verzoek_make(intake=intake, casus=casus, aanbieder=pad.toekenning.aanbieder,
                           product=pad.toekenning.product)
    bericht = bericht_make(aanbieder=pad.toekenning.aanbieder, casus=casus,
                           status=BerichtStatus.MISLUKT)
    quarantaine = Quarantaine.objects.create(bestandsnaam="WMO305_x.xml", reden="Geen XML.")
    berichtenverkeer = {"verzoek_id": {verzoek.pk}, "bericht_id": {bericht.pk},
                        "quarantaine_id": {quarantaine.pk}}
    besluit = {"onderzoek_id": {pad.onderzoek.pk},
               "beschikking_id": {pad.beschikking.pk, pad.concept.pk},
               "toekenning_id": {pad.conceptregel.pk}, "bezwaar_id": {pad.bezwaar.pk}}
    return {**besluit, **berichtenverkeer, "pk": {intake.pk, casus.pk},
            "bijlage_id": {bijlage.pk},
            "toestemming_id": {toestemming.pk}, "melding_id": {melding.pk},
            "overdracht_id": {overdracht.pk}, "betrokkenheid_id": {betrokken.pk},
            "meting_id": {zrm.pk}, "object_id": {intake.pk, casus.pk},
            "*": {intake.pk, casus.pk, bijlage.pk, toestemming.pk, melding.pk, zrm.pk,
                  overdracht.pk, betrokken.pk, *(pk for ids in besluit.values() for pk in ids),
                  verzoek.pk, bericht.pk, quarantaine.pk}}


def test_manager_reaches_no_person_level_url(client, stad, objecten, caplog) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    caplog.set_level(logging.INFO, logger="toegang.beveiliging")
    routes = [r for r in urlwalk.routes() if not _openbaar(r) and not r.startswith(API)
              and r != METRIEK]
    # The walk covers the casework, the resident pages, the privacy log and the admin.
    assert any(r.startswith("werk/casussen/") for r in routes)
    assert any(r.startswith("mijn/") for r in routes) and "privacy/toegangslog/" in routes
    before = Toegangslog.objects.filter(user_id=stad.manager.pk).count()
    uitkomsten: dict[tuple[str, str], int] = {}
    for route in routes:
        for url in urlwalk.urls(route, objecten):
            for methode in ("get", "post"):
                caplog.clear()
                response = getattr(client, methode)(url)
                status = response.status_code
                uitkomsten[(route, methode)] = status
                if route.startswith("beheer/"):  # the admin sends everyone but staff away
                    assert status == 302, (methode, url)
                    assert response["Location"].startswith("/beheer/login/"), (methode, url)
                elif methode == "get" and route in urlwalk.ALLEEN_POST:
                    assert status == 405, url
                else:  # refused, and written to the security log
                    assert status == 404, (methode, url)
                    [record] = [r for r in caplog.records if r.name == "toegang.beveiliging"]
                    assert record.beveiliging["gebruiker_id"] == stad.manager.pk, url
                    assert record.beveiliging["rol"] == "manager"
    # Per route and method (however many ids a route was tried with): the 219 routes of the
    # admin, the 119 other routes, the GET of the 2 forms that only take a POST. Issue 19
    # added 20 admin routes (themes, the sociale kaart with its import, the municipality's
    # own questions) and one other: a voorziening added to the plan.
    assert Counter(uitkomsten.values()) == {302: 2 * 219, 404: 2 * 119 - 2, 405: 2}
    assert Toegangslog.objects.filter(user_id=stad.manager.pk).count() == before


def test_a_client_of_the_manager_s_account_reads_figures_and_no_person(  # type: ignore[no-untyped-def]
        stad, objecten, caplog) -> None:
    """Every API route, with every scope, for a client acting as a manager: the figures
    (aggregates) and the catalogue, and nothing about a person: no decision or toewijzing in
    a list, 404 for each one asked by id, 403 for the referrals (a referrer's), and no
    access-log row."""
    from tests.api.conftest import api_client_make
    from toegang.api.models import Scope

    api = api_client_make(account=stad.manager, scopes=list(Scope.values))[1]
    caplog.set_level(logging.INFO, logger="toegang.beveiliging")
    before = Toegangslog.objects.count()
    routes = [r for r in urlwalk.routes() if r.startswith(API)]
    uitkomsten: dict[str, set[int]] = {}
    for route in routes:
        for url in urlwalk.urls(route, objecten):
            response = api.get(url.removeprefix("/" + API))
            uitkomsten.setdefault(route, set()).add(response.status_code)
            if route.startswith(("api/v1/besluiten", "api/v1/toewijzingen")) \
                    and response.status_code == 200:
                assert response.json()["totaal"] == 0, url
    assert uitkomsten == {
        "api/v1/verwijzingen": {403}, "api/v1/verwijzingen/<int:pk>": {403},
        "api/v1/besluiten": {200}, "api/v1/besluiten/<int:pk>": {404},
        "api/v1/toewijzingen": {200}, "api/v1/toewijzingen/<int:pk>": {404},
        "api/v1/stuurinformatie": {200},
        # The catalogue has no person in it (an id tried may happen to be a provider's).
        "api/v1/producten": {200}, "api/v1/producten/<int:pk>": uitkomsten[
            "api/v1/producten/<int:pk>"] & {200, 404},
        "api/v1/zorgaanbieders": {200}, "api/v1/zorgaanbieders/<int:pk>": uitkomsten[
            "api/v1/zorgaanbieders/<int:pk>"] & {200, 404},
        "api/v1/abonnementen": {200}, "api/v1/abonnementen/<int:pk>": {404},
        "api/v1/schema/": {200}, "api/v1/docs/": {200}}
    assert Toegangslog.objects.count() == before
