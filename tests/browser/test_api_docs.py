"""The API documentation in a real browser: Swagger UI from our own static files renders
under the strict Content-Security-Policy (no violation, no outside request), and a new user
can authorise with a key and try a call, as the README says."""

import pytest

from tests.api.conftest import api_client_make
from tests.factories import ProductFactory
from toegang.api.models import Scope

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_user_reads_the_docs_authorises_and_tries_a_call(page, live_server, stad) -> None:  # type: ignore[no-untyped-def]
    ProductFactory(naam="Huishoudelijke ondersteuning")
    _client, api = api_client_make(account=stad.pro, scopes=[Scope.CATALOGUS_LEZEN])
    sleutel = api.http._credentials["HTTP_AUTHORIZATION"].removeprefix("Api-Key ")
    problemen: list[str] = []
    buiten: list[str] = []
    page.on("console", lambda m: problemen.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: buiten.append(r.url)
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None)

    page.goto("/api/v1/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Toegang API" in page.locator(".swagger-ui .info .title").inner_text()

    operatie = page.locator("#operations-producten-producten_list")
    operatie.locator(".opblock-summary").click()
    operatie.get_by_role("button", name="Try it out").click()
    operatie.get_by_role("button", name="Execute").click()
    status = operatie.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("401")

    page.locator(".auth-wrapper .authorize").click()
    page.locator(".auth-container input").fill(f"Api-Key {sleutel}")
    page.locator(".auth-btn-wrapper").get_by_role("button", name="Apply credentials").click()
    page.locator(".auth-btn-wrapper").get_by_role("button", name="Close").click()
    operatie.get_by_role("button", name="Execute").click()
    page.wait_for_function(
        "() => document.querySelector('#operations-producten-producten_list "
        ".live-responses-table .response .response-col_status')?.innerText.trim()"
        ".startsWith('200')")
    assert "Huishoudelijke ondersteuning" in operatie.locator(".live-responses-table").inner_text()

    assert not [p for p in problemen if "Content Security Policy" in p or "Refused" in p], \
        problemen
    assert not buiten, buiten  # nothing from a CDN or any other host
