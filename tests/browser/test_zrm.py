"""ZRM pages in a real browser, each scanned with axe: the professional's page with charts and
a new assessment, and the resident scoring themselves."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casussen.zrm.services import zrm_record, zrm_self_assess
from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def casus(dijkstad):  # type: ignore[no-untyped-def]
    """The resident's case with the professional of Wijkteam Centrum as regiehouder, two
    assessments by the professional and one by the resident in between."""
    inwoner, pro = dijkstad.inwoner, dijkstad.pro
    casus = CasusFactory(opgepakt_door=pro, inwoner=inwoner)
    vandaag = timezone.localdate()
    zrm_record(user=pro, casus=casus, datum=vandaag - dt.timedelta(days=90),
               scores={"financien": 2, "huisvesting": 3, "sociaal_netwerk": 2})
    zrm_self_assess(inwoner=inwoner, casus=casus, scores={"financien": 3, "huisvesting": 4})
    zrm_record(user=pro, casus=casus, datum=vandaag,
               scores={"financien": 4, "huisvesting": 3, "justitie": 5})
    return casus


def test_professional_reads_the_chart_and_records_an_assessment(page, assert_accessible,
                                                                dijkstad, casus) -> None:  # type: ignore[no-untyped-def]
    login(page, dijkstad.pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.goto(f"/werk/casussen/{casus.pk}/")
    page.get_by_role("link", name="Zelfredzaamheid (ZRM): metingen en verloop").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zelfredzaamheid (ZRM)"
    # Four domains scored: four charts, eight points (6 by the professional, 2 by the resident).
    expect(page.get_by_role("img", name="Verloop van Financiën")).to_be_visible()
    assert page.locator("svg[role=img]").count() == 4
    assert page.locator(".zrm-punt").count() == 8
    expect(page.get_by_text("Financiën ging van 2 naar 4: vooruit")).to_be_visible()
    expect(page.get_by_role("table").get_by_role("rowheader", name="Financiën")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe meting vastleggen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.get_by_text("Geef minstens één levensgebied een score.").first).to_be_visible()
    assert page.title().startswith("Fout:")
    assert_accessible(page)
    page.get_by_role("group", name="Huisvesting").get_by_label("4 – voldoende zelfredzaam").check()
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De ZRM-meting is opgeslagen.")).to_be_visible()
    assert page.locator(".zrm-punt").count() == 9


def test_resident_scores_themselves_and_compares(page, assert_accessible, dijkstad,  # type: ignore[no-untyped-def]
                                                 casus) -> None:
    login(page, dijkstad.inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.goto(f"/mijn/aanvragen/{casus.intake_id}/")
    page.get_by_role("link", name="Hoe gaat het met u?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hoe gaat het met u?"
    expect(page.get_by_role("cell", name="4 – Het lukt goed genoeg").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Zelf invullen hoe het gaat").click()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="Geld en schulden") \
        .get_by_label("4 – Het lukt goed genoeg").check()
    page.get_by_role("group", name="Contact met familie, vrienden of buren") \
        .get_by_label("2 – Het lukt niet zonder hulp").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw antwoorden zijn opgeslagen.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Contact met familie, vrienden of buren")
    assert "2 – Het lukt niet zonder hulp" in row.inner_text()
    assert_accessible(page)
