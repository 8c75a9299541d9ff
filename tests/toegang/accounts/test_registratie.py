"""Residents without DigiD: an e-mail account, switched on by a link, and a password reset."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.utils import timezone

from tests.factories import PASSWORD, InwonerFactory, ProfessionalFactory
from toegang.accounts.models import Rol, User
from toegang.berichten.models import Email

pytestmark = pytest.mark.django_db

NIEUW_WACHTWOORD = "Paarse-olifant-fietst-42"
FORM = {"voornaam": "Noor", "achternaam": "Bakker", "email": "noor@example.nl",
        "password1": NIEUW_WACHTWOORD, "password2": NIEUW_WACHTWOORD}


def _register(client, *, follow: bool = False, **changes):  # type: ignore[no-untyped-def]
    return client.post("/account/aanmaken/", {**FORM, **changes}, follow=follow)


def _link(email: Email, pattern: str) -> str:
    match = re.search(rf"https?://[^/\s]+({pattern}[^\s\"<]*)", email.tekst)
    assert match, email.tekst
    return match.group(1)


def _without_csrf(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _logged_in(client) -> bool:  # type: ignore[no-untyped-def]
    return SESSION_KEY in client.session


# --- Registering --------------------------------------------------------------------------------


def test_anonymous_sees_the_registration_form(client) -> None:
    response = client.get("/account/aanmaken/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["Voornaam", "Achternaam", "E-mailadres", "Wachtwoord nog een keer"]:
        assert label in html


def test_logged_in_user_is_sent_on_instead_of_registering(client) -> None:
    client.force_login(InwonerFactory())
    response = client.get("/account/aanmaken/")
    assert response.status_code == 302
    assert response["Location"] == "/ingelogd/"


def test_registering_makes_an_inactive_account_and_mails_the_link(client) -> None:
    response = _register(client)
    assert response.status_code == 302
    assert response["Location"] == "/account/aanmaken/verstuurd/"
    user = User.objects.get(email="noor@example.nl")
    assert user.rol == Rol.INWONER
    assert not user.is_active
    assert user.check_password(NIEUW_WACHTWOORD)
    assert (user.first_name, user.last_name) == ("Noor", "Bakker")
    email = Email.objects.get(aan="noor@example.nl")
    assert email.onderwerp == "Bevestig uw e-mailadres"
    assert "/account/bevestigen/" in email.tekst and "/account/bevestigen/" in email.html
    assert "Beste Noor," in email.tekst
    assert "Vragen? Bel" in email.tekst  # the gemeente footer
    # Not before the link is clicked.
    client.post("/inloggen/", {"username": "noor@example.nl", "password": NIEUW_WACHTWOORD})
    assert not _logged_in(client)


def test_mail_goes_out_through_the_outbox(client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        _register(client)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["noor@example.nl"]
    assert "/account/bevestigen/" in mail.outbox[0].body


def test_known_address_gets_the_same_page_and_its_owner_a_mail(client) -> None:
    sanne = InwonerFactory(email="sanne@example.nl", first_name="Sanne")
    fresh = _register(client, follow=True, email="nieuw@example.nl")
    count = User.objects.count()
    known = _register(client, follow=True, email="SANNE@example.nl", voornaam="Iemand")
    assert known.redirect_chain == fresh.redirect_chain
    # The page does not tell which address is known (the CSRF token is random per response).
    assert _without_csrf(known) == _without_csrf(fresh)
    assert User.objects.count() == count
    sanne.refresh_from_db()
    assert sanne.check_password(PASSWORD) and sanne.first_name == "Sanne"
    email = Email.objects.get(aan="sanne@example.nl")
    assert email.onderwerp == "Iemand wilde een account maken met uw e-mailadres"
    assert "/account/wachtwoord-vergeten/" in email.tekst
    assert "/account/bevestigen/" not in email.tekst


def test_known_but_unconfirmed_address_gets_a_new_link(client) -> None:
    _register(client)
    _register(client, password1="Ander-wachtwoord-77x", password2="Ander-wachtwoord-77x")
    assert User.objects.filter(email="noor@example.nl").count() == 1
    mails = Email.objects.filter(aan="noor@example.nl").order_by("pk")
    assert [m.onderwerp for m in mails] == ["Bevestig uw e-mailadres"] * 2


def test_staff_address_makes_no_resident_account(client) -> None:
    pro = ProfessionalFactory(email="fatima@dijkstad.example.nl")
    response = _register(client, email="fatima@dijkstad.example.nl")
    assert response["Location"] == "/account/aanmaken/verstuurd/"
    assert User.objects.get(email__iexact="fatima@dijkstad.example.nl") == pro
    email = Email.objects.get(aan="fatima@dijkstad.example.nl")
    assert "medewerkers" in email.tekst
    assert "/account/wachtwoord-vergeten/" not in email.tekst


@pytest.mark.parametrize("weak", ["kort", "password1234", "123456789012"])
def test_weak_password_is_refused_with_a_summary(client, weak: str) -> None:
    response = _register(client, password1=weak, password2=weak)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is iets niet goed ingevuld" in html
    assert 'href="#id_password1"' in html
    assert 'value="noor@example.nl"' in html  # what was typed is kept
    assert not User.objects.filter(email="noor@example.nl").exists()
    assert not Email.objects.exists()


def test_password_like_the_name_is_refused(client) -> None:
    response = _register(client, voornaam="Wilhelmina", password1="Wilhelmina12",
                         password2="Wilhelmina12")
    assert response.status_code == 400
    assert not User.objects.filter(email="noor@example.nl").exists()


def test_weak_password_is_refused_for_a_known_address_too(client) -> None:
    InwonerFactory(email="sanne@example.nl")
    response = _register(client, email="sanne@example.nl", password1="kort", password2="kort")
    assert response.status_code == 400
    assert not Email.objects.exists()


def test_different_passwords_are_refused(client) -> None:
    response = _register(client, password2="Iets-heel-anders-99")
    html = response.content.decode()
    assert response.status_code == 400
    assert "De twee wachtwoorden zijn niet hetzelfde" in html
    assert 'href="#id_password2"' in html
    assert not User.objects.exists()


def test_empty_form_names_every_field(client) -> None:
    response = client.post("/account/aanmaken/", {})
    html = response.content.decode()
    for field in ["voornaam", "achternaam", "email", "password1", "password2"]:
        assert f'href="#id_{field}"' in html


def test_script_in_a_name_is_stored_as_text_and_escaped(client) -> None:
    script = "<script>alert(1)</script>"
    response = _register(client, voornaam=script, password2="anders-en-fout-12345")
    assert script not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    _register(client, voornaam=script)
    user = User.objects.get(email="noor@example.nl")
    assert user.first_name == script
    email = Email.objects.get(aan="noor@example.nl")
    assert script not in email.html and "&lt;script&gt;" in email.html
    client.post(_link(email, "/account/bevestigen/"))
    client.force_login(user)
    html = client.get("/mijn/").content.decode()
    assert script not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- Switching the account on -------------------------------------------------------------------


def test_link_switches_the_account_on_and_the_resident_can_log_in(client) -> None:
    _register(client)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    page = client.get(url)
    assert page.status_code == 200
    assert "Account aanzetten" in page.content.decode()
    assert not User.objects.get(email="noor@example.nl").is_active  # a GET changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == "/inloggen/"
    assert "Uw account is klaar" in response.content.decode()
    assert User.objects.get(email="noor@example.nl").is_active
    login = client.post("/inloggen/", {"username": "Noor@example.nl",
                                       "password": NIEUW_WACHTWOORD}, follow=True)
    assert login.redirect_chain[-1][0] == "/mijn/"
    # The link after that changes nothing: the account is on already.
    client.post("/uitloggen/")
    again = client.get(url)
    assert "Uw account staat al aan" in again.content.decode()


def test_second_click_before_logging_in_says_the_account_is_on(client) -> None:
    _register(client)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    client.post(url)
    response = client.get(url)
    assert response.status_code == 200
    assert "Uw account staat al aan" in response.content.decode()


def test_expired_link_does_not_work(client) -> None:
    _register(client)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    with time_machine.travel(timezone.now() + dt.timedelta(days=3, minutes=1)):
        assert client.get(url).status_code == 404
        response = client.post(url)
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert not User.objects.get(email="noor@example.nl").is_active


def test_link_still_works_on_the_third_day(client) -> None:
    _register(client)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    with time_machine.travel(timezone.now() + dt.timedelta(days=2, hours=23)):
        client.post(url)
    assert User.objects.get(email="noor@example.nl").is_active


def test_tampered_link_does_not_work(client) -> None:
    _register(client)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    token = url.split("/")[-2]
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in [tampered, "niets", token.split(":")[0]]:
        response = client.post(f"/account/bevestigen/{bad}/")
        assert response.status_code == 404, bad
    assert not User.objects.get(email="noor@example.nl").is_active


def test_link_carries_next_to_the_login(client) -> None:
    client.post("/account/aanmaken/?next=/mijn/toestemmingen/", FORM)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    response = client.post(url)
    assert response["Location"] == "/inloggen/?next=%2Fmijn%2Ftoestemmingen%2F"


def test_next_to_another_site_is_dropped(client) -> None:
    client.post("/account/aanmaken/?next=https://evil.example.com/", FORM)
    url = _link(Email.objects.get(), "/account/bevestigen/")
    assert client.post(url)["Location"] == "/inloggen/"


# --- Password reset -----------------------------------------------------------------------------


def test_password_reset_through_the_outbox(client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    sanne = InwonerFactory(email="sanne@example.nl", first_name="Sanne")
    assert client.get("/account/wachtwoord-vergeten/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/wachtwoord-vergeten/", {"email": "Sanne@example.nl"})
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    email = Email.objects.get(aan="sanne@example.nl")
    assert email.onderwerp == "Een nieuw wachtwoord kiezen"
    assert "Beste Sanne," in email.tekst
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sanne@example.nl"]
    url = _link(email, "/account/wachtwoord-herstellen/")
    form = client.get(url, follow=True)
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NIEUW_WACHTWOORD,
                                                    "new_password2": NIEUW_WACHTWOORD},
                       follow=True)
    assert done.redirect_chain[-1][0] == "/account/wachtwoord-herstellen/klaar/"
    sanne.refresh_from_db()
    assert sanne.check_password(NIEUW_WACHTWOORD)
    # The link works once.
    assert "Deze link werkt niet" in client.get(url, follow=True).content.decode()


@pytest.mark.parametrize("who", ["staff", "unknown", "unconfirmed"])
def test_no_reset_mail_for_staff_unknown_or_unconfirmed(client, who: str) -> None:
    if who == "staff":
        ProfessionalFactory(email="iemand@example.nl")
    elif who == "unconfirmed":
        _register(client, email="iemand@example.nl")
        Email.objects.all().delete()
    response = client.post("/account/wachtwoord-vergeten/", {"email": "iemand@example.nl"})
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"  # the same page
    assert not Email.objects.exists()


def test_reset_link_for_staff_does_not_work(client) -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    pro = ProfessionalFactory()
    uid = urlsafe_base64_encode(force_bytes(pro.pk))
    token = default_token_generator.make_token(pro)
    response = client.get(f"/account/wachtwoord-herstellen/{uid}/{token}/", follow=True)
    assert "Deze link werkt niet" in response.content.decode()


def test_login_page_links_to_registration_and_reset(client) -> None:
    html = client.get("/inloggen/").content.decode()
    assert 'href="/account/aanmaken/"' in html
    assert 'href="/account/wachtwoord-vergeten/"' in html
