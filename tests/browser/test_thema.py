"""The resident pages in both demo themes (docs/thema.md): the theme is switched as the
beheerder would (the service behind "Gebruik dit thema"), the page is reloaded, and the header,
the primary button's colour and axe (0 violations) are checked."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD
from toegang.demo.thema import seed_themas
from toegang.thema.models import Thema
from toegang.thema.services import thema_activeren

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THEMAS = {"Dijkstad": ("Gemeente Dijkstad", "rgb(21, 66, 115)"),
          "Zeevliet": ("Gemeente Zeevliet", "rgb(15, 81, 50)")}

# Every resident page that needs no login, and the pages of Mijn toegang (as in test_reflow).
OPENBAAR = ["/", "/hulp-vragen/", "/inloggen/", "/account/aanmaken/",
            "/account/wachtwoord-vergeten/", "/privacy/toegangslog/", "/kwetsbaarheid-melden/",
            "/natura-of-pgb/"]
MIJN = ["/mijn/", "/mijn/toestemmingen/", "/mijn/wie-keek-mee/", "/mijn/mijn-gegevens/"]

ACHTERGROND = "el => getComputedStyle(el).backgroundColor"


def _gebruik(naam: str) -> None:
    seed_themas()
    thema_activeren(thema=Thema.objects.get(naam=naam))


def _kop_klopt(page, gemeentenaam: str) -> None:  # type: ignore[no-untyped-def]
    kop = page.locator("header .merk")
    expect(kop).to_contain_text(gemeentenaam)
    expect(kop.locator("img.merk-logo")).to_be_visible()


def test_switching_the_theme_shows_at_once(page, dijkstad) -> None:  # type: ignore[no-untyped-def]
    _gebruik("Dijkstad")
    page.goto("/")
    _kop_klopt(page, "Gemeente Dijkstad")
    thema_activeren(thema=Thema.objects.get(naam="Zeevliet"))
    page.reload()
    _kop_klopt(page, "Gemeente Zeevliet")
    expect(page.locator("footer")).to_contain_text("loket@zeevliet.example.nl")
    assert page.title().endswith("Gemeente Zeevliet")


@pytest.mark.parametrize("naam", list(THEMAS))
def test_resident_journey_in_each_theme(page, mobile_page, assert_accessible,  # type: ignore[no-untyped-def]
                                        dijkstad, naam: str) -> None:
    gemeentenaam, primair = THEMAS[naam]
    _gebruik(naam)
    for p in (page, mobile_page):
        p.goto("/")
        _kop_klopt(p, gemeentenaam)
        assert_accessible(p)
        p.get_by_role("link", name="Vraag hulp").first.click()
        p.wait_for_url("**/hulp-vragen/")
        knop = p.get_by_role("button", name="Begin met uw aanvraag")
        expect(knop).to_be_visible()
        assert knop.evaluate(ACHTERGROND) == primair
        assert_accessible(p)
        knop.click()
        expect(p.get_by_label("Voornaam")).to_be_visible()
        assert p.title().startswith("Over u – stap 1")
        _kop_klopt(p, gemeentenaam)
        assert p.get_by_role("button", name="Volgende stap").evaluate(ACHTERGROND) == primair
        assert_accessible(p)
        # A mistake: the error summary in the theme's colours is still readable.
        p.get_by_role("button", name="Volgende stap").click()
        expect(p.locator("[data-error-summary]")).to_be_visible()
        assert_accessible(p)
    page.goto("/inloggen/")
    expect(page.get_by_label("E-mailadres")).to_be_visible()
    _kop_klopt(page, gemeentenaam)
    assert_accessible(page)


@pytest.mark.parametrize("naam", list(THEMAS))
def test_every_resident_page_passes_axe_in_each_theme(page, assert_accessible,  # type: ignore[no-untyped-def]
                                                      dijkstad, naam: str) -> None:
    gemeentenaam, _primair = THEMAS[naam]
    _gebruik(naam)
    for pad in OPENBAAR:
        page.goto(pad)
        _kop_klopt(page, gemeentenaam)
        assert_accessible(page)
    login(page, dijkstad.inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    for pad in MIJN:
        page.goto(pad)
        _kop_klopt(page, gemeentenaam)
        assert_accessible(page)


def test_every_axe_scan_also_checks_the_other_demo_theme(page, assert_accessible,  # type: ignore[no-untyped-def]
                                                         demo_thema_css, dijkstad) -> None:
    """assert_accessible (tests/browser/conftest.py) scans each page in its own theme and in
    the other demo theme, so every browser test covers both: a demo theme whose button text
    no longer stands out from its button fails the scan, named, and the page is back in its
    own theme after the scan."""
    page.goto("/hulp-vragen/")
    eigen = page.get_by_role("button", name="Begin met uw aanvraag").evaluate(ACHTERGROND)
    assert_accessible(page)  # both demo themes as they are: 0 violations
    goed = demo_thema_css["Zeevliet"]
    demo_thema_css["Zeevliet"] = goed + (
        "\n:root { --utrecht-button-primary-action-background-color: #f4f4f4;"
        " --utrecht-button-primary-action-color: #ffffff; }\n")
    try:
        with pytest.raises(AssertionError, match="in the theme Zeevliet") as fout:
            assert_accessible(page)
        assert "color-contrast" in str(fout.value)
    finally:
        demo_thema_css["Zeevliet"] = goed
    knop = page.get_by_role("button", name="Begin met uw aanvraag")
    assert knop.evaluate(ACHTERGROND) == eigen
