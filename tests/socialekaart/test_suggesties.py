"""Suggestions in the wizard ("U kunt ook direct terecht bij…") and on the plan page: matched
on the life areas and wijk, recorded once per intake; a professional adds help to the plan."""

import pytest
from django.core.cache import cache

from casussen.models import Casus
from casussen.plan.models import PlanStatus
from tests.casussen.test_plan import save, share
from tests.factories import CasusFactory
from tests.intake.test_inzage import _pdf_text
from tests.intake.test_wizard import _begin, _consent, _fill
from tests.socialekaart.conftest import maak
from toegang.audit.models import Toegangslog
from toegang.socialekaart.models import Suggestie
from toegang.socialekaart.selectors import suggesties_voor
from toegang.socialekaart.services import suggesties_vastleggen


@pytest.fixture(autouse=True)
def _clear_rate_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def test_selector_prefers_own_wijk_and_more_matching_areas(stad, kaart) -> None:  # type: ignore[no-untyped-def]
    breed = maak("Breed", themas=["financien", "sociaal_netwerk"])
    gevonden = suggesties_voor(levensgebieden=["financien", "sociaal_netwerk"],
                               wijk_id=stad.centrum.pk)
    assert gevonden == [kaart["kroon"], breed, kaart["geldloket"]]
    # Without a wijk: only help for the whole municipality; nothing for no life areas.
    assert suggesties_voor(levensgebieden=["sociaal_netwerk"], wijk_id=None) == [breed]
    assert suggesties_voor(levensgebieden=[], wijk_id=stad.centrum.pk) == []


def test_wizard_confirmation_suggests_matching_help_and_records_it(client, stad, kaart,  # type: ignore[no-untyped-def]
                                                                   django_capture_on_commit_callbacks):
    _begin(client)
    _fill(client)  # money and housing, postcode 7511 (Centrum)
    _consent(client, {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/hulp-vragen/versturen/")
    page = client.get("/hulp-vragen/verstuurd/").content.decode()
    assert "U kunt ook direct terecht bij" in page
    assert "Geldloket" in page and "Buurthuis De Kroon" not in page
    assert f'href="/hulp-in-de-buurt/{kaart["geldloket"].pk}/"' in page
    suggestie = Suggestie.objects.get()
    assert (suggestie.voorziening, suggestie.bron, suggestie.wijk) == \
        (kaart["geldloket"], "wizard", stad.centrum)
    # A reload shows it again but counts it once.
    client.get("/hulp-vragen/verstuurd/")
    assert Suggestie.objects.count() == 1


def test_wizard_confirmation_without_matching_help_shows_no_block(client, stad,  # type: ignore[no-untyped-def]
                                                                  django_capture_on_commit_callbacks):
    _begin(client)
    _fill(client)
    _consent(client, {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/hulp-vragen/versturen/")
    assert "U kunt ook direct terecht bij" not in client.get("/hulp-vragen/verstuurd/") \
        .content.decode()
    assert not Suggestie.objects.exists()


# --- The plan -------------------------------------------------------------------------------

@pytest.fixture
def casus(stad) -> Casus:  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)


def url(casus: Casus) -> str:
    return f"/werk/casussen/{casus.pk}/plan/sociale-kaart/"


def test_plan_page_offers_the_help_to_the_team(client, stad, kaart, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{casus.pk}/plan/").content.decode()
    assert "Hulp in de buurt toevoegen" in html and url(casus) in html
    assert "Buurthuis De Kroon" in html and "Oude inloop" not in html


def test_professional_adds_help_to_a_new_concept_copied_from_the_shared_plan(  # type: ignore[no-untyped-def]
        client, stad, kaart, casus) -> None:
    save(stad.pro, casus)
    gedeeld = share(stad.pro, casus)
    client.force_login(stad.pro)
    response = client.post(url(casus), {"voorziening": kaart["kroon"].pk})
    assert response.status_code == 302
    concept = casus.plan.versies.get(status=PlanStatus.CONCEPT)
    assert concept.nummer == gedeeld.nummer + 1
    acties = [a.omschrijving for a in concept.acties.all()]
    assert acties == ["Aanmelden bij de schuldhulp",
                      "Naar Buurthuis De Kroon (Welzijn), tel. 053 480 12 12"]
    assert concept.acties.last().eigenaar == "inwoner"
    assert concept.doelen.count() == 1 and concept.voorzieningen.count() == 1
    assert [a.omschrijving for a in gedeeld.acties.all()] == ["Aanmelden bij de schuldhulp"]
    suggestie = Suggestie.objects.get()
    assert (suggestie.bron, suggestie.intake_id) == ("plan", casus.intake_id)
    assert Toegangslog.objects.filter(object_type="planversie", object_id=concept.pk,
                                      actie="wijzigen").exists()
    # Twice the same help: refused with a message, not added again.
    client.post(url(casus), {"voorziening": kaart["kroon"].pk})
    assert concept.acties.count() == 2
    page = client.get(f"/werk/casussen/{casus.pk}/plan/").content.decode()
    assert "Deze hulp staat al in het concept" in page


def test_adding_to_an_open_concept_moves_the_edit_token(client, stad, kaart, casus) -> None:  # type: ignore[no-untyped-def]
    versie = save(stad.pro, casus)
    client.force_login(stad.pro)
    client.post(url(casus), {"voorziening": kaart["geldloket"].pk})
    versie.refresh_from_db()
    assert versie.bewerkversie == 2 and versie.acties.count() == 2


def test_inactive_or_unknown_help_is_refused(client, stad, kaart, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    for waarde in (kaart["oud"].pk, "999999", "x"):
        assert client.post(url(casus), {"voorziening": waarde}).status_code == 302
    assert not hasattr(Casus.objects.get(pk=casus.pk), "plan") or \
        not casus.plan.versies.exists()
    assert not Suggestie.objects.exists()


@pytest.mark.parametrize("wie", ["pro_noord", "manager", "beheerder", "inwoner", "pro_jeugd"])
def test_adding_to_the_plan_denied(client, stad, kaart, casus, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, wie))
    response = client.post(url(casus), {"voorziening": kaart["kroon"].pk})
    assert response.status_code == 404
    assert not Suggestie.objects.exists()


def test_adding_to_the_plan_is_post_only(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    assert client.get(url(casus)).status_code == 405


# --- The resident's own data ----------------------------------------------------------------

def _suggereer(intake_id: int, *voorzieningen, bron: str = "wizard") -> None:  # type: ignore[no-untyped-def]
    suggesties_vastleggen(intake_id=intake_id, voorzieningen=voorzieningen, wijk_id=None,
                          bron=bron)


def test_the_residents_download_lists_the_help_suggested_to_them(client, stad, kaart,  # type: ignore[no-untyped-def]
                                                                 casus) -> None:
    """Suggestions are stored per intake, so the data overview (AVG art. 15) holds them, in
    the JSON, on the page and in the PDF; another resident's never."""
    _suggereer(casus.intake_id, kaart["geldloket"])
    _suggereer(casus.intake_id, kaart["kroon"], bron="plan")
    client.force_login(stad.inwoner)
    data = client.get("/mijn/mijn-gegevens.json").json()
    gegeven = [(s["organisatie"], s["voorziening"], s["bron"])
               for s in data["intakes"][0]["suggesties"]]
    assert gegeven == [("Schuldhulp", "Geldloket", "wizard"),
                       ("Welzijn", "Buurthuis De Kroon", "plan")]
    html = client.get("/mijn/mijn-gegevens/").content.decode()
    assert "Hulp in de buurt" in html and "Geldloket" in html
    assert "toegevoegd aan het plan" in html
    assert "Buurthuis De Kroon" in _pdf_text(client.get("/mijn/mijn-gegevens.pdf").content)
    client.force_login(stad.andere_inwoner)
    assert "Geldloket" not in client.get("/mijn/mijn-gegevens.json").content.decode()


def test_the_download_without_suggestions_has_no_empty_section(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    assert client.get("/mijn/mijn-gegevens.json").json()["intakes"][0]["suggesties"] == []
    assert "Hulp in de buurt" not in client.get("/mijn/mijn-gegevens/").content.decode()
