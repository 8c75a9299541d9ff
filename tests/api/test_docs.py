"""The API's documentation page (Swagger UI) and its OpenAPI document: served by us, from our
own static files (no CDN), within the strict Content-Security-Policy (no inline script or
style), and open without a key (they describe the API, they hold no data)."""

from html.parser import HTMLParser

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.test import Client

from tests.toegang.test_headers import InlineFinder

pytestmark = pytest.mark.django_db


class Bronnen(HTMLParser):
    """The addresses of the page's scripts and stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.stijlen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and named.get("src"):
            self.scripts.append(named["src"] or "")
        if tag == "link" and named.get("rel") in ("stylesheet", "icon"):
            self.stijlen.append(named.get("href") or "")


@pytest.fixture
def pagina(client: Client) -> tuple[str, Bronnen]:
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    bronnen = Bronnen()
    bronnen.feed(html)
    return html, bronnen


def test_the_docs_page_has_no_inline_script_or_style(pagina) -> None:  # type: ignore[no-untyped-def]
    html, _bronnen = pagina
    finder = InlineFinder()
    finder.feed(html)

    assert finder.found == []
    assert "<title>Toegang API – documentatie</title>" in html


def test_the_page_s_start_script_is_javascript_from_the_page_itself(  # type: ignore[no-untyped-def]
        client, pagina) -> None:
    _html, bronnen = pagina
    [start] = [src for src in bronnen.scripts if "script" in src.split("?", 1)[-1]]
    assert start.startswith("/api/v1/docs/?")

    response = client.get(start)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert "SwaggerUIBundle" in script and "/api/v1/schema/" in script


def test_swagger_ui_comes_from_our_own_static_files(client, pagina) -> None:  # type: ignore[no-untyped-def]
    _html, bronnen = pagina
    assets = [*bronnen.scripts, *bronnen.stijlen]

    assert len(bronnen.scripts) == 3 and len(bronnen.stijlen) >= 2
    for src in assets:
        assert src.startswith("/") and not src.startswith("//"), src  # never another host
        assert "http" not in src, src
    for src in (s for s in assets if s.startswith("/static/")):
        naam = src.removeprefix("/static/").split("?")[0]
        assert finders.find(naam), src  # shipped with the project (drf-spectacular-sidecar)
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle" in s
               for s in bronnen.scripts)


def test_the_page_carries_the_strict_content_security_policy(client) -> None:  # type: ignore[no-untyped-def]
    csp = client.get("/api/v1/docs/")["Content-Security-Policy"]

    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe" not in csp


def test_the_schema_url_serves_the_openapi_document(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    document = yaml.safe_load(response.content)
    assert document["info"]["title"] == "Toegang API"
    assert "/api/v1/besluiten" in document["paths"]
    json = client.get("/api/v1/schema/", {"format": "json"})
    assert json.status_code == 200 and json.json()["openapi"] == document["openapi"]
