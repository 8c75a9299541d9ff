"""Mijn gegevens (AVG inzage) in a real browser, scanned with axe."""

import pytest

from casussen.services import casus_open
from intake.services import aanvulling_add, toestemming_give, toestemming_withdraw
from tests.browser.conftest import login
from tests.factories import (
    PASSWORD,
    HuishoudlidGegevens,
    InwonerFactory,
    ProfessionalFactory,
    RoutingRegelFactory,
    TeamFactory,
    WijkFactory,
    make_intake,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_reads_all_their_data_and_finds_the_downloads(page, assert_accessible) -> None:  # type: ignore[no-untyped-def]
    wijk = WijkFactory(postcodes=["7511"])
    wijkteam = TeamFactory(naam="Wijkteam Centrum", soort="wijkteam", wijken=[wijk])
    TeamFactory(naam="Jeugdteam", soort="jeugdteam", wetten=["JEUGDWET"], wijken=[wijk])
    RoutingRegelFactory(volgorde=90, team_soort="wijkteam")
    inwoner = InwonerFactory()
    intake = make_intake(inwoner=inwoner, postcode="7511AA", bsn="111222333",
                         wens="Rust <b>&</b> ruimte",
                         huishouden=[HuishoudlidGegevens(relatie="partner", naam="Sem",
                                                         geboortejaar=1983)])
    aanvulling_add(user=inwoner, intake=intake, tekst="We zijn verhuisd.", grond="eigen")
    toestemming_withdraw(toestemming=toestemming_give(intake=intake, wet="JEUGDWET",
                                                      user=inwoner), user=inwoner)
    casus_open(user=ProfessionalFactory(teams=[wijkteam]), intake=intake)

    login(page, inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.get_by_role("link", name="Mijn gegevens downloaden").click()
    page.wait_for_url("**/mijn/mijn-gegevens/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn gegevens"
    assert page.get_by_role("heading", name=f"Aanvraag {intake.referentie}").is_visible()
    assert page.get_by_role("table", name="Geschiedenis van deze toestemming").is_visible()
    assert page.get_by_text("Rust <b>&</b> ruimte").is_visible()
    assert page.get_by_role("link", name="Download mijn gegevens als PDF").is_visible()
    assert page.get_by_role("link", name="Download mijn gegevens als JSON").is_visible()
    assert_accessible(page)

    # Printing leaves out the menu, the footer and the download links.
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation").is_visible()
    assert not page.locator("footer").is_visible()
    assert not page.get_by_role("link", name="Download mijn gegevens als PDF").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
