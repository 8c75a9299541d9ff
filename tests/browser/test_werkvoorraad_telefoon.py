"""The werkvoorraad on a phone: its wide table scrolls in its own box (by keyboard too), the
page itself stays as wide as the screen."""

import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory, IntakeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_queue_fits_a_phone_and_its_table_scrolls_by_keyboard(  # type: ignore[no-untyped-def]
        mobile_page, dijkstad, assert_accessible) -> None:
    IntakeFactory()
    CasusFactory(opgepakt_door=dijkstad.pro)
    login(mobile_page, dijkstad.pro.username, PASSWORD, staff=True)
    mobile_page.goto("/werk/")
    assert mobile_page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    tabel = mobile_page.get_by_role("region", name="Werkvoorraad")
    assert tabel.evaluate("e => e.scrollWidth > e.clientWidth")  # wider than the screen
    tabel.focus()
    mobile_page.keyboard.press("ArrowRight")
    mobile_page.wait_for_function(
        "() => document.querySelector('[role=region][aria-label=Werkvoorraad]').scrollLeft > 0")
    assert_accessible(mobile_page)
