"""The municipality's own question, end to end in a real browser: the functioneel beheerder adds
it in the admin, a resident is asked it in the online intake (and must answer it), and the
professional reads the answer on the intake."""

import pytest
from playwright.sync_api import expect

from intake.models import Intake
from intake.wizard.eigen_vragen import EigenVraag
from tests.browser.conftest import login
from tests.factories import PASSWORD
from toegang.accounts.services import beheer_group_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VRAAG = "Heeft u een mantelzorger?"


def _next(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Volgende stap").click()


def _geduldig(page):  # type: ignore[no-untyped-def]
    """A long journey through three browsers: allow a busy machine more time per step."""
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(30_000)
    return page


def test_beheerder_adds_a_question_resident_answers_professional_reads(  # type: ignore[no-untyped-def]
        chromium, live_server, page, assert_accessible, dijkstad) -> None:
    dijkstad.beheerder.groups.add(beheer_group_ensure())
    _geduldig(page)

    # The beheerder adds a yes/no question on 'Wat gaat goed', only for health questions.
    login(page, dijkstad.beheerder.username, PASSWORD, staff=True)
    page.wait_for_url("**/beheer/")
    page.goto("/beheer/intake/eigenvraag/add/")
    page.locator("#id_stap").select_option("wat-gaat-goed")
    page.locator("#id_tekst").fill(VRAAG)
    page.locator("input[name='soort'][value='ja_nee']").check()
    page.locator("#id_verplicht").check()
    page.locator("input[name='levensgebieden'][value='lichamelijke_gezondheid']").check()
    page.locator("input[name='_save']").click()
    page.wait_for_url("**/beheer/intake/eigenvraag/")
    versie = EigenVraag.objects.get().huidige
    assert versie is not None and versie.verplicht and versie.gemaakt_door == dijkstad.beheerder

    # A resident walks the wizard, in a browser of their own.
    inwoner = _geduldig(chromium.new_context(base_url=live_server.url,
                                             locale="nl-NL").new_page())
    inwoner.goto("/hulp-vragen/")
    inwoner.get_by_role("button", name="Begin met uw aanvraag").click()
    inwoner.wait_for_url("**/hulp-vragen/over-u/")
    inwoner.get_by_label("Voornaam").fill("Sanne")
    inwoner.get_by_label("Achternaam").fill("de Vries")
    inwoner.get_by_label("Geboortedatum").fill("12-04-1950")
    inwoner.get_by_label("Straat en huisnummer").fill("Dorpsstraat 1")
    inwoner.get_by_label("Postcode").fill("7511 AB")
    inwoner.get_by_label("Woonplaats").fill("Dijkstad")
    _next(inwoner)
    inwoner.wait_for_url("**/huishouden/")
    _next(inwoner)
    inwoner.wait_for_url("**/vraag/")
    inwoner.get_by_label("Wat is uw vraag? Schrijf het in uw eigen woorden.").fill(
        "Ik kan mezelf niet meer goed wassen.")
    inwoner.get_by_label("Nee").check()
    _next(inwoner)
    inwoner.wait_for_url("**/onderwerpen/")
    inwoner.get_by_label("Uw lichaam en gezondheid").check()
    _next(inwoner)

    # The question is asked after the step's own fields; leaving it open is an error.
    inwoner.wait_for_url("**/wat-gaat-goed/")
    expect(inwoner.get_by_text(VRAAG).first).to_be_visible()
    assert_accessible(inwoner)
    inwoner.get_by_label("Wat gaat er goed?").fill("Koken lukt nog.")
    _next(inwoner)
    summary = inwoner.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Kies ja of nee.")
    assert inwoner.get_by_label("Wat gaat er goed?").input_value() == "Koken lukt nog."
    assert_accessible(inwoner)
    inwoner.locator(f"input[name='eigen_{versie.pk}'][value='ja']").check()
    _next(inwoner)
    inwoner.wait_for_url("**/wens/")
    _next(inwoner)
    inwoner.wait_for_url("**/veiligheid/")
    inwoner.get_by_label("Ja, iedereen is veilig").check()
    inwoner.get_by_label("Het kan een paar dagen wachten").check()
    _next(inwoner)
    inwoner.wait_for_url("**/contact/")
    inwoner.get_by_label("Telefoonnummer").fill("06 12345678")
    inwoner.get_by_label("bellen").check()
    _next(inwoner)
    inwoner.wait_for_url("**/toestemming/")
    secties = inwoner.locator("section.kaart")
    for i in range(secties.count()):
        secties.nth(i).get_by_label("Nee").check()
    _next(inwoner)
    inwoner.wait_for_url("**/controleren/")
    rij = inwoner.locator(".samenvatting-rij").filter(has_text=VRAAG)
    expect(rij).to_contain_text("Ja")
    assert_accessible(inwoner)
    inwoner.get_by_role("button", name="Verstuur mijn aanvraag").click()
    inwoner.wait_for_url("**/verstuurd/")

    # The professional of the wijkteam reads the answer on the intake.
    intake = Intake.objects.get()
    pro = _geduldig(chromium.new_context(base_url=live_server.url, locale="nl-NL").new_page())
    login(pro, dijkstad.pro.username, PASSWORD, staff=True)
    pro.wait_for_url(lambda url: "/medewerker/" not in url)
    pro.goto(f"/werk/intakes/{intake.pk}/")
    sectie = pro.get_by_role("region", name="Vragen van de gemeente")
    expect(sectie).to_be_visible()
    expect(sectie).to_contain_text(VRAAG)
    expect(sectie).to_contain_text("Ja")
    assert_accessible(pro)
