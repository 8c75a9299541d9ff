"""Issue 14's journey ("every door in") in a real browser, one live server and one database:

1. a professional of Wijkteam Centrum takes a phone call and files the request with the
   keyboard alone, the resident's consent given aloud, and picks it up (a casus);
2. the resident logs in with the test DigiD, puts the request in Mijn toegang (found by the
   BSN the professional typed), sees the consents marked as given by phone to that
   professional on that day, and withdraws one;
3. the resident asks again online; a colleague finds the existing casus and links the new
   request to it; it shows on the casus' timeline and the regiehouder is told;
4. + 5. the huisarts refers the resident's partner through the referrer's portal and sees
   only the status, in plain words; the partner's request joins the household of the casus;
   the huisarts then sees it picked up, still without any of the content;
6. the regiehouder plans a keukentafelgesprek, the resident confirms it in Mijn toegang, and
   after the conversation it is recorded as held: the first-contact clocks are met.

Every new page is scanned with axe."""

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import cast

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from casussen.afspraken.models import Afspraak, AfspraakStatus
from casussen.huishouden.models import GekoppeldeAanvraag, HuishoudenLid, KoppelRol, LidRol
from casussen.models import Casus
from intake.models import (
    Intake,
    IntakeStatus,
    Kanaal,
    Toestemming,
    ToestemmingStatus,
    ToestemmingWijze,
    Verwijzer,
)
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from tests.browser.conftest import Dijkstad, login
from tests.factories import PASSWORD, VerwijzerFactory
from toegang.accounts.models import Rol, User
from toegang.berichten.models import Notificatie
from toegang.core.bsn import bsn_hash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "123456782"  # passes the elfproef; the resident has never used DigiD before
GEBOREN = "12-04-1985"
# `assert_accessible` (tests/browser/conftest.py): axe-core finds nothing on the page.
AxeCheck = Callable[[Page], None]
ADRES = {"straat": "Dorpsstraat 14", "postcode": "7511 AB", "woonplaats": "Dijkstad"}


# --- Browsers and the keyboard -----------------------------------------------------------------


@pytest.fixture
def venster(chromium: Browser, live_server: LiveServer) -> Iterator[Callable[[], Page]]:
    """Another browser (its own cookies) for each person in the journey."""
    contexts = []

    def open_venster() -> Page:
        context = chromium.new_context(base_url=live_server.url, locale="nl-NL",
                                       viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_venster
    for context in contexts:
        context.close()


def _tab_to(page: Page, selector: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"keyboard could not reach {selector} on {page.url}")


def _typ(page: Page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _spatie(page: Page, selector: str) -> None:
    """A checkbox, or a radio group's first option: tab to it and press space."""
    _tab_to(page, selector)
    page.keyboard.press("Space")


def _enter(page: Page, selector: str) -> None:
    """Tab to a link or button and press Enter; wait for the next page."""
    _tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _h1(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def _op_datum(moment: datetime) -> str:
    """A date as the Dutch pages write it: 2 december 2026."""
    with translation.override("nl"):
        return date_format(timezone.localtime(moment), "j F Y")


# --- 1. A phone call -----------------------------------------------------------------------------


def _telefoontje(page: Page, assert_accessible: AxeCheck, pro: User) -> Intake:
    """The professional types in the call with the keyboard only, forgetting the date of
    birth once; reads out the consent texts; sends; picks the request up."""
    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    _enter(page, "nav a[href='/werk/nieuwe-aanvraag/']")
    assert _h1(page) == "Nieuwe aanvraag"
    assert_accessible(page)
    _spatie(page, "input[name=kanaal][value=telefoon]")
    assert page.locator("input[name=kanaal][value=telefoon]").is_checked()
    _enter(page, "button[type=submit]")

    # Part 1: who and where, the household, contact.
    assert _h1(page).startswith("Wie en waar")
    assert "(via telefoon)" in _h1(page)
    assert_accessible(page)
    _typ(page, "#id_voornaam", "Sanne")
    _typ(page, "#id_achternaam", "Visser")
    _typ(page, "#id_bsn", BSN)  # the date of birth is skipped: forgotten
    _typ(page, "#id_straat", ADRES["straat"])
    _typ(page, "#id_postcode", ADRES["postcode"])
    _typ(page, "#id_woonplaats", ADRES["woonplaats"])
    _tab_to(page, "#id_lid-0-relatie")
    page.keyboard.type("partner")  # type-ahead in the closed list
    assert page.locator("#id_lid-0-relatie").input_value() == "partner"
    _typ(page, "#id_lid-0-naam", "Daan")
    _typ(page, "#id_lid-0-geboortejaar", "1983")
    _typ(page, "#id_telefoon", "06 12345678")
    _typ(page, "#id_email", "sanne.visser@example.nl")
    _spatie(page, "input[name=contact_voorkeur][value=telefoon]")
    _enter(page, "button[name=actie][value=verder]")

    # The mistake: summarised, linked, nothing lost; the link takes the keyboard there.
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and page.title().startswith("Fout:")
    assert "Geboortedatum: Vul uw geboortedatum in." in summary.inner_text()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.locator("#id_achternaam").input_value() == "Visser"
    assert page.locator("#id_lid-0-naam").input_value() == "Daan"
    assert_accessible(page)
    _tab_to(page, "[data-error-summary] a[href='#id_geboortedatum']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_geboortedatum")).to_be_focused()
    page.keyboard.type(GEBOREN)
    _enter(page, "button[name=actie][value=verder]")

    # Part 2: the question.
    assert _h1(page).startswith("De vraag")
    assert_accessible(page)
    _typ(page, "#id_vraag", "Mevrouw krijgt de rekeningen niet meer betaald en slaapt slecht.")
    _tab_to(page, "input[name=over_kind]")
    page.keyboard.press("ArrowDown")  # moves to and selects "Nee"
    assert page.locator("input[name=over_kind][value=nee]").is_checked()
    _spatie(page, "input[name=levensgebieden][value=financien]")
    _typ(page, "#id_wens", "Overzicht en rust.")
    _spatie(page, "input[name=veiligheid][value=veilig]")
    _spatie(page, "input[name=urgentie][value=normaal]")
    _enter(page, "button[name=actie][value=verder]")

    # Part 3: consent, read out and answered aloud: yes to both teams.
    assert _h1(page).startswith("Toestemming en versturen")
    assert_accessible(page)
    assert page.locator("input[name=wijze][value=telefonisch]").is_checked()  # from the channel
    _spatie(page, "input[name=toestemming_JEUGDWET][value=ja]")
    _spatie(page, "input[name=toestemming_PARTICIPATIEWET][value=ja]")
    _spatie(page, "#id_voorgelezen")
    _enter(page, "button[name=actie][value=verder]")

    assert _h1(page) == "Controleren en versturen"
    assert_accessible(page)
    samenvatting = page.locator("dl.samenvatting").inner_text()
    assert "Sanne Visser" in samenvatting and "12 april 1985" in samenvatting
    _enter(page, "button[type=submit].btn-lg")

    assert _h1(page) == "De aanvraag is vastgelegd"
    assert_accessible(page)
    referentie = page.locator(".referentie").inner_text()
    intake = Intake.objects.get(referentie=referentie)
    assert (intake.kanaal, intake.ingevoerd_door, intake.inwoner) == (Kanaal.TELEFOON, pro, None)
    assert (intake.naam, intake.bsn_hash) == ("Sanne Visser", bsn_hash(BSN))
    toestemmingen = list(Toestemming.objects.filter(intake=intake).order_by("wet"))
    assert [(t.wet, t.status, t.wijze, t.vastgelegd_door) for t in toestemmingen] == [
        ("JEUGDWET", ToestemmingStatus.GEGEVEN, ToestemmingWijze.TELEFONISCH, pro),
        ("PARTICIPATIEWET", ToestemmingStatus.GEGEVEN, ToestemmingWijze.TELEFONISCH, pro)]
    vastgelegd = page.get_by_role("list").filter(has_text="(telefonisch)").inner_text()
    for toestemming in toestemmingen:
        assert f"{toestemming.get_wet_display()}: ja (telefonisch)" in vastgelegd
    # The resident's confirmation names who took the consent on the phone, and when.
    [bevestiging] = [m for m in mail.outbox if "sanne.visser@example.nl" in m.to]
    assert referentie in bevestiging.subject
    assert (f"U zei dit aan de telefoon tegen {pro.get_full_name()}, op "
            f"{_op_datum(toestemmingen[0].created_at)}.") in bevestiging.body

    # The professional opens the request and becomes its regiehouder.
    page.get_by_role("link", name="Aanvraag openen").click()
    page.get_by_role("button", name="Oppakken: ik word regiehouder").click()
    expect(page.get_by_text("U bent nu regiehouder van deze casus.")).to_be_visible()
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.OPGEPAKT
    return intake


# --- 2. The resident with DigiD ------------------------------------------------------------------


def _digid(page: Page, bsn: str) -> None:
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_role("link", name="Met burgerservicenummer").click()
    page.get_by_label("Burgerservicenummer").fill(bsn)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn/")


def _inwoner_trekt_in(page: Page, assert_accessible: AxeCheck, intake: Intake, pro: User) -> User:
    _digid(page, BSN)
    inwoner = User.objects.get(rol=Rol.INWONER, bsn_hash=bsn_hash(BSN))
    op_naam = page.get_by_role("region", name="Aanvragen op uw naam")
    expect(op_naam.get_by_text(f"{intake.referentie}, ")).to_be_visible()
    assert "via telefoon, bij Wijkteam Centrum" in op_naam.inner_text()
    assert_accessible(page)
    op_naam.get_by_role("button", name=f"Zet {intake.referentie} in Mijn toegang").click()
    assert _h1(page) == f"Uw aanvraag {intake.referentie}"
    intake.refresh_from_db()
    assert intake.inwoner == inwoner

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Toestemmingen").click()
    assert _h1(page) == "Uw toestemmingen"
    assert_accessible(page)
    jeugd = Toestemming.objects.get(intake=intake, wet="JEUGDWET")
    werk = Toestemming.objects.get(intake=intake, wet="PARTICIPATIEWET")
    naam = pro.get_full_name()
    for toestemming in (jeugd, werk):
        kaart = page.locator("article.kaart", has_text=toestemming.get_wet_display())
        assert kaart.locator(".toestemming-wijze").inner_text() == (
            f"Aan de telefoon gegeven aan {naam} op {_op_datum(toestemming.created_at)}. "
            f"{naam} las deze tekst voor.")

    page.locator("article.kaart", has_text=jeugd.get_wet_display()).get_by_role(
        "link", name="Toestemming intrekken").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, trek mijn toestemming in").click()
    expect(
        page.get_by_text("U heeft uw toestemming ingetrokken. Dit geldt meteen.")
    ).to_be_visible()
    jeugd.refresh_from_db()
    werk.refresh_from_db()
    assert jeugd.status == ToestemmingStatus.INGETROKKEN and jeugd.withdrawn_at is not None
    assert werk.status == ToestemmingStatus.GEGEVEN
    return inwoner


# --- 3. A second request of the same resident -------------------------------------------------


def _volgende(page: Page) -> None:
    page.get_by_role("button", name="Volgende stap").click()


def _tweede_vraag_online(page: Page) -> Intake:
    """The resident, logged in, asks again through the online form: the same person at the
    same address, without the BSN this time (as most people do)."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn toegang").click()
    page.get_by_role("link", name="Nieuwe aanvraag doen").click()
    page.get_by_role("button", name="Begin met uw aanvraag").click()
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_label("Geboortedatum").fill(GEBOREN)
    page.get_by_label("Straat en huisnummer").fill(ADRES["straat"])
    page.get_by_label("Postcode").fill(ADRES["postcode"])
    page.get_by_label("Woonplaats").fill(ADRES["woonplaats"])
    _volgende(page)
    _volgende(page)  # the household: nothing new
    page.get_by_label("Wat is uw vraag? Schrijf het in uw eigen woorden.").fill(
        "Het schoonmaken en de boodschappen lukken niet meer sinds mijn operatie.")
    page.get_by_label("Nee").check()
    _volgende(page)
    page.get_by_label("Het huishouden: boodschappen, schoonmaken, post").check()
    _volgende(page)
    _volgende(page)  # what goes well
    _volgende(page)  # wishes
    page.get_by_label("Ja, iedereen is veilig").check()
    page.get_by_label("Het kan een paar dagen wachten").check()
    _volgende(page)
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("bellen").check()
    _volgende(page)
    for radio in page.get_by_label("Nee").all():  # no other team reads this one along
        radio.check()
    _volgende(page)
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()
    assert _h1(page) == "Uw aanvraag is verstuurd"
    return Intake.objects.get(referentie=page.locator(".referentie").inner_text())


def _koppel(page: Page, assert_accessible: AxeCheck, nieuw: Intake, bestaand: Intake, *,
            kop: str, rol: str) -> None:
    """From the new request's page: the earlier contact, offered as a link to the casus that
    knows the resident (or their household); the professional links it."""
    casus = bestaand.casus
    regiehouder = casus.regiehouders.get(einde__isnull=True).user
    page.goto("/werk/")
    page.get_by_role("link", name=nieuw.referentie).click()
    melding = page.get_by_role("status").filter(has_text="Mogelijk eerder contact")
    expect(melding).to_be_visible()
    assert_accessible(page)
    melding.get_by_role("link", name="Bekijk en kies: koppelen aan de bestaande casus of "
                                    "apart houden").click()
    assert _h1(page) == "Eerder contact met deze inwoner of het huishouden"
    assert_accessible(page)
    kaart = page.locator("article.kaart", has=page.get_by_role(
        "heading", name=f"{kop}: {bestaand.referentie}"))
    expect(kaart.get_by_text(
        f"Deze inwoner heeft casus {bestaand.referentie} met regiehouder "
        f"{regiehouder.get_full_name()} (Wijkteam Centrum).")).to_be_visible()
    kaart.get_by_role("link", name=f"Koppelen aan casus {bestaand.referentie}").click()
    assert _h1(page) == f"Aanvraag koppelen aan casus {bestaand.referentie}"
    assert_accessible(page)
    assert page.get_by_label(rol, exact=True).is_checked()  # who the match says this is
    page.get_by_role("button", name="Koppelen").click()
    expect(
        page.get_by_text(f"De aanvraag is gekoppeld aan casus {bestaand.referentie}.")
    ).to_be_visible()
    expect(
        page.get_by_text(f"Deze aanvraag wordt behandeld in casus {bestaand.referentie}.")
    ).to_be_visible()
    page.get_by_role("link", name="Naar de casus").click()
    assert _h1(page) == f"Casus {bestaand.referentie}: {bestaand.naam}"
    assert_accessible(page)


# --- 5. The huisarts refers the partner -----------------------------------------------------------


def _verwijzing_van_de_huisarts(page: Page, assert_accessible: AxeCheck, verwijzer: Verwijzer
                                ) -> Intake:
    login(page, verwijzer.user.username, PASSWORD, staff=True)
    page.wait_for_url("**/verwijzen/")
    page.get_by_role("main").get_by_role("link", name="Nieuwe verwijzing").click()
    page.get_by_label("Voornaam").fill("Daan")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_label("Geboortedatum").fill("03-09-1983")
    page.get_by_label("Straat en huisnummer").fill(ADRES["straat"])
    page.get_by_label("Postcode").fill(ADRES["postcode"])
    page.get_by_label("Woonplaats").fill(ADRES["woonplaats"])
    page.get_by_label("Telefoonnummer van de inwoner").fill("06 87654321")
    page.check("input[name=contact_voorkeur][value=telefoon]")
    page.get_by_label("Wat is de vraag van de inwoner? Waarom verwijst u?").fill(
        "Meneer is overbelast door de zorg voor zijn vrouw en heeft rugklachten.")
    page.check("input[name=over_kind][value=nee]")
    page.check("input[name=veiligheid][value=veilig]")
    page.check("input[name=urgentie][value=normaal]")
    page.get_by_label("De inwoner weet van deze verwijzing en is het ermee eens").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    assert _h1(page) == "De verwijzing is verstuurd"
    referentie = page.locator(".referentie").inner_text()
    page.get_by_role("link", name="Naar mijn verwijzingen").click()
    _alleen_de_status(page, assert_accessible, referentie, "ontvangen")
    return Intake.objects.get(referentie=referentie)


def _alleen_de_status(page: Page, assert_accessible: AxeCheck, referentie: str, status: str
                      ) -> None:
    """The referrer's list: the reference and the status in plain words, nothing of the
    resident or the question."""
    assert _h1(page) == "Mijn verwijzingen"
    rij = page.get_by_role("row", name=referentie)
    assert rij.locator(".status-label").inner_text() == status
    inhoud = page.locator("main").inner_text()
    for geheim in ("Daan", "Visser", "Dorpsstraat", "overbelast", "rugklachten", "Sanne"):
        assert geheim not in inhoud, geheim
    assert_accessible(page)


def test_every_door_in(page: Page, venster: Callable[[], Page], assert_accessible: AxeCheck,
                       dijkstad: Dijkstad) -> None:
    pro, kees = dijkstad.pro, dijkstad.collega  # both of Wijkteam Centrum

    # 1. The phone call, typed in with the keyboard; the professional becomes regiehouder.
    telefoon = _telefoontje(page, assert_accessible, pro)
    casus = Casus.objects.get(intake=telefoon)

    # 2. The resident logs in with DigiD, finds the request and withdraws one consent.
    inwoner_pagina = venster()
    _inwoner_trekt_in(inwoner_pagina, assert_accessible, telefoon, pro)

    # 3. The resident asks again online; Kees finds the casus and links the new request.
    tweede = _tweede_vraag_online(inwoner_pagina)
    assert tweede.kanaal == Kanaal.ONLINE and tweede.team == dijkstad.wijkteam
    kees_pagina = venster()
    login(kees_pagina, kees.username, PASSWORD, staff=True)
    kees_pagina.wait_for_url("**/werk/")
    _koppel(kees_pagina, assert_accessible, tweede, telefoon,
            kop="Waarschijnlijk dezelfde inwoner", rol="dezelfde inwoner, een nieuwe vraag")
    tijdlijn = kees_pagina.get_by_role("region", name="Tijdlijn")
    expect(tijdlijn.get_by_text(f"Nieuwe vraag gekoppeld: {tweede.referentie}")).to_be_visible()
    koppeling = GekoppeldeAanvraag.objects.get(intake=tweede)
    assert (koppeling.casus, koppeling.rol, koppeling.door) == (casus, KoppelRol.ZELFDE_PERSOON,
                                                                kees)
    tweede.refresh_from_db()
    assert tweede.status == IntakeStatus.OPGEPAKT and not Casus.objects.filter(
        intake=tweede).exists()
    # The regiehouder is told, and holds the new request's first-contact clock.
    assert Notificatie.objects.filter(ontvanger=pro, soort="gekoppeld",
                                      url=casus.get_absolute_url()).count() == 1
    klok = Termijn.objects.get(intake=tweede, soort=TermijnSoort.EERSTE_CONTACT)
    assert (klok.casus, klok.verantwoordelijke) == (casus, pro)

    # 5. (first half) The huisarts refers the partner and sees only "ontvangen".
    verwijzer = cast(Verwijzer, VerwijzerFactory(organisatie="Huisartsenpraktijk De Linde",
                                                 agb_code="01123456"))
    huisarts_pagina = venster()
    partner = _verwijzing_van_de_huisarts(huisarts_pagina, assert_accessible, verwijzer)
    assert (partner.kanaal, partner.team) == (Kanaal.VERWIJZING, dijkstad.wijkteam)

    # 4. The partner's request joins the household of the casus.
    _koppel(kees_pagina, assert_accessible, partner, telefoon,
            kop="Mogelijk iemand uit het huishouden", rol="partner")
    tijdlijn = kees_pagina.get_by_role("region", name="Tijdlijn")
    expect(tijdlijn.get_by_text(
        f"Aanvraag van een lid van het huishouden gekoppeld: {partner.referentie}")).to_be_visible()
    kees_pagina.get_by_role("link", name="Huishouden en gekoppelde aanvragen").click()
    assert _h1(kees_pagina) == f"Huishouden van casus {telefoon.referentie}"
    assert_accessible(kees_pagina)
    leden = kees_pagina.get_by_role("table", name="Leden van het huishouden")
    sanne = leden.get_by_role("row").filter(has_text="Sanne Visser")
    daan = leden.get_by_role("row").filter(has_text="Daan Visser")
    expect(sanne.get_by_role("cell", name="aanvrager")).to_be_visible()
    expect(sanne.get_by_role("link", name=telefoon.referentie)).to_be_visible()
    expect(daan.get_by_role("cell", name="partner", exact=True)).to_be_visible()
    expect(daan.get_by_role("link", name=partner.referentie)).to_be_visible()
    assert sorted(HuishoudenLid.objects.filter(huishouden__casus=casus).values_list(
        "naam", "rol", "intake_id")) == [("Daan Visser", LidRol.PARTNER, partner.pk),
                                         ("Sanne Visser", LidRol.AANVRAGER, telefoon.pk)]

    # The resident sees her own new question in her casus, not her partner's request.
    inwoner_pagina.goto(f"/mijn/aanvragen/{telefoon.pk}/")
    expect(
        inwoner_pagina.get_by_text(f"Nieuwe vraag gekoppeld: {tweede.referentie}")
    ).to_be_visible()
    assert partner.referentie not in inwoner_pagina.locator("main").inner_text()

    # 5. (second half) The huisarts sees the referral picked up, and still nothing else.
    huisarts_pagina.reload()
    _alleen_de_status(huisarts_pagina, assert_accessible, partner.referentie, "opgepakt")

    # 6. The regiehouder plans a keukentafelgesprek; the resident confirms it in Mijn
    #    toegang; after the conversation it is recorded as held, which meets the
    #    first-contact clocks of the casus' requests.
    page.goto(f"/werk/casussen/{casus.pk}/")
    page.get_by_role("link", name="Afspraak plannen").click()
    assert_accessible(page)
    over_twee_dagen = timezone.localdate() + timedelta(days=2)
    page.get_by_label("Datum").fill(f"{over_twee_dagen:%Y-%m-%d}")
    page.get_by_label("Tijd").fill("14:30")
    page.get_by_role("button", name="Afspraak plannen en uitnodiging sturen").click()
    expect(page.get_by_text("De afspraak is gepland.")).to_be_visible()
    afspraak = Afspraak.objects.get(casus=casus)
    inwoner_pagina.goto(f"/mijn/aanvragen/{telefoon.pk}/")
    inwoner_pagina.get_by_role("link", name="Bevestig of vraag een andere tijd").click()
    assert_accessible(inwoner_pagina)
    inwoner_pagina.get_by_role("button", name="Ja, ik kom").click()
    expect(inwoner_pagina.get_by_text("bevestigd door de inwoner")).to_be_visible()
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.BEVESTIGD
    assert Notificatie.objects.filter(ontvanger=pro, soort="afspraak_bevestigd").exists()
    # The conversation took place an hour ago.
    Afspraak.objects.filter(pk=afspraak.pk).update(start=timezone.now() - timedelta(hours=1))
    eerste_contact = Termijn.objects.filter(soort=TermijnSoort.EERSTE_CONTACT,
                                            intake__in=[telefoon, tweede, partner])
    page.goto(f"/werk/casussen/{casus.pk}/afspraken/")
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    page.get_by_label("Ja").check()
    page.get_by_label("Wat is er besproken en afgesproken?").fill(
        "Samen met Daan de zorg thuis besproken.")
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("gehouden", exact=True).first).to_be_visible()
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.GEHOUDEN
    assert eerste_contact.exists()
    assert not eerste_contact.filter(status=TermijnStatus.LOPEND).exists()
