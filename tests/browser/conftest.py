"""Real-browser fixtures: Debian's Chromium driven by Playwright, with axe-core scans, and
the town the journeys play in (`dijkstad`)."""

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.conftest import Stad, require_service
from tests.factories import ProfessionalFactory
from tests.system_packages import apt_install
from toegang.accounts.models import User

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (factories) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-dev-shm-usage"]


def _install_chromium() -> bool:
    return apt_install("chromium", CHROMIUM) is not None


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    require_service("Chromium", _install_chromium())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL",
                                   viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def mobile_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL",
                                   viewport={"width": 375, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# A click on a link or button returns before the next page exists. axe started in that moment
# finds no document, or loses its context half-way; then wait for the new page and scan again.
_MIDDEN_IN_NAVIGATIE = ("reading 'documentElement'", "Execution context was destroyed",
                        "Cannot find context with specified id", "axe is not defined")
_AXE_OPTIES = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}, "resultTypes": ["violations"]}


def _axe_run(axe, page) -> list[dict]:  # type: ignore[no-untyped-def]
    """The violations axe-core finds on the page. axe is put into the page once per document
    (the second theme's scan reuses it) and reports nodes for violations only: the passes on
    a long page are thousands of nodes that would cross to Python for nothing."""
    from playwright.sync_api import Error as PlaywrightError

    for poging in range(3):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.evaluate(axe.axe_script)
            return page.evaluate("opties => axe.run(document, opties).then(r => r.violations)",
                                 _AXE_OPTIES)
        except PlaywrightError as fout:
            if poging == 2 or not any(teken in str(fout) for teken in _MIDDEN_IN_NAVIGATIE):
                raise
    raise AssertionError("unreachable")


def _zonder_naam(css: str) -> str:
    return "\n".join(regel for regel in css.splitlines() if not regel.startswith("/* Thema:"))


@pytest.fixture(scope="session")
def demo_thema_css() -> dict[str, str]:
    """The CSS of both demo themes (toegang/demo/thema.py), as the theme app renders it."""
    from toegang.demo.thema import THEMAS
    from toegang.thema.models import Thema
    from toegang.thema.services import weergave

    css = {}
    for gegevens in THEMAS:
        velden = {k: v for k, v in gegevens.items() if k != "bestand"}
        css[velden["naam"]] = weergave(Thema(**velden)).css
    return css


# Swap the page's theme stylesheet for another URL and wait until it applied; returns the old URL.
_THEMA_WISSELEN = """href => new Promise((klaar, fout) => {
  const link = document.querySelector(
    'link[data-testthema], link[rel="stylesheet"][href*="/thema/"]');
  if (!link) { klaar(null); return; }
  link.setAttribute('data-testthema', '');
  setTimeout(() => fout(new Error('geen load binnen 10 s: ' + href)), 10000);
  const oud = link.getAttribute('href');
  link.addEventListener('load', () => klaar(oud), {once: true});
  link.addEventListener('error', () => fout(new Error('niet geladen: ' + href)), {once: true});
  link.setAttribute('href', href);
})"""


def _andere_themas(page, demo_thema_css: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The demo themes the page is not shown in now (by the CSS it links to)."""
    href = page.evaluate("() => document.querySelector("
                         "'link[rel=\"stylesheet\"][href*=\"/thema/\"]')?.getAttribute('href')")
    if not href:
        return []  # a page without the theme (the API docs)
    huidig = _zonder_naam(page.request.get(href).text())
    return [naam for naam, css in demo_thema_css.items() if _zonder_naam(css) != huidig]


def _css_geven(css: str):  # type: ignore[no-untyped-def]
    def geef(route) -> None:  # type: ignore[no-untyped-def]
        route.fulfill(status=200, content_type="text/css; charset=utf-8", body=css)

    return geef


def _rapport(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:5])
        for v in violations)


@pytest.fixture
def assert_accessible(axe, demo_thema_css):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page, in the theme it is shown in and
    then in the other demo theme (issue 19: every page stays at 0 violations in both demo
    themes); fail with a readable list.

    For the other theme the page's theme stylesheet is swapped for that theme's CSS (served
    through Playwright from the same origin, so the page's CSP holds) and put back after the
    scan: colours, fonts and focus styles are all the theme changes on a page."""

    def check(page) -> None:
        violations = _axe_run(axe, page)
        assert not violations, f"axe violations on {page.url}:\n{_rapport(violations)}"
        for naam in _andere_themas(page, demo_thema_css):
            url = f"/__testthema/{naam}.css"
            page.route(f"**{url}", _css_geven(demo_thema_css[naam]))
            oud = page.evaluate(_THEMA_WISSELEN, url)
            try:
                violations = _axe_run(axe, page)
            finally:
                page.evaluate(_THEMA_WISSELEN, oud)
            assert not violations, (
                f"axe violations on {page.url} in the theme {naam}:\n{_rapport(violations)}")

    return check


def login(page, username: str, password: str, *, staff: bool) -> None:
    """Log in through the pages; staff also give the code of their authenticator app, computed
    from the device's secret as the app would (the app counts as set up earlier)."""
    page.goto("/medewerker/inloggen/" if staff else "/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres" if staff else "E-mailadres").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    if not staff:
        page.get_by_role("button", name="Inloggen").click()
        return
    from tests.tweestaps import totp_code, totp_device
    from toegang.accounts.models import User

    device = totp_device(User.objects.get(username=username))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/medewerker/tweestaps/?**")
    page.get_by_role("textbox", name="Code").fill(totp_code(device))
    page.get_by_role("button", name="Inloggen").click()


@dataclass
class Dijkstad(Stad):
    """`stad` (tests/conftest.py): Wijkteam Centrum (phone 14 0123 100) with its professional
    `pro` and `teamleider`, the jeugdteam and Werk en Inkomen, Noord, a manager, a beheerder
    and two residents; and a second professional of Wijkteam Centrum to hand a case to."""

    collega: User  # Kees Bos


@pytest.fixture(params=["Dijkstad", "Zeevliet"])
def in_elk_thema(request, transactional_db) -> str:  # type: ignore[no-untyped-def]
    """Run the test once in each demo theme (toegang/demo/thema.py), made active as the
    beheerder does: for the journeys where a theme could change more than colours (the
    keyboard's focus ring, a wider font at 320 px)."""
    from toegang.demo.thema import seed_themas
    from toegang.thema.models import Thema
    from toegang.thema.services import thema_activeren

    seed_themas()
    thema_activeren(thema=Thema.objects.get(naam=request.param))
    return request.param


@pytest.fixture
def dijkstad(stad) -> Dijkstad:  # type: ignore[no-untyped-def]
    """The town of every browser journey. Its questions and cases are made in the test
    (IntakeFactory, CasusFactory) or through the pages."""
    collega = ProfessionalFactory(teams=[stad.wijkteam], first_name="Kees", last_name="Bos")
    return Dijkstad(**vars(stad), collega=collega)
