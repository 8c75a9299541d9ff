"""Staff log in with a real browser: password, setting up the authenticator app (QR code and
typed key), a wrong code, the right code, the backup codes; next time the code page. Every
page passes axe."""

import base64
import time

import pytest
from django_otp.oath import hotp
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.tweestaps import totp_code, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(key: bytes) -> str:
    return f"{hotp(key, int(time.time()) // 30, 6):06d}"


def test_staff_set_up_the_app_and_log_in_with_a_code(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    pro = dijkstad.pro
    page.goto("/medewerker/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(pro.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url("**/medewerker/tweestaps/instellen/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie instellen"
    expect(
        page.get_by_role("img", name="QR-code om te scannen met uw authenticator-app")
    ).to_be_visible()
    assert_accessible(page)
    # The key as text, for typing it over or hearing it read out.
    secret = page.locator("#sleutel").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))

    right = _code(key)
    page.get_by_role("textbox", name="Code").fill(f"{(int(right) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Bevestigen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert "Deze code klopt niet" in page.content()
    assert page.title().startswith("Fout:")
    assert_accessible(page)

    page.wait_for_timeout(1500)  # django-otp lets the next try in after a second
    page.get_by_role("textbox", name="Code").fill(_code(key))
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw reservecodes"
    assert page.locator(".reservecodes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    page.wait_for_url("**/werk/")

    # Next time: password, then the code page.
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/medewerker/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(pro.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/medewerker/tweestaps/?**")
    assert page.get_by_role("heading", level=1).inner_text() == "Code invullen"
    assert_accessible(page)
    page.get_by_role("textbox", name="Code").fill("12345")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.wait_for_timeout(1500)
    # This step's code was used to set up the app: the helper takes the next one.
    page.get_by_role("textbox", name="Code").fill(totp_code(totp_device(pro)))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/werk/")


def test_account_page_is_accessible(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    login(page, dijkstad.pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.get_by_role("link", name="Mijn account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn account"
    assert_accessible(page)
    page.get_by_role("button", name="Overal uitloggen").click()
    page.wait_for_url("**/medewerker/inloggen/")
    assert "U bent uitgelogd op al uw apparaten." in page.content()
