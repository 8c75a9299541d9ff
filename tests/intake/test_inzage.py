"""AVG inzage: a resident sees and downloads everything Toegang stores about them, and only that."""

import datetime as dt
import html
import io
import json
from dataclasses import dataclass, replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from casussen.afspraken.models import Afspraak
from casussen.afspraken.services import (
    Gegevens,
    afspraak_ask_other_time,
    afspraak_plan,
    afspraak_record,
)
from casussen.models import Casus
from casussen.services import betrokkene_add
from intake.models import Intake, Toestemming
from intake.services import (
    aanvulling_add,
    veiligheidsmelding_create,
)
from tests.bestanden import PDF as REAL_PDF
from tests.factories import (
    CasusFactory,
    HuishoudlidGegevens,
    IntakeFactory,
    ProfessionalFactory,
    ToestemmingFactory,
)
from toegang.accounts.models import User
from toegang.audit.models import Toegangslog
from toegang.berichten.services import notificatie_send
from toegang.inzage.pdf import pdf_text
from toegang.inzage.selectors import inzage_data

pytestmark = pytest.mark.django_db

BSN = "111222333"
VRAAG = "Ik krijg de rekeningen niet meer betaald en ik slaap slecht."
MARKUP = "<script>alert(1)</script> en <b>&</b>"
PDF_FILE = REAL_PDF
URLS = ["/mijn/mijn-gegevens/", "/mijn/mijn-gegevens.pdf", "/mijn/mijn-gegevens.json"]


@dataclass
class Dossier:
    intake: Intake
    casus: Casus
    jeugd: Toestemming   # given, then withdrawn
    werk: Toestemming    # given
    betrokkene: User     # involved in the case and looked at the intake: never named


def _vul(stad, *, betrokkene=None, **overrides  # type: ignore[no-untyped-def]
         ) -> tuple[Intake, Casus, Toestemming, Toestemming]:
    """An intake with household, an addition with a file, two consents, a case with a team
    involved, one visible and one hidden safety override."""
    intake = IntakeFactory(
        inwoner=stad.inwoner, bsn=BSN, vraag=VRAAG, wens=f"Eén rustig gesprek. {MARKUP}",
        wie_helpt="Mijn zus Zoë, soms. Kosten € 20.",
        huishouden=[HuishoudlidGegevens(relatie="partner", naam="Sem", geboortejaar=1983)],
        **overrides)
    aanvulling_add(user=stad.inwoner, intake=intake, tekst="We zijn verhuisd naar de Kerkweg.",
                   grond="eigen", bestanden=[SimpleUploadedFile(
                       "brief van de bank.pdf", PDF_FILE, content_type="application/pdf")])
    jeugd = ToestemmingFactory(intake=intake, wet="JEUGDWET", ingetrokken=True)
    werk = ToestemmingFactory(intake=intake, wet="PARTICIPATIEWET")
    casus = CasusFactory(intake=intake, opgepakt_door=stad.pro)
    betrokkene_add(user=stad.pro, casus=casus, team=stad.werk, rol="consulent",
                   professional=betrokkene or stad.pro_werk)
    veiligheidsmelding_create(user=stad.pro, intake=intake, reden="Zichtbare zorg",
                              meldcode_stap=2, teams=[stad.jeugdteam])
    veiligheidsmelding_create(user=stad.pro, intake=intake, reden="Verborgen zorg",
                              meldcode_stap=3, teams=[stad.wijkteam_noord],
                              tonen_aan_inwoner=False, reden_niet_tonen="Niet veilig.")
    return intake, casus, jeugd, werk


@pytest.fixture
def dossier(stad, client) -> Dossier:  # type: ignore[no-untyped-def]
    betrokkene = ProfessionalFactory(first_name="Bram", last_name="Onbenoemd",
                                     username="bram.onbenoemd", teams=[stad.werk])
    intake, casus, jeugd, werk = _vul(stad, betrokkene=betrokkene)
    notificatie_send(ontvanger=stad.inwoner, soort="info", onderwerp="Uw regiehouder",
                     tekst="U heeft een regiehouder.", email=False)
    # Staff looked: the werk team (with consent) opened the intake.
    client.force_login(betrokkene)
    assert client.get(f"/werk/intakes/{intake.pk}/").status_code == 200
    client.logout()
    # Another resident's intake and message must never appear.
    IntakeFactory(inwoner=stad.andere_inwoner, voornaam="Kees", achternaam="Buurman",
                vraag="De vraag van de buren.", bsn="123456782")
    notificatie_send(ontvanger=stad.andere_inwoner, soort="info", onderwerp="Bericht buren",
                     email=False)
    return Dossier(intake=intake, casus=casus, jeugd=jeugd, werk=werk, betrokkene=betrokkene)


def _download(client, user, url: str):  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- Content ---------------------------------------------------------------------------------


def test_inzage_holds_every_section_of_the_resident(stad, dossier) -> None:  # type: ignore[no-untyped-def]
    data = inzage_data(user=stad.inwoner)
    assert data["account"]["email"] == stad.inwoner.email
    assert "password" not in json.dumps(data)
    assert [i["referentie"] for i in data["intakes"]] == [dossier.intake.referentie]
    intake = data["intakes"][0]
    assert intake["vraag"] == VRAAG
    assert intake["huishouden"] == [{"relatie": "partner", "naam": "Sem", "geboortejaar": 1983,
                                     "vraag_gaat_over": False}]
    assert intake["levensgebieden"] == ["huisvesting"]
    assert [a["tekst"] for a in intake["aanvullingen"]] == ["We zijn verhuisd naar de Kerkweg."]
    assert intake["bijlagen"] == [{"naam": "brief van de bank.pdf", "soort": "application/pdf",
                                   "grootte": len(PDF_FILE),
                                   "op": intake["bijlagen"][0]["op"]}]

    consents = {t["wet"]: t for t in intake["toestemmingen"]}
    jeugd = consents["JEUGDWET"]
    assert jeugd["status"] == "ingetrokken"
    assert [(g["soort"], g["door"]) for g in jeugd["geschiedenis"]] == \
        [("gegeven", "inwoner"), ("ingetrokken", "inwoner")]
    assert jeugd["doelteksten"] == [{"versie": dossier.jeugd.doel.versie,
                                     "vraag": dossier.jeugd.doel.vraag,
                                     "uitleg": dossier.jeugd.doel.uitleg}]
    assert jeugd["ingetrokken_op"] is not None
    assert consents["PARTICIPATIEWET"]["status"] == "gegeven"

    casus = intake["casus"]
    assert casus["status"] == "in_behandeling"
    assert [(r["naam"], r["team"], r["tot"]) for r in casus["regiehouders"]] == \
        [(stad.pro.get_full_name(), "Wijkteam Centrum", None)]
    assert [(b["team"], b["rol"]) for b in casus["betrokkenen"]] == \
        [("Werk en Inkomen", "consulent")]
    assert sorted(n["onderwerp"] for n in data["notificaties"]) == \
        ["Uw regiehouder", "Uw toestemming is ingetrokken"]
    # Staff rows of the log, newest first: the werk team's view, the safety report shown to
    # the resident (not the hidden one), the involvement added, the pick-up; none of the
    # resident's own.
    assert [(r["team"], r["rol"], r["actie"], r["grond"]) for r in data["toegangslog"]] == [
        ("Werk en Inkomen", "professional", "bekijken", "betrokken"),
        ("Wijkteam Centrum", "professional", "veiligheid", "veiligheid"),
        ("Wijkteam Centrum", "professional", "wijzigen", "regiehouder"),
        ("Wijkteam Centrum", "professional", "oppakken", "routering")]


def test_only_the_safety_override_shown_to_the_resident_is_included(stad, dossier) -> None:  # type: ignore[no-untyped-def]
    data = inzage_data(user=stad.inwoner)
    meldingen = data["intakes"][0]["veiligheidsmeldingen"]
    assert [(m["teams"], m["meldcode_stap"]) for m in meldingen] == [(["Jeugdteam"], 2)]
    text = json.dumps(data, ensure_ascii=False)
    assert "Wijkteam Noord" not in text and "Verborgen zorg" not in text


def test_own_bsn_in_full_only_in_the_residents_own_downloads(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    assert BSN in _download(client, stad.inwoner, "/mijn/mijn-gegevens.json").content.decode()
    assert BSN in _pdf_text(_download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf").content)
    page = _download(client, stad.inwoner, "/mijn/mijn-gegevens/").content.decode()
    assert BSN not in page and "******333" in page
    staff_export = _download(client, stad.pro, f"/werk/intakes/{dossier.intake.pk}/export/")
    assert BSN not in staff_export.content.decode()
    assert BSN not in json.dumps(inzage_data(user=stad.andere_inwoner))


def test_other_residents_data_is_never_included(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    for url in ("/mijn/mijn-gegevens.json", "/mijn/mijn-gegevens/"):
        text = _download(client, stad.inwoner, url).content.decode()
        for other in ("Buurman", "De vraag van de buren.", "Bericht buren", "123456782"):
            assert other not in text
    theirs = inzage_data(user=stad.andere_inwoner)
    assert [i["achternaam"] for i in [i["aanvrager"] for i in theirs["intakes"]]] == ["Buurman"]
    assert dossier.intake.referentie not in json.dumps(theirs)


def test_staff_names_are_left_out_except_the_regiehouder(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    json_text = _download(client, stad.inwoner, "/mijn/mijn-gegevens.json").content.decode()
    pdf = " ".join(_pdf_text(_download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf")
                             .content).split())
    page = html.unescape(_download(client, stad.inwoner, "/mijn/mijn-gegevens/").content.decode())
    for text in (json_text, pdf, page):
        # The regiehouder is named on purpose: the resident must know who keeps the overview.
        assert stad.pro.get_full_name() in text
        # The involved professional, who also looked at the record, is not named.
        assert "Onbenoemd" not in text and "bram.onbenoemd" not in text


def test_pdf_opens_and_shows_reference_question_and_consent(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    response = _download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    text = " ".join(_pdf_text(response.content).split())
    assert dossier.intake.referentie in text
    assert VRAAG in text
    assert "Jeugdwet: ingetrokken" in text
    assert "Participatiewet: gegeven" in text
    assert "Eén rustig gesprek." in text and "Zoë" in text and "€ 20" in text


def test_markup_typed_by_the_resident_is_escaped(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    page = _download(client, stad.inwoner, "/mijn/mijn-gegevens/").content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>&</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page
    pdf = " ".join(_pdf_text(_download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf")
                             .content).split())
    assert MARKUP in pdf


def test_pdf_text_escapes_markup_and_replaces_what_helvetica_cannot_draw() -> None:
    assert pdf_text("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert pdf_text("é ë € – “ok”") == "é ë € – “ok”"
    assert pdf_text("Ştefan 中 😀\x00\x07") == "Stefan ? ?"
    assert pdf_text("regel 1\r\nregel 2") == "regel 1<br/>regel 2"


def test_pdf_survives_text_outside_latin1(client, stad) -> None:  # type: ignore[no-untyped-def]
    IntakeFactory(inwoner=stad.inwoner, vraag="Ştefan 中文 😀 \x07 " + "lang " * 3000)
    text = _pdf_text(_download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf").content)
    assert "Stefan ?? ?" in text


def test_resident_without_intakes_gets_account_only(client, stad) -> None:  # type: ignore[no-untyped-def]
    data = inzage_data(user=stad.inwoner)
    assert data["intakes"] == [] and data["toegangslog"] == []
    page = _download(client, stad.inwoner, "/mijn/mijn-gegevens/").content.decode()
    assert "U heeft nog geen aanvraag gedaan." in page
    assert _pdf_text(_download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf").content)


def test_query_count_is_the_same_for_1_and_5_intakes(stad) -> None:  # type: ignore[no-untyped-def]
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            inzage_data(user=stad.inwoner)
        return len(ctx.captured_queries)

    def add() -> None:
        _vul(stad)
        notificatie_send(ontvanger=stad.inwoner, soort="info", onderwerp="Bericht", email=False)

    add()
    one = count()
    for _ in range(4):
        add()
    data = inzage_data(user=stad.inwoner)
    assert (len(data["intakes"]), len(data["notificaties"])) == (5, 10)  # 5 + 5 withdrawals
    assert count() == one


# --- Access, log and headers -------------------------------------------------------------------


@pytest.mark.parametrize("url", URLS)
def test_anonymous_goes_to_the_resident_login(client, stad, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("who", ["pro", "teamleider", "manager", "beheerder"])
def test_staff_get_not_found(client, stad, who: str, url: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get(url).status_code == 404
    assert not Toegangslog.objects.filter(object_type="inzage").exists()


@pytest.mark.parametrize(("url", "actie"), [("/mijn/mijn-gegevens/", "bekijken"),
                                            ("/mijn/mijn-gegevens.pdf", "exporteren"),
                                            ("/mijn/mijn-gegevens.json", "exporteren")])
def test_each_request_writes_one_log_row_and_is_not_cached(client, stad, dossier, url: str,
                                                           actie: str) -> None:  # type: ignore[no-untyped-def]
    before = Toegangslog.objects.count()
    response = _download(client, stad.inwoner, url)
    assert response["Cache-Control"] == "private, no-store"
    assert Toegangslog.objects.count() == before + 1
    row = Toegangslog.objects.latest("id")
    assert (row.actie, row.grond, row.object_type, row.user_id, row.inwoner_id) == \
        (actie, "eigen", "inzage", stad.inwoner.pk, stad.inwoner.pk)


def test_json_download_is_readable_utf8(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    response = _download(client, stad.inwoner, "/mijn/mijn-gegevens.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert response["Content-Disposition"].endswith('.json"')
    assert "Eén rustig gesprek" in response.content.decode()  # not \u00c9 escapes
    data = json.loads(response.content)
    assert data["intakes"][0]["aanvrager"]["bsn"] == BSN
    assert set(data) == {"export", "account", "intakes", "notificaties", "toegangslog"}


def test_page_shows_sections_and_download_links(client, stad, dossier) -> None:  # type: ignore[no-untyped-def]
    page = _download(client, stad.inwoner, "/mijn/mijn-gegevens/").content.decode()
    for heading in ("Uw account", f"Aanvraag {dossier.intake.referentie}", "Uw huishouden",
                    "Aanvullingen", "Bestanden", "Toestemmingen", "Jeugdwet: ingetrokken",
                    "Zorgen over veiligheid", "Wie helpt u", "Berichten in Mijn toegang",
                    "Wie keek mee"):
        assert heading in page, heading
    assert 'href="/mijn/mijn-gegevens.pdf"' in page
    assert 'href="/mijn/mijn-gegevens.json"' in page
    assert '<th class="utrecht-table__header-cell" scope="col">' in page
    assert '<caption class="utrecht-table__caption">' in page
    assert "brief van de bank.pdf" in page and "Sem" in page
    assert ' style="' not in page and "<script>" not in page.split("</head>", 1)[1]


def test_mijn_toegang_links_to_the_inzage(client, stad) -> None:  # type: ignore[no-untyped-def]
    page = _download(client, stad.inwoner, "/mijn/").content.decode()
    assert 'href="/mijn/mijn-gegevens/">Mijn gegevens downloaden</a>' in page


def test_the_inzage_holds_the_appointments_without_the_professionals_outcome(  # type: ignore[no-untyped-def]
        client, stad) -> None:
    casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)
    start = timezone.make_aware(dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=3), dt.time(10, 0)))
    gegevens = Gegevens(soort="keukentafelgesprek", start=start, duur_minuten=60,
                        bij_inwoner_thuis=True, plaats="", deelnemers="Anna Jansen",
                        tolk_nodig=True, tolk_taal="Pools")
    afspraak = afspraak_plan(user=stad.pro, casus=casus, gegevens=gegevens)
    afspraak_ask_other_time(user=stad.inwoner, afspraak=afspraak, vraag="Liever in de middag.")
    gehouden = afspraak_plan(user=stad.pro, casus=casus,
                             gegevens=replace(gegevens, start=start + dt.timedelta(days=1)))
    Afspraak.objects.filter(pk=gehouden.pk).update(start=timezone.now() - dt.timedelta(hours=1))
    gehouden.refresh_from_db()
    afspraak_record(user=stad.pro, afspraak=gehouden, gehouden=True,
                    uitkomst="Interne notitie van de professional.")
    [intake] = inzage_data(user=stad.inwoner)["intakes"]
    afspraken = intake["casus"]["afspraken"]
    assert [(a["status"], a["tolk"], a["uw_vraag"]) for a in afspraken] == [
        ("gehouden", "Pools", ""), ("andere_tijd", "Pools", "Liever in de middag.")]
    assert "Interne notitie" not in json.dumps(afspraken)
    pdf = _pdf_text(_download(client, stad.inwoner, "/mijn/mijn-gegevens.pdf").content)
    afspraken_in_pdf = pdf[pdf.index("Uw afspraken"):]
    assert "Pools" in afspraken_in_pdf and "Interne notitie" not in pdf
