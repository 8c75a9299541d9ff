"""The management dashboard in a real browser on the demo municipality: charts, tables and
exports render, the filters show the linked error summary, a teamleider drills down into the
own team, and every page passes axe."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login
from toegang.demo.organisatie import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def demo():  # type: ignore[no-untyped-def]
    """The demo municipality as on Monday 23 November 2026 (its requests lie in the 60 days
    before "today"; the clock runs on from there)."""
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=True):
        call_command("seed_demo", "--quiet-logins")  # also computes the management information
        yield


def test_manager_reads_charts_and_tables(page, assert_accessible, demo) -> None:  # type: ignore[no-untyped-def]
    login(page, "demo-manager", DEMO_PASSWORD, staff=True)
    page.wait_for_url("**/dashboard/")
    expect(page.get_by_text("Bijgewerkt op")).to_be_visible()
    expect(page.get_by_role("heading", name="Instroom", level=2)).to_be_visible()
    # Charts are images with a name; hidden figures are hatched bars without a number. (50:
    # the demo's 45 requests of before, its four of every door in: two referrals, a phone
    # call, the partner's request; and the referral a provider's request for a child became.)
    expect(page.get_by_role("img", name=re.compile(r"^Aanvragen per maand In totaal: 50\.")
                            )).to_be_visible()
    # 19 charts, three of them "Besluiten en kosten" (the demo's eight decisions: every cell
    # under 5, so hatched) and one "Berichtenverkeer" (the demo's 12 toewijzingen all went
    # this week; the 11 weeks before it had no message at all: "–", no bar, nothing hatched).
    assert page.locator("svg[role=img]").count() == 19
    # 131 hatched bars (the referral of the provider's request added one to the inflow's
    # charts; the berichtenverkeer chart has none).
    assert page.locator("rect[data-verborgen]").count() == 131
    # Each chart's numbers are in a table behind "Tabel met de cijfers".
    page.get_by_text("Tabel met de cijfers: Aanvragen per maand").click()
    tabel = page.get_by_role("table", name="Aanvragen per maand")
    expect(tabel).to_be_visible()
    assert tabel.get_by_role("row", name="Totaal").get_by_role("cell").first.inner_text() == "50"
    # Tables without a chart are shown at once.
    expect(page.get_by_role("table", name="Doorlooptijden")).to_be_visible()
    assert page.locator("a[href*='/werk/']").count() == 0  # nothing about a person
    assert_accessible(page)

    with page.expect_download() as download:
        page.locator("#tabel-instroom_wijk").get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("stuurinformatie-instroom_wijk-")

    page.goto("/dashboard/?van=2026-06&tot=2026-03")
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and page.title().startswith("Fout:")
    expect(page.get_by_text("De eerste maand ligt na de laatste maand.").first).to_be_visible()
    assert_accessible(page)


def test_teamleider_sees_own_team_and_drills_down(page, mobile_page, assert_accessible,  # type: ignore[no-untyped-def]
                                                  demo) -> None:
    login(page, "demo-teamleider", DEMO_PASSWORD, staff=True)
    page.wait_for_url("**/werk/team/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dashboard").click()
    page.wait_for_url("**/dashboard/")
    expect(page.get_by_text("U ziet alleen de cijfers van uw eigen team(s).")).to_be_visible()
    teams = page.get_by_label("Team").locator("option").all_inner_texts()
    assert teams == ["Al mijn teams", "Wijkteam Centrum"]
    assert_accessible(page)
    page.get_by_role("link", name="Open casussen per professional, met namen (Mijn team)"
                     ).first.click()
    page.wait_for_url("**/werk/team/#caseload-kop")
    expect(page.get_by_role("heading", name="Caseload per professional")).to_be_visible()

    # On a phone: charts scale down, tables scroll, still no axe violation.
    login(mobile_page, "demo-manager", DEMO_PASSWORD, staff=True)
    mobile_page.wait_for_url("**/dashboard/")
    expect(mobile_page.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(mobile_page)
