"""The print queue for the functioneel beheerder: counts without names, a new batch downloaded
at once, earlier batches downloaded again, every download in the access log; nobody else
gets in. Diagnose shows the queue and says when a letter waits too long."""

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import (
    BeheerderFactory,
    IntakeFactory,
    InwonerFactory,
    ManagerFactory,
    PrivacyFactory,
    ProfessionalFactory,
    TeamleiderFactory,
)
from toegang.audit.models import Actie, Toegangslog
from toegang.berichten.models import Brief, BriefStatus, Printbatch
from toegang.berichten.services import Adres, brief_queue, printbatch_make

# A row heading and its value in the page's table (utrecht-table).
CEL = '</th><td class="utrecht-table__cell">'

pytestmark = pytest.mark.django_db

PAGINA = "/berichten/printwachtrij/"
NIEUW = "/berichten/printwachtrij/nieuw/"


def _brief(n: int = 1, *, inwoner_id: int | None = None, intake_id: int | None = None) -> Brief:
    brief = brief_queue(aan_naam=f"Sanne de Vries {n}",
                        adres=Adres(straat=f"Kerkstraat {n}", postcode="7511 AB",
                                    woonplaats="Dijkstad"),
                        onderwerp=f"Uitnodiging {n}", tekst=f"Geheime tekst {n}.",
                        sleutel=f"brief:{n}", inwoner_id=inwoner_id, intake_id=intake_id)
    assert brief is not None
    return brief


def _pdf_tekst(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(content)).pages)


def test_the_beheerder_sees_how_many_wait_but_no_names_or_content(client) -> None:  # type: ignore[no-untyped-def]
    _brief(1)
    _brief(2)
    client.force_login(BeheerderFactory())
    response = client.get(PAGINA)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Wacht op printen{CEL}2" in html
    assert "Nieuwe printbatch maken en downloaden" in html
    assert "Er zijn nog geen printbatches gemaakt." in html
    for persoonlijk in ["Sanne", "Kerkstraat", "Uitnodiging", "Geheime"]:
        assert persoonlijk not in html
    assert f'href="{PAGINA}" aria-current="page">Printwachtrij</a>' in html  # the menu


def test_a_new_batch_is_made_and_downloaded_with_one_log_row_per_letter(client) -> None:  # type: ignore[no-untyped-def]
    beheerder = BeheerderFactory(first_name="Bea", last_name="Heer")
    eerste = _brief(1, inwoner_id=501, intake_id=601)
    tweede = _brief(2)
    client.force_login(beheerder)
    with time_machine.travel(dt.datetime(2026, 6, 3, 14, 0, tzinfo=dt.UTC), tick=False):
        response = client.post(NIEUW)
    batch = Printbatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/berichten/printwachtrij/{batch.pk}.pdf"
    assert (batch.aantal, batch.gemaakt_door) == (2, beheerder)
    assert set(Brief.objects.values_list("status", flat=True)) == {BriefStatus.GEPRINT}
    assert not Toegangslog.objects.exists()  # making the batch reads nothing yet

    download = client.get(response["Location"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="printbatch-{batch.pk}-2026-06-03.pdf"')
    assert download["Cache-Control"] == "private, no-store"
    tekst = _pdf_tekst(download.content)
    assert "Sanne de Vries 1 Kerkstraat 1 7511 AB DIJKSTAD" in tekst
    assert "Geheime tekst 2." in tekst

    rijen = list(Toegangslog.objects.order_by("object_id"))
    assert [(r.object_type, r.object_id, r.actie, r.grond) for r in rijen] == [
        ("brief", eerste.pk, Actie.EXPORTEREN, "brief"),
        ("brief", tweede.pk, Actie.EXPORTEREN, "brief")]
    assert (rijen[0].inwoner_id, rijen[0].intake_id) == (501, 601)
    assert (rijen[1].inwoner_id, rijen[1].intake_id) == (None, None)
    assert {(r.user_id, r.rol, r.user_naam, r.doel) for r in rijen} == {
        (beheerder.pk, "beheerder", "Bea Heer", f"printbatch {batch.pk}")}
    assert rijen[0].grond_label == "brief per post"

    # The page now lists the batch; downloading it again logs again.
    html = client.get(PAGINA).content.decode()
    assert f"Wacht op printen{CEL}0" in html and "Er wachten geen brieven." in html
    assert f"Printbatch {batch.pk} downloaden (PDF)" in html and "Bea Heer" in html
    assert client.get(f"/berichten/printwachtrij/{batch.pk}.pdf").status_code == 200
    assert Toegangslog.objects.count() == 4


def test_when_nothing_waits_the_beheerder_is_told_and_no_batch_is_made(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(BeheerderFactory())
    response = client.post(NIEUW, follow=True)
    assert response.redirect_chain == [(PAGINA, 302)]
    assert "Er wachten geen brieven. Misschien heeft een collega" in response.content.decode()
    assert not Printbatch.objects.exists()


def test_making_a_batch_needs_a_post(client) -> None:  # type: ignore[no-untyped-def]
    _brief()
    client.force_login(BeheerderFactory())
    assert client.get(NIEUW).status_code == 405
    assert not Printbatch.objects.exists()


def test_a_batch_that_does_not_exist_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(BeheerderFactory())
    assert client.get("/berichten/printwachtrij/999.pdf").status_code == 404


@pytest.mark.parametrize("factory", [InwonerFactory, ProfessionalFactory, TeamleiderFactory,
                                     ManagerFactory, PrivacyFactory])
def test_nobody_but_the_beheerder_gets_in(client, factory) -> None:  # type: ignore[no-untyped-def]
    _brief()
    batch = printbatch_make(user=BeheerderFactory())
    _brief(2)
    client.force_login(factory())
    assert client.get(PAGINA).status_code == 404
    assert client.post(NIEUW).status_code == 404
    assert client.get(f"/berichten/printwachtrij/{batch.pk}.pdf").status_code == 404  # type: ignore[union-attr]
    assert Printbatch.objects.count() == 1 and not Toegangslog.objects.exists()
    assert "Printwachtrij" not in client.get("/berichten/").content.decode()


def test_anonymous_visitors_go_to_the_staff_login(client) -> None:  # type: ignore[no-untyped-def]
    _brief()
    batch = printbatch_make(user=BeheerderFactory())
    for url in [PAGINA, f"/berichten/printwachtrij/{batch.pk}.pdf"]:  # type: ignore[union-attr]
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/medewerker/inloggen/?next=")
    assert client.post(NIEUW).status_code == 302
    assert Printbatch.objects.count() == 1 and not Toegangslog.objects.exists()


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_one_batch_or_many(client) -> None:  # type: ignore[no-untyped-def]
    beheerder = BeheerderFactory()
    client.force_login(beheerder)
    _brief(0)
    printbatch_make(user=beheerder)
    _brief(1)
    een = _queries(client, PAGINA)
    for n in range(2, 60):
        _brief(n)
        if n % 2:
            printbatch_make(user=BeheerderFactory())
    assert Printbatch.objects.count() > 25  # more than one page of batches
    assert _queries(client, PAGINA) == een
    assert _queries(client, PAGINA + "?pagina=2") == een


def test_a_download_costs_the_same_queries_with_one_letter_or_many(client) -> None:  # type: ignore[no-untyped-def]
    beheerder = BeheerderFactory()
    client.force_login(beheerder)
    _brief(0)
    klein = printbatch_make(user=beheerder)
    for n in range(1, 40):
        _brief(n, inwoner_id=n, intake_id=n)
    groot = printbatch_make(user=beheerder)
    assert (klein.aantal, groot.aantal) == (1, 39)  # type: ignore[union-attr]
    een = _queries(client, f"/berichten/printwachtrij/{klein.pk}.pdf")  # type: ignore[union-attr]
    assert _queries(client, f"/berichten/printwachtrij/{groot.pk}.pdf") == een  # type: ignore[union-attr]
    assert Toegangslog.objects.count() == 40


def test_diagnose_shows_the_letters_waiting_and_warns_when_one_waits_too_long(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(BeheerderFactory())
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 6, 4, 16, 0)), tick=False):
        _brief()
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 6, 8, 17, 0)), tick=False):
        html = client.get("/diagnose/").content.decode()
    assert "Brieven per post" in html
    assert f"Wacht op printen{CEL}1 (de oudste sinds 4 juni 2026 16:00)" in html
    assert "langer dan 2 werkdagen" not in html
    assert f'href="{PAGINA}"' in html
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 6, 9, 9, 0)), tick=False):
        html = client.get("/diagnose/").content.decode()
    assert "Er wacht een brief langer dan 2 werkdagen." in html
    assert "Sanne" not in html and "Uitnodiging" not in html


def test_the_resident_sees_that_the_letter_was_printed_for_the_post(client, stad) -> None:  # type: ignore[no-untyped-def]
    inwoner, beheerder = stad.inwoner, stad.beheerder
    intake = IntakeFactory(inwoner=inwoner)
    _brief(inwoner_id=inwoner.pk, intake_id=intake.pk)
    batch = printbatch_make(user=beheerder)
    client.force_login(beheerder)
    client.get(f"/berichten/printwachtrij/{batch.pk}.pdf")  # type: ignore[union-attr]
    client.force_login(inwoner)
    html = client.get("/mijn/wie-keek-mee/").content.decode()
    assert "brief per post" in html and "geëxporteerd" in html
