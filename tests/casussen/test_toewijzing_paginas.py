"""The professional's pages of the berichtenverkeer: the toewijzingen of a casus with the
messages about each (codes with their meaning, late retours), the natura lines that could not
go as a message, the providers' open requests of the user's teams and one request with its
three answers (toewijzen, in onderzoek, afwijzen); the gates on every page, a flat query count
on every list, and the links from the casus, the decisions and the queue."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from casussen.besluit.models import Beschikking, BeschikkingStatus, Levering
from casussen.besluit.services import beschikking_take
from casussen.toewijzing.models import (
    Bericht,
    BerichtStatus,
    Richting,
    Toewijzing,
    ToewijzingStatus,
    Verzoek,
    VerzoekSoort,
    VerzoekStatus,
)
from intake.services import toestemming_give
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from tests.besluitpad import Catalogus, catalogus_make
from tests.factories import CasusFactory, besluit_nemen, regel
from tests.toewijzingpad import BSN, verzoek_make
from toegang.audit.models import Toegangslog

VANDAAG = timezone.localdate


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    """A casus of a resident with a BSN, picked up by `stad.pro` (wijkteam Centrum)."""
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro, intake__bsn=BSN)


def _natura(stad, casus, cat, *, volume: str = "3", einde: dt.date | None = None,  # type: ignore[no-untyped-def]
            vervangt: Beschikking | None = None) -> Beschikking:
    return besluit_nemen(casus=casus, user=stad.pro, vervangt=vervangt, regels=[
        regel(cat.begeleiding, begin=VANDAAG(), einde=einde, volume=volume,
              aanbieder=cat.aanbieder)])


@pytest.fixture
def genomen(stad, casus, cat) -> Beschikking:  # type: ignore[no-untyped-def]
    """A Wmo decision taken with one natura line: one toewijzing, its 301 in the outbox."""
    beschikking = _natura(stad, casus, cat)
    assert Toewijzing.objects.filter(casus=casus).count() == 1
    return beschikking


def _url(naam: str, *args: int) -> str:
    return reverse(f"casussen:{naam}", args=args)


def _html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def _tel(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


# --- The toewijzingen of a casus ---------------------------------------------------------------


def test_toewijzingen_page_shows_each_toewijzing_with_its_301(client, stad, casus, genomen) -> None:  # type: ignore[no-untyped-def]
    toewijzing = Toewijzing.objects.get(casus=casus)
    client.force_login(stad.pro)
    response = client.get(_url("toewijzingen", casus.pk))
    html = _html(response)
    assert response.status_code == 200
    assert f"Toewijzing {toewijzing.pk}: Begeleiding individueel" in html
    assert "07A01" in html and "Zorg Dichtbij" in html and "AGB 75000001" in html
    assert "doorlopend" in html
    assert "3 uur per week" in html
    assert "actueel" in html
    [rij] = response.context["toewijzingen"]
    [bericht] = [r.bericht for r in rij.berichten]
    assert bericht.code == "301" and bericht.status == BerichtStatus.TE_VERSTUREN
    assert "wacht op verzending" in html
    assert genomen.kenmerk in html  # the decision behind it
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, casus_id=casus.pk,
                                      actie="bekijken").exists()


def test_codes_read_with_their_meaning_and_a_late_retour_says_so(client, stad, casus, cat,  # type: ignore[no-untyped-def]
                                                                 genomen) -> None:
    # A herziening that ends the care earlier: the same toewijzing, RedenWijziging 05.
    einde = VANDAAG() + dt.timedelta(days=60)
    _natura(stad, casus, cat, einde=einde, vervangt=genomen)
    toewijzing = Toewijzing.objects.get(casus=casus)
    assert toewijzing.reden_wijziging == "05"
    # The provider reported start and stop (what `ontvangst` records from a 305 and a 307),
    # and rejected the first 301 with code 9019; the second one's retour is late.
    Toewijzing.objects.filter(pk=toewijzing.pk).update(
        begonnen_op=VANDAAG(), gestopt_op=VANDAAG() + dt.timedelta(days=10),
        reden_beeindiging="23")
    eerste, tweede = Bericht.objects.filter(casus=casus, code="301").order_by("id")
    Bericht.objects.filter(pk=eerste.pk).update(status=BerichtStatus.RETOUR_FOUT,
                                                retourcodes="9019",
                                                retour_klaar_op=timezone.now())
    Bericht.objects.filter(pk=tweede.pk).update(status=BerichtStatus.VERSTUURD,
                                                verstuurd_op=timezone.now(),
                                                retour_uiterlijk=VANDAAG() - dt.timedelta(1))
    client.force_login(stad.pro)
    html = _html(client.get(_url("toewijzingen", casus.pk)))
    assert "05 – herbeoordeling: toewijzing verkort" in html
    with translation.override("nl"):
        assert formats.date_format(einde, "j F Y") in html
    assert "doorlopend" not in html
    assert "23 – in overleg voortijdig beëindigd" in html
    assert "9019 (niet te koppelen aan een toewijzing)" in html
    assert "retour ontvangen: afgekeurd, moet worden hersteld" in html
    assert html.count('utrecht-status-badge--danger badge-laat">te laat') == 1


def test_one_and_a_half_hour_goes_as_ninety_minutes(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    _natura(stad, casus, cat, volume="1.5")
    toewijzing = Toewijzing.objects.get(casus=casus)
    assert (toewijzing.volume, toewijzing.eenheid) == (90, "01")
    client.force_login(stad.pro)
    assert "90 minuten per week" in _html(client.get(_url("toewijzingen", casus.pk)))


def test_a_natura_line_without_a_bsn_is_arranged_outside_the_messages(client, stad, cat) -> None:  # type: ignore[no-untyped-def]
    zonder = CasusFactory(opgepakt_door=stad.pro)
    assert not zonder.intake.bsn_versleuteld
    beschikking = _natura(stad, zonder, cat)
    assert not Toewijzing.objects.filter(casus=zonder).exists()
    client.force_login(stad.pro)
    response = client.get(_url("toewijzingen", zonder.pk))
    html = _html(response)
    assert "Van deze inwoner is geen BSN bekend" in html
    assert "Regel dit buiten het berichtenverkeer met de aanbieder" in html
    assert [r.beschikking_id for r in response.context["zonder_toewijzing"]] == [beschikking.pk]
    assert "Er is nog geen toewijzing naar een zorgaanbieder gestuurd." in html


def test_a_pgb_line_needs_no_toewijzing(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    besluit_nemen(casus=casus, user=stad.pro, regels=[regel(cat.begeleiding, begin=VANDAAG())])
    client.force_login(stad.pro)
    response = client.get(_url("toewijzingen", casus.pk))
    assert response.context["zonder_toewijzing"] == []
    assert "Niet via het berichtenverkeer" not in _html(response)


def test_the_casus_gate_guards_the_toewijzingen(client, stad, casus, genomen) -> None:  # type: ignore[no-untyped-def]
    url = _url("toewijzingen", casus.pk)
    for user in (stad.pro, stad.teamleider):
        client.force_login(user)
        assert client.get(url).status_code == 200
    for user in (stad.pro_noord, stad.pro_jeugd, stad.inwoner, stad.manager, stad.beheerder):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.rol
    assert client.get(_url("toewijzingen", 987654321)).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:staff_login"))


def test_toewijzingen_query_count_is_flat(client, stad, casus, cat, genomen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = _url("toewijzingen", casus.pk)
    verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                 product=cat.begeleiding)
    klein = _tel(client, url)
    for n in range(4):
        _natura(stad, casus, cat, volume=str(4 + n))  # each a new toewijzing and a 301
        verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                     product=cat.begeleiding)
    zonder = besluit_nemen(casus=casus, user=stad.pro, regels=[
        regel(cat.begeleiding, begin=VANDAAG(), aanbieder=cat.aanbieder)])
    Toewijzing.objects.filter(toekenning__beschikking=zonder).delete()
    groot = _tel(client, url)
    response = client.get(url)
    assert len(response.context["toewijzingen"]) == 5
    assert len(response.context["verzoeken"]) == 5
    assert len(response.context["zonder_toewijzing"]) == 1
    assert groot == klein


def test_casus_and_decisions_link_to_the_toewijzingen_when_there_are_any(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                        cat) -> None:
    client.force_login(stad.pro)
    link = _url("toewijzingen", casus.pk)
    assert link not in _html(client.get(_url("detail", casus.pk)))
    assert link not in _html(client.get(_url("besluiten", casus.pk)))
    _natura(stad, casus, cat)
    verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                 product=cat.begeleiding)
    detail = client.get(_url("detail", casus.pk))
    telling = detail.context["toewijzingen_telling"]
    assert (telling.toewijzingen, telling.verzoeken, telling.verzoeken_open) == (1, 1, 1)
    assert link in _html(detail) and "1 wacht op antwoord" in _html(detail)
    besluiten = _html(client.get(_url("besluiten", casus.pk)))
    assert link in besluiten and "(1 toewijzing)" in besluiten


def test_casus_page_block_costs_one_query_whatever_the_number_of_toewijzingen(  # type: ignore[no-untyped-def]
        client, stad, casus, cat, genomen) -> None:
    client.force_login(stad.pro)
    url = _url("detail", casus.pk)
    klein = _tel(client, url)
    for n in range(3):
        _natura(stad, casus, cat, volume=str(5 + n))
        verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder)
    assert _tel(client, url) == klein


# --- The providers' requests: the list ---------------------------------------------------------


def test_the_list_shows_the_open_requests_of_the_users_teams_nearest_deadline_first(  # type: ignore[no-untyped-def]
        client, stad, casus, cat) -> None:
    later = verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                         product=cat.begeleiding)
    eerder = verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                          productcode="99Z99",
                          deadline=timezone.now() - dt.timedelta(hours=2))
    beantwoord = verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder)
    Verzoek.objects.filter(pk=beantwoord.pk).update(status=VerzoekStatus.AFGEWEZEN)
    noord = CasusFactory(intake__in_noord=True, opgepakt_door=stad.pro_noord)
    anders = verzoek_make(intake=noord.intake, casus=noord, aanbieder=cat.aanbieder)
    client.force_login(stad.pro)
    response = client.get(_url("verzoeken"))
    html = _html(response)
    assert [r.verzoek.pk for r in response.context["rijen"]] == [eerder.pk, later.pk]
    assert "Verzoek om toewijzing van Zorg Dichtbij voor Sanne de Vries" in html
    assert "Begeleiding individueel (07A01)" in html and "99Z99" in html
    assert html.count('utrecht-status-badge--danger badge-laat">te laat') == 1
    assert _url("verzoek", eerder.pk) in html
    # The other wijk's professional sees only their own team's request.
    client.force_login(stad.pro_noord)
    assert [r.verzoek.pk for r in client.get(_url("verzoeken")).context["rijen"]] == [anders.pk]


def test_the_list_is_for_casework_only(client, stad) -> None:  # type: ignore[no-untyped-def]
    for user in (stad.inwoner, stad.manager, stad.beheerder):
        client.force_login(user)
        assert client.get(_url("verzoeken")).status_code == 404, user.rol
    client.logout()
    assert client.get(_url("verzoeken"))["Location"].startswith(reverse("accounts:staff_login"))


def test_the_list_query_count_is_flat_and_it_pages_by_25(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                 product=cat.begeleiding)
    client.force_login(stad.pro)
    url = _url("verzoeken")
    klein = _tel(client, url)
    for _ in range(26):
        andere = CasusFactory(opgepakt_door=stad.pro)
        verzoek_make(intake=andere.intake, casus=andere, aanbieder=cat.aanbieder,
                     product=cat.begeleiding)
    assert _tel(client, url) == klein
    response = client.get(url)
    assert len(response.context["rijen"]) == 25
    assert response.context["page"].paginator.count == 27
    assert len(client.get(url, {"pagina": 2}).context["rijen"]) == 2


def test_the_queue_shows_how_many_requests_wait(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    assert _url("verzoeken") not in _html(client.get(_url("werkvoorraad")))
    for _ in range(2):
        verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder)
    html = _html(client.get(_url("werkvoorraad")))
    assert "2 verzoeken van zorgaanbieders wachten op antwoord" in html
    assert _url("verzoeken") in html


# --- One request ---------------------------------------------------------------------------------


@pytest.fixture
def verzoek(casus, cat) -> Verzoek:  # type: ignore[no-untyped-def]
    return verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                        product=cat.begeleiding, volume=120, eenheid="01", frequentie="2")


ACTIES = ("verzoek_toewijzen", "verzoek_onderzoeken", "verzoek_afwijzen")


def test_the_request_page_shows_what_was_asked_for_whom_and_the_clock(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                     verzoek) -> None:
    client.force_login(stad.pro)
    response = client.get(_url("verzoek", verzoek.pk))
    html = _html(response)
    assert response.status_code == 200
    assert "Verzoek om toewijzing van Zorg Dichtbij" in html
    assert "Begeleiding individueel (07A01)" in html and "120 minuten per week" in html
    assert "huisarts Jansen" in html and "Graag voor de zomer beginnen." in html
    assert "Sanne de Vries" in html and "12 april 1985" in html
    assert _url("detail", casus.pk) in html
    assert reverse("intake:werk_detail", args=[casus.intake.pk]) in html
    assert "uiterlijk" in html and "Er is nog niet geantwoord." in html
    for actie in ACTIES:
        assert _url(actie, verzoek.pk) in html
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, object_type="verzoek",
                                      object_id=verzoek.pk, actie="bekijken",
                                      casus_id=casus.pk).exists()


def test_a_change_request_lists_the_toewijzingen_to_change(client, stad, casus, cat,  # type: ignore[no-untyped-def]
                                                          genomen) -> None:
    toewijzing = Toewijzing.objects.get(casus=casus)
    wijziging = verzoek_make(
        intake=casus.intake, casus=casus, aanbieder=cat.aanbieder, soort=VerzoekSoort.WIJZIGING,
        wijzigingen=[{"toewijzingnummer": toewijzing.pk, "categorie": "07", "code": "07A01",
                      "ingangsdatum": "2030-01-01", "einddatum": None, "volume": 5,
                      "eenheid": "04", "frequentie": "2", "budget": None}])
    client.force_login(stad.pro)
    html = _html(client.get(_url("verzoek", wijziging.pk)))
    assert "Verzoek om wijziging van Zorg Dichtbij" in html
    assert "Gevraagde wijzigingen" in html
    assert f">{toewijzing.pk}<" in html and "07A01 (dagbesteding)" in html
    assert "5 uur per week" in html and "2030-01-01" in html


def test_a_team_member_without_the_casus_may_read_and_answer(client, stad, cat) -> None:  # type: ignore[no-untyped-def]
    """Before pick-up there is no casus: the request is for the intake's team."""
    from tests.factories import IntakeFactory

    intake = IntakeFactory(bsn=BSN)
    losse = verzoek_make(intake=intake, aanbieder=cat.aanbieder, product=cat.begeleiding)
    client.force_login(stad.pro)
    response = client.get(_url("verzoek", losse.pk))
    assert response.status_code == 200 and response.context["mag_wijzigen"]
    assert reverse("intake:werk_detail", args=[intake.pk]) in _html(response)
    log = Toegangslog.objects.get(object_type="verzoek", object_id=losse.pk)
    assert log.grond == "routering" and log.intake_id == intake.pk
    # Toewijzen needs a casus: the service says so, on the page.
    response = client.post(_url("verzoek_toewijzen", losse.pk))
    assert response.status_code == 400
    assert "Er is nog geen casus voor deze inwoner" in _html(response)


def test_a_consented_team_reads_the_request_but_cannot_answer(client, stad, casus,  # type: ignore[no-untyped-def]
                                                             verzoek) -> None:
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    client.force_login(stad.pro_jeugd)
    response = client.get(_url("verzoek", verzoek.pk))
    assert response.status_code == 200 and not response.context["mag_wijzigen"]
    for actie in ACTIES:
        assert _url(actie, verzoek.pk) not in _html(response)
        assert client.post(_url(actie, verzoek.pk), {"reden": "3"}).status_code == 404
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.OPEN


def test_another_teams_professional_and_other_roles_get_404(client, stad, verzoek) -> None:  # type: ignore[no-untyped-def]
    voor = (Bericht.objects.count(), Beschikking.objects.count(), Toegangslog.objects.count())
    for user in (stad.pro_noord, stad.pro_jeugd, stad.inwoner, stad.manager, stad.beheerder):
        client.force_login(user)
        assert client.get(_url("verzoek", verzoek.pk)).status_code == 404, user.rol
        for actie in ACTIES:
            assert client.get(_url(actie, verzoek.pk)).status_code == 404, (user.rol, actie)
            assert client.post(_url(actie, verzoek.pk), {"reden": "3"}).status_code == 404
    client.force_login(stad.pro)
    assert client.get(_url("verzoek", 987654321)).status_code == 404
    assert client.post(_url("verzoek_afwijzen", 987654321), {"reden": "3"}).status_code == 404
    client.logout()
    for url in (_url("verzoek", verzoek.pk), _url("verzoek_afwijzen", verzoek.pk)):
        assert client.get(url)["Location"].startswith(reverse("accounts:staff_login"))
    assert (Bericht.objects.count(), Beschikking.objects.count(),
            Toegangslog.objects.count()) == voor
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.OPEN


def test_an_answer_takes_only_a_post(client, stad, verzoek) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    for actie in ACTIES:
        assert client.get(_url(actie, verzoek.pk)).status_code == 405


def test_toewijzen_drafts_the_decision_with_the_requested_product_and_provider(  # type: ignore[no-untyped-def]
        client, stad, casus, cat, verzoek) -> None:
    client.force_login(stad.pro)
    response = client.post(_url("verzoek_toewijzen", verzoek.pk), follow=True)
    verzoek.refresh_from_db()
    beschikking = verzoek.beschikking
    assert beschikking is not None and beschikking.status == BeschikkingStatus.CONCEPT
    assert response.redirect_chain == [(_url("beschikking", casus.pk, beschikking.pk), 302)]
    assert "pas dan gaat de toewijzing (bericht 301) naar de aanbieder" in _html(response)
    assert verzoek.status == VerzoekStatus.TOEWIJZEN
    [regel_] = beschikking.toekenningen.all()
    assert (regel_.product, regel_.aanbieder, regel_.levering) == (
        cat.begeleiding, cat.aanbieder, Levering.NATURA)
    assert regel_.volume == Decimal("2")  # 120 minuten per week, the product counts hours
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, object_type="verzoek",
                                      object_id=verzoek.pk, actie="wijzigen").exists()
    # Taking the decision sends the toewijzing and closes the request.
    beschikking_take(user=stad.pro, beschikking=beschikking)
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.TOEGEWEZEN
    toewijzing = Toewijzing.objects.get(toekenning=regel_)
    assert toewijzing.referentie_aanbieder == verzoek.referentie_aanbieder
    assert verzoek.antwoord is not None and verzoek.antwoord.code == "301"
    assert toewijzing.status == ToewijzingStatus.ACTUEEL


def test_toewijzen_of_a_product_outside_the_catalogue_shows_the_reason(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                      cat) -> None:
    onbekend = verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                            productcode="99Z99")
    client.force_login(stad.pro)
    response = client.post(_url("verzoek_toewijzen", onbekend.pk))
    html = _html(response)
    assert response.status_code == 400
    assert "Er is iets niet goed ingevuld" in html
    assert "Het gevraagde product 99Z99 staat niet in de productcatalogus" in html
    assert not Beschikking.objects.filter(casus=casus).exists()
    onbekend.refresh_from_db()
    assert onbekend.status == VerzoekStatus.OPEN


def test_in_onderzoek_sends_a_319_and_starts_the_eight_week_clock(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                 verzoek) -> None:
    eerste_klok = verzoek.termijn
    client.force_login(stad.pro)
    response = client.post(_url("verzoek_onderzoeken", verzoek.pk), follow=True)
    assert response.redirect_chain == [(_url("verzoek", verzoek.pk), 302)]
    assert "De aanbieder krijgt bericht dat de aanvraag wordt onderzocht" in _html(response)
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.IN_ONDERZOEK
    antwoord = verzoek.antwoord
    assert antwoord is not None
    assert (antwoord.code, antwoord.richting, antwoord.status) == (
        "319", Richting.UIT, BerichtStatus.TE_VERSTUREN)
    eerste_klok.refresh_from_db()
    assert eerste_klok.status == TermijnStatus.AFGEHANDELD
    klok = verzoek.termijn
    assert klok.soort == TermijnSoort.VERZOEK_ONDERZOEK and klok.is_open
    assert timezone.localdate(klok.deadline) >= VANDAAG() + dt.timedelta(weeks=8)
    assert Toegangslog.objects.filter(object_type="verzoek", object_id=verzoek.pk,
                                      actie="wijzigen").count() == 1
    # Only while the request is open: a second time is refused on the page.
    html = _html(response)
    assert _url("verzoek_onderzoeken", verzoek.pk) not in html
    response = client.post(_url("verzoek_onderzoeken", verzoek.pk))
    assert response.status_code == 400 and "Dit verzoek is al beantwoord." in _html(response)
    assert Bericht.objects.filter(code="319").count() == 1


def test_afwijzen_sends_a_319_with_the_reason(client, stad, casus, verzoek) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(_url("verzoek_afwijzen", verzoek.pk),
                           {"reden": "3", "toelichting": "Geen contract voor dit product."},
                           follow=True)
    assert response.redirect_chain == [(_url("verzoek", verzoek.pk), 302)]
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN
    assert verzoek.reden_afwijzing == "3"
    assert verzoek.toelichting_antwoord == "Geen contract voor dit product."
    assert verzoek.antwoord is not None and verzoek.antwoord.code == "319"
    assert verzoek.beantwoord_door == stad.pro
    assert not Termijn.objects.get(pk=verzoek.termijn_id).is_open
    html = _html(response)
    assert "3 – geen contract" in html and "Geen contract voor dit product." in html
    assert "Verzoek afwijzen" not in html  # answered: no more buttons
    assert Toegangslog.objects.filter(object_type="verzoek", object_id=verzoek.pk,
                                      actie="wijzigen").exists()


def test_afwijzen_without_a_reason_shows_the_error_linked_to_the_field(client, stad,  # type: ignore[no-untyped-def]
                                                                      verzoek) -> None:
    client.force_login(stad.pro)
    response = client.post(_url("verzoek_afwijzen", verzoek.pk),
                           {"reden": "", "toelichting": "Even wachten."})
    html = _html(response)
    assert response.status_code == 400
    assert "Er is iets niet goed ingevuld" in html
    assert 'href="#afwijzen_reden_0"' in html and 'id="afwijzen_reden_0"' in html
    assert "Even wachten." in html  # what was typed is kept
    assert "<title>Fout:" in html
    assert not Bericht.objects.filter(code="319").exists()
    response = client.post(_url("verzoek_afwijzen", verzoek.pk),
                           {"reden": "3", "toelichting": "x" * 1001})
    assert response.status_code == 400 and "maximaal 1000 tekens" in _html(response)


def test_the_reasons_carry_their_code_and_meaning(client, stad, verzoek) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    html = _html(client.get(_url("verzoek", verzoek.pk)))
    assert "1 – geen wijziging maar een nieuwe aanvraag" in html
    assert "9 – leeftijdsgrens bereikt" in html


def test_the_toewijzingen_page_lists_the_requests_and_their_answers(client, stad, casus,  # type: ignore[no-untyped-def]
                                                                   verzoek) -> None:
    client.force_login(stad.pro)
    client.post(_url("verzoek_afwijzen", verzoek.pk), {"reden": "3"})
    response = client.get(_url("toewijzingen", casus.pk))
    [rij] = response.context["verzoeken"]
    assert [r.bericht.code for r in rij.berichten] == ["315", "319"]
    html = _html(response)
    assert _url("verzoek", verzoek.pk) in html and "afgewezen" in html


def test_a_product_in_another_unit_or_period_is_not_guessed(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    per_dag = verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                           product=cat.begeleiding, volume=1, eenheid="04", frequentie="1")
    client.force_login(stad.pro)
    response = client.post(_url("verzoek_toewijzen", per_dag.pk))
    assert response.status_code == 400
    assert "andere eenheid of per een andere periode" in _html(response)
    assert not Beschikking.objects.filter(casus=casus).exists()

