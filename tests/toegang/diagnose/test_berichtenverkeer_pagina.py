"""The berichtenverkeer for the functioneel beheerder: counts per state, the messages filtered
by state or found by ToewijzingNummer, BSN, AGB code or provider, one message with its error
and what its retour codes mean, a failed message sent again, the files in quarantine marked
as dealt with; Diagnose warns when something needs the beheerder. Never a resident's name or
a message's content; nobody but the beheerder gets in."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casussen.toewijzing.models import Bericht, BerichtStatus, Quarantaine, Richting
from casussen.toewijzing.selectors import berichtenstand
from tests.besluitpad import catalogus_make
from tests.factories import CasusFactory, besluit_nemen, regel
from tests.toewijzingpad import BSN, BSN_ANDER, bericht_make, verzoek_make
from toegang.catalogus.models import Zorgaanbieder
from toegang.core.bsn import bsn_hash, tekst_decrypt

# A row heading and its value in the page's table (utrecht-table).
CEL = '</th><td class="utrecht-table__cell">'

pytestmark = pytest.mark.django_db

LIJST = "/berichtenverkeer/"
QUARANTAINE = "/berichtenverkeer/quarantaine/"


def _html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def _tel(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.fixture
def aanbieder(db) -> Zorgaanbieder:  # type: ignore[no-untyped-def]
    return Zorgaanbieder.objects.create(naam="Thuiszorg De Linde", agb_code="75001234")


@pytest.fixture
def echt(stad):  # type: ignore[no-untyped-def]
    """A casus with a BSN whose natura decision sent a real 301 (its content: the resident's
    name, BSN and address), and a provider's request about it."""
    cat = catalogus_make()
    casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro, intake__bsn=BSN,
                         intake__achternaam="Oosterhuis-Kwakkel")
    besluit_nemen(casus=casus, user=stad.pro, regels=[
        regel(cat.begeleiding, begin=timezone.localdate(), aanbieder=cat.aanbieder)])
    verzoek_make(intake=casus.intake, casus=casus, aanbieder=cat.aanbieder,
                 product=cat.begeleiding)
    return casus


def _alle_standen(aanbieder: Zorgaanbieder) -> dict[str, Bericht]:
    """One message in every state the beheerder counts."""
    nu = timezone.now()
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    return {
        "te_versturen": bericht_make(aanbieder=aanbieder),
        "lang": bericht_make(aanbieder=aanbieder, created_at=nu - dt.timedelta(hours=2)),
        "wacht": bericht_make(aanbieder=aanbieder, status=BerichtStatus.VERSTUURD,
                              verstuurd_op=nu,
                              retour_uiterlijk=timezone.localdate() + dt.timedelta(days=3)),
        "te_laat": bericht_make(aanbieder=aanbieder, status=BerichtStatus.VERSTUURD,
                                verstuurd_op=nu, retour_uiterlijk=gisteren),
        "ok": bericht_make(aanbieder=aanbieder, status=BerichtStatus.RETOUR_OK,
                           retourcodes="0200", retour_klaar_op=nu, retour_uiterlijk=gisteren),
        "fout": bericht_make(aanbieder=aanbieder, status=BerichtStatus.RETOUR_FOUT,
                             retourcodes="9019", retour_klaar_op=nu,
                             fout="De zorgaanbieder keurde het bericht af met retourcode(s) "
                                  "9019.\nTweede regel."),
        "mislukt": bericht_make(aanbieder=aanbieder, status=BerichtStatus.MISLUKT, pogingen=8,
                                fout="[Errno 28] No space left on device"),
        "ontvangen": bericht_make(code="305", richting=Richting.IN, aanbieder=aanbieder,
                                  status=BerichtStatus.ONTVANGEN, retour_uiterlijk=gisteren),
        "afgekeurd": bericht_make(code="307", richting=Richting.IN, aanbieder=aanbieder,
                                  status=BerichtStatus.AFGEKEURD, retour_klaar_op=nu,
                                  fout="Stop zorg voor onbekende toewijzing 4711."),
    }


# --- The gate ------------------------------------------------------------------------------------


def test_only_the_beheerder_gets_in(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    berichten = _alle_standen(aanbieder)
    quarantaine = Quarantaine.objects.create(bestandsnaam="raar.xml", reden="Onleesbaar.")
    paginas = [LIJST, QUARANTAINE, f"{LIJST}{berichten['mislukt'].pk}/"]
    posts = [f"{LIJST}{berichten['mislukt'].pk}/opnieuw/",
             f"{QUARANTAINE}{quarantaine.pk}/afgehandeld/"]
    client.force_login(stad.beheerder)
    for url in paginas:
        assert client.get(url).status_code == 200, url
    for url in posts:
        assert client.get(url).status_code == 405, url
    for user in (stad.pro, stad.teamleider, stad.manager, stad.inwoner):
        client.force_login(user)
        for url in paginas + posts:
            assert client.get(url).status_code == 404, (user.rol, url)
            assert client.post(url).status_code == 404, (user.rol, url)
    client.logout()
    for url in paginas + posts:
        assert client.get(url)["Location"].startswith("/medewerker/inloggen/"), url
    assert Bericht.objects.get(pk=berichten["mislukt"].pk).status == BerichtStatus.MISLUKT
    assert Quarantaine.objects.get(pk=quarantaine.pk).opgelost_op is None


def test_a_message_that_does_not_exist_is_404(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    assert client.get(f"{LIJST}987654321/").status_code == 404
    assert client.post(f"{LIJST}987654321/opnieuw/").status_code == 404
    assert client.post(f"{QUARANTAINE}987654321/afgehandeld/").status_code == 404


# --- Counts and the list ------------------------------------------------------------------------


def test_counts_per_state(aanbieder) -> None:  # type: ignore[no-untyped-def]
    _alle_standen(aanbieder)
    Quarantaine.objects.create(bestandsnaam="a.xml", reden="Onleesbaar.")
    Quarantaine.objects.create(bestandsnaam="b.xml", reden="Onleesbaar.",
                               opgelost_op=timezone.now())
    stand = berichtenstand()
    assert (stand.te_versturen, stand.te_versturen_lang, stand.wacht_op_retour,
            stand.retour_ok, stand.retour_fout, stand.mislukt, stand.ontvangen,
            stand.afgekeurd, stand.te_laat, stand.quarantaine_open) == (
                2, 1, 2, 1, 1, 1, 1, 1, 2, 1)
    assert stand.aandacht


def test_the_list_shows_metadata_and_filters_by_state(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    berichten = _alle_standen(aanbieder)
    client.force_login(stad.beheerder)
    response = client.get(LIJST)
    html = _html(response)
    assert response.status_code == 200
    assert f"Verzenden mislukt{CEL}1" in html
    assert "Thuiszorg De Linde" in html and berichten["fout"].identificatie in html
    # A retour code with its meaning in words, readable without hovering.
    assert ('9019</span> <span class="small text-muted">niet te koppelen aan een toewijzing'
            in html)
    # The first line of the error only.
    assert "keurde het bericht af met retourcode(s) 9019." in html
    assert "Tweede regel." not in html
    for stand, sleutels in (("mislukt", {"mislukt"}), ("te_laat", {"te_laat", "ontvangen"}),
                            ("retour_fout", {"fout"}), ("afgekeurd", {"afgekeurd"}),
                            ("te_versturen", {"te_versturen", "lang"}),
                            ("wacht_op_retour", {"wacht", "te_laat"})):
        rijen = client.get(LIJST, {"stand": stand}).context["rijen"]
        assert {r.bericht.pk for r in rijen} == {berichten[s].pk for s in sleutels}, stand


def test_search_by_toewijzingnummer_matches_the_whole_number(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    twaalf = bericht_make(aanbieder=aanbieder, toewijzingnummers="12")
    samen = bericht_make(aanbieder=aanbieder, toewijzingnummers="7 12 40")
    achteraan = bericht_make(aanbieder=aanbieder, toewijzingnummers="40 12")
    bericht_make(aanbieder=aanbieder, toewijzingnummers="123 112 1200")
    client.force_login(stad.beheerder)
    rijen = client.get(LIJST, {"zoek": "12"}).context["rijen"]
    assert {r.bericht.pk for r in rijen} == {twaalf.pk, samen.pk, achteraan.pk}


def test_search_by_bsn_compares_its_hash(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    van = bericht_make(aanbieder=aanbieder, bsn_hash=bsn_hash(BSN))
    bericht_make(aanbieder=aanbieder, bsn_hash=bsn_hash(BSN_ANDER))
    client.force_login(stad.beheerder)
    for zoek in (BSN, "1112.22.333", " 111222333 "):
        rijen = client.get(LIJST, {"zoek": zoek}).context["rijen"]
        assert [r.bericht.pk for r in rijen] == [van.pk], zoek


def test_search_by_agb_code_or_part_of_the_name(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    ander = Zorgaanbieder.objects.create(naam="Jeugdhulp Oost", agb_code="75005678")
    linde = bericht_make(aanbieder=aanbieder)
    oost = bericht_make(aanbieder=ander)
    client.force_login(stad.beheerder)
    assert [r.bericht.pk for r in client.get(LIJST, {"zoek": "75005678"}).context["rijen"]] \
        == [oost.pk]
    assert [r.bericht.pk for r in client.get(LIJST, {"zoek": "linde"}).context["rijen"]] \
        == [linde.pk]
    assert [r.bericht.pk for r in client.get(
        LIJST, {"zoek": oost.identificatie}).context["rijen"]] == [oost.pk]
    response = client.get(LIJST, {"zoek": "niemand", "stand": "mislukt"})
    assert "Geen berichten gevonden." in _html(response)


def test_a_search_longer_than_allowed_is_refused_in_dutch(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    response = client.get(LIJST, {"zoek": "x" * 101, "stand": "onzin"})
    html = _html(response)
    assert response.status_code == 200
    assert "maximaal 100 tekens" in html and "Kies een stand uit de lijst." in html


def test_no_names_and_no_content_on_the_beheerders_pages(client, stad, echt) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    [toewijzing] = Bericht.objects.filter(code="301")
    xml = tekst_decrypt(toewijzing.inhoud)
    assert "Oosterhuis" in xml and BSN in xml  # what the pages must not show
    paginas = [LIJST, f"{LIJST}?zoek=Zorg", QUARANTAINE, "/diagnose/"]
    paginas += [f"{LIJST}{b.pk}/" for b in Bericht.objects.all()]
    assert len(paginas) == 6  # the 301 and the 315
    for url in paginas:
        html = _html(client.get(url))
        for persoonlijk in ("Oosterhuis", "Sanne", "Dorpsstraat", "Graag voor de zomer", BSN,
                            "istandaarden.nl"):
            assert persoonlijk not in html, (url, persoonlijk)
    # Found by BSN (the 301 and the provider's 315), still without a name.
    response = client.get(LIJST, {"zoek": BSN})
    assert {r.bericht.pk for r in response.context["rijen"]} == set(
        Bericht.objects.values_list("pk", flat=True))
    assert "Oosterhuis" not in _html(response)


def test_the_list_query_count_is_flat(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    bericht_make(aanbieder=aanbieder)
    client.force_login(stad.beheerder)
    klein = _tel(client, LIJST)
    _alle_standen(aanbieder)
    for _ in range(25):
        bericht_make(aanbieder=Zorgaanbieder.objects.create(
            naam="Aanbieder", agb_code=f"7{Zorgaanbieder.objects.count():07d}"),
            toewijzingnummers="1 2", retourcodes="0200,9019")
    assert _tel(client, LIJST) == klein
    assert _tel(client, f"{LIJST}?stand=te_versturen&zoek=1") == klein
    response = client.get(LIJST)
    assert len(response.context["rijen"]) == 20
    assert response.context["page"].paginator.count == 35
    # The next page keeps the search.
    assert "?zoek=1&amp;pagina=2" in _html(client.get(LIJST, {"zoek": "1"}))


# --- One message -------------------------------------------------------------------------------


def test_a_message_shows_its_whole_error_and_what_its_codes_mean(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    berichten = _alle_standen(aanbieder)
    retour = bericht_make(code="302", richting=Richting.IN, aanbieder=aanbieder,
                          status=BerichtStatus.VERWERKT, retour_op=berichten["fout"],
                          retourcodes="9019")
    client.force_login(stad.beheerder)
    html = _html(client.get(f"{LIJST}{berichten['fout'].pk}/"))
    assert "9019</strong>: niet te koppelen aan een toewijzing" in html
    assert "9019.\nTweede regel." in html  # the whole error
    assert f"/berichtenverkeer/{retour.pk}/" in html
    assert "Opnieuw versturen" not in html
    html = _html(client.get(f"{LIJST}{retour.pk}/"))
    assert f"/berichtenverkeer/{berichten['fout'].pk}/" in html


def test_a_failed_message_is_sent_again(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    mislukt = _alle_standen(aanbieder)["mislukt"]
    client.force_login(stad.beheerder)
    assert "Opnieuw versturen" in _html(client.get(f"{LIJST}{mislukt.pk}/"))
    response = client.post(f"{LIJST}{mislukt.pk}/opnieuw/", follow=True)
    assert response.redirect_chain == [(f"{LIJST}{mislukt.pk}/", 302)]
    assert "Het bericht staat weer klaar om te versturen." in _html(response)
    mislukt.refresh_from_db()
    assert (mislukt.status, mislukt.pogingen) == (BerichtStatus.TE_VERSTUREN, 0)
    # A message that did not fail is left as it is.
    response = client.post(f"{LIJST}{mislukt.pk}/opnieuw/", follow=True)
    assert "hoeft niet opnieuw verstuurd te worden" in _html(response)
    mislukt.refresh_from_db()
    assert mislukt.status == BerichtStatus.TE_VERSTUREN


# --- Quarantine --------------------------------------------------------------------------------


def test_quarantine_lists_the_open_files_first_and_marks_one_dealt_with(client, stad) -> None:  # type: ignore[no-untyped-def]
    oud = Quarantaine.objects.create(bestandsnaam="oud.xml", reden="Al gedaan.", grootte=10,
                                     opgelost_op=timezone.now())
    open_ = Quarantaine.objects.create(bestandsnaam="WMO315_x.xml", grootte=2048,
                                       reden="Zorgaanbieder met AGB-code 75009999 is niet "
                                             "bekend.")
    client.force_login(stad.beheerder)
    response = client.get(QUARANTAINE)
    html = _html(response)
    assert [q.pk for q in response.context["page"]] == [open_.pk, oud.pk]
    assert "WMO315_x.xml" in html and "75009999 is niet bekend" in html and "2,0" in html
    assert "zet het terug in de map in/" in html
    response = client.post(f"{QUARANTAINE}{open_.pk}/afgehandeld/", follow=True)
    assert "WMO315_x.xml staat als afgehandeld." in _html(response)
    open_.refresh_from_db()
    assert open_.opgelost_op is not None and open_.opgelost_door == stad.beheerder
    eerst = open_.opgelost_op
    client.post(f"{QUARANTAINE}{open_.pk}/afgehandeld/")
    open_.refresh_from_db()
    assert open_.opgelost_op == eerst


def test_the_quarantine_query_count_is_flat(client, stad) -> None:  # type: ignore[no-untyped-def]
    Quarantaine.objects.create(bestandsnaam="1.xml", reden="x")
    client.force_login(stad.beheerder)
    klein = _tel(client, QUARANTAINE)
    for n in range(25):
        Quarantaine.objects.create(bestandsnaam=f"{n}.xml", reden="x",
                                   opgelost_op=timezone.now() if n % 2 else None,
                                   opgelost_door=stad.beheerder if n % 2 else None)
    assert _tel(client, QUARANTAINE) == klein
    assert len(client.get(QUARANTAINE).context["page"]) == 20


# --- Diagnose ----------------------------------------------------------------------------------


def test_diagnose_warns_when_the_berichtenverkeer_needs_the_beheerder(client, stad,  # type: ignore[no-untyped-def]
                                                                      aanbieder) -> None:
    client.force_login(stad.beheerder)
    bericht_make(aanbieder=aanbieder, status=BerichtStatus.RETOUR_OK, retourcodes="0200")
    html = _html(client.get("/diagnose/"))
    assert "Berichtenverkeer" in html and LIJST in html
    assert "Het berichtenverkeer vraagt aandacht" not in html
    bericht_make(aanbieder=aanbieder, status=BerichtStatus.MISLUKT)
    Quarantaine.objects.create(bestandsnaam="x.xml", reden="Onleesbaar.")
    html = _html(client.get("/diagnose/"))
    assert "Het berichtenverkeer vraagt aandacht" in html
    assert "1 bericht kon niet worden verstuurd" in html
    assert "1 ontvangen bestand staat in quarantaine" in html


def test_diagnose_counts_a_message_waiting_more_than_an_hour(client, stad, aanbieder) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    bericht_make(aanbieder=aanbieder)  # just written: the worker sends it in a moment
    assert "vraagt aandacht" not in _html(client.get("/diagnose/"))
    bericht_make(aanbieder=aanbieder, created_at=timezone.now() - dt.timedelta(minutes=61))
    assert "1 bericht wacht langer dan een uur op verzending" in _html(client.get("/diagnose/"))
