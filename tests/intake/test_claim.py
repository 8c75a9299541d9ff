"""An intake sent without an account is linked to the resident's account with the e-mail link."""

import datetime as dt
from urllib.parse import quote, urlsplit

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from intake.claim import intake_claim_token_read, intake_claim_url
from intake.models import Intake
from tests.factories import IntakeFactory, InwonerFactory
from toegang.audit.models import Actie, Toegangslog

pytestmark = pytest.mark.django_db


def _path(intake: Intake) -> str:
    return urlsplit(intake_claim_url(intake=intake)).path


@override_settings(SITE_URL="https://toegang.dijkstad.example.nl")
def test_claim_url_is_absolute_and_signed(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    url = intake_claim_url(intake=intake)
    assert url.startswith("https://toegang.dijkstad.example.nl/mijn/koppelen/")
    token = urlsplit(url).path.split("/")[-2]
    assert intake_claim_token_read(token=token) == intake
    assert intake_claim_token_read(token=token.replace(str(intake.pk), str(intake.pk + 1), 1)) \
        is None


def test_anonymous_goes_to_the_resident_login_with_an_explanation(client, stad) -> None:  # type: ignore[no-untyped-def]
    path = _path(IntakeFactory())
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/inloggen/?next={quote(path)}"
    html = client.get(response["Location"]).content.decode()
    assert "Uw aanvraag koppelen aan een account" in html
    # DigiD and registration both come back here.
    assert f'href="/digid/login/?next={quote(path)}"' in html
    assert f'href="/account/aanmaken/?next={quote(path)}"' in html


def test_resident_confirms_and_the_intake_is_linked(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    client.force_login(stad.inwoner)
    page = client.get(_path(intake))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Deze aanvraag koppelen aan uw account?" in html
    assert intake.referentie in html
    assert Intake.objects.get(pk=intake.pk).inwoner is None  # a GET changes nothing
    response = client.post(_path(intake), follow=True)
    assert response.redirect_chain[-1][0] == f"/mijn/aanvragen/{intake.pk}/"
    assert "De aanvraag is gekoppeld aan uw account." in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).inwoner == stad.inwoner
    log = Toegangslog.objects.get(intake_id=intake.pk, actie=Actie.WIJZIGEN)
    assert log.user_id == stad.inwoner.pk and log.inwoner_id == stad.inwoner.pk
    assert log.grond == "eigen"
    # Opening the link again simply shows the request.
    again = client.get(_path(intake))
    assert again["Location"] == f"/mijn/aanvragen/{intake.pk}/"


def test_claim_through_digid_comes_back_to_the_confirmation(client, stad) -> None:  # type: ignore[no-untyped-def]
    path = _path(IntakeFactory())
    start = client.get(f"/digid/login/?next={quote(path)}")
    keuze = client.get(start["Location"])
    form = client.get(keuze.context["password_login_url"])
    answer = client.post(form.context["action_url"], {"auth_bsn": "999993653"})
    response = client.get(answer["Location"], follow=True)
    assert response.redirect_chain[-1][0] == path
    assert "Deze aanvraag koppelen aan uw account?" in response.content.decode()


def test_tampered_link_is_a_friendly_not_found(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    client.force_login(stad.inwoner)
    path = _path(intake)
    for bad in [path[:-3] + "xx/", "/mijn/koppelen/niets/", f"/mijn/koppelen/{intake.pk}/"]:
        response = client.post(bad)
        assert response.status_code == 404, bad
        assert "Deze link werkt niet" in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).inwoner is None


def test_expired_link_does_not_work(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    path = _path(intake)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        client.force_login(stad.inwoner)
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=30, minutes=1)):
        client.force_login(stad.inwoner)
        response = client.post(path)
    assert response.status_code == 404
    assert Intake.objects.get(pk=intake.pk).inwoner is None


def test_intake_of_someone_else_cannot_be_claimed(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.andere_inwoner)
    client.force_login(stad.inwoner)
    page = client.get(_path(intake))
    assert page.status_code == 409
    assert "Deze aanvraag hoort al bij een ander account." in page.content.decode()
    assert intake.referentie not in page.content.decode()
    response = client.post(_path(intake))
    assert response.status_code == 409
    assert "Deze aanvraag hoort al bij een ander account." in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).inwoner == stad.andere_inwoner


def test_claimed_between_page_and_button(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    client.force_login(stad.inwoner)
    assert client.get(_path(intake)).status_code == 200
    Intake.objects.filter(pk=intake.pk).update(inwoner=InwonerFactory())
    response = client.post(_path(intake))
    assert response.status_code == 409
    assert "hoort al bij een ander account" in response.content.decode()


@pytest.mark.parametrize("who", ["pro", "teamleider", "manager", "beheerder"])
def test_staff_get_a_404(client, stad, who: str) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    client.force_login(getattr(stad, who))
    assert client.get(_path(intake)).status_code == 404
    assert client.post(_path(intake)).status_code == 404
    assert Intake.objects.get(pk=intake.pk).inwoner is None


def test_claim_path_fits_in_a_saml_relay_state() -> None:
    # The real DigiD carries `next` in RelayState, which SAML limits to 80 bytes.
    path = urlsplit(intake_claim_url(intake=Intake(pk=99_999_999))).path
    assert len(path.encode()) <= 80, path
