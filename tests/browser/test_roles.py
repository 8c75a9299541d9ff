"""Each role logs in with a real browser, lands on its page, and the page passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Role: who in `dijkstad`, where they land, the heading there.
ROLES = {
    "inwoner": ("inwoner", "/mijn/", "Mijn toegang"),
    "professional": ("pro", "/werk/", "Werkvoorraad"),
    "teamleider": ("teamleider", "/werk/team/", "Mijn team"),
    "manager": ("manager", "/dashboard/", "Dashboard"),
    "beheerder": ("beheerder", "/beheer/", "Configuratie"),
}


@pytest.mark.parametrize("rol", list(ROLES))
def test_role_logs_in_and_lands_accessibly(page, assert_accessible, dijkstad, rol: str) -> None:  # type: ignore[no-untyped-def]
    wie, landing, heading = ROLES[rol]
    user = getattr(dijkstad, wie)
    login(page, user.username, PASSWORD, staff=rol != "inwoner")
    page.wait_for_url(f"**{landing}")
    assert page.get_by_role("heading", level=1).first.inner_text().strip() == heading
    assert_accessible(page)


def test_public_pages_are_accessible(page, assert_accessible) -> None:
    for url in ["/", "/inloggen/", "/medewerker/inloggen/"]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "nl"
        assert_accessible(page)


def test_login_error_summary_links_to_the_field(page, assert_accessible) -> None:
    page.goto("/inloggen/")
    page.get_by_role("button", name="Inloggen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    # The summary receives focus so a screen reader announces it.
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Fout:")
    assert_accessible(page)
    summary.get_by_role("link", name="E-mailadres").click()
    expect(page.locator("#id_username")).to_be_focused()


def test_skip_link_and_keyboard(page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar de inhoud"
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()


def test_language_switch_to_english_and_back(page) -> None:
    page.goto("/inloggen/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Log in to My access"
    page.get_by_role("button", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_mobile_width_has_no_horizontal_scroll(mobile_page) -> None:
    for url in ["/", "/inloggen/"]:
        mobile_page.goto(url)
        overflow = mobile_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, url  # the page is exactly as wide as the screen
