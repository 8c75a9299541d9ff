"""The resident's whole journey in a real browser, the way people actually use it: on a phone,
with the keyboard only, making a mistake, going back, stopping and resuming. Every page is
scanned with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _next(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Volgende stap").click()


def test_whole_journey_from_start_page_to_my_data(chromium, live_server, page,  # type: ignore[no-untyped-def]
                                                   assert_accessible, dijkstad) -> None:
    page.goto("/")
    expect(page.get_by_text("0800-2000").first).to_be_visible()  # the crisis box is always there
    assert_accessible(page)
    page.get_by_role("link", name="Vraag hulp").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Begin met uw aanvraag").click()

    # Step 1, with a mistake and its fix.
    assert page.title().startswith("Over u – stap 1 van 10")
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Geboortedatum").fill("12-04-1985")
    page.get_by_label("Straat en huisnummer").fill("Dorpsstraat 1")
    page.get_by_label("Postcode").fill("12345")
    page.get_by_label("Woonplaats").fill("Dijkstad")
    _next(page)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert page.title().startswith("Fout:")
    assert page.get_by_label("Voornaam").input_value() == "Sanne"  # nothing is lost
    assert_accessible(page)
    page.locator("[data-error-summary] a").first.click()
    expect(page.locator("#id_postcode")).to_be_focused()
    page.get_by_label("Postcode").fill("7511 AB")
    _next(page)

    assert page.title().startswith("Uw huishouden – stap 2")
    assert_accessible(page)
    _next(page)
    page.get_by_label("Wat is uw vraag? Schrijf het in uw eigen woorden.").fill(
        "Ik krijg de rekeningen niet meer betaald.")
    page.get_by_label("Nee").check()
    _next(page)
    page.get_by_label("Geld en schulden").check()
    _next(page)

    # Going back keeps the answer.
    page.get_by_role("button", name="Vorige stap").click()
    assert page.get_by_label("Geld en schulden").is_checked()
    _next(page)

    # Stop and resume later in another browser.
    page.get_by_label("Wat gaat er goed?").fill("Ik kan goed koken.")
    page.get_by_role("button", name="Opslaan en later verder").click()
    assert_accessible(page)
    link = page.locator(".kaart a").first.get_attribute("href")
    assert link and "/hulp-vragen/verder/" in link
    other = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    page = other.new_page()
    page.goto(link.replace("http://127.0.0.1:8000", ""))
    expect(page.get_by_text("Welkom terug")).to_be_visible()
    assert page.title().startswith("Wat u graag wilt")
    page.get_by_role("button", name="Vorige stap").click()
    assert page.get_by_label("Wat gaat er goed?").input_value() == "Ik kan goed koken."
    _next(page)
    _next(page)

    page.get_by_label("Ja, iedereen is veilig").check()
    page.get_by_label("Het kan een paar dagen wachten").check()
    assert_accessible(page)
    _next(page)
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("E-mailadres").fill(dijkstad.inwoner.email)
    page.get_by_label("bellen").check()
    _next(page)

    assert page.title().startswith("Toestemming – stap 9")
    assert_accessible(page)
    sections = page.locator("section.kaart")
    assert sections.count() == 2  # jeugdteam and Werk en Inkomen: each asked separately
    sections.nth(0).get_by_label("Ja").check()
    sections.nth(1).get_by_label("Nee").check()
    _next(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Controleer uw aanvraag"
    assert_accessible(page)
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Uw aanvraag is verstuurd"
    referentie = page.locator(".referentie").inner_text()
    assert re.fullmatch(r"TG-\d{4}-\d{6}", referentie)
    assert_accessible(page)

    # The e-mail arrives with the reference and the link to claim the request.
    assert len(mail.outbox) == 1 and referentie in mail.outbox[0].subject
    claim = re.search(r"http://[^/\s]+(/mijn/koppelen/\S+/)", mail.outbox[0].body)
    assert claim

    # Log in and link the request to the account.
    page.goto(claim[1])
    page.get_by_label("E-mailadres").fill(dijkstad.inwoner.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Ja, koppel deze aanvraag").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Uw aanvraag {referentie}"
    expect(page.get_by_text("Wat is er gebeurd?")).to_be_visible()
    expect(page.get_by_text("Uw aanvraag is ontvangen")).to_be_visible()
    expect(page.get_by_text("neemt contact met u op").first).to_be_visible()
    assert_accessible(page)

    # Withdraw the consent for the jeugdteam and give it to Werk en Inkomen.
    page.get_by_role("link", name="Toestemmingen regelen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Toestemming intrekken").click()
    page.get_by_role("button", name="Ja, trek mijn toestemming in").click()
    expect(page.get_by_text("Dit geldt meteen")).to_be_visible()
    page.get_by_role("link", name="Werk en Inkomen laten meelezen").click()
    assert_accessible(page)
    page.get_by_label("Ja, ik geef toestemming").check()
    page.get_by_role("button", name="Toestemming geven").click()
    expect(page.get_by_text("Uw toestemming geldt vanaf nu")).to_be_visible()

    page.get_by_role("link", name="Wie keek mee").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == \
        "Wie heeft mijn gegevens bekeken"
    assert_accessible(page)

    page.get_by_role("link", name="Mijn toegang").first.click()
    page.get_by_role("link", name="Mijn gegevens downloaden").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("JSON")).first.click()
    assert referentie in download.value.path().read_text(encoding="utf-8")
    other.close()


def _tab_to(page, selector: str, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"keyboard could not reach {selector}")


def _key_type(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    _tab_to(page, selector)
    page.keyboard.type(text)


def _key_submit(page) -> None:  # type: ignore[no-untyped-def]
    _tab_to(page, "button[value=volgende]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_through_the_wizard(in_elk_thema, page, dijkstad) -> None:  # type: ignore[no-untyped-def]
    page.goto("/hulp-vragen/")
    _tab_to(page, "button[type=submit].btn-lg")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/over-u/")
    _key_type(page, "#id_voornaam", "Ali")
    _key_type(page, "#id_achternaam", "Yilmaz")
    _key_type(page, "#id_geboortedatum", "01-02-1970")
    _key_type(page, "#id_straat", "Kerkweg 4")
    _key_type(page, "#id_postcode", "7512 CD")
    _key_type(page, "#id_woonplaats", "Dijkstad")
    _key_submit(page)
    assert page.url.endswith("/huishouden/")
    _key_submit(page)
    _key_type(page, "#id_vraag", "Ik voel me eenzaam.")
    _tab_to(page, "input[name=over_kind]")
    page.keyboard.press("ArrowDown")  # moves to and selects "Nee"
    assert page.locator("input[name=over_kind][value=nee]").is_checked()
    _key_submit(page)
    _tab_to(page, "input[value=sociaal_netwerk]")
    page.keyboard.press("Space")
    _key_submit(page)
    _key_submit(page)  # wat gaat goed
    _key_submit(page)  # wens
    _tab_to(page, "input[name=veiligheid]")
    page.keyboard.press("Space")
    _tab_to(page, "input[name=urgentie]")
    page.keyboard.press("Space")
    _key_submit(page)
    _key_type(page, "#id_telefoon", "0612345678")
    _tab_to(page, "input[name=contact_voorkeur]")
    page.keyboard.press("Space")
    _key_submit(page)
    for wet in ("JEUGDWET", "PARTICIPATIEWET"):
        _tab_to(page, f"input[name=toestemming_{wet}]")
        page.keyboard.press("ArrowDown")  # "Nee"
    _key_submit(page)
    assert page.url.endswith("/controleren/")
    _tab_to(page, "button.btn-lg")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/verstuurd/")
    assert page.get_by_role("heading", level=1).inner_text() == "Uw aanvraag is verstuurd"


def test_phone_width_journey_without_sideways_scrolling(  # type: ignore[no-untyped-def]
        in_elk_thema, mobile_page, assert_accessible, dijkstad) -> None:
    page = mobile_page

    def klik(knop) -> None:  # type: ignore[no-untyped-def]
        """Click and wait until the next page has loaded with its styles: measured earlier,
        an unstyled page mid-load is wider than the screen."""
        with page.expect_navigation():
            knop.click()

    def no_sideways_scroll() -> None:  # the page is exactly as wide as the screen
        assert page.evaluate("document.documentElement.scrollWidth "
                             "- document.documentElement.clientWidth") == 0, page.url

    page.goto("/")
    no_sideways_scroll()
    page.goto("/hulp-vragen/")
    klik(page.get_by_role("button", name="Begin met uw aanvraag"))
    no_sideways_scroll()
    klik(page.get_by_role("button", name="Volgende stap"))  # empty: errors on a small screen
    no_sideways_scroll()
    assert_accessible(page)
    page.get_by_label("Voornaam").fill("Bo")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Geboortedatum").fill("03-03-1990")
    page.get_by_label("Ik heb geen vast adres").check()
    klik(page.get_by_role("button", name="Volgende stap"))
    for _ in range(9):
        no_sideways_scroll()
        if page.url.endswith("/controleren/"):
            break
        if page.url.endswith("/vraag/"):
            page.get_by_label("Wat is uw vraag? Schrijf het in uw eigen woorden.").fill("Hulp")
            page.get_by_label("Nee").check()
        if page.url.endswith("/veiligheid/"):
            page.get_by_label("Nee, iemand is nu niet veilig").check()
            page.get_by_label("Het kan een paar dagen wachten").check()
        if page.url.endswith("/contact/"):
            page.get_by_label("Telefoonnummer").fill("0612345678")
            page.get_by_label("bellen").check()
            # Someone is unsafe: the crisis numbers are on the page.
            expect(page.get_by_text("0800-2000").first).to_be_visible()
        if page.url.endswith("/toestemming/"):
            for radio in page.get_by_label("Nee").all():
                radio.check()
        klik(page.get_by_role("button", name="Volgende stap"))
    no_sideways_scroll()
    assert_accessible(page)
    klik(page.get_by_role("button", name="Verstuur mijn aanvraag"))
    no_sideways_scroll()
    expect(page.get_by_text("Uw aanvraag heeft voorrang.")).to_be_visible()
