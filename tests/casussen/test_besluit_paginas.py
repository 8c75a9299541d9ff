"""The professional's pages of the decision path (/werk/casussen/<pk>/besluit/…): the overview
with the household's cost, the onderzoek filled from what the resident already told, the
verslag sent, an aanvraag received on paper, a beschikking with its product lines (errors on
their fields, input kept), four eyes, herziening, intrekking and bezwaar; the casus gate on
every page, a flat query count on the lists, and the decision path on the casus page and its
timeline."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casussen.besluit import services
from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    BeschikkingStatus,
    Besluit,
    Bezwaar,
    Levering,
    Onderzoek,
    Toekenning,
    Vormwens,
)
from casussen.templatetags.besluit_extras import aantal, euro
from casussen.tijdlijn import casus_tijdlijn
from casussen.zrm.services import zrm_record
from intake.services import toestemming_give
from regie.termijnen.models import Termijn, TermijnSoort
from tests.besluitpad import Besluitpad, Catalogus, besluitpad_make, catalogus_make
from tests.factories import CasusFactory, ProfessionalFactory
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Notificatie
from toegang.catalogus.models import (
    Besluitregels,
    Contract,
    Goedkeurder,
    Product,
    Tarief,
    Zorgaanbieder,
)

VANDAAG = timezone.localdate


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    """A casus of a resident with an account, picked up by `stad.pro` (wijkteam Centrum)."""
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro,
                        intake__wens="Weer rust in mijn hoofd.",
                        intake__wat_gaat_goed="Koken en boodschappen lukken.",
                        intake__wie_helpt="Mijn zus komt elke week.")


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def huishouden(cat) -> Product:  # type: ignore[no-untyped-def]
    """A Wmo product in natura only, with a provider contracted for it (and not for
    begeleiding)."""
    product = Product.objects.create(wet="WMO", naam="Hulp bij het huishouden",
                                     productcategorie="02", productcode="02A01", eenheid="04",
                                     frequentie="2", pgb_mogelijk=False)
    Tarief.objects.create(product=product, geldig_vanaf=dt.date(2020, 1, 1),
                          natura=Decimal("35"))
    schoon = Zorgaanbieder.objects.create(naam="Schoon Thuis", agb_code="75000002")
    Contract.objects.create(aanbieder=schoon, product=product, tarief=Decimal("34"),
                            geldig_vanaf=dt.date(2020, 1, 1), wachttijd_weken=5)
    return product


@pytest.fixture
def pad(stad, casus, cat) -> Besluitpad:  # type: ignore[no-untyped-def]
    return besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)


def _vier_ogen(vanaf: str = "100", goedkeurder: str = Goedkeurder.TEAMLEIDER) -> None:
    Besluitregels.objects.create(vier_ogen_vanaf=Decimal(vanaf), goedkeurder=goedkeurder)


def _url(naam: str, *args: int) -> str:
    return reverse(f"casussen:{naam}", args=args)


def _html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def _concept(stad, casus, cat, *, volume: str = "3") -> Beschikking:  # type: ignore[no-untyped-def]
    """A WMO draft with one natura line and a motivering, ready to be taken."""
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             motivering="Begeleiding helpt.")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=services.Regel(
        product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal(volume),
        begindatum=VANDAAG(), levering=Levering.NATURA, aanbieder=cat.aanbieder))
    return beschikking


# --- The gate on every page --------------------------------------------------------------------


def _paginas(casus, pad: Besluitpad, open_onderzoek: Onderzoek,  # type: ignore[no-untyped-def]
             wacht: Beschikking) -> dict[str, str]:
    c, b, k = casus.pk, pad.beschikking.pk, pad.concept.pk
    return {
        "besluiten": _url("besluiten", c),
        "onderzoek_nieuw": _url("onderzoek_nieuw", c),
        "onderzoek_wijzigen": _url("onderzoek_wijzigen", c, open_onderzoek.pk),
        "verslag_versturen": _url("verslag_versturen", c, open_onderzoek.pk),
        "aanvraag_nieuw": _url("aanvraag_nieuw", c),
        "beschikking_nieuw": _url("beschikking_nieuw", c),
        "beschikking": _url("beschikking", c, b),
        "beschikking_motivering": _url("beschikking_motivering", c, k),
        "toekenning_nieuw": _url("toekenning_nieuw", c, k),
        "toekenning_verwijderen": _url("toekenning_verwijderen", c, k, pad.conceptregel.pk),
        "beschikking_nemen": _url("beschikking_nemen", c, k),
        "beschikking_goedkeuren": _url("beschikking_goedkeuren", c, wacht.pk),
        "beschikking_afkeuren": _url("beschikking_afkeuren", c, wacht.pk),
        "beschikking_herzien": _url("beschikking_herzien", c, b),
        "beschikking_intrekken": _url("beschikking_intrekken", c, b),
        "bezwaar_nieuw": _url("bezwaar_nieuw", c, b),
        "bezwaar_beslissen": _url("bezwaar_beslissen", c, b, pad.bezwaar.pk),
    }


@pytest.fixture
def paginas(stad, casus, cat, pad) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _vier_ogen("5000")
    open_onderzoek = services.onderzoek_record(
        user=stad.pro, casus=casus, gegevens=services.OnderzoekGegevens(
            gesprek_op=VANDAAG(), hulpvraag="Vraag", eigen_kracht="Veel", netwerk="",
            mantelzorg="", algemene_voorzieningen="", maatwerk_nodig=False,
            maatwerk_toelichting="", vormwens=Vormwens.WEET_NIET))
    wacht = services.beschikking_take(user=stad.pro,
                                      beschikking=_concept(stad, casus, cat, volume="40"))
    assert wacht.status == BeschikkingStatus.TER_GOEDKEURING
    return _paginas(casus, pad, open_onderzoek, wacht)


def test_every_page_opens_for_the_regiehouder_and_the_teamleider(client, stad, paginas) -> None:  # type: ignore[no-untyped-def]
    for user in (stad.pro, stad.teamleider):
        client.force_login(user)
        for naam, url in paginas.items():
            assert client.get(url).status_code == 200, naam


def test_another_teams_professional_gets_404_on_every_page_and_changes_nothing(  # type: ignore[no-untyped-def]
        client, stad, paginas) -> None:
    client.force_login(stad.pro_noord)
    voor = (Beschikking.objects.count(), Toekenning.objects.count(), Onderzoek.objects.count())
    for naam, url in paginas.items():
        assert client.get(url).status_code == 404, naam
        assert client.post(url, {"reden": "x", "motivering": "x"}).status_code == 404, naam
    assert (Beschikking.objects.count(), Toekenning.objects.count(),
            Onderzoek.objects.count()) == voor
    assert client.get(_url("besluiten_goedkeuren")).status_code == 200  # their own list


def test_a_resident_gets_404_on_every_staff_page(client, stad, paginas) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    for naam, url in [*paginas.items(), ("goedkeuren", _url("besluiten_goedkeuren"))]:
        assert client.get(url).status_code == 404, naam


def test_logged_out_goes_to_the_staff_login(client, paginas) -> None:  # type: ignore[no-untyped-def]
    response = client.get(paginas["besluiten"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:staff_login"))


def test_an_object_of_another_casus_is_404_even_for_someone_who_may_see_both(  # type: ignore[no-untyped-def]
        client, stad, casus, cat, pad) -> None:
    ander = CasusFactory(opgepakt_door=stad.pro)
    vreemd = services.beschikking_draft(user=stad.pro, casus=ander, wet="WMO")
    client.force_login(stad.pro)
    assert client.get(_url("beschikking", ander.pk, vreemd.pk)).status_code == 200
    assert client.get(_url("beschikking", casus.pk, vreemd.pk)).status_code == 404
    assert client.post(_url("beschikking_nemen", casus.pk, vreemd.pk)).status_code == 404
    # A line of this casus' draft through another decision of the casus.
    assert client.get(_url("toekenning_verwijderen", casus.pk, pad.beschikking.pk,
                           pad.conceptregel.pk)).status_code == 404
    assert client.get(_url("onderzoek_wijzigen", ander.pk, pad.onderzoek.pk)).status_code == 404
    assert client.get(_url("bezwaar_beslissen", casus.pk, pad.concept.pk,
                           pad.bezwaar.pk)).status_code == 404


# --- The overview -------------------------------------------------------------------------------


def test_overview_shows_the_path_and_the_household_cost_in_euros(client, stad, casus, pad) -> None:  # type: ignore[no-untyped-def]
    services.verslag_remark(user=stad.inwoner, onderzoek=pad.onderzoek, tekst="Klopt, dank u.")
    client.force_login(stad.pro)
    response = client.get(_url("besluiten", casus.pk))
    html = _html(response)
    assert response.status_code == 200
    assert "Klopt, dank u." in html and "Verslag naar de inwoner gestuurd op" in html
    assert pad.beschikking.kenmerk in html and pad.concept.kenmerk in html
    assert "Te weinig uren." in html  # the bezwaar
    kosten = response.context["kosten"]
    assert kosten.per_maand == sum(t.kosten_per_maand for t in pad.beschikking.toekenningen.all())
    assert f"Alles samen: {euro(kosten.per_maand)} per maand" in html
    assert "Zorg Dichtbij" in html
    # The decision clock of the aanvraag, met by the decision.
    [rij] = response.context["aanvragen"]
    assert rij.klok is not None and rij.klok.soort == TermijnSoort.WMO_BESCHIKKING
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, casus_id=casus.pk,
                                      actie="bekijken").exists()


def test_overview_lists_a_product_starting_later_apart(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             motivering="Later.")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=services.Regel(
        product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal("1"),
        begindatum=VANDAAG() + dt.timedelta(days=30), levering=Levering.PGB))
    services.beschikking_take(user=stad.pro, beschikking=beschikking)
    client.force_login(stad.pro)
    response = client.get(_url("besluiten", casus.pk))
    assert response.context["kosten"].per_wet == []
    assert "Begint later" in _html(response)
    assert "Er loopt nu geen toegekende ondersteuning." in _html(response)


def test_a_consented_team_reads_the_decisions_but_cannot_act(client, stad, casus, pad,  # type: ignore[no-untyped-def]
                                                               paginas) -> None:
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    client.force_login(stad.pro_jeugd)
    for naam in ("besluiten", "beschikking"):
        response = client.get(paginas[naam])
        assert response.status_code == 200 and not response.context["mag_wijzigen"]
    html = _html(client.get(paginas["besluiten"]))
    assert _url("onderzoek_nieuw", casus.pk) not in html
    assert _url("beschikking_herzien", casus.pk, pad.beschikking.pk) not in _html(
        client.get(paginas["beschikking"]))
    for naam, url in paginas.items():
        if naam not in ("besluiten", "beschikking"):
            assert client.get(url).status_code == 404, naam
            assert client.post(url, {"reden": "x"}).status_code == 404, naam


def _tel(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_overview_query_count_is_flat_in_decisions_and_lines(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = _url("besluiten", casus.pk)
    _concept(stad, casus, cat)
    services.beschikking_take(user=stad.pro, beschikking=_concept(stad, casus, cat))
    klein = _tel(client, url)
    for n in range(6):
        beschikking = _concept(stad, casus, cat)
        for _ in range(3):
            services.toekenning_add(user=stad.pro, beschikking=beschikking,
                                    regel=services.Regel(
                                        product=cat.begeleiding, besluit=Besluit.TOEGEKEND,
                                        volume=Decimal("1"), begindatum=VANDAAG(),
                                        levering=Levering.PGB))
        if n % 2:
            services.beschikking_take(user=stad.pro, beschikking=beschikking)
    groot = _tel(client, url)
    assert len(client.get(url).context["rijen"]) == 8
    assert groot == klein


# --- Onderzoek and verslag ----------------------------------------------------------------------


def test_new_onderzoek_is_filled_from_the_request_and_shows_the_latest_zrm(client, stad,  # type: ignore[no-untyped-def]
                                                                            casus) -> None:
    zrm_record(user=stad.pro, casus=casus, datum=VANDAAG(),
               scores={"financien": 1, "huisvesting": 4})
    client.force_login(stad.pro)
    response = client.get(_url("onderzoek_nieuw", casus.pk))
    form = response.context["form"]
    assert form.initial["hulpvraag"] == f"{casus.intake.vraag}\n\nWeer rust in mijn hoofd."
    assert form.initial["eigen_kracht"] == "Koken en boodschappen lukken."
    assert form.initial["netwerk"] == "Mijn zus komt elke week."
    html = _html(response)
    assert "Laatste ZRM-scores" in html or "laatste ZRM-scores" in html
    # Lowest score first: where the household struggles most.
    namen = [naam for naam, _ in response.context["zrm_laatste"]]
    assert namen == ["Financiën", "Huisvesting"] or namen[0] != namen[-1]
    assert response.context["zrm_laatste"][0][1].niveau == 1


def _onderzoek_post(**anders: str) -> dict[str, str]:
    data = {"gesprek_op": VANDAAG().strftime("%d-%m-%Y"), "hulpvraag": "Rust en structuur",
            "eigen_kracht": "Koken", "netwerk": "Zus", "mantelzorg": "",
            "algemene_voorzieningen": "Buurthuis", "maatwerk_nodig": "ja",
            "maatwerk_toelichting": "Begeleiding, 3 uur per week", "vormwens": "pgb"}
    return {**data, **anders}


def test_recording_an_onderzoek_and_sending_the_verslag(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(_url("onderzoek_nieuw", casus.pk), _onderzoek_post())
    assert response.status_code == 302
    onderzoek = Onderzoek.objects.get(casus=casus)
    assert onderzoek.maatwerk_nodig and onderzoek.vormwens == "pgb"
    client.post(_url("onderzoek_wijzigen", casus.pk, onderzoek.pk),
                _onderzoek_post(hulpvraag="Rust, structuur en geld"))
    onderzoek.refresh_from_db()
    assert onderzoek.hulpvraag == "Rust, structuur en geld"
    bevestig = client.get(_url("verslag_versturen", casus.pk, onderzoek.pk))
    assert "Rust, structuur en geld" in _html(bevestig)  # what the resident will read
    response = client.post(_url("verslag_versturen", casus.pk, onderzoek.pk), follow=True)
    onderzoek.refresh_from_db()
    assert onderzoek.is_verstuurd
    assert "Het verslag is verstuurd" in _html(response)
    assert Notificatie.objects.filter(ontvanger=stad.inwoner, url__contains="verslag").exists()
    # Sent, it is fixed: the form page sends the user back with a word why.
    response = client.get(_url("onderzoek_wijzigen", casus.pk, onderzoek.pk), follow=True)
    assert "kan niet meer veranderen" in _html(response)
    response = client.post(_url("onderzoek_wijzigen", casus.pk, onderzoek.pk), _onderzoek_post())
    assert response.status_code == 400 and "kan niet meer veranderen" in _html(response)


def test_onderzoek_errors_show_on_their_field_with_the_input_kept(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    morgen = (VANDAAG() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    response = client.post(_url("onderzoek_nieuw", casus.pk),
                           _onderzoek_post(gesprek_op=morgen, hulpvraag="Mijn eigen tekst"))
    assert response.status_code == 400
    assert "Deze datum ligt in de toekomst" in _html(response)
    assert response.context["form"].errors["gesprek_op"]
    assert "Mijn eigen tekst" in _html(response)
    response = client.post(_url("onderzoek_nieuw", casus.pk),
                           _onderzoek_post(maatwerk_toelichting=""))
    assert response.status_code == 400
    assert "Schrijf op welke ondersteuning nodig is" in _html(response)
    assert response.context["form"].errors["maatwerk_toelichting"]
    assert 'href="#id_maatwerk_toelichting"' in _html(response)  # the summary links the field
    assert not Onderzoek.objects.exists()


# --- Aanvraag -----------------------------------------------------------------------------------


def test_an_aanvraag_on_paper_starts_the_decision_clock(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(_url("aanvraag_nieuw", casus.pk), {
        "wet": "WMO", "ontvangen_op": VANDAAG().strftime("%d-%m-%Y"), "via": "papier",
        "vormwens": "natura", "toelichting": "Brief van de dochter", "onderzoek": ""})
    assert response.status_code == 302
    aanvraag = Aanvraag.objects.get(casus=casus)
    assert aanvraag.via == AanvraagVia.PAPIER and aanvraag.toelichting == "Brief van de dochter"
    assert Termijn.objects.filter(intake=casus.intake,
                                  soort=TermijnSoort.WMO_BESCHIKKING).exists()


def test_aanvraag_errors_show_with_the_input_kept(client, stad, casus, pad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    morgen = (VANDAAG() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    data = {"wet": "JEUGDWET", "ontvangen_op": morgen, "via": "mondeling",
            "vormwens": "natura", "toelichting": "Telefoon", "onderzoek": ""}
    response = client.post(_url("aanvraag_nieuw", casus.pk), data)
    assert response.status_code == 400 and "Deze datum ligt in de toekomst" in _html(response)
    assert "Telefoon" in _html(response)
    # Mijn toegang is not a way a professional records an aanvraag.
    response = client.post(_url("aanvraag_nieuw", casus.pk), {**data, "via": "mijn_toegang"})
    assert response.status_code == 400 and response.context["form"].errors["via"]
    # An onderzoek of another casus is not a choice.
    ander = CasusFactory(opgepakt_door=stad.pro)
    vreemd = services.onderzoek_record(user=stad.pro, casus=ander, gegevens=(
        services.OnderzoekGegevens(gesprek_op=VANDAAG(), hulpvraag="x", eigen_kracht="y",
                                   netwerk="", mantelzorg="", algemene_voorzieningen="",
                                   maatwerk_nodig=False, maatwerk_toelichting="",
                                   vormwens="weet_niet")))
    response = client.post(_url("aanvraag_nieuw", casus.pk),
                           {**data, "ontvangen_op": VANDAAG().strftime("%d-%m-%Y"),
                            "onderzoek": str(vreemd.pk)})
    assert response.status_code == 400 and "Kies een onderzoek uit de lijst." in _html(response)
    assert not Aanvraag.objects.filter(wet="JEUGDWET").exists()


# --- Beschikking and its lines ------------------------------------------------------------------


def test_drafting_a_beschikking_on_an_aanvraag_opens_its_page(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    aanvraag = services.aanvraag_submit(user=stad.pro, casus=casus, wet="WMO",
                                        ontvangen_op=VANDAAG(), via="papier", vormwens="natura")
    client.force_login(stad.pro)
    response = client.post(_url("beschikking_nieuw", casus.pk),
                           {"wet": "WMO", "aanvraag": aanvraag.pk, "motivering": ""})
    beschikking = Beschikking.objects.get(casus=casus)
    assert response["Location"] == _url("beschikking", casus.pk, beschikking.pk)
    assert beschikking.aanvraag == aanvraag and beschikking.status == "concept"
    # The aanvraag must be of the same wet: the service's word lands on the field.
    response = client.post(_url("beschikking_nieuw", casus.pk),
                           {"wet": "JEUGDWET", "aanvraag": aanvraag.pk, "motivering": "Mijn"})
    assert response.status_code == 400
    assert "Deze aanvraag gaat over een andere wet." in _html(response)
    assert response.context["form"].errors["aanvraag"] and "Mijn" in _html(response)


def _regel(cat: Catalogus, **anders) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {"product": str(cat.begeleiding.pk), "besluit": "toegekend", "volume": "2,5",
            "begindatum": VANDAAG().strftime("%d-%m-%Y"), "einddatum": "",
            "levering": "natura", "aanbieder": str(cat.aanbieder.pk), "reden": ""}
    return {**data, **anders}


def test_adding_a_line_with_a_comma_volume_shows_its_cost(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    client.force_login(stad.pro)
    formulier = client.get(_url("toekenning_nieuw", casus.pk, beschikking.pk))
    html = _html(formulier)
    assert "Zorg Dichtbij (Begeleiding individueel: wachttijd 2 weken" in html
    assert "Jeugdhulp ambulant" not in html  # another wet's product is not offered
    response = client.post(_url("toekenning_nieuw", casus.pk, beschikking.pk), _regel(cat),
                           follow=True)
    [regel] = beschikking.toekenningen.all()
    assert regel.volume == Decimal("2.5") and regel.tarief == Decimal("68.00")
    assert regel.kosten_per_maand > 0
    page = _html(response)
    assert f"{euro(regel.kosten_per_maand)} per maand" in page  # the message
    assert re.search(r"€ \d+,\d\d", page)
    assert "2,5 uur per week" in page


@pytest.mark.parametrize(("anders", "veld", "boodschap"), [
    ({"volume": "0"}, "volume", "Vul een omvang in die groter is dan 0."),
    ({"einddatum": "01-01-2020"}, "einddatum", "De einddatum ligt voor de begindatum."),
    ({"product": "jeugd"}, "product", "Dit product hoort niet bij de wet van dit besluit."),
    ({"product": "huishouden", "levering": "pgb", "aanbieder": ""}, "levering",
     "Dit product kan niet als pgb. Kies zorg in natura."),
    ({"aanbieder": "schoon"}, "aanbieder",
     "Schoon Thuis heeft op de begindatum geen contract voor dit product."),
    ({"aanbieder": "zonder"}, "aanbieder", "Deze zorgaanbieder heeft geen contract."),
    ({"besluit": "afgewezen", "reden": ""}, "reden", "Schrijf op waarom dit product wordt"),
    ({"volume": "twee"}, "volume", "Vul een getal in, bijvoorbeeld 2,5."),
])
def test_line_errors_show_on_their_field_with_the_input_kept(client, stad, casus, cat,  # type: ignore[no-untyped-def]
                                                            huishouden, anders, veld,
                                                            boodschap) -> None:
    Zorgaanbieder.objects.create(naam="Zonder Contract", agb_code="75000003")
    ids = {"jeugd": cat.jeugdhulp.pk, "huishouden": huishouden.pk,
           "schoon": Zorgaanbieder.objects.get(naam="Schoon Thuis").pk,
           "zonder": Zorgaanbieder.objects.get(naam="Zonder Contract").pk}
    data = _regel(cat, **{k: str(ids.get(v, v)) for k, v in anders.items()})
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    client.force_login(stad.pro)
    response = client.post(_url("toekenning_nieuw", casus.pk, beschikking.pk), data)
    html = _html(response)
    assert response.status_code == 400
    assert boodschap in html
    assert response.context["form"].errors[veld]
    # The error summary links the field (a radio group: its first option), which is there.
    [doel] = re.findall(rf'href="#(id_{veld}(?:_0)?)"', html)
    assert f'id="{doel}"' in html
    if data["volume"]:
        assert f'value="{data["volume"]}"' in html  # what was typed stays
    assert not beschikking.toekenningen.exists()


def test_a_refused_line_needs_only_a_reason(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    client.force_login(stad.pro)
    client.post(_url("toekenning_nieuw", casus.pk, beschikking.pk), _regel(
        cat, besluit="afgewezen", volume="", levering="", aanbieder="",
        reden="Een algemene voorziening volstaat."))
    [regel] = beschikking.toekenningen.all()
    assert regel.besluit == Besluit.AFGEWEZEN and regel.kosten_per_maand == 0


def test_removing_a_line_and_writing_the_motivering(client, stad, casus, cat, pad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    c, k = casus.pk, pad.concept.pk
    response = client.post(_url("toekenning_verwijderen", c, k, pad.conceptregel.pk))
    assert response["Location"] == _url("beschikking", c, k)
    assert not pad.concept.toekenningen.exists()
    client.post(_url("beschikking_motivering", c, k), {"motivering": "Nieuwe motivering."})
    pad.concept.refresh_from_db()
    assert pad.concept.motivering == "Nieuwe motivering."
    # A taken decision: its lines cannot be removed, its motivering not changed.
    response = client.post(_url("toekenning_verwijderen", c, pad.beschikking.pk,
                                pad.toekenning.pk))
    assert response.status_code == 400 and "al genomen" in _html(response)
    response = client.get(_url("beschikking_motivering", c, pad.beschikking.pk), follow=True)
    assert "Dit kan nu niet meer" in _html(response)


def test_taking_a_decision_without_four_eyes(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    beschikking = _concept(stad, casus, cat)
    client.force_login(stad.pro)
    response = client.post(_url("beschikking_nemen", casus.pk, beschikking.pk), follow=True)
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.GENOMEN
    assert "Het besluit is genomen" in _html(response)
    assert _url("beschikking_brief", casus.pk, beschikking.pk) in _html(response)


def test_taking_an_incomplete_decision_says_what_is_missing(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    client.force_login(stad.pro)
    response = client.post(_url("beschikking_nemen", casus.pk, beschikking.pk))
    assert response.status_code == 400
    assert "Voeg eerst minstens één product toe" in _html(response)
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.CONCEPT


# --- Four eyes ----------------------------------------------------------------------------------


def test_four_eyes_the_drafter_cannot_approve_the_teamleider_can(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    _vier_ogen("100")
    beschikking = _concept(stad, casus, cat)
    client.force_login(stad.pro)
    response = client.post(_url("beschikking_nemen", casus.pk, beschikking.pk), follow=True)
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.TER_GOEDKEURING
    assert "gaat eerst naar een tweede persoon" in _html(response)
    # The drafter sees no approve button, and posting it changes nothing.
    page = client.get(_url("beschikking", casus.pk, beschikking.pk))
    assert _url("beschikking_goedkeuren", casus.pk, beschikking.pk) not in _html(page)
    response = client.post(_url("beschikking_goedkeuren", casus.pk, beschikking.pk))
    assert response.status_code == 400 and "U mag dit besluit niet goedkeuren" in _html(response)
    # A colleague is not the approver when the rules name the teamleider.
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    client.force_login(collega)
    response = client.post(_url("beschikking_goedkeuren", casus.pk, beschikking.pk))
    beschikking.refresh_from_db()
    assert response.status_code == 400 and beschikking.status == "ter_goedkeuring"
    # The teamleider approves: the decision is taken.
    client.force_login(stad.teamleider)
    page = client.get(_url("beschikking", casus.pk, beschikking.pk))
    assert _url("beschikking_goedkeuren", casus.pk, beschikking.pk) in _html(page)
    client.post(_url("beschikking_goedkeuren", casus.pk, beschikking.pk))
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.GENOMEN
    assert beschikking.goedgekeurd_door == stad.teamleider


def test_four_eyes_a_second_professional_approves_when_the_rules_say_so(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                       cat) -> None:
    _vier_ogen("100", Goedkeurder.TWEEDE)
    beschikking = services.beschikking_take(user=stad.pro,
                                            beschikking=_concept(stad, casus, cat))
    client.force_login(ProfessionalFactory(teams=[stad.wijkteam]))
    client.post(_url("beschikking_goedkeuren", casus.pk, beschikking.pk))
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.GENOMEN


def test_rejecting_needs_a_reason_and_sends_the_draft_back(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    _vier_ogen("100")
    beschikking = services.beschikking_take(user=stad.pro,
                                            beschikking=_concept(stad, casus, cat))
    client.force_login(stad.teamleider)
    response = client.post(_url("beschikking_afkeuren", casus.pk, beschikking.pk), {"reden": ""})
    assert response.status_code == 400 and "Dit veld is nodig." in _html(response)
    client.post(_url("beschikking_afkeuren", casus.pk, beschikking.pk),
                {"reden": "Minder uren is genoeg."})
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.CONCEPT
    client.force_login(stad.pro)
    page = _html(client.get(_url("beschikking", casus.pk, beschikking.pk)))
    assert "Minder uren is genoeg." in page  # in the history, for the drafter


def test_the_approval_list_shows_others_drafts_with_a_flat_query_count(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                      cat) -> None:
    _vier_ogen("100")
    services.beschikking_take(user=stad.pro, beschikking=_concept(stad, casus, cat))
    url = _url("besluiten_goedkeuren")
    client.force_login(stad.pro)
    assert _html(client.get(url)).count("-B") == 0  # not their own
    client.force_login(stad.teamleider)
    klein = _tel(client, url)
    assert len(client.get(url).context["rijen"]) == 1
    for _ in range(7):
        andere = CasusFactory(opgepakt_door=stad.pro)
        services.beschikking_take(user=stad.pro, beschikking=_concept(stad, andere, cat))
    groot = _tel(client, url)
    response = client.get(url)
    assert len(response.context["rijen"]) == 8
    assert groot == klein
    assert "€ " in _html(response)
    # The queue links to it, with the count.
    assert "8 besluiten wachten op uw goedkeuring" in _html(client.get(_url("werkvoorraad")))


# --- Herziening, intrekking, bezwaar ------------------------------------------------------------


def test_revising_opens_a_new_draft_with_the_same_lines(client, stad, casus, pad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(_url("beschikking_herzien", casus.pk, pad.beschikking.pk),
                           {"reden": "Meer uren nodig."})
    nieuw = Beschikking.objects.get(vervangt=pad.beschikking)
    assert response["Location"] == _url("beschikking", casus.pk, nieuw.pk)
    assert nieuw.toekenningen.count() == 2 and nieuw.status == "concept"
    html = _html(client.get(_url("besluiten", casus.pk)))
    assert f"Herziening van {pad.beschikking.kenmerk}" in html


def test_withdrawing_needs_a_date_and_a_reason(client, stad, casus, pad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = _url("beschikking_intrekken", casus.pk, pad.beschikking.pk)
    response = client.post(url, {"per": "01-01-2020", "reden": "Verhuisd"})
    assert response.status_code == 400 and "Deze datum ligt voor het besluit" in _html(response)
    assert "Verhuisd" in _html(response)
    client.post(url, {"per": VANDAAG().strftime("%d-%m-%Y"), "reden": "Verhuisd"})
    pad.beschikking.refresh_from_db()
    assert pad.beschikking.status == BeschikkingStatus.INGETROKKEN


def test_bezwaar_recorded_late_gets_a_warning_and_is_decided(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    beschikking = services.beschikking_take(user=stad.pro,
                                            beschikking=_concept(stad, casus, cat))
    assert beschikking.bezwaar_tot is not None
    later = beschikking.bezwaar_tot + dt.timedelta(days=3)
    with time_machine.travel(dt.datetime.combine(later, dt.time(10)).astimezone(), tick=False):
        client.force_login(stad.pro)
        response = client.post(_url("bezwaar_nieuw", casus.pk, beschikking.pk), {
            "ontvangen_op": later.strftime("%d-%m-%Y"), "toelichting": "Te weinig."},
            follow=True)
        assert "na de bezwaartermijn binnen" in _html(response)
        bezwaar = Bezwaar.objects.get(beschikking=beschikking)
        response = client.post(_url("bezwaar_beslissen", casus.pk, beschikking.pk, bezwaar.pk),
                               {"uitkomst": "niet_ontvankelijk",
                                "besloten_op": later.strftime("%d-%m-%Y")})
        bezwaar.refresh_from_db()
        assert bezwaar.uitkomst == "niet_ontvankelijk" and bezwaar.besloten_op == later
        response = client.get(_url("bezwaar_beslissen", casus.pk, beschikking.pk, bezwaar.pk),
                              follow=True)
        assert "Op dit bezwaar is al beslist." in _html(response)


def test_bezwaar_in_time_gets_no_warning(client, stad, casus, pad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(_url("bezwaar_nieuw", casus.pk, pad.beschikking.pk), {
        "ontvangen_op": VANDAAG().strftime("%d-%m-%Y"), "toelichting": "Nog een."}, follow=True)
    assert "Het bezwaar is vastgelegd" in _html(response)
    assert "na de bezwaartermijn" not in _html(response)


# --- The casus page and the timeline ------------------------------------------------------------


def test_casus_page_shows_the_besluiten_block_with_the_cost_per_month(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                     pad) -> None:
    client.force_login(stad.pro)
    response = client.get(_url("detail", casus.pk))
    telling = response.context["besluiten_telling"]
    assert (telling.onderzoeken, telling.aanvragen, telling.lopend, telling.concepten,
            telling.bezwaren_open) == (1, 1, 1, 1, 1)
    kosten = sum(t.kosten_per_maand for t in pad.beschikking.toekenningen.all())
    assert telling.per_maand == kosten
    html = _html(response)
    assert f"<strong>{euro(kosten)}</strong> per maand" in html
    assert _url("besluiten", casus.pk) in html


def test_casus_page_block_costs_one_query_whatever_the_number_of_decisions(client, stad,  # type: ignore[no-untyped-def]
                                                                          casus, cat) -> None:
    client.force_login(stad.pro)
    url = _url("detail", casus.pk)
    services.beschikking_take(user=stad.pro, beschikking=_concept(stad, casus, cat))
    klein = _tel(client, url)
    for _ in range(5):
        services.beschikking_take(user=stad.pro, beschikking=_concept(stad, casus, cat))
    assert _tel(client, url) == klein


def test_timeline_shows_the_resident_only_their_steps(stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    _vier_ogen("100")
    teruggestuurd = services.beschikking_take(user=stad.pro,
                                              beschikking=_concept(stad, casus, cat))
    services.beschikking_reject(user=stad.teamleider, beschikking=teruggestuurd,
                                reden="Minder uren")
    staf = {r.titel for r in casus_tijdlijn(casus=casus) if r.soort == "besluit"}
    inwoner = {r.titel for r in casus_tijdlijn(casus=casus, voor_inwoner=True)
               if r.soort == "besluit"}
    assert "Onderzoek vastgelegd" in inwoner and "Verslag naar de inwoner" in inwoner
    assert "Aanvraag ontvangen" in inwoner
    assert f"Beschikking genomen ({pad.beschikking.kenmerk})" in inwoner
    assert f"Bezwaar ontvangen ({pad.beschikking.kenmerk})" in inwoner
    for titel in (f"Beschikking opgesteld ({pad.concept.kenmerk})",
                  f"Beschikking ter goedkeuring ({teruggestuurd.kenmerk})",
                  f"Beschikking teruggestuurd ({teruggestuurd.kenmerk})"):
        assert titel in staf and titel not in inwoner


# --- Money, the Dutch way -----------------------------------------------------------------------


@pytest.mark.parametrize(("bedrag", "tekst"), [
    (Decimal("1234.56"), "€ 1.234,56"), (Decimal("0"), "€ 0,00"), (Decimal("5.5"), "€ 5,50"),
    (Decimal("1234567.005"), "€ 1.234.567,01"), (Decimal("-12.5"), "€ -12,50"), (None, ""),
])
def test_euro_writes_money_the_dutch_way(bedrag, tekst) -> None:  # type: ignore[no-untyped-def]
    assert euro(bedrag) == tekst


@pytest.mark.parametrize(("getal", "tekst"), [
    (Decimal("2.50"), "2,5"), (Decimal("3.00"), "3"), (Decimal("1234.25"), "1.234,25"),
    (None, ""),
])
def test_aantal_writes_a_volume_the_dutch_way(getal, tekst) -> None:  # type: ignore[no-untyped-def]
    assert aantal(getal) == tekst
