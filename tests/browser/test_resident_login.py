"""A resident logs in with the test DigiD and makes an e-mail account, in a real browser; axe
scans every page, including the error states."""

import pytest
from playwright.sync_api import expect

from toegang.accounts.services import inwoner_bsn_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_logs_in_with_the_test_digid(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    inwoner_bsn_set(user=dijkstad.inwoner, bsn="111222333")  # the resident has used DigiD
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()

    expect(page.get_by_text("Test-DigiD: alleen voor de demo")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
    page.get_by_role("link", name="Met burgerservicenummer").click()
    expect(page.get_by_text("Test-DigiD: alleen voor de demo")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Burgerservicenummer").fill("123456789")  # fails the elfproef
    page.get_by_role("button", name="Inloggen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert page.title().startswith("Fout:")
    assert_accessible(page)

    page.get_by_label("Burgerservicenummer").fill("111222333")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn toegang"
    expect(page.get_by_text(f"Ingelogd als {dijkstad.inwoner.get_full_name()}")).to_be_visible()


def test_registration_page_and_its_errors_are_accessible(page, assert_accessible) -> None:
    page.goto("/inloggen/")
    page.get_by_role("link", name="Account aanmaken met uw e-mailadres").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Account aanmaken"
    assert_accessible(page)

    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("E-mailadres").fill("noor@example.nl")
    page.locator("#id_password1").fill("kort")
    page.get_by_label("Wachtwoord nog een keer").fill("anders")
    page.get_by_role("button", name="Account aanmaken").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    # The deferred script moves focus once the page has loaded; wait for it (under load the
    # summary can be visible before the script has run).
    expect(summary).to_be_focused()
    assert page.get_by_label("Voornaam").input_value() == "Noor"  # what was typed stays
    assert_accessible(page)

    page.locator("#id_password1").fill("Paarse-olifant-fietst-42")
    page.get_by_label("Wachtwoord nog een keer").fill("Paarse-olifant-fietst-42")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/account/aanmaken/verstuurd/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in uw e-mail"
    assert_accessible(page)
