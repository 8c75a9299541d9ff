"""Webhooks: a client subscribes (the secret shown once); a referral that moves or a decision
taken writes one outbox message per subscription that may hear it, in the event's
transaction, with ids and states only; the sender signs with HMAC-SHA256, retries with
backoff, gives up after 8 tries and never calls an address in a private network; Diagnose
counts what waits and what failed."""

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casussen.permissions import CasusActie, casus_may
from casussen.services import casus_open, casus_transition
from intake.gegevens import VerwijzingGegevens
from intake.models import Intake, IntakeStatus, OntvangenVia
from intake.services import intake_status_set
from intake.verwijzing.services import verwijzing_send
from tests.api.conftest import api_client_make
from tests.besluitpad import catalogus_make
from tests.factories import CasusFactory, VerwijzerFactory, besluit_nemen, intake_gegevens, regel
from toegang.api import handlers, tasks, webhooks
from toegang.api.models import Abonnement, Gebeurtenis, Scope, Webhookbericht, WebhookStatus
from toegang.api.services import abonnement_create, client_revoke
from toegang.core.bsn import tekst_decrypt

pytestmark = pytest.mark.django_db

VERWIJZING = Gebeurtenis.VERWIJZING_STATUS.value
BESLUIT = Gebeurtenis.BESLUIT_GENOMEN.value


# --- A receiver on 127.0.0.1 -----------------------------------------------------------------


@dataclass
class Ontvangen:
    headers: dict[str, str]
    body: bytes


@dataclass
class Ontvanger:
    """A tiny HTTP server that records what it gets and answers `status` after `wacht` s."""

    url: str = ""
    status: int = 204
    wacht: float = 0.0
    berichten: list[Ontvangen] = field(default_factory=list)


@pytest.fixture
def ontvanger(settings) -> Iterator[Ontvanger]:  # type: ignore[no-untyped-def]
    settings.API_WEBHOOK_HTTP_TOESTAAN = True
    settings.API_WEBHOOK_TOEGESTANE_NETWERKEN = ["127.0.0.0/8"]
    stand = Ontvanger()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            stand.berichten.append(Ontvangen(dict(self.headers.items()), body))
            time.sleep(stand.wacht)
            self.send_response(stand.status)
            antwoord = b"geheim antwoord van de ontvanger"
            self.send_header("Content-Length", str(len(antwoord)))
            self.end_headers()
            self.wfile.write(antwoord)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    stand.url = f"http://127.0.0.1:{server.server_address[1]}/toegang"
    yield stand
    server.shutdown()
    server.server_close()


# --- Referrals and decisions ----------------------------------------------------------------


def _verwijzing(verwijzer) -> Intake:  # type: ignore[no-untyped-def]
    gegevens = intake_gegevens(voornaam="Sanne", vraag="Een geheime vraag over schulden.",
                               verwijzing=VerwijzingGegevens(
                                   soort=verwijzer.soort, organisatie=verwijzer.organisatie,
                                   persoon="Annabel Zwaluw", ontvangen_via=OntvangenVia.FORMULIER,
                                   inwoner_akkoord=True))
    return verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                           indien_sleutel=uuid.uuid4())


def _abonneer(client, gebeurtenissen: list[str],  # type: ignore[no-untyped-def]
              url: str = "https://his.example.nl/hook") -> tuple[Abonnement, str]:
    return abonnement_create(client=client, url=url, gebeurtenissen=gebeurtenissen)


@pytest.fixture
def verwijzer(stad):  # type: ignore[no-untyped-def]
    return VerwijzerFactory(organisatie="Huisartsenpraktijk De Linde")


def test_subscribing_returns_the_secret_once_and_stores_it_encrypted(verwijzer) -> None:  # type: ignore[no-untyped-def]
    _, api = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])

    response = api.post("abonnementen", {"url": "https://his.example.nl/hook",
                                         "gebeurtenissen": [VERWIJZING]})

    assert response.status_code == 201, response.content
    geheim = response.json()["geheim"]
    assert len(geheim) >= 32
    abonnement = Abonnement.objects.get()
    assert abonnement.geheim != geheim and tekst_decrypt(abonnement.geheim) == geheim
    assert "geheim" not in api.get("abonnementen").json()[0]
    assert "geheim" not in api.get(f"abonnementen/{abonnement.pk}").json()
    # Without besluiten:lezen a client cannot hear about decisions.
    geweigerd = api.post("abonnementen", {"url": "https://his.example.nl/hook",
                                          "gebeurtenissen": [BESLUIT]})
    assert geweigerd.status_code == 400


def test_a_referral_that_moves_writes_one_message_for_the_referrers_subscriber_only(  # type: ignore[no-untyped-def]
        stad, verwijzer) -> None:
    eigen, _ = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    abonnement, _ = _abonneer(eigen, [VERWIJZING])
    uitgezet, _ = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    _abonneer(uitgezet, [VERWIJZING])
    client_revoke(client=uitgezet)
    andere_verwijzer = VerwijzerFactory(organisatie="Basisschool De Klimop")
    ander, _ = api_client_make(account=andere_verwijzer.user,
                               scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    _abonneer(ander, [VERWIJZING])
    _verwijzing(andere_verwijzer)
    intake = _verwijzing(verwijzer)
    assert not Webhookbericht.objects.exists()  # sending is not a status change

    casus = casus_open(user=stad.pro, intake=intake)

    bericht = Webhookbericht.objects.get()
    assert bericht.abonnement == abonnement and bericht.status == WebhookStatus.TE_VERSTUREN
    verwijzing = intake.verwijzing
    inhoud = bericht.inhoud
    assert set(inhoud) == {"gebeurtenis", "id", "tijdstip", "verwijzing"}
    assert inhoud["gebeurtenis"] == VERWIJZING and uuid.UUID(inhoud["id"])
    assert dt.datetime.fromisoformat(inhoud["tijdstip"])
    assert inhoud["verwijzing"] == {"id": verwijzing.pk, "status": "opgepakt",
                                    "url": f"/api/v1/verwijzingen/{verwijzing.pk}"}
    tekst = json.dumps(inhoud)
    assert "Sanne" not in tekst and "geheime vraag" not in tekst and intake.referentie not in tekst

    # Setting the same status again is no change and tells nobody anything.
    intake_status_set(intake_id=intake.pk, status=IntakeStatus.OPGEPAKT)
    assert Webhookbericht.objects.count() == 1

    casus_transition(user=stad.pro, casus=casus, naar="afgesloten", reden="Geholpen.")
    laatste = Webhookbericht.objects.order_by("-pk").first()
    assert Webhookbericht.objects.count() == 2 and laatste is not None
    assert laatste.inhoud["verwijzing"]["status"] == "afgesloten"
    assert laatste.inhoud["id"] != inhoud["id"]


def test_an_intake_without_a_referral_writes_nothing(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client, _ = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    _abonneer(client, [VERWIJZING])
    casus = CasusFactory(opgepakt_door=stad.pro)

    intake_status_set(intake_id=casus.intake_id, status=IntakeStatus.AFGEROND)

    assert not Webhookbericht.objects.exists()


@pytest.fixture
def genomen_casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)


def _besluit(casus, user):  # type: ignore[no-untyped-def]
    cat = catalogus_make()
    return besluit_nemen(casus=casus, user=user, regels=[
        regel(cat.begeleiding, begin=timezone.localdate(), aanbieder=cat.aanbieder)])


def test_a_decision_is_told_to_a_client_whose_account_sees_the_casus_and_no_other(  # type: ignore[no-untyped-def]
        stad, genomen_casus) -> None:
    ziet, _ = api_client_make(account=stad.pro, scopes=[Scope.BESLUITEN_LEZEN])
    abonnement, _ = _abonneer(ziet, [BESLUIT])
    ziet_niet, _ = api_client_make(account=stad.pro_noord, scopes=[Scope.BESLUITEN_LEZEN])
    _abonneer(ziet_niet, [BESLUIT])

    beschikking = _besluit(genomen_casus, stad.pro)

    bericht = Webhookbericht.objects.get()
    assert bericht.abonnement == abonnement and bericht.gebeurtenis == BESLUIT
    assert set(bericht.inhoud) == {"gebeurtenis", "id", "tijdstip", "besluit"}
    assert bericht.inhoud["besluit"] == {
        "id": beschikking.pk, "kenmerk": beschikking.kenmerk, "wet": "WMO",
        "url": f"/api/v1/besluiten/{beschikking.pk}"}
    # The same gate as GET /besluiten: the one that heard may read it, the other may not.
    assert casus_may(user=stad.pro, casus_id=genomen_casus.pk, action=CasusActie.VIEW)
    assert not casus_may(user=stad.pro_noord, casus_id=genomen_casus.pk, action=CasusActie.VIEW)


def test_the_event_costs_the_same_queries_however_many_others_subscribed(  # type: ignore[no-untyped-def]
        stad, verwijzer, genomen_casus) -> None:
    eigen, _ = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    _abonneer(eigen, [VERWIJZING])
    lezer, _ = api_client_make(account=stad.pro, scopes=[Scope.BESLUITEN_LEZEN])
    _abonneer(lezer, [BESLUIT])
    intake = _verwijzing(verwijzer)
    beschikking = _besluit(genomen_casus, stad.pro)

    def tel() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as verwijzing_q:
            handlers.verwijzing_status_gewijzigd(sender=Intake, intake_id=intake.pk,
                                                 status=IntakeStatus.OPGEPAKT)
        with CaptureQueriesContext(connection) as besluit_q:
            handlers.besluit_genomen(sender=None, beschikking=beschikking)
        return len(verwijzing_q.captured_queries), len(besluit_q.captured_queries)

    een = tel()
    for _ in range(10):  # other referrers' clients, and more subscriptions of the reader
        ander, _ = api_client_make(account=VerwijzerFactory().user,
                                   scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
        _abonneer(ander, [VERWIJZING])
        _abonneer(lezer, [BESLUIT])
    tien = tel()

    assert een == tien
    assert een[0] == 2  # the subscribers (one join), the insert
    # The decision: the first subscription, then 1 and 11 from the direct calls.
    assert Webhookbericht.objects.filter(abonnement__client=lezer).count() == 1 + 1 + 11


def test_a_message_is_sent_once_the_event_commits(  # type: ignore[no-untyped-def]
        stad, verwijzer, ontvanger, django_capture_on_commit_callbacks, monkeypatch) -> None:
    monkeypatch.setattr(tasks, "_GEPLAND", {"op": -10.0})
    cache.clear()
    client, _ = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    _abonneer(client, [VERWIJZING], url=ontvanger.url)
    intake = _verwijzing(verwijzer)

    with django_capture_on_commit_callbacks(execute=True):
        casus_open(user=stad.pro, intake=intake)

    assert len(ontvanger.berichten) == 1
    assert Webhookbericht.objects.get().status == WebhookStatus.VERSTUURD


# --- Sending ------------------------------------------------------------------------------


def _wachtend(client_account, url: str) -> tuple[Webhookbericht, str]:  # type: ignore[no-untyped-def]
    client, _ = api_client_make(account=client_account, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    abonnement, geheim = _abonneer(client, [VERWIJZING], url=url)
    [bericht] = webhooks.webhookberichten_write(
        abonnement_ids=[abonnement.pk], gebeurtenis=Gebeurtenis.VERWIJZING_STATUS,
        onderwerp="verwijzing", gegevens={"id": 7, "status": "opgepakt",
                                          "url": "/api/v1/verwijzingen/7"})
    return bericht, geheim


def test_the_sender_signs_the_exact_body_with_the_subscriptions_secret(  # type: ignore[no-untyped-def]
        verwijzer, ontvanger) -> None:
    bericht, geheim = _wachtend(verwijzer.user, ontvanger.url)

    assert webhooks.versturen() == 1

    [ontvangen] = ontvanger.berichten
    h = ontvangen.headers
    assert h["Content-Type"] == "application/json"
    assert h["Toegang-Event"] == VERWIJZING
    assert h["Toegang-Delivery"] == bericht.inhoud["id"]
    assert json.loads(ontvangen.body) == bericht.inhoud
    # What a receiver does: split the header, recompute, compare in constant time, check age.
    delen = dict(deel.split("=", 1) for deel in h["Toegang-Signature"].split(","))
    verwacht = hmac.new(geheim.encode(), f"{delen['t']}.".encode() + ontvangen.body,
                        hashlib.sha256).hexdigest()
    assert hmac.compare_digest(delen["v1"], verwacht)
    assert abs(time.time() - int(delen["t"])) < 300
    anders = hmac.new(b"ander geheim", f"{delen['t']}.".encode() + ontvangen.body,
                      hashlib.sha256).hexdigest()
    assert not hmac.compare_digest(delen["v1"], anders)
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen, bericht.laatste_fout) == (
        WebhookStatus.VERSTUURD, 1, "")
    assert bericht.verstuurd_op is not None
    assert webhooks.versturen() == 0  # sent once


def test_a_500_is_retried_after_1_2_4_minutes_and_fails_after_8_tries(  # type: ignore[no-untyped-def]
        verwijzer, ontvanger, time_machine) -> None:
    time_machine.move_to(timezone.now(), tick=False)
    ontvanger.status = 500
    bericht, _ = _wachtend(verwijzer.user, ontvanger.url)
    wachttijden = []

    for poging in range(1, 9):
        vorige = timezone.now()
        assert webhooks.versturen() == 0
        bericht.refresh_from_db()
        assert bericht.pogingen == poging and bericht.laatste_fout == "HTTP 500"
        if poging < 8:
            assert bericht.status == WebhookStatus.TE_VERSTUREN
            wachttijden.append((bericht.volgende_poging - vorige) / dt.timedelta(minutes=1))
            assert webhooks.versturen() == 0 and len(ontvanger.berichten) == poging  # not yet
            time_machine.move_to(bericht.volgende_poging, tick=False)

    assert wachttijden == [1, 2, 4, 8, 16, 32, 64]
    assert bericht.status == WebhookStatus.MISLUKT and len(ontvanger.berichten) == 8
    time_machine.move_to(timezone.now() + dt.timedelta(days=1), tick=False)
    assert webhooks.versturen() == 0 and len(ontvanger.berichten) == 8


def test_a_timeout_is_retried_and_a_redirect_is_not_followed(  # type: ignore[no-untyped-def]
        verwijzer, ontvanger, settings) -> None:
    settings.API_WEBHOOK_TIMEOUT = 0.2
    ontvanger.wacht = 1.0
    bericht, _ = _wachtend(verwijzer.user, ontvanger.url)

    assert webhooks.versturen() == 0

    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen, bericht.laatste_fout) == (
        WebhookStatus.TE_VERSTUREN, 1, "ReadTimeout")
    ontvanger.wacht, ontvanger.status = 0.0, 302
    Webhookbericht.objects.filter(pk=bericht.pk).update(volgende_poging=timezone.now())
    assert webhooks.versturen() == 0
    bericht.refresh_from_db()
    assert (bericht.pogingen, bericht.laatste_fout) == (2, "HTTP 302")


@pytest.mark.parametrize("adres", ["http://127.0.0.1:{poort}/hook", "http://localhost:{poort}/hook",
                                   "http://169.254.169.254/latest/meta-data",
                                   "http://10.1.2.3/hook", "http://[::1]:{poort}/hook"])
def test_an_address_in_a_private_network_is_refused_without_calling_it(  # type: ignore[no-untyped-def]
        verwijzer, ontvanger, settings, adres: str) -> None:
    settings.API_WEBHOOK_TOEGESTANE_NETWERKEN = []
    poort = ontvanger.url.split(":")[2].split("/")[0]
    bericht, _ = _wachtend(verwijzer.user, adres.format(poort=poort))

    assert webhooks.versturen() == 0

    bericht.refresh_from_db()
    assert bericht.status == WebhookStatus.MISLUKT and bericht.pogingen == 1
    assert "eigen netwerk" in bericht.laatste_fout and not ontvanger.berichten


def test_plain_http_is_refused_unless_the_settings_allow_it(  # type: ignore[no-untyped-def]
        verwijzer, ontvanger, settings) -> None:
    bericht, _ = _wachtend(verwijzer.user, ontvanger.url)
    settings.API_WEBHOOK_HTTP_TOESTAAN = False

    assert webhooks.versturen() == 0

    bericht.refresh_from_db()
    assert bericht.status == WebhookStatus.MISLUKT and "https" in bericht.laatste_fout
    assert not ontvanger.berichten


def test_a_revoked_client_hears_nothing_more(verwijzer, ontvanger) -> None:  # type: ignore[no-untyped-def]
    bericht, _ = _wachtend(verwijzer.user, ontvanger.url)
    client_revoke(client=bericht.abonnement.client)

    assert webhooks.versturen() == 0

    bericht.refresh_from_db()
    assert bericht.status == WebhookStatus.MISLUKT and not ontvanger.berichten


def test_a_cancelled_subscription_takes_its_messages_with_it(verwijzer) -> None:  # type: ignore[no-untyped-def]
    client, api = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    abonnement, _ = _abonneer(client, [VERWIJZING])
    webhooks.webhookberichten_write(abonnement_ids=[abonnement.pk],
                                    gebeurtenis=Gebeurtenis.VERWIJZING_STATUS,
                                    onderwerp="verwijzing", gegevens={"id": 1})

    assert api.delete(f"abonnementen/{abonnement.pk}").status_code == 204

    assert not Webhookbericht.objects.exists()


def test_a_failed_message_can_be_put_back(verwijzer, ontvanger) -> None:  # type: ignore[no-untyped-def]
    bericht, _ = _wachtend(verwijzer.user, ontvanger.url)
    Webhookbericht.objects.filter(pk=bericht.pk).update(status=WebhookStatus.MISLUKT,
                                                        pogingen=8)

    assert webhooks.webhookbericht_retry(bericht_id=bericht.pk)
    assert webhooks.versturen() == 1
    assert not webhooks.webhookbericht_retry(bericht_id=bericht.pk)  # sent: nothing to retry


# --- Diagnose ----------------------------------------------------------------------------------


def test_diagnose_counts_waiting_and_failed_webhooks_for_the_beheerder_only(  # type: ignore[no-untyped-def]
        client, stad, verwijzer) -> None:
    klant, _ = api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])
    abonnement, _ = _abonneer(klant, [VERWIJZING], url="https://geheim-adres.example.nl/x")
    berichten = webhooks.webhookberichten_write(
        abonnement_ids=[abonnement.pk] * 4, gebeurtenis=Gebeurtenis.VERWIJZING_STATUS,
        onderwerp="verwijzing", gegevens={"id": 1, "status": "opgepakt"})
    Webhookbericht.objects.filter(pk=berichten[0].pk).update(status=WebhookStatus.MISLUKT,
                                                             pogingen=8)
    Webhookbericht.objects.filter(pk=berichten[1].pk).update(status=WebhookStatus.VERSTUURD)
    Webhookbericht.objects.filter(pk=berichten[2].pk).update(
        pogingen=2, aangemaakt_op=timezone.now() - dt.timedelta(hours=2))

    client.force_login(stad.beheerder)
    response = client.get("/diagnose/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="webhooks"' in html
    assert 'id="webhooks-te-versturen">2 (' in html
    assert 'id="webhooks-opnieuw">1<' in html and 'id="webhooks-mislukt">1<' in html
    assert "na 8 pogingen niet aangekomen" in html
    assert "geheim-adres" not in html
    client.force_login(stad.pro)
    assert client.get("/diagnose/").status_code == 404


def test_the_webhook_counts_take_one_query() -> None:
    with CaptureQueriesContext(connection) as queries:
        stand = webhooks.webhookstand()
    assert len(queries.captured_queries) == 1
    assert (stand.te_versturen, stand.mislukt, stand.aandacht) == (0, 0, False)
