"""Referrals through the API: the same checks and record as the referral form, the status
read back, idempotent on Idempotency-Key, logged with the client as actor."""

import uuid

import pytest

from intake.models import Intake, Kanaal, Verwijzing
from tests.api.conftest import api_client_make
from tests.factories import ProfessionalFactory, VerwijzerFactory
from toegang.api.models import Scope
from toegang.audit.models import Actie, Toegangslog

pytestmark = pytest.mark.django_db

BODY = {"voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": "12-04-1985",
        "straat": "Dorpsstraat 1", "postcode": "7511 AB", "woonplaats": "Dijkstad",
        "telefoon": "06 12345678", "email": "sanne@example.nl", "contactVoorkeur": "telefoon",
        "vraag": "Mevrouw slaapt slecht door schulden en zoekt hulp.", "overKind": False,
        "veiligheid": "veilig", "urgentie": "normaal", "verwijzerPersoon": "Dr. A. Bakker",
        "inwonerAkkoord": True}


@pytest.fixture
def verwijzer(stad):  # type: ignore[no-untyped-def]
    return VerwijzerFactory(organisatie="Huisartsenpraktijk De Linde", agb_code="01123456")


@pytest.fixture
def api(verwijzer):  # type: ignore[no-untyped-def]
    return api_client_make(account=verwijzer.user, scopes=[Scope.VERWIJZINGEN_SCHRIJVEN],
                           naam="HIS De Linde")[1]


def test_a_referral_posted_becomes_one_routed_intake_logged_with_the_client(  # type: ignore[no-untyped-def]
        api, verwijzer, stad) -> None:
    response = api.post("verwijzingen", BODY)

    assert response.status_code == 201, response.content
    intake = Intake.objects.get()
    verwijzing = Verwijzing.objects.get()
    assert intake.kanaal == Kanaal.VERWIJZING and verwijzing.verwijzer == verwijzer
    assert intake.team == stad.wijkteam and intake.telefoon == "0612345678"
    assert response.json()["status"] == "ontvangen"
    assert response["Location"].endswith(f"/api/v1/verwijzingen/{verwijzing.pk}")
    assert response["API-Version"] == "1.0.0"
    log = Toegangslog.objects.get(actie=Actie.INDIENEN, intake_id=intake.pk)
    assert (log.user_naam, log.rol, log.user_id) == ("HIS De Linde (API)", "api",
                                                      verwijzer.user_id)


def test_the_form_s_checks_and_messages_come_back_as_problem_json(api) -> None:  # type: ignore[no-untyped-def]
    response = api.post("verwijzingen", {**BODY, "geboortedatum": "31-02-2999",
                                         "inwonerAkkoord": False, "voornaam": ""})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    fouten = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert set(fouten) >= {"voornaam", "geboortedatum", "inwonerAkkoord"}
    assert fouten["voornaam"] == "Vul de voornaam van de inwoner in."
    assert not Intake.objects.exists()


def test_the_same_idempotency_key_twice_gives_one_referral(api) -> None:  # type: ignore[no-untyped-def]
    sleutel = str(uuid.uuid4())
    een = api.post("verwijzingen", BODY, **{"Idempotency-Key": sleutel})
    twee = api.post("verwijzingen", BODY, **{"Idempotency-Key": sleutel})

    assert een.status_code == twee.status_code == 201
    assert een.json()["id"] == twee.json()["id"] and Intake.objects.count() == 1


def test_status_is_read_back_and_another_referrer_s_referral_is_404(api, stad) -> None:  # type: ignore[no-untyped-def]
    eigen = api.post("verwijzingen", BODY).json()
    ander = api_client_make(account=VerwijzerFactory().user,
                            scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])[1]

    assert api.get(f"verwijzingen/{eigen['id']}").json()["status"] == "ontvangen"
    assert ander.get(f"verwijzingen/{eigen['id']}").status_code == 404
    assert ander.get("verwijzingen/999999").status_code == 404
    assert api.get("verwijzingen").json()["totaal"] == 1
    assert ander.get("verwijzingen").json()["totaal"] == 0


def test_without_key_scope_or_referrer_account_it_is_refused(anoniem, stad) -> None:  # type: ignore[no-untyped-def]
    zonder_scope = api_client_make(account=VerwijzerFactory().user,
                                   scopes=[Scope.CATALOGUS_LEZEN])[1]
    geen_verwijzer = api_client_make(account=ProfessionalFactory(),
                                     scopes=[Scope.VERWIJZINGEN_SCHRIJVEN])[1]

    assert anoniem.post("verwijzingen", BODY).status_code == 401
    assert zonder_scope.post("verwijzingen", BODY).status_code == 403
    assert geen_verwijzer.post("verwijzingen", BODY).status_code == 403
    assert not Intake.objects.exists()
