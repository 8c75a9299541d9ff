"""The registration of an aanvraag in a ZGW zaaksysteem, against a test double that checks
every request against the ZGW OpenAPI definitions and the JWT: the zaak with the resident as
initiator, the statuses as the case moves, the suspension and extension of the term, the
decision as a besluit with its letter as a document; retries after a failure that create
nothing twice; the choice of the zaaktype by identificatie and date; the switch; the block on
the casus page and the counts on Diagnose."""

import datetime as dt
from decimal import Decimal

import jwt
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casussen.besluit import services as besluit
from casussen.besluit.models import Aanvraag, AanvraagVia, Beschikking, Vormwens
from regie.termijnen.models import Termijn, TermijnSoort
from regie.termijnen.services import termijn_extend, termijn_resume, termijn_suspend
from tests.besluitpad import Catalogus, catalogus_make
from tests.factories import CasusFactory, regel
from tests.zgw.dubbel import API, ZgwDubbel
from toegang.core.bsn import tekst_encrypt
from toegang.zgw.client import ConfiguratieFout, ZgwClient, jwt_token
from toegang.zgw.models import StapSoort, StapStatus, ZgwConfig, ZgwStap, ZgwZaak
from toegang.zgw.stappen import zaaktype_kies
from toegang.zgw.verwerking import stappen_verwerken
from toegang.zgw.views import zaaksysteem_blok

BSN = "111222333"
RSIN = "002220647"  # passes the elfproef
CLIENT_ID = "toegang-test"
SECRET = "een-gedeeld-geheim-van-minstens-32-tekens"
VANDAAG = timezone.localdate


@pytest.fixture
def dubbel() -> ZgwDubbel:
    """The zaaksysteem: a Wmo zaaktype whose first version ended a year ago and whose second
    is valid now (and a concept third), a besluittype and an informatieobjecttype."""
    zgw = ZgwDubbel(client_id=CLIENT_ID, secret=SECRET)
    wissel = VANDAAG() - dt.timedelta(days=365)
    zgw.oud = zgw.zaaktype_add(identificatie="WMO-AANVRAAG", begin=dt.date(2020, 1, 1),
                               einde=wissel - dt.timedelta(days=1))
    zgw.nieuw = zgw.zaaktype_add(identificatie="WMO-AANVRAAG", begin=wissel)
    zgw.concept = zgw.zaaktype_add(identificatie="WMO-AANVRAAG", begin=VANDAAG(), concept=True)
    zgw.zaaktype_add(identificatie="JW-AANVRAAG", begin=dt.date(2020, 1, 1))
    zgw.zaaktype_add(identificatie="PW-AANVRAAG", begin=dt.date(2020, 1, 1))
    zgw.besluittype_add("Beschikking", dt.date(2020, 1, 1))
    zgw.informatieobjecttype_add("Besluitbrief", dt.date(2020, 1, 1))
    return zgw


@pytest.fixture
def config(db, dubbel: ZgwDubbel) -> ZgwConfig:  # type: ignore[no-untyped-def]
    config = ZgwConfig.get_solo()
    config.actief = True
    config.zaken_api, config.catalogi_api = API["zaken"], API["catalogi"]
    config.besluiten_api, config.documenten_api = API["besluiten"], API["documenten"]
    config.client_id = CLIENT_ID
    config.secret_versleuteld = tekst_encrypt(SECRET)
    config.bronorganisatie = RSIN
    config.catalogus = dubbel.catalogus
    config.zaaktype_wmo = "WMO-AANVRAAG"
    config.zaaktype_jeugdwet = "JW-AANVRAAG"
    config.zaaktype_participatiewet = "PW-AANVRAAG"
    config.besluittype = "Beschikking"
    config.informatieobjecttype = "Besluitbrief"
    config.status_ontvangen = "Aanvraag ontvangen"
    config.status_besluit = "Besluit genomen"
    config.full_clean()
    config.save()
    return config


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro, intake__bsn=BSN)


def _aanvraag(stad, casus, wet: str = "WMO") -> Aanvraag:  # type: ignore[no-untyped-def]
    return besluit.aanvraag_submit(user=stad.pro, casus=casus, wet=wet, ontvangen_op=VANDAAG(),
                                   via=AanvraagVia.PAPIER, vormwens=Vormwens.NATURA)


def _besluit(stad, casus, aanvraag: Aanvraag, cat: Catalogus) -> Beschikking:  # type: ignore[no-untyped-def]
    beschikking = besluit.beschikking_draft(user=stad.pro, casus=casus, wet=aanvraag.wet,
                                            aanvraag=aanvraag, motivering="Dit is nodig.")
    besluit.toekenning_add(user=stad.pro, beschikking=beschikking, regel=regel(
        cat.begeleiding, begin=VANDAAG(), volume="3", aanbieder=cat.aanbieder))
    return besluit.beschikking_take(user=stad.pro, beschikking=beschikking)


def _verwerk(dubbel: ZgwDubbel) -> int:
    return stappen_verwerken(session=dubbel.sessie())


def _later(minuten: int = 5):  # type: ignore[no-untyped-def]
    """Past the backoff of the failed step."""
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minuten), tick=True)


def _statustype(dubbel: ZgwDubbel, status: str) -> str:
    statustype = dubbel.objecten["statussen"][status]["statustype"]
    return str(dubbel.objecten["statustypen"][statustype]["omschrijving"])


# --- The whole registration ---------------------------------------------------------------------


def test_demo_aanvraag_is_registered_with_its_statuses_term_and_decision(  # type: ignore[no-untyped-def]
        stad, casus, cat, config, dubbel) -> None:
    aanvraag = _aanvraag(stad, casus)
    assert _verwerk(dubbel) == 3

    ons = ZgwZaak.objects.get(aanvraag=aanvraag)
    zaak = dubbel.een("zaken")
    assert zaak["identificatie"] == ons.identificatie == f"{casus.intake.referentie}-A{aanvraag.pk}"
    assert (zaak["bronorganisatie"], zaak["verantwoordelijkeOrganisatie"]) == (RSIN, RSIN)
    assert zaak["zaaktype"] == dubbel.nieuw  # valid today; not the ended one, not the concept
    assert zaak["startdatum"] == VANDAAG().isoformat()
    assert ons.zaak_url == zaak["url"]
    rol = dubbel.een("rollen")
    assert rol["zaak"] == zaak["url"]
    assert (rol["betrokkeneType"], rol["omschrijvingGeneriek"]) == ("natuurlijk_persoon",
                                                                    "initiator")
    assert rol["betrokkeneIdentificatie"] == {"inpBsn": BSN}
    assert _statustype(dubbel, zaak["status"]) == "Aanvraag ontvangen"

    # The decision term is suspended, runs again, and is extended: each reaches the zaak.
    termijn = Termijn.objects.get(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    termijn_suspend(user=stad.pro, termijn=termijn, reden="Wacht op advies van de arts",
                    vanaf=VANDAAG())
    assert _verwerk(dubbel) == 1
    assert zaak["opschorting"] == {"indicatie": True, "reden": "Wacht op advies van de arts"}
    termijn_resume(user=stad.pro, termijn=termijn, op=VANDAAG())
    assert _verwerk(dubbel) == 1
    assert zaak["opschorting"] == {"indicatie": False, "reden": ""}
    termijn.refresh_from_db()
    termijn_extend(user=stad.pro, termijn=termijn, reden="Meer onderzoek nodig",
                   nieuwe_deadline=timezone.localdate(termijn.deadline) + dt.timedelta(days=14))
    assert _verwerk(dubbel) == 1
    assert zaak["verlenging"] == {"reden": "Meer onderzoek nodig", "duur": "P14D"}

    # The decision: its letter as a document linked to the zaak, the besluit, the status.
    beschikking = _besluit(stad, casus, aanvraag, cat)
    assert _verwerk(dubbel) == 3
    document = dubbel.een("enkelvoudiginformatieobjecten")
    assert document["identificatie"] == beschikking.kenmerk
    assert (document["formaat"], document["taal"]) == ("application/pdf", "nld")
    assert dubbel.inhoud[document["url"]].startswith(b"%PDF")
    assert document["bestandsomvang"] == len(dubbel.inhoud[document["url"]])
    zio = dubbel.een("zaakinformatieobjecten")
    assert (zio["zaak"], zio["informatieobject"]) == (zaak["url"], document["url"])
    besluit_zgw = dubbel.een("besluiten")
    assert besluit_zgw["zaak"] == zaak["url"]
    assert besluit_zgw["identificatie"] == beschikking.kenmerk
    assert besluit_zgw["datum"] == VANDAAG().isoformat()
    assert besluit_zgw["uiterlijkeReactiedatum"] == beschikking.bezwaar_tot.isoformat()
    bio = dubbel.een("besluitinformatieobjecten")
    assert (bio["besluit"], bio["informatieobject"]) == (besluit_zgw["url"], document["url"])
    assert _statustype(dubbel, zaak["status"]) == "Besluit genomen"
    assert len(dubbel.alle("statussen")) == 2

    # Withdrawn: the besluit ends.
    besluit.beschikking_withdraw(user=stad.pro, beschikking=beschikking, per=VANDAAG(),
                                 reden="Verhuisd")
    assert _verwerk(dubbel) == 1
    assert (besluit_zgw["vervaldatum"], besluit_zgw["vervalreden"]) == (
        VANDAAG().isoformat(), "ingetrokken_overheid")

    assert set(ZgwStap.objects.values_list("status", flat=True)) == {StapStatus.KLAAR}
    assert dubbel.afgekeurd == []  # every request met the definitions and carried a valid JWT
    assert _verwerk(dubbel) == 0


def test_the_steps_are_queued_in_the_transaction_and_sent_after_commit(  # type: ignore[no-untyped-def]
        stad, casus, config, dubbel, django_capture_on_commit_callbacks, monkeypatch) -> None:
    from django.core.cache import cache

    from toegang.zgw import verwerking

    cache.delete("zgw:verwerken-gepland")
    monkeypatch.setitem(verwerking._GEPLAND, "op", -100.0)  # no earlier test's request counts
    gestuurd: list[str] = []
    monkeypatch.setattr("toegang.zgw.verwerking.zgw_verwerken.apply_async",
                        lambda *a, **k: gestuurd.append("zgw"))
    with django_capture_on_commit_callbacks(execute=True):
        _aanvraag(stad, casus)
    assert gestuurd == ["zgw"]
    assert list(ZgwStap.objects.values_list("soort", flat=True)) == [
        StapSoort.ZAAK, StapSoort.ROL, StapSoort.STATUS]
    assert dubbel.aanroepen == []  # nothing is sent inside the transaction


# --- Retries ------------------------------------------------------------------------------------


def test_a_time_out_after_the_zaak_was_made_creates_no_second_zaak(  # type: ignore[no-untyped-def]
        stad, casus, config, dubbel) -> None:
    dubbel.faal("zaak_create", wijze="timeout")  # the zaak is stored, the answer is lost
    aanvraag = _aanvraag(stad, casus)
    assert _verwerk(dubbel) == 0
    stap = ZgwStap.objects.get(soort=StapSoort.ZAAK)
    assert (stap.status, stap.pogingen) == (StapStatus.WACHT, 1)
    assert "time-out" in stap.fout and stap.volgende_poging_op > timezone.now()
    assert len(dubbel.alle("zaken")) == 1
    assert "rol_create" not in dubbel.aanroepen  # later steps wait for the first
    assert _verwerk(dubbel) == 0  # not before the backoff

    with _later():
        assert _verwerk(dubbel) == 3
    zaak = dubbel.een("zaken")  # still one
    assert ZgwZaak.objects.get(aanvraag=aanvraag).zaak_url == zaak["url"]
    assert len(dubbel.alle("rollen")) == 1
    assert set(ZgwStap.objects.values_list("status", flat=True)) == {StapStatus.KLAAR}
    assert dubbel.afgekeurd == []


def test_failures_in_the_middle_of_the_decision_are_retried_without_duplicates(  # type: ignore[no-untyped-def]
        stad, casus, cat, config, dubbel) -> None:
    aanvraag = _aanvraag(stad, casus)
    dubbel.faal("rol_create", wijze="500")
    assert _verwerk(dubbel) == 1  # the zaak; the rol failed, the status waits behind it
    rol_stap = ZgwStap.objects.get(soort=StapSoort.ROL)
    assert rol_stap.fout == "POST /zaken/api/v1/rollen: HTTP 500 error"
    assert BSN not in rol_stap.fout
    with _later():
        assert _verwerk(dubbel) == 2

    _besluit(stad, casus, aanvraag, cat)
    dubbel.faal("enkelvoudiginformatieobject_create", wijze="timeout")
    dubbel.faal("besluitinformatieobject_create", wijze="timeout")
    assert _verwerk(dubbel) == 0
    with _later(5):
        assert _verwerk(dubbel) == 1  # the document (found again); then the besluit times out
    with _later(20):
        assert _verwerk(dubbel) == 2
    assert len(dubbel.alle("enkelvoudiginformatieobjecten")) == 1
    assert len(dubbel.alle("zaakinformatieobjecten")) == 1
    assert len(dubbel.alle("besluiten")) == 1
    assert len(dubbel.alle("besluitinformatieobjecten")) == 1
    assert len(dubbel.alle("zaken")) == len(dubbel.alle("rollen")) == 1
    assert len(dubbel.alle("statussen")) == 2
    assert set(ZgwStap.objects.values_list("status", flat=True)) == {StapStatus.KLAAR}
    assert dubbel.afgekeurd == []


def test_a_step_that_keeps_failing_is_mislukt_and_counted_on_diagnose(  # type: ignore[no-untyped-def]
        client, stad, casus, config, dubbel) -> None:
    from toegang.zgw import verwerking

    dubbel.faal("zaak_create", wijze="500", aantal=verwerking.MAX_POGINGEN)
    _aanvraag(stad, casus)
    for _poging in range(verwerking.MAX_POGINGEN):
        ZgwStap.objects.update(volgende_poging_op=timezone.now())  # the backoff has passed
        _verwerk(dubbel)
    stap = ZgwStap.objects.get(soort=StapSoort.ZAAK)
    assert (stap.status, stap.pogingen) == (StapStatus.MISLUKT, verwerking.MAX_POGINGEN)
    assert not dubbel.alle("zaken")

    client.force_login(stad.beheerder)
    response = client.get(reverse("diagnose:diagnose"))
    html = response.content.decode()
    assert 'id="zgw-mislukt">1<' in html
    assert "POST /zaken/api/v1/zaken: HTTP 500" in html


# --- The catalogue ------------------------------------------------------------------------------


def test_the_zaaktype_is_chosen_by_identificatie_and_valid_on_the_date(config, dubbel) -> None:  # type: ignore[no-untyped-def]
    client = ZgwClient(config, session=dubbel.sessie())
    vorig_jaar = VANDAAG() - dt.timedelta(days=400)
    assert zaaktype_kies(client, wet="WMO", dag=VANDAAG()) == dubbel.nieuw
    assert zaaktype_kies(client, wet="WMO", dag=vorig_jaar) == dubbel.oud
    with pytest.raises(ConfiguratieFout, match="Geen zaaktype met identificatie WMO-AANVRAAG "
                                                "dat geldig is op 2019-06-01"):
        zaaktype_kies(client, wet="WMO", dag=dt.date(2019, 6, 1))


def test_no_valid_zaaktype_fails_at_once_with_a_clear_message(  # type: ignore[no-untyped-def]
        stad, casus, config, dubbel) -> None:
    config.zaaktype_wmo = "BESTAAT-NIET"
    config.save()
    _aanvraag(stad, casus)
    assert _verwerk(dubbel) == 0
    stap = ZgwStap.objects.get(soort=StapSoort.ZAAK)
    assert (stap.status, stap.pogingen) == (StapStatus.MISLUKT, 1)  # retrying cannot help
    assert stap.fout == (f"Geen zaaktype met identificatie BESTAAT-NIET dat geldig is op "
                         f"{VANDAAG().isoformat()} in de catalogus.")
    assert ZgwStap.objects.filter(status=StapStatus.WACHT).count() == 2  # blocked behind it
    assert not dubbel.alle("zaken")

    # Fixed by the beheerder and tried again: it goes through.
    from toegang.zgw.verwerking import stap_opnieuw

    config.zaaktype_wmo = "WMO-AANVRAAG"
    config.save()
    stap_opnieuw(stap)
    assert _verwerk(dubbel) == 3
    assert dubbel.een("zaken")["zaaktype"] == dubbel.nieuw


# --- Authentication and the switch -------------------------------------------------------------


def test_the_jwt_is_signed_with_the_secret_and_carries_the_claims() -> None:
    token = jwt_token(client_id=CLIENT_ID, secret=SECRET, now=1_700_000_000)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims == {"iss": CLIENT_ID, "iat": 1_700_000_000, "client_id": CLIENT_ID,
                      "client_identifier": CLIENT_ID, "user_id": "toegang",
                      "user_representation": "Toegang (automatische registratie)"}
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_a_wrong_secret_is_refused_by_the_zaaksysteem(stad, casus, config, dubbel) -> None:  # type: ignore[no-untyped-def]
    config.secret_versleuteld = tekst_encrypt("een ander geheim, ook lang genoeg voor HS256")
    config.save()
    _aanvraag(stad, casus)
    assert _verwerk(dubbel) == 0
    assert "HTTP 403" in ZgwStap.objects.get(soort=StapSoort.ZAAK).fout
    assert not dubbel.alle("zaken")


def test_when_the_koppeling_is_inactive_nothing_is_queued(stad, casus, cat, config, dubbel) -> None:  # type: ignore[no-untyped-def]
    config.actief = False
    config.save()
    aanvraag = _aanvraag(stad, casus)
    _besluit(stad, casus, aanvraag, cat)
    assert not ZgwZaak.objects.exists() and not ZgwStap.objects.exists()
    assert _verwerk(dubbel) == 0
    assert dubbel.aanroepen == []


def test_a_decision_without_aanvraag_has_no_zaak(stad, casus, cat, config, dubbel) -> None:  # type: ignore[no-untyped-def]
    beschikking = besluit.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                            motivering="Nodig.")
    besluit.toekenning_add(user=stad.pro, beschikking=beschikking, regel=regel(
        cat.begeleiding, begin=VANDAAG(), volume="2", aanbieder=cat.aanbieder))
    besluit.beschikking_take(user=stad.pro, beschikking=beschikking)
    assert not ZgwStap.objects.exists()


def test_rsin_must_pass_the_elfproef(config) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    config.bronorganisatie = "123456789"
    with pytest.raises(ValidationError) as fout:
        config.full_clean()
    assert "bronorganisatie" in fout.value.message_dict


# --- The casus page -----------------------------------------------------------------------------


def test_the_casus_page_shows_the_zaak_and_its_steps_to_who_may_see_the_casus(  # type: ignore[no-untyped-def]
        client, stad, casus, config, dubbel) -> None:
    aanvraag = _aanvraag(stad, casus)
    dubbel.faal("rol_create", wijze="500")
    _verwerk(dubbel)
    url = reverse("casussen:detail", args=[casus.pk])
    client.force_login(stad.pro)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zaaksysteem" in html
    assert ZgwZaak.objects.get(aanvraag=aanvraag).identificatie in html
    assert "Gedaan: 1. Wacht: 2. Mislukt: 0." in html
    assert "1 poging mislukt, wordt opnieuw geprobeerd" in html

    for user in (stad.pro_noord, stad.pro_jeugd, stad.inwoner, stad.manager, stad.beheerder):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.rol


def test_a_casus_without_zaak_shows_no_block(client, stad, casus, config) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.get(reverse("casussen:detail", args=[casus.pk]))
    assert "zaaksysteem-blok-kop" not in response.content.decode()


def test_the_block_has_a_flat_query_count(  # type: ignore[no-untyped-def]
        rf, client, stad, casus, config, dubbel, django_assert_num_queries) -> None:
    _aanvraag(stad, casus, "WMO")
    with django_assert_num_queries(2):
        assert len(zaaksysteem_blok(rf.get("/"), casus)["zgw_zaken"]) == 1
    client.force_login(stad.pro)
    url = reverse("casussen:detail", args=[casus.pk])
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    _aanvraag(stad, casus, "JEUGDWET")
    _aanvraag(stad, casus, "PARTICIPATIEWET")
    _verwerk(dubbel)
    with django_assert_num_queries(2):
        assert len(zaaksysteem_blok(rf.get("/"), casus)["zgw_zaken"]) == 3
    with CaptureQueriesContext(connection) as drie:
        client.get(url)
    assert len(drie.captured_queries) == len(een.captured_queries)
    assert Decimal(len(dubbel.alle("zaken"))) == 3


# --- The double itself --------------------------------------------------------------------------


def test_the_double_refuses_requests_the_definitions_do_not_allow(config, dubbel) -> None:  # type: ignore[no-untyped-def]
    from toegang.zgw.client import ZgwFout

    client = ZgwClient(config, session=dubbel.sessie())
    goed = {"bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN,
            "zaaktype": dubbel.nieuw, "startdatum": VANDAAG().isoformat()}
    for fout in ({k: v for k, v in goed.items() if k != "startdatum"},   # required field missing
                 {**goed, "startDatum": VANDAAG().isoformat()},           # a name not in the API
                 {**goed, "startdatum": "6-12-2026"},                     # not a date
                 {**goed, "vertrouwelijkheidaanduiding": "geheimzinnig"},  # not in the enum
                 {**goed, "bronorganisatie": "0022206470"}):              # longer than 9
        with pytest.raises(ZgwFout, match="HTTP 400"):
            client.post("zaken", "zaken", fout)
    session = dubbel.sessie()
    zonder_crs = session.get(f"{API['zaken']}/zaken", headers={
        "Authorization": f"Bearer {jwt_token(client_id=CLIENT_ID, secret=SECRET)}"})
    assert zonder_crs.status_code == 400  # Accept-Crs is required on the Zaken API
    assert session.get(f"{API['catalogi']}/zaaktypen").status_code == 403  # no JWT
    assert len(dubbel.afgekeurd) == 7
    assert client.post("zaken", "zaken", goed)["url"].startswith(API["zaken"])
