"""The referrer's portal (/verwijzen/): a referrer sends a referral through its own form, the
referral becomes one routed intake, and the referrer sees only what it sent and how far it got.
"""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen.services import casus_open, casus_transition
from intake.gegevens import VerwijzingGegevens
from intake.models import Intake, Kanaal, OntvangenVia, Verwijzing
from intake.services import intake_claim
from intake.verwijzing.selectors import VerwijzingRegel, VerwijzingStatus, verwijzingen_of
from intake.verwijzing.services import verwijzing_send
from regie.termijnen.models import Termijn, TermijnSoort
from tests.factories import VerwijzerFactory, intake_gegevens
from tests.formulieren import formulier
from tests.toegang.test_headers import InlineFinder
from toegang.audit.models import Actie, Toegangslog
from toegang.berichten.models import Email

NIEUW = "/verwijzen/nieuw/"
VRAAG = "Mevrouw slaapt slecht door schulden en zoekt hulp bij de administratie."


@pytest.fixture
def verwijzer(stad):  # type: ignore[no-untyped-def]
    return VerwijzerFactory(organisatie="Huisartsenpraktijk De Linde", agb_code="01123456",
                            first_name="Annabel", last_name="Zwaluwstaart")


def _ingevuld(client, **extra: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The form as the browser would send it after the referrer typed a referral."""
    page = client.get(NIEUW)
    assert page.status_code == 200
    velden = {"voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": "12-04-1985",
              "straat": "Dorpsstraat 1", "postcode": "7511 AB", "woonplaats": "Dijkstad",
              "telefoon": "06 12345678", "email": "sanne@example.nl",
              "contact_voorkeur": "telefoon", "vraag": VRAAG, "over_kind": "nee",
              "veiligheid": "veilig", "urgentie": "normaal", "inwoner_akkoord": "on"}
    data = formulier(page.content.decode(), met_veld="sleutel").data(**{**velden, **extra})
    return {k: v for k, v in data.items() if v != ["__weg__"]}


def _gekozen(html: str, naam: str) -> list[str]:
    """The values of the checked inputs named `naam` on the page."""
    inputs = re.findall(rf'<input[^>]*name="{naam}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', i)[1] for i in inputs  # type: ignore[index]
            if re.search(r"\schecked\b", i)]


def _send(verwijzer, **overrides):  # type: ignore[no-untyped-def]
    """A referral through the service, as the form would hand it over."""
    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort=verwijzer.soort, organisatie=verwijzer.organisatie, persoon="Annabel Zwaluw",
        ontvangen_via=OntvangenVia.FORMULIER, inwoner_akkoord=True), **overrides)
    return verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                           indien_sleutel=uuid.uuid4())


# --- Sending -----------------------------------------------------------------------------------


def test_a_referral_becomes_one_routed_intake_with_its_referrer_clocks_and_an_email(  # type: ignore[no-untyped-def]
        client, stad, verwijzer) -> None:
    client.force_login(verwijzer.user)
    response = client.post(NIEUW, _ingevuld(client, verwijzer_persoon="Dr. A. Bakker"))

    intake = Intake.objects.get()
    verwijzing = Verwijzing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/verwijzen/{verwijzing.pk}/verstuurd/"
    assert intake.kanaal == Kanaal.VERWIJZING and intake.ingevoerd_door == verwijzer.user
    assert intake.inwoner is None and intake.team == stad.wijkteam  # routed by postcode
    assert (intake.voornaam, intake.geboortedatum.isoformat()) == ("Sanne", "1985-04-12")
    assert intake.telefoon == "0612345678" and intake.vraag == VRAAG
    assert verwijzing.intake == intake and verwijzing.verwijzer == verwijzer
    assert verwijzing.inwoner_akkoord is True
    assert verwijzing.ontvangen_via == OntvangenVia.FORMULIER
    assert (verwijzing.organisatie, verwijzing.soort, verwijzing.agb_code) == (
        "Huisartsenpraktijk De Linde", "huisarts", "01123456")
    assert (verwijzing.persoon, verwijzing.telefoon) == ("Dr. A. Bakker", "0201234567")
    # The first-contact clock runs, as for every intake.
    assert Termijn.objects.filter(intake=intake, soort=TermijnSoort.EERSTE_CONTACT).exists()
    # The resident hears of it, with the reference and who referred them.
    email = Email.objects.get(aan="sanne@example.nl")
    assert intake.referentie in email.tekst
    assert "Huisartsenpraktijk De Linde heeft u bij ons aangemeld" in email.tekst


def test_the_page_after_sending_shows_the_reference_and_what_happens_next(  # type: ignore[no-untyped-def]
        client, stad, verwijzer) -> None:
    client.force_login(verwijzer.user)
    response = client.post(NIEUW, _ingevuld(client), follow=True)
    html = response.content.decode()
    intake = Intake.objects.get()
    assert response.status_code == 200
    assert intake.referentie in html and "Wat gebeurt er nu?" in html
    assert "neemt het team contact op met de inwoner" in html
    # Nothing of what the referral says.
    for inhoud in ("Sanne", "de Vries", "Dorpsstraat", "0612345678", "sanne@example.nl",
                   "schulden"):
        assert inhoud not in html, inhoud


def test_a_double_click_stores_one_intake(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(verwijzer.user)
    data = _ingevuld(client)
    first = client.post(NIEUW, data)
    second = client.post(NIEUW, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Intake.objects.count() == 1 and Verwijzing.objects.count() == 1
    assert Email.objects.filter(aan="sanne@example.nl").count() == 1
    assert Toegangslog.objects.filter(actie=Actie.INDIENEN).count() == 1


def test_the_same_key_twice_through_the_service_returns_the_first_intake(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    sleutel = uuid.uuid4()
    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort="huisarts", organisatie="x", ontvangen_via="formulier", inwoner_akkoord=True))
    first = verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                            indien_sleutel=sleutel)
    second = verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                             indien_sleutel=sleutel)
    assert first.pk == second.pk and Intake.objects.count() == 1


def test_another_referrers_key_is_never_handed_over(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    intake = _send(verwijzer)
    ander = VerwijzerFactory()
    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort="huisarts", organisatie="x", ontvangen_via="formulier", inwoner_akkoord=True))
    with pytest.raises(PermissionDenied):
        verwijzing_send(verwijzer=ander, user=ander.user, gegevens=gegevens,
                        indien_sleutel=intake.indien_sleutel)


def test_the_referrer_is_taken_from_the_account_not_from_the_form(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort="wijkagent", organisatie="Politie", agb_code="", persoon="Annabel Zwaluw",
        ontvangen_via=OntvangenVia.TELEFOON, inwoner_akkoord=True, verwijzer_id=None))
    intake = verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                             indien_sleutel=uuid.uuid4())
    verwijzing = intake.verwijzing
    assert (verwijzing.organisatie, verwijzing.soort, verwijzing.agb_code) == (
        "Huisartsenpraktijk De Linde", "huisarts", "01123456")
    assert verwijzing.ontvangen_via == OntvangenVia.FORMULIER
    assert verwijzing.verwijzer == verwijzer and verwijzing.persoon == "Annabel Zwaluw"


def test_only_the_referrers_own_account_sends_for_it(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort="huisarts", organisatie="x", ontvangen_via="formulier", inwoner_akkoord=True))
    for user in (stad.pro, VerwijzerFactory().user):
        with pytest.raises(PermissionDenied):
            verwijzing_send(verwijzer=verwijzer, user=user, gegevens=gegevens,
                            indien_sleutel=uuid.uuid4())
    assert not Intake.objects.exists()


# --- Mistakes: a Dutch message, and everything typed is kept -----------------------------------


def test_a_referral_without_a_date_of_birth_is_refused_and_keeps_what_was_typed(  # type: ignore[no-untyped-def]
        client, stad, verwijzer) -> None:
    client.force_login(verwijzer.user)
    data = _ingevuld(client, geboortedatum="", verwijzer_persoon="Dr. A. Bakker")
    response = client.post(NIEUW, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert not Intake.objects.exists()
    assert "Vul de geboortedatum van de inwoner in." in html
    assert 'href="#id_geboortedatum"' in html  # linked from the error summary
    assert html.startswith("<!doctype html>") and "<title>Fout:" in html
    kept = formulier(html, met_veld="sleutel").velden
    for naam, waarde in {"voornaam": "Sanne", "achternaam": "de Vries",
                         "straat": "Dorpsstraat 1", "postcode": "7511 AB",
                         "woonplaats": "Dijkstad", "email": "sanne@example.nl",
                         "telefoon": "06 12345678", "verwijzer_persoon": "Dr. A. Bakker",
                         "inwoner_akkoord": "on"}.items():
        assert kept[naam] == [waarde], naam
    for naam, waarde in {"contact_voorkeur": "telefoon", "over_kind": "nee",
                         "veiligheid": "veilig", "urgentie": "normaal"}.items():
        assert _gekozen(html, naam) == [waarde], naam
    assert kept["vraag"][0].strip() == VRAAG
    assert kept["sleutel"] == data["sleutel"]  # sending again is still one intake


def test_a_date_of_birth_in_the_future_gets_words_for_the_referrer(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(verwijzer.user)
    response = client.post(NIEUW, _ingevuld(client, geboortedatum="01-01-2999",
                                            geen_vast_adres="", straat="", postcode="",
                                            woonplaats=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "De geboortedatum kan niet in de toekomst liggen." in html
    assert "Vul het adres van de inwoner in, of kruis aan dat de inwoner geen vast adres " \
           "heeft." in html
    assert "Uw geboortedatum" not in html and "Vul uw" not in html


def test_without_the_residents_agreement_nothing_is_sent(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(verwijzer.user)
    response = client.post(NIEUW, _ingevuld(client, inwoner_akkoord="__weg__"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kruis aan dat de inwoner van deze verwijzing weet en het ermee eens is." in html
    assert 'href="#id_inwoner_akkoord"' in html
    assert not Intake.objects.exists()
    assert formulier(html, met_veld="sleutel").velden["voornaam"] == ["Sanne"]


def test_the_service_refuses_a_referral_without_the_statement(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort="huisarts", organisatie="x", ontvangen_via="formulier", inwoner_akkoord=False))
    with pytest.raises(ValidationError):
        verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                        indien_sleutel=uuid.uuid4())
    assert not Intake.objects.exists()


def test_a_broken_key_asks_to_send_again_with_a_fresh_one(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(verwijzer.user)
    response = client.post(NIEUW, _ingevuld(client, sleutel="niet-een-sleutel"))
    html = response.content.decode()
    assert response.status_code == 400 and not Intake.objects.exists()
    assert "Het formulier was niet compleet." in html
    again = formulier(html, met_veld="sleutel").data()
    assert uuid.UUID(again["sleutel"][0])
    assert client.post(NIEUW, again).status_code == 302
    assert Intake.objects.count() == 1


# --- The list: own referrals, status in plain words, nothing of the content --------------------


def _statussen(client) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get("/verwijzen/")
    assert response.status_code == 200
    return [regel.status for regel in response.context["regels"]]


def test_the_list_shows_own_referrals_and_their_status_as_it_moves(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    intake = _send(verwijzer, voornaam="Sanne", vraag="Een geheime vraag over schulden.")
    ander = VerwijzerFactory(organisatie="Huisartsenpraktijk Anders")
    andere = _send(ander, voornaam="Kees", email="kees@example.nl")
    client.force_login(verwijzer.user)

    response = client.get("/verwijzen/")
    html = response.content.decode()
    assert intake.referentie in html and andere.referentie not in html
    assert "Sanne" not in html and "geheime vraag" not in html and "Kees" not in html
    assert _statussen(client) == [VerwijzingStatus.ONTVANGEN]
    assert "ontvangen" in html

    casus = casus_open(user=stad.pro, intake=intake)
    assert _statussen(client) == [VerwijzingStatus.OPGEPAKT]
    assert "opgepakt" in client.get("/verwijzen/").content.decode()

    casus_transition(user=stad.pro, casus=casus, naar="afgesloten", reden="Geholpen.")
    assert _statussen(client) == [VerwijzingStatus.AFGESLOTEN]
    assert "afgesloten" in client.get("/verwijzen/").content.decode()


def test_the_list_is_newest_first_with_reference_and_date(stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    eerste, tweede = _send(verwijzer), _send(verwijzer)
    regels = [VerwijzingRegel.van(v) for v in verwijzingen_of(verwijzer=verwijzer)]
    assert [r.referentie for r in regels] == [tweede.referentie, eerste.referentie]
    assert {r.verstuurd_op.date() for r in regels} == {eerste.verwijzing.created_at.date()}


def _list_queries(client, verwijzer) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as selector:
        regels = [VerwijzingRegel.van(v) for v in verwijzingen_of(verwijzer=verwijzer)]
    with CaptureQueriesContext(connection) as page:
        response = client.get("/verwijzen/")
    assert len(response.context["regels"]) == len(regels)
    return len(selector.captured_queries), len(page.captured_queries)


def test_the_list_query_count_is_flat_from_1_to_20_referrals(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(verwijzer.user)
    _send(verwijzer)
    client.get("/verwijzen/")  # warm the session and the per-process caches
    one = _list_queries(client, verwijzer)
    for n in range(19):
        _send(verwijzer, email=f"inwoner{n}@example.nl")
    assert _list_queries(client, verwijzer) == one
    assert one[0] == 1


# --- The gate ----------------------------------------------------------------------------------


def _urls(verwijzing: Verwijzing) -> list[str]:
    return ["/verwijzen/", NIEUW, f"/verwijzen/{verwijzing.pk}/verstuurd/"]


def test_every_page_opens_for_the_referrer(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    verwijzing = _send(verwijzer).verwijzing
    client.force_login(verwijzer.user)
    for url in _urls(verwijzing):
        response = client.get(url)
        assert response.status_code == 200, url
        finder = InlineFinder()
        finder.feed(response.content.decode())
        assert not finder.found, (url, finder.found)  # the CSP allows no inline script/style
        assert "'unsafe" not in response["Content-Security-Policy"]


def test_anonymous_visitors_go_to_the_staff_login(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    verwijzing = _send(verwijzer).verwijzing
    for url in _urls(verwijzing):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/medewerker/inloggen/?next=/verwijzen/"), url


@pytest.mark.parametrize("wie", ["inwoner", "pro", "teamleider", "manager", "beheerder",
                                 "zonder_profiel"])
def test_other_accounts_get_a_404_on_every_page(client, stad, verwijzer, wie) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    verwijzing = _send(verwijzer).verwijzing
    user = UserFactory(rol="verwijzer") if wie == "zonder_profiel" else getattr(stad, wie)
    client.force_login(user)
    for url in _urls(verwijzing):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url
    assert Intake.objects.count() == 1


def test_another_referrer_never_opens_this_referral(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    verwijzing = _send(verwijzer).verwijzing
    ander = VerwijzerFactory()
    client.force_login(ander.user)
    assert client.get(f"/verwijzen/{verwijzing.pk}/verstuurd/").status_code == 404
    assert client.get(f"/verwijzen/{verwijzing.pk + 1000}/verstuurd/").status_code == 404
    assert verwijzing.intake.referentie not in client.get("/verwijzen/").content.decode()


def test_a_referrer_cannot_open_the_intake_of_its_own_referral(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    intake = _send(verwijzer)
    client.force_login(verwijzer.user)
    for url in (f"/werk/intakes/{intake.pk}/", f"/werk/intakes/{intake.pk}/export/",
                f"/mijn/aanvragen/{intake.pk}/", "/werk/"):
        assert client.get(url).status_code == 404, url


def test_a_referrer_lands_on_its_list_after_the_two_step_login(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PASSWORD
    from tests.tweestaps import staff_login

    response = staff_login(client, verwijzer.user, PASSWORD)
    assert response.status_code == 302
    landing = client.get(response["Location"], follow=True)
    assert landing.redirect_chain[-1][0] == "/verwijzen/"
    html = landing.content.decode()
    assert 'href="/verwijzen/nieuw/"' in html and 'aria-current="page"' in html


def test_the_referrers_password_alone_reaches_nothing(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PASSWORD
    from tests.tweestaps import password_step

    password_step(client, verwijzer.user, PASSWORD)
    response = client.get("/verwijzen/")
    assert response.status_code == 302 and "/medewerker/tweestaps/" in response["Location"]


# --- The access log ----------------------------------------------------------------------------


def test_sending_is_logged_with_the_referrer_and_its_organisation(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(verwijzer.user)
    client.post(NIEUW, _ingevuld(client))
    intake = Intake.objects.get()
    [rij] = Toegangslog.objects.filter(intake_id=intake.pk)
    assert rij.actie == Actie.INDIENEN and rij.user_id == verwijzer.user.pk
    assert rij.rol == "verwijzer" and rij.team == "Huisartsenpraktijk De Linde"
    assert rij.namens == "Sanne de Vries"

    voor = Toegangslog.objects.count()
    client.get("/verwijzen/")
    client.get(f"/verwijzen/{intake.verwijzing.pk}/verstuurd/")
    assert Toegangslog.objects.count() == voor  # no personal data shown, no row


def test_the_resident_sees_the_referrer_in_wie_keek_mee(client, stad, verwijzer) -> None:  # type: ignore[no-untyped-def]
    intake = _send(verwijzer)
    intake_claim(intake=intake, inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    html = client.get("/mijn/wie-keek-mee/").content.decode()
    assert "Huisartsenpraktijk De Linde" in html and "Verwijzer" in html
    assert "Annabel" not in html and "Zwaluwstaart" not in html  # no staff names


def test_a_professional_filing_a_phone_referral_is_logged_with_their_team(stad) -> None:  # type: ignore[no-untyped-def]
    from intake.services import intake_submit

    intake = intake_submit(gegevens=intake_gegevens(verwijzing=VerwijzingGegevens(
        soort="school", organisatie="Basisschool De Regenboog", ontvangen_via="telefoon")),
        kanaal=Kanaal.VERWIJZING, ingevoerd_door=stad.pro)
    assert Toegangslog.objects.get(intake_id=intake.pk).team == "Wijkteam Centrum"
