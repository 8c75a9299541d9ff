"""Letters on paper: queued once per key, taken into a print batch once, printed as a PDF
with letterhead, window address, date, subject, body and closing."""

import datetime as dt
import io
import threading

import pytest
import time_machine
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import BeheerderFactory
from toegang.berichten import services
from toegang.berichten.models import Brief, BriefStatus, Printbatch
from toegang.berichten.printen import printbatch_pdf
from toegang.berichten.selectors import brieven_in, printwachtrij_stand
from toegang.berichten.services import (
    Adres,
    brief_cancel,
    brief_queue,
    email_queue,
    printbatch_make,
)
from toegang.thema.models import Thema
from toegang.thema.services import thema_activeren

pytestmark = pytest.mark.django_db

ADRES = Adres(straat="Kerkstraat 12 A", postcode="7511ab", woonplaats="Dijkstad")
TEKST = ("U hebt ons gevraagd om hulp bij het huishouden.\n\n"
         "We komen op dinsdag 2 juni om 10.00 uur bij u langs.\nKan het dan niet? Bel ons.")


def _brief(sleutel: str = "brief:1", **kwargs) -> Brief:  # type: ignore[no-untyped-def]
    waarden = {"aan_naam": "Sanne de Vries", "adres": ADRES,
               "onderwerp": "Uitnodiging voor een gesprek", "tekst": TEKST, "sleutel": sleutel}
    waarden.update(kwargs)
    brief = brief_queue(**waarden)
    assert brief is not None
    return brief


def _tekst(pdf: bytes) -> list[str]:
    """The text of each page, with runs of white space made one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_letter_waits_in_the_queue_with_its_address_as_on_an_envelope() -> None:
    brief = _brief(inwoner_id=41, intake_id=7)
    assert brief.status == BriefStatus.WACHT and brief.printbatch is None
    assert brief.adresregels == ("Kerkstraat 12 A", "7511 AB  DIJKSTAD")
    assert (brief.inwoner_id, brief.intake_id) == (41, 7)
    assert str(brief) == f"Brief {brief.pk} (wacht op printen)"  # no name in logs


def test_the_same_key_makes_one_letter() -> None:
    _brief()
    assert brief_queue(aan_naam="Iemand anders", adres=ADRES, onderwerp="x", tekst="y",
                       sleutel="brief:1") is None
    assert Brief.objects.count() == 1


def test_the_same_key_after_printing_still_makes_no_second_letter() -> None:
    _brief()
    printbatch_make(user=BeheerderFactory())
    assert brief_queue(aan_naam="Sanne de Vries", adres=ADRES, onderwerp="x", tekst="y",
                       sleutel="brief:1") is None
    assert printbatch_make(user=BeheerderFactory()) is None


@pytest.mark.parametrize("veld", ["aan_naam", "onderwerp", "tekst", "sleutel"])
def test_an_empty_field_is_refused(veld: str) -> None:
    with pytest.raises(ValueError, match=veld):
        _brief(**{veld: "  "})
    assert not Brief.objects.exists()


def test_an_address_without_a_street_or_too_long_a_name_is_refused() -> None:
    with pytest.raises(ValueError, match="straat"):
        _brief(adres=Adres(straat="", postcode="7511 AB", woonplaats="Dijkstad"))
    with pytest.raises(ValueError, match="aan_naam"):
        _brief(aan_naam="x" * 201)
    assert not Brief.objects.exists()


def test_a_batch_takes_every_waiting_letter_oldest_first_and_marks_them_printed() -> None:
    beheerder = BeheerderFactory()
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)):
        oud = _brief("brief:oud")
    with time_machine.travel(dt.datetime(2026, 6, 2, 9, 0, tzinfo=dt.UTC)):
        nieuw = _brief("brief:nieuw")
        geannuleerd = _brief("brief:weg")
        assert brief_cancel(sleutel="brief:weg")
    with time_machine.travel(dt.datetime(2026, 6, 3, 14, 0, tzinfo=dt.UTC), tick=False):
        batch = printbatch_make(user=beheerder)
    assert batch is not None
    assert (batch.aantal, batch.gemaakt_door) == (2, beheerder)
    assert [b.pk for b in brieven_in(printbatch=batch)] == [oud.pk, nieuw.pk]
    for brief in (oud, nieuw):
        brief.refresh_from_db()
        assert brief.status == BriefStatus.GEPRINT and brief.printbatch == batch
        assert brief.printed_at == batch.created_at == dt.datetime(2026, 6, 3, 14, tzinfo=dt.UTC)
    geannuleerd.refresh_from_db()
    assert geannuleerd.status == BriefStatus.GEANNULEERD and geannuleerd.printbatch is None
    assert printbatch_make(user=beheerder) is None  # nothing waits any more
    assert Printbatch.objects.count() == 1


def test_a_printed_letter_can_no_longer_be_cancelled() -> None:
    _brief()
    printbatch_make(user=BeheerderFactory())
    assert not brief_cancel(sleutel="brief:1")
    assert not brief_cancel(sleutel="bestaat-niet")
    assert Brief.objects.get().status == BriefStatus.GEPRINT


def test_a_batch_takes_at_most_the_maximum_and_the_rest_waits(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(services, "PRINTBATCH_MAX_BRIEVEN", 2)
    for i in range(3):
        _brief(f"brief:{i}")
    beheerder = BeheerderFactory()
    assert printbatch_make(user=beheerder).aantal == 2  # type: ignore[union-attr]
    assert printwachtrij_stand().wachtend == 1
    assert printbatch_make(user=beheerder).aantal == 1  # type: ignore[union-attr]


@pytest.mark.django_db(transaction=True)
def test_a_second_batch_while_the_first_is_being_made_skips_its_letters(  # type: ignore[no-untyped-def]
        on_postgres, monkeypatch) -> None:
    """SKIP LOCKED: the second beheerder neither waits for the first nor takes his letters."""
    monkeypatch.setattr(services, "PRINTBATCH_MAX_BRIEVEN", 3)
    for i in range(5):
        _brief(f"brief:{i}")
    eerste, tweede = BeheerderFactory(), BeheerderFactory()
    genomen = threading.Event()
    tweede_klaar = threading.Event()
    fouten: list[BaseException] = []

    def eerste_beheerder() -> None:
        try:
            with transaction.atomic():  # holds the locks until the second one is done
                printbatch_make(user=eerste)
                genomen.set()
                assert tweede_klaar.wait(10), "the second batch waited for the first"
        except BaseException as exc:
            fouten.append(exc)
            genomen.set()
        finally:
            connection.close()

    def tweede_beheerder() -> None:
        try:
            genomen.wait(10)
            printbatch_make(user=tweede)
        except BaseException as exc:
            fouten.append(exc)
        finally:
            tweede_klaar.set()
            connection.close()

    threads = [threading.Thread(target=eerste_beheerder), threading.Thread(target=tweede_beheerder)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not fouten, fouten
    batches = {b.gemaakt_door_id: b for b in Printbatch.objects.all()}
    assert (batches[eerste.pk].aantal, batches[tweede.pk].aantal) == (3, 2)
    assert not Brief.objects.filter(status=BriefStatus.WACHT).exists()
    assert {b.printbatch_id for b in Brief.objects.all()} == {b.pk for b in batches.values()}


@pytest.mark.django_db(transaction=True)
def test_two_batches_made_at_the_same_moment_print_every_letter_once(on_postgres) -> None:  # type: ignore[no-untyped-def]
    for i in range(40):
        _brief(f"brief:{i}")
    beheerders = [BeheerderFactory() for _ in range(2)]
    barrier = threading.Barrier(2)
    fouten: list[BaseException] = []

    def maak(user) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait(10)
            printbatch_make(user=user)
        except BaseException as exc:
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=maak, args=(u,)) for u in beheerders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not fouten, fouten
    assert sum(Printbatch.objects.values_list("aantal", flat=True)) == 40
    assert not Brief.objects.filter(printbatch__isnull=True).exists()
    for batch in Printbatch.objects.all():
        assert batch.brieven.count() == batch.aantal


@override_settings(GEMEENTE_NAAM="Gemeente Dijkstad", GEMEENTE_ADRES="Stadhuisplein 1",
                   GEMEENTE_POSTCODE_PLAATS="7511 AA Dijkstad", GEMEENTE_TELEFOON="14 0123",
                   GEMEENTE_WEBSITE="www.dijkstad.example.nl")
def test_the_pdf_has_one_letter_per_page_set_with_everything_on_it() -> None:
    _brief("brief:1")
    _brief("brief:2", aan_naam="Ştefan <b>Öztürk</b> & zn", onderwerp="Uw plan “klaar”",
           adres=Adres(straat="Havenweg 3", postcode="7561 XY", woonplaats="Dijkstad"),
           tekst="Eerste alinea.\n\n" + "Een lange alinea die doorloopt. " * 400)
    with time_machine.travel(dt.datetime(2026, 6, 3, 14, 0, tzinfo=dt.UTC), tick=False):
        batch = printbatch_make(user=BeheerderFactory())
    assert batch is not None
    paginas = _tekst(printbatch_pdf(printbatch=batch, brieven=brieven_in(printbatch=batch)))
    assert len(paginas) >= 3  # the second letter runs over
    eerste, tweede = paginas[0], paginas[1]
    for deel in ["Gemeente Dijkstad", "Stadhuisplein 1", "7511 AA Dijkstad", "Telefoon 14 0123",
                 "www.dijkstad.example.nl",  # the letterhead
                 "Sanne de Vries Kerkstraat 12 A 7511 AB DIJKSTAD",  # the window address
                 "Datum 3 juni 2026", "Onderwerp Uitnodiging voor een gesprek",
                 "Beste Sanne de Vries,", "U hebt ons gevraagd om hulp bij het huishouden.",
                 "We komen op dinsdag 2 juni om 10.00 uur bij u langs. Kan het dan niet? Bel ons.",
                 "Met vriendelijke groet, Gemeente Dijkstad"]:
        assert deel in eerste, deel
    assert "Ştefan" not in tweede
    for deel in ["Gemeente Dijkstad", "Stefan <b>Öztürk</b> & zn Havenweg 3 7561 XY DIJKSTAD",
                 "Onderwerp Uw plan “klaar”", "Eerste alinea."]:
        assert deel in tweede, deel
    assert "Met vriendelijke groet" not in tweede
    vervolg = paginas[2]
    assert vervolg.startswith("Gemeente Dijkstad - brief aan Stefan <b>Öztürk</b> & zn van "
                              "3 juni 2026 pagina 2")
    assert "Met vriendelijke groet, Gemeente Dijkstad" in paginas[-1]


def test_letters_and_e_mails_carry_the_active_themes_name_and_contact_details() -> None:
    """A municipality that sets its theme sees its own name, address and number on the pages,
    the printed letters and the e-mails alike."""
    thema = Thema.objects.create(naam="Zeevliet", gemeentenaam="Gemeente Zeevliet",
                                 telefoonnummer="14 0999", website="www.zeevliet.example.nl",
                                 postadres="Postbus 8\n4500 AA Zeevliet")
    thema_activeren(thema=thema)
    _brief("brief:1")
    batch = printbatch_make(user=BeheerderFactory())
    assert batch is not None
    [pagina] = _tekst(printbatch_pdf(printbatch=batch, brieven=brieven_in(printbatch=batch)))
    for deel in ["Gemeente Zeevliet Postbus 8 4500 AA Zeevliet Telefoon 14 0999",
                 "www.zeevliet.example.nl", "Retouradres: Postbus 8, 4500 AA Zeevliet",
                 "Met vriendelijke groet, Gemeente Zeevliet"]:
        assert deel in pagina, deel
    assert "Dijkstad" not in pagina.replace("DIJKSTAD", "")  # the resident lives there
    email = email_queue(aan="sanne@example.nl", onderwerp="Test",
                        template="berichten/email/notificatie",
                        context={"onderwerp": "Test", "tekst": "Hallo", "url": "/mijn/"})
    assert email is not None
    assert "Gemeente Zeevliet" in email.tekst and "14 0999" in email.tekst
    assert "Dijkstad" not in email.tekst


def test_the_pdf_is_the_same_letters_when_downloaded_again_later() -> None:
    _brief()
    with time_machine.travel(dt.datetime(2026, 6, 3, 14, 0, tzinfo=dt.UTC), tick=False):
        batch = printbatch_make(user=BeheerderFactory())
    assert batch is not None
    with time_machine.travel(dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        later = _tekst(printbatch_pdf(printbatch=batch, brieven=brieven_in(printbatch=batch)))
    assert "Datum 3 juni 2026" in later[0]


def test_the_queue_state_counts_waiting_letters_and_says_when_one_waits_too_long() -> None:
    leeg = printwachtrij_stand()
    assert (leeg.wachtend, leeg.oudste_wachtend, leeg.te_lang, leeg.laatste_batch) == (
        0, None, False, None)
    # Thursday 4 June 2026; Monday 8 June is 2 working days later, Tuesday the 9th 3.
    donderdag = timezone.make_aware(dt.datetime(2026, 6, 4, 16, 0))
    with time_machine.travel(donderdag, tick=False):
        _brief("brief:1")
    with time_machine.travel(donderdag + dt.timedelta(days=1), tick=False):
        _brief("brief:2")
    maandag = printwachtrij_stand(now=timezone.make_aware(dt.datetime(2026, 6, 8, 17, 0)))
    assert (maandag.wachtend, maandag.oudste_wachtend, maandag.te_lang) == (2, donderdag, False)
    dinsdag = printwachtrij_stand(now=timezone.make_aware(dt.datetime(2026, 6, 9, 9, 0)))
    assert dinsdag.te_lang
    with time_machine.travel(dt.datetime(2026, 6, 9, 9, 0, tzinfo=dt.UTC), tick=False):
        printbatch_make(user=BeheerderFactory())
    na = printwachtrij_stand()
    assert (na.wachtend, na.te_lang, na.laatste_batch) == (
        0, False, dt.datetime(2026, 6, 9, 9, 0, tzinfo=dt.UTC))
