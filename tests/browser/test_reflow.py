"""WCAG 1.4.10 (reflow): at 320 CSS pixels wide no resident page scrolls sideways, also with
the longest things a page shows (a team's long e-mail address, long names and references)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory, IntakeFactory, TermijnFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANG_ADRES = "werk.en.inkomen.jongerenloket.wijkteams@gemeente-dijkstad.example.nl"


# The innermost elements that stick out on the right, for the failure message.
UITSTEKERS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
          && ![...e.children].some(c => c.getBoundingClientRect().right >
                                        document.documentElement.clientWidth + 1))
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                        + ': ' + (e.textContent || '').trim().slice(0, 40))"""


@pytest.fixture
def smal(chromium, live_server):  # type: ignore[no-untyped-def]
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL",
                                   viewport={"width": 320, "height": 640}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_no_resident_page_is_wider_than_a_320_pixel_screen(in_elk_thema, smal, assert_accessible,  # type: ignore[no-untyped-def]
                                                           dijkstad) -> None:
    werk = dijkstad.werk
    werk.email = LANG_ADRES
    werk.naam = "Werk en Inkomen, Participatie en Schuldhulpverlening Centrum-Noord"
    werk.save()
    casus = CasusFactory(opgepakt_door=dijkstad.pro_werk, inwoner=dijkstad.inwoner,
                         intake__over_werk=True)
    assert casus.team == werk
    TermijnFactory(casus=casus)
    tweede = IntakeFactory(inwoner=dijkstad.inwoner, met_toestemming_jeugd=True)
    login(smal, dijkstad.inwoner.username, PASSWORD, staff=False)
    smal.wait_for_url("**/mijn/")
    paginas = ["/", "/hulp-vragen/", "/mijn/", f"/mijn/aanvragen/{casus.intake_id}/",
               f"/mijn/aanvragen/{tweede.pk}/", f"/mijn/aanvragen/{casus.intake_id}/aanvullen/",
               "/mijn/toestemmingen/", "/mijn/wie-keek-mee/", "/mijn/mijn-gegevens/"]
    te_breed = {}
    for pad in paginas:
        smal.goto(pad)
        breedte = smal.evaluate("document.documentElement.scrollWidth")
        if breedte > smal.evaluate("document.documentElement.clientWidth"):
            te_breed[pad] = (breedte, smal.evaluate(UITSTEKERS))
    assert te_breed == {}, f"wider than 320 px: {te_breed}"
    # The long address is on the request page, whole and readable.
    smal.goto(f"/mijn/aanvragen/{casus.intake_id}/")
    expect(smal.get_by_text(LANG_ADRES).first).to_be_visible()
    assert_accessible(smal)
    # The list names the contact person; its walk-in hours open from the keyboard, on the
    # narrow screen too.
    smal.goto("/mijn/")
    expect(smal.get_by_text("Uw contactpersoon is")).to_be_visible()
    samenvatting = smal.locator("summary", has_text="Langskomen zonder afspraak bij")
    samenvatting.focus()
    smal.keyboard.press("Enter")
    expect(smal.locator("details[open]")).to_have_count(1)
    assert smal.evaluate("document.documentElement.scrollWidth") <= \
        smal.evaluate("document.documentElement.clientWidth")
    assert_accessible(smal)
