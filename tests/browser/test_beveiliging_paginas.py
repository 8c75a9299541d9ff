"""The pages of the security controls in a real browser, each scanned with axe: how to
report a vulnerability, "page not found" and "form not sent" (a form without its CSRF
cookie)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vulnerability_page_not_found_and_csrf_refusal_are_accessible(  # type: ignore[no-untyped-def]
        page, assert_accessible) -> None:
    page.goto("/")
    page.get_by_role("link", name="Kwetsbaarheid melden").click()
    page.wait_for_url("**/kwetsbaarheid-melden/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kwetsbaarheid melden"
    expect(page.get_by_role("link", name="security@toegang.example.nl")).to_be_visible()
    assert_accessible(page)

    response = page.goto("/bestaat-niet/")
    assert response is not None and response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == \
        "Deze pagina kunnen we niet vinden"
    assert_accessible(page)

    # The form was opened, then its CSRF cookie disappeared (as after a long pause).
    page.goto("/hulp-vragen/")
    page.context.clear_cookies()
    with page.expect_navigation():
        page.get_by_role("button", name="Begin met uw aanvraag").click()
    assert page.get_by_role("heading", level=1).inner_text() == \
        "Uw formulier is niet verstuurd"
    assert_accessible(page)
