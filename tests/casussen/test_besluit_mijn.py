"""The resident's side of the decision path in Mijn toegang: reading the verslag and adding a
remark, the one-click aanvraag, their aanvragen and decisions in plain words, and the public
page about natura and pgb."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from casussen.besluit import services
from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    Besluit,
    BesluitGebeurtenis,
    Levering,
    Onderzoek,
    Vormwens,
)
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from tests.besluitpad import Catalogus, besluitpad_make, catalogus_make
from tests.factories import CasusFactory
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Brief, Notificatie
from toegang.core.werkdagen import termijn_einde
from toegang.inzage.selectors import inzage_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


def _verslag(stad, casus, *, maatwerk: bool = True, vormwens: str = Vormwens.PGB,  # type: ignore[no-untyped-def]
             versturen: bool = True) -> Onderzoek:
    gegevens = services.OnderzoekGegevens(
        gesprek_op=timezone.localdate(), hulpvraag="Ik kom mijn dag niet door",
        eigen_kracht="Ik doe zelf de boodschappen", netwerk="Mijn zus komt op zondag",
        mantelzorg="Zus is moe", algemene_voorzieningen="Het buurthuis op dinsdag",
        maatwerk_nodig=maatwerk, maatwerk_toelichting="Begeleiding, 3 uur per week"
        if maatwerk else "", vormwens=vormwens)
    onderzoek = services.onderzoek_record(user=stad.pro, casus=casus, gegevens=gegevens)
    if versturen:
        onderzoek = services.verslag_send(user=stad.pro, onderzoek=onderzoek)
    return onderzoek


def _verslag_url(casus, onderzoek) -> str:  # type: ignore[no-untyped-def]
    return f"/mijn/casussen/{casus.pk}/verslag/{onderzoek.pk}/"


def _genomen(stad, casus, cat, *, regels=None, aanvraag=True) -> Beschikking:  # type: ignore[no-untyped-def]
    """A Wmo decision taken by the professional, on a paper aanvraag."""
    vandaag = timezone.localdate()
    aanvraag_obj = services.aanvraag_submit(
        user=stad.pro, casus=casus, wet="WMO", ontvangen_op=vandaag, via=AanvraagVia.PAPIER,
        vormwens=Vormwens.NATURA) if aanvraag else None
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             aanvraag=aanvraag_obj,
                                             motivering="U heeft hulp nodig bij structuur.")
    for regel in regels or [services.Regel(
            product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal("3"),
            begindatum=vandaag, levering=Levering.NATURA, aanbieder=cat.aanbieder)]:
        services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=regel)
    return services.beschikking_take(user=stad.pro, beschikking=beschikking)


# --- The verslag --------------------------------------------------------------------------------


def test_the_resident_reads_the_sent_verslag_in_plain_words_and_it_is_logged(  # type: ignore[no-untyped-def]
        client, stad, casus) -> None:
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    response = client.get(_verslag_url(casus, onderzoek))
    assert response.status_code == 200
    html = response.content.decode()
    for tekst in ("Ik kom mijn dag niet door", "Ik doe zelf de boodschappen",
                  "Mijn zus komt op zondag", "Zus is moe", "Het buurthuis op dinsdag",
                  "Begeleiding, 3 uur per week", "Aanvraag doen", "/natura-of-pgb/"):
        assert tekst in html
    # The preference of the verslag is chosen already.
    [keuze] = [tag for tag in re.findall(r"<input[^>]*>", html) if 'name="vormwens"' in tag
               and "checked" in tag]
    assert 'value="pgb"' in keuze
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="onderzoek",
                                      object_id=onderzoek.pk, actie="bekijken",
                                      grond="eigen").count() == 1


def test_an_unsent_verslag_is_not_found(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus, versturen=False)
    client.force_login(stad.inwoner)
    assert client.get(_verslag_url(casus, onderzoek)).status_code == 404


def test_another_residents_verslag_is_not_found(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.andere_inwoner)
    assert client.get(_verslag_url(casus, onderzoek)).status_code == 404
    # Nor through one's own casus.
    eigen = CasusFactory(inwoner=stad.andere_inwoner, opgepakt_door=stad.pro)
    assert client.get(_verslag_url(eigen, onderzoek)).status_code == 404
    assert client.post(f"/mijn/casussen/{eigen.pk}/verslag/{onderzoek.pk}/aanvragen/",
                       {"vormwens": "natura"}).status_code == 404
    assert not Aanvraag.objects.exists()


@pytest.mark.parametrize("who", ["pro", "teamleider", "manager"])
def test_staff_get_not_found_on_the_residents_pages(client, stad, casus, cat, who) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    client.force_login(getattr(stad, who))
    for url in (_verslag_url(casus, pad.onderzoek), f"/mijn/casussen/{casus.pk}/besluiten/",
                f"/mijn/casussen/{casus.pk}/besluiten/{pad.beschikking.pk}/",
                f"/mijn/casussen/{casus.pk}/besluiten/{pad.beschikking.pk}/brief.pdf"):
        assert client.get(url).status_code == 404, url


def test_anonymous_goes_to_the_resident_login(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/mijn/casussen/{casus.pk}/besluiten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_a_remark_is_kept_below_the_earlier_one_and_listed(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    url = _verslag_url(casus, onderzoek)
    assert client.post(url, {"opmerking": "Mijn zus komt op zaterdag"}).status_code == 302
    assert client.post(url, {"opmerking": "En ik heb een hond"}).status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.opmerking_inwoner.index("zaterdag") < onderzoek.opmerking_inwoner.index(
        "hond")
    html = client.get(url).content.decode()
    assert "Mijn zus komt op zaterdag" in html and "En ik heb een hond" in html
    assert BesluitGebeurtenis.objects.filter(casus=casus, soort="opmerking").count() == 2
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="onderzoek",
                                      actie="aanvullen").count() == 2


def test_an_empty_remark_shows_the_error_summary(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    response = client.post(_verslag_url(casus, onderzoek), {"opmerking": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is iets niet goed ingevuld" in html and 'href="#id_opmerking"' in html
    assert "Schrijf uw opmerking op." in html
    onderzoek.refresh_from_db()
    assert onderzoek.opmerking_inwoner == ""


# --- The one-click aanvraag ---------------------------------------------------------------------


def test_one_click_starts_the_wmo_decision_clock_of_two_weeks(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/casussen/{casus.pk}/verslag/{onderzoek.pk}/aanvragen/",
                           {"vormwens": "natura", "toelichting": "Liefst op de ochtend"})
    assert response.status_code == 302
    assert response["Location"] == f"/mijn/casussen/{casus.pk}/besluiten/"
    aanvraag = Aanvraag.objects.get(casus=casus)
    vandaag = timezone.localdate()
    assert (aanvraag.wet, aanvraag.via, aanvraag.vormwens, aanvraag.toelichting,
            aanvraag.onderzoek, aanvraag.door, aanvraag.ontvangen_op) == (
        "WMO", AanvraagVia.MIJN_TOEGANG, "natura", "Liefst op de ochtend", onderzoek,
        stad.inwoner, vandaag)
    klok = Termijn.objects.get(intake=casus.intake, soort=TermijnSoort.WMO_BESCHIKKING)
    assert klok.status == TermijnStatus.LOPEND
    assert timezone.localdate(klok.deadline) == termijn_einde(vandaag, weken=2)
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="aanvraag",
                                      object_id=aanvraag.pk, actie="indienen").count() == 1
    # The list says by when the decision comes.
    html = client.get(response["Location"]).content.decode()
    with translation.override("nl"):
        uiterlijk = formats.date_format(timezone.localtime(klok.deadline), "l j F Y")
    assert f"U krijgt ons besluit uiterlijk op {uiterlijk}." in html
    # The verslag page no longer offers it.
    html = client.get(_verslag_url(casus, onderzoek)).content.decode()
    assert "Aanvraag doen" not in html and "U heeft de ondersteuning aangevraagd op" in html


def test_a_second_click_is_refused_with_a_clear_message(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    url = f"/mijn/casussen/{casus.pk}/verslag/{onderzoek.pk}/aanvragen/"
    assert client.post(url, {"vormwens": "natura"}).status_code == 302
    response = client.post(url, {"vormwens": "natura"})
    assert response.status_code == 400
    assert "Er loopt al een aanvraag voor Wmo 2015" in response.content.decode()
    assert Aanvraag.objects.filter(casus=casus).count() == 1


def test_without_maatwerk_no_aanvraag_online_and_the_page_says_whom_to_call(  # type: ignore[no-untyped-def]
        client, stad, casus) -> None:
    onderzoek = _verslag(stad, casus, maatwerk=False)
    client.force_login(stad.inwoner)
    html = client.get(_verslag_url(casus, onderzoek)).content.decode()
    assert "Aanvraag doen" not in html
    assert "Bel dan uw contactpersoon" in html and "14 0123 100" in html
    response = client.post(f"/mijn/casussen/{casus.pk}/verslag/{onderzoek.pk}/aanvragen/",
                           {"vormwens": "natura"})
    assert response.status_code == 400
    assert "daarin staat dat u ondersteuning nodig heeft" in response.content.decode()
    assert not Aanvraag.objects.exists()
    assert not Termijn.objects.filter(soort=TermijnSoort.WMO_BESCHIKKING).exists()


def test_an_aanvraag_needs_a_choice_of_natura_or_pgb(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/casussen/{casus.pk}/verslag/{onderzoek.pk}/aanvragen/",
                           {"vormwens": "contant"})
    assert response.status_code == 400
    assert "Kies hoe u de ondersteuning wilt krijgen." in response.content.decode()
    assert not Aanvraag.objects.exists()


def test_the_aanvraag_url_only_takes_a_post(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    onderzoek = _verslag(stad, casus)
    client.force_login(stad.inwoner)
    assert client.get(f"/mijn/casussen/{casus.pk}/verslag/{onderzoek.pk}/aanvragen/"
                      ).status_code == 405


# --- Aanvragen and decisions --------------------------------------------------------------------


def test_drafts_and_decisions_awaiting_approval_are_invisible(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/casussen/{casus.pk}/besluiten/").content.decode()
    assert f"/besluiten/{pad.beschikking.pk}/" in html
    assert f"/besluiten/{pad.concept.pk}/" not in html and "Jeugdhulp ambulant" not in html
    for url in (f"/mijn/casussen/{casus.pk}/besluiten/{pad.concept.pk}/",
                f"/mijn/casussen/{casus.pk}/besluiten/{pad.concept.pk}/brief.pdf"):
        assert client.get(url).status_code == 404
    pad.concept.status = "ter_goedkeuring"
    pad.concept.save(update_fields=["status"])
    assert client.get(f"/mijn/casussen/{casus.pk}/besluiten/{pad.concept.pk}/"
                      ).status_code == 404


def test_the_decision_in_plain_words_natura_with_provider_and_pgb_with_budget(  # type: ignore[no-untyped-def]
        client, stad, casus, cat) -> None:
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    client.force_login(stad.inwoner)
    response = client.get(f"/mijn/casussen/{casus.pk}/besluiten/{pad.beschikking.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Begeleiding individueel: u krijgt dit" in html
    assert "3 uur per week" in html and "2 uur per week" in html
    assert "zolang het nodig is" in html
    assert "Uw zorgaanbieder is Zorg Dichtbij" in html
    pgb = pad.beschikking.toekenningen.get(levering="pgb")
    assert f"Uw budget is € {pgb.kosten_per_maand:.2f}".replace(".", ",") in html
    assert "Sociale Verzekeringsbank (SVB)" in html and "budgetplan" in html
    assert "Begeleiding helpt bij structuur." in html  # the motivation
    assert "artikel 2.3.5" in html
    tot = pad.beschikking.bezwaar_tot
    assert tot == termijn_einde(timezone.localdate(), weken=6)
    assert f"U kunt bezwaar maken tot en met {tot.day} " in html.replace(
        "Dan kunt u bezwaar maken", "U kunt bezwaar maken")
    assert "Stadhuisplein 1" in html  # where to send it
    assert "Wij ontvingen uw bezwaar op" in html
    assert f"/besluiten/{pad.beschikking.pk}/brief.pdf" in html
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="beschikking",
                                      object_id=pad.beschikking.pk, actie="bekijken",
                                      grond="eigen").count() == 1


def test_a_refused_product_shows_the_reason(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    beschikking = _genomen(stad, casus, cat, regels=[services.Regel(
        product=cat.begeleiding, besluit=Besluit.AFGEWEZEN,
        reden="Het buurthuis biedt dit al.")])
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/casussen/{casus.pk}/besluiten/{beschikking.pk}/").content.decode()
    assert "Begeleiding individueel: u krijgt dit niet" in html
    assert "Het buurthuis biedt dit al." in html


def test_a_herziening_and_an_intrekking_show_their_reason_and_the_history(  # type: ignore[no-untyped-def]
        client, stad, casus, cat) -> None:
    oud = _genomen(stad, casus, cat)
    nieuw = services.beschikking_revise(user=stad.pro, beschikking=oud,
                                        reden="Meer uren nodig na de val.")
    nieuw = services.beschikking_take(user=stad.pro, beschikking=nieuw)
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/casussen/{casus.pk}/besluiten/{oud.pk}/").content.decode()
    assert "wij hebben het vervangen door een nieuw besluit" in html
    assert f"/besluiten/{nieuw.pk}/" in html
    html = client.get(f"/mijn/casussen/{casus.pk}/besluiten/{nieuw.pk}/").content.decode()
    assert "Waarom veranderen wij ons besluit?" in html and "Meer uren nodig na de val." in html
    assert "Nieuw besluit (herziening)" in html and "Besluit genomen" in html

    per = timezone.localdate() + dt.timedelta(days=14)
    services.beschikking_withdraw(user=stad.pro, beschikking=nieuw, per=per,
                                  reden="U verhuist naar een andere gemeente.")
    html = client.get(f"/mijn/casussen/{casus.pk}/besluiten/{nieuw.pk}/").content.decode()
    assert "Wij hebben dit besluit ingetrokken" in html
    assert "U verhuist naar een andere gemeente." in html
    assert "Besluit ingetrokken" in html and "Tegen het intrekken:" in html


def test_another_residents_decision_is_not_found(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    eigen = CasusFactory(inwoner=stad.andere_inwoner, opgepakt_door=stad.pro)
    client.force_login(stad.andere_inwoner)
    for c in (casus, eigen):
        for url in (f"/mijn/casussen/{c.pk}/besluiten/{pad.beschikking.pk}/",
                    f"/mijn/casussen/{c.pk}/besluiten/{pad.beschikking.pk}/brief.pdf"):
            assert client.get(url).status_code == 404, url
    assert client.get(f"/mijn/casussen/{casus.pk}/besluiten/").status_code == 404
    assert client.get(f"/mijn/casussen/{eigen.pk}/besluiten/").status_code == 200


def test_the_resident_downloads_the_letter(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    client.force_login(stad.inwoner)
    response = client.get(f"/mijn/casussen/{casus.pk}/besluiten/{pad.beschikking.pk}/brief.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert pad.beschikking.kenmerk in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="beschikking",
                                      object_id=pad.beschikking.pk,
                                      actie="exporteren").count() == 1


def test_the_list_runs_the_same_number_of_queries_for_one_and_many_decisions(  # type: ignore[no-untyped-def]
        client, stad, cat) -> None:
    counts = []
    for n in (1, 4):
        casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)
        _verslag(stad, casus)
        for _i in range(n):
            _genomen(stad, casus, cat, regels=[
                services.Regel(product=cat.begeleiding, besluit=Besluit.TOEGEKEND,
                               volume=Decimal("2"), begindatum=timezone.localdate(),
                               levering=Levering.PGB),
                services.Regel(product=cat.begeleiding, besluit=Besluit.AFGEWEZEN,
                               reden="Niet nodig")])
        client.force_login(stad.inwoner)
        url = f"/mijn/casussen/{casus.pk}/besluiten/"
        client.get(url)  # warm up the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("u krijgt dit niet") == n
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_the_decision_page_runs_a_fixed_number_of_queries(client, stad, cat) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for n in (1, 5):
        casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)
        beschikking = _genomen(stad, casus, cat, regels=[
            services.Regel(product=cat.begeleiding, besluit=Besluit.TOEGEKEND,
                           volume=Decimal(i + 1), begindatum=timezone.localdate(),
                           levering=Levering.NATURA, aanbieder=cat.aanbieder)
            for i in range(n)])
        client.force_login(stad.inwoner)
        url = f"/mijn/casussen/{casus.pk}/besluiten/{beschikking.pk}/"
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


# --- Telling the resident -----------------------------------------------------------------------


def test_a_resident_who_chose_letters_gets_a_letter_when_the_decision_is_taken(stad, cat) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro,
                         intake__contact_voorkeur="brief")
    beschikking = _genomen(stad, casus, cat)
    brief = Brief.objects.get(sleutel=f"brief:besluit:{beschikking.pk}")
    assert brief.inwoner_id == stad.inwoner.pk and brief.intake_id == casus.intake_id
    assert beschikking.kenmerk in brief.tekst and "bezwaar" in brief.tekst
    assert brief.straat == "Dorpsstraat 1"


def test_the_message_links_to_pages_that_exist(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    """Every link the services put in the resident's inbox leads to a page they can open."""
    besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    client.force_login(stad.inwoner)
    urls = set(Notificatie.objects.filter(ontvanger=stad.inwoner).exclude(url="")
               .values_list("url", flat=True))
    assert any("/verslag/" in u for u in urls) and any(u.endswith("/besluiten/") for u in urls)
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- The public page about natura and pgb ------------------------------------------------------


def test_the_pgb_page_is_public_and_names_the_svb_and_the_budget_plan(client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/natura-of-pgb/")
    assert response.status_code == 200
    html = response.content.decode()
    for tekst in ("Zorg in natura", "persoonsgebonden budget", "budgetplan",
                  "Sociale Verzekeringsbank (SVB)", "pgb-tarief kan lager zijn"):
        assert tekst in html
    assert "<script>" not in html.split("</head>")[1].split("<footer")[0]


# --- The resident's request page ----------------------------------------------------------------


def test_the_request_page_links_to_the_verslag_and_decisions_only_when_there_are_any(  # type: ignore[no-untyped-def]
        client, stad, casus, cat) -> None:
    client.force_login(stad.inwoner)
    url = f"/mijn/aanvragen/{casus.intake_id}/"
    assert "Verslag, aanvraag en besluiten" not in client.get(url).content.decode()
    _verslag(stad, casus, versturen=False)
    assert "Verslag, aanvraag en besluiten" not in client.get(url).content.decode()
    onderzoek = _verslag(stad, casus)
    html = client.get(url).content.decode()
    assert _verslag_url(casus, onderzoek) in html
    assert f"/mijn/casussen/{casus.pk}/besluiten/" not in html
    _genomen(stad, casus, cat)
    assert f"/mijn/casussen/{casus.pk}/besluiten/" in client.get(url).content.decode()


def test_the_request_page_runs_the_same_number_of_queries_for_one_and_many_verslagen(  # type: ignore[no-untyped-def]
        client, stad, cat) -> None:
    urls = {}
    for n in (1, 4):
        casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)
        for _i in range(n):
            _verslag(stad, casus)
            _genomen(stad, casus, cat)
        urls[n] = f"/mijn/aanvragen/{casus.intake_id}/"
    client.force_login(stad.inwoner)
    for url in urls.values():
        client.get(url)  # warm up the session and the per-process caches
    counts = []
    for n, url in urls.items():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        assert html.count("Verslag van uw gesprek op") == n
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


# --- AVG inzage ---------------------------------------------------------------------------------


def test_the_inzage_holds_the_verslagen_aanvragen_and_decisions_but_no_drafts(  # type: ignore[no-untyped-def]
        client, stad, casus, cat) -> None:
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    services.verslag_remark(user=stad.inwoner, onderzoek=pad.onderzoek, tekst="Klopt bijna")
    [intake] = inzage_data(user=stad.inwoner)["intakes"]
    data = intake["casus"]
    [verslag] = data["verslagen"]
    assert verslag["hulpvraag"] == "Structuur in de dag" and "Klopt bijna" in verslag[
        "uw_opmerkingen"]
    [aanvraag] = data["aanvragen"]
    assert (aanvraag["wet"], aanvraag["via"], aanvraag["vormwens"]) == ("WMO", "mijn_toegang",
                                                                       "pgb")
    [besluit] = data["besluiten"]  # the Jeugdwet draft is not there
    assert besluit["kenmerk"] == pad.beschikking.kenmerk
    assert [(r["product"], r["volume"], r["levering"], r["aanbieder"])
            for r in besluit["regels"]] == [("Begeleiding individueel", "3.00", "natura",
                                             "Zorg Dichtbij"),
                                            ("Begeleiding individueel", "2.00", "pgb", "")]
    assert besluit["bezwaren"][0]["toelichting"] == "Te weinig uren."
    client.force_login(stad.inwoner)
    html = client.get("/mijn/mijn-gegevens/").content.decode()
    for tekst in ("Verslag van het gesprek op", "Klopt bijna", "Uw aanvragen voor ondersteuning",
                  pad.beschikking.kenmerk, "3 uur per week", "zolang het nodig is",
                  "Zorg Dichtbij"):
        assert tekst in html, tekst
    assert pad.concept.kenmerk not in html


def test_the_inzage_runs_the_same_number_of_queries_for_one_and_many_decisions(  # type: ignore[no-untyped-def]
        stad, cat) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            inzage_data(user=stad.inwoner)
        return len(ctx.captured_queries)

    casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)
    _verslag(stad, casus)
    _genomen(stad, casus, cat)
    een = count()
    for _i in range(3):
        _verslag(stad, casus)
        _genomen(stad, casus, cat)
    assert count() == een
