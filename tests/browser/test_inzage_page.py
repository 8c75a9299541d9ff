"""Mijn gegevens (AVG inzage) in a real browser, scanned with axe."""

import pytest
from playwright.sync_api import expect

from intake.services import aanvulling_add
from tests.browser.conftest import login
from tests.factories import (
    PASSWORD,
    CasusFactory,
    HuishoudlidGegevens,
    IntakeFactory,
    ToestemmingFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_reads_all_their_data_and_finds_the_downloads(page, assert_accessible,  # type: ignore[no-untyped-def]
                                                               dijkstad) -> None:
    inwoner = dijkstad.inwoner
    intake = IntakeFactory(inwoner=inwoner, bsn="111222333", wens="Rust <b>&</b> ruimte",
                           huishouden=[HuishoudlidGegevens(relatie="partner", naam="Sem",
                                                           geboortejaar=1983)])
    aanvulling_add(user=inwoner, intake=intake, tekst="We zijn verhuisd.", grond="eigen")
    ToestemmingFactory(intake=intake, wet="JEUGDWET", ingetrokken=True)
    CasusFactory(intake=intake, opgepakt_door=dijkstad.pro)

    login(page, inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.get_by_role("link", name="Mijn gegevens downloaden").click()
    page.wait_for_url("**/mijn/mijn-gegevens/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn gegevens"
    expect(page.get_by_role("heading", name=f"Aanvraag {intake.referentie}")).to_be_visible()
    expect(page.get_by_role("table", name="Geschiedenis van deze toestemming")).to_be_visible()
    expect(page.get_by_text("Rust <b>&</b> ruimte")).to_be_visible()
    expect(page.get_by_role("link", name="Download mijn gegevens als PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Download mijn gegevens als JSON")).to_be_visible()
    assert_accessible(page)

    # Printing leaves out the menu, the footer and the download links.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_role("link", name="Download mijn gegevens als PDF")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
