"""Import of the sociale kaart from CSV and Excel in the admin: good rows saved in one go,
refused rows listed with their number and a Dutch reason, never half a row, nothing at all
when the file cannot be read, updates by organisation and name."""

import io

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.bestanden import PDF
from toegang.socialekaart.importeren import OnleesbaarBestand, importeer
from toegang.socialekaart.models import Voorziening

KOP = ("organisatie;naam;wat;voor wie;thema's;wijken;adres;openingstijden;kosten;"
       "hoe kom je er;telefoon;e-mail;website;actief")
GOED = ("Welzijn;Buurthuis De Kroon;Koffie en samen eten;Iedereen;sociaal_netwerk| "
        "Meedoen in de buurt;Centrum;Kroonstraat 12;ma-vr 9-17;Gratis;Bus 3;053 480 12 12;"
        "kroon@example.nl;https://kroon.example;ja")
URL = "/beheer/socialekaart/voorziening/importeren/"


def csv_bytes(*rijen: str, kop: str = KOP) -> bytes:
    return ("\n".join([kop, *rijen]) + "\n").encode("utf-8")


def test_good_csv_is_saved_with_themes_and_wijken(stad) -> None:  # type: ignore[no-untyped-def]
    resultaat = importeer(csv_bytes(GOED))
    assert (len(resultaat.nieuw), resultaat.geweigerd) == (1, [])
    kroon = Voorziening.objects.get()
    assert kroon.levensgebieden == ["sociaal_netwerk", "maatschappelijke_participatie"]
    assert list(kroon.wijken.all()) == [stad.centrum]
    assert (kroon.kosten, kroon.website, kroon.actief) == ("Gratis", "https://kroon.example",
                                                           True)


def test_broken_rows_are_refused_with_row_number_and_reason_good_rows_saved(stad) -> None:  # type: ignore[no-untyped-def]
    rijen = [
        GOED,
        "Schuldhulp;Geldloket;Hulp bij rekeningen;;geld;;;;;;;;;",
        "Welzijn;;Zonder naam;;;;;;;;;;;",
        "Welzijn;Inloop;Koffie;;;Atlantis;;;;;;geen-mail;ftp://x;misschien",
        "Welzijn;Buurthuis De Kroon;Nog een keer;;;;;;;;;;;",
    ]
    resultaat = importeer(csv_bytes(*rijen))
    assert [v.naam for v in resultaat.nieuw] == ["Buurthuis De Kroon"]
    fouten = resultaat.geweigerd
    assert len(fouten) == 4
    assert fouten[0].startswith("Rij 3: het thema 'geld' bestaat niet. Kies uit: financien,")
    assert fouten[1].startswith("Rij 4: de kolom 'naam' is leeg")
    assert fouten[2].startswith("Rij 5: de wijk 'Atlantis' kennen we niet. Kies uit: Centrum, "
                                "Noord")
    assert "het e-mailadres 'geen-mail' klopt niet" in fouten[2]
    assert "de website 'ftp://x' is geen geldig webadres" in fouten[2]
    assert "bij 'actief' staat 'misschien'" in fouten[2]
    assert fouten[3] == "Rij 6: deze organisatie en naam staan al in rij 2."
    # Nothing of a refused row is saved.
    assert list(Voorziening.objects.values_list("naam", flat=True)) == ["Buurthuis De Kroon"]


def test_existing_entry_is_updated_by_organisation_and_name_not_duplicated(stad) -> None:  # type: ignore[no-untyped-def]
    importeer(csv_bytes(GOED))
    resultaat = importeer(csv_bytes(
        "welzijn;buurthuis de kroon;Nu ook een repair café;;sociaal_netwerk;;;;;;;;;nee",
        kop=KOP))
    assert (len(resultaat.nieuw), len(resultaat.bijgewerkt)) == (0, 1)
    kroon = Voorziening.objects.get()
    assert kroon.wat == "Nu ook een repair café" and not kroon.actief
    assert list(kroon.wijken.all()) == []  # empty wijken: the whole municipality


def test_comma_separated_csv_with_bom_and_labels(stad) -> None:  # type: ignore[no-untyped-def]
    data = ("\ufefforganisatie,naam,wat,thema's\n"
            'Schuldhulp,Geldloket,"Hulp bij geld, brieven",Geld en schulden\n').encode()
    resultaat = importeer(data)
    assert resultaat.geweigerd == []
    assert Voorziening.objects.get().levensgebieden == ["financien"]


def _xlsx(rijen: list[list[str]]) -> bytes:
    boek = Workbook()
    blad = boek.active
    for rij in rijen:
        blad.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def test_xlsx_is_read_like_csv(stad) -> None:  # type: ignore[no-untyped-def]
    data = _xlsx([["Organisatie", "Naam", "Wat", "Thema's", "Wijken"],
                  ["Welzijn", "Buurtkamer", "Koffie", "sociaal_netwerk; financien", "Noord"],
                  ["Welzijn", "Fout", "Koffie", "onbekend", ""]])
    resultaat = importeer(data)
    assert [v.naam for v in resultaat.nieuw] == ["Buurtkamer"]
    assert resultaat.geweigerd[0].startswith("Rij 3: het thema 'onbekend' bestaat niet")
    buurtkamer = Voorziening.objects.get()
    assert buurtkamer.levensgebieden == ["sociaal_netwerk", "financien"]
    assert list(buurtkamer.wijken.all()) == [stad.noord]


@pytest.mark.parametrize(("data", "code"), [
    (PDF, "csv"),                                       # binary: not UTF-8 text
    (b"\xff\xfe" + "organisatie;naam".encode("utf-16-le"), "csv"),
    (b"PK\x03\x04" + b"\x00" * 100, "xlsx"),           # looks like a zip, is not one
    (b"", "leeg"),
    (b"naam;wat\nx;y\n", "kop"),                        # a required column is missing
    (b"x" * (2 * 1024 * 1024 + 1), "te_groot"),
])
def test_unreadable_file_saves_nothing(stad, data, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OnleesbaarBestand) as exc:
        importeer(data)
    assert exc.value.code == code
    assert not Voorziening.objects.exists()


def test_zip_that_is_not_a_workbook_is_refused(stad) -> None:  # type: ignore[no-untyped-def]
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("word/document.xml", "<w/>")
    with pytest.raises(OnleesbaarBestand, match="geen Excel-bestand"):
        importeer(buffer.getvalue())


# --- The admin page -------------------------------------------------------------------------

def test_admin_import_reports_refused_rows_and_logs_who(client, stad, admin_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(admin_user)
    assert client.get("/beheer/socialekaart/voorziening/").status_code == 200
    page = client.get(URL)
    assert page.status_code == 200 and "thema&#x27;s" in page.content.decode()
    bestand = SimpleUploadedFile("kaart.txt", csv_bytes(
        GOED, "Schuldhulp;Geldloket;Hulp;;geld;;;;;;;;;"), content_type="text/plain")
    response = client.post(URL, {"bestand": bestand})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rij 3: het thema &#x27;geld&#x27; bestaat niet" in html
    assert Voorziening.objects.count() == 1
    log = LogEntry.objects.get()
    assert (log.user_id, log.action_flag) == (admin_user.pk, ADDITION)
    # Again, all good: updated, logged as a change, back to the list.
    bestand = SimpleUploadedFile("kaart.csv", csv_bytes(GOED))
    response = client.post(URL, {"bestand": bestand})
    assert response.status_code == 302
    assert LogEntry.objects.filter(action_flag=CHANGE).count() == 1


def test_admin_import_of_a_pdf_named_csv_shows_the_error_and_saves_nothing(  # type: ignore[no-untyped-def]
        client, stad, admin_user) -> None:
    client.force_login(admin_user)
    bestand = SimpleUploadedFile("kaart.csv", PDF, content_type="text/csv")
    response = client.post(URL, {"bestand": bestand})
    assert response.status_code == 400
    assert "geen CSV-bestand in UTF-8" in response.content.decode()
    assert not Voorziening.objects.exists()


@pytest.mark.parametrize("wie", ["pro", "manager", "inwoner"])
def test_admin_import_denied_without_admin_rights(client, stad, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, wie))
    response = client.post(URL, {"bestand": SimpleUploadedFile("k.csv", csv_bytes(GOED))})
    assert response.status_code in (302, 403)
    assert not Voorziening.objects.exists()


def test_sample_file_in_the_repository_imports_cleanly(stad) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    import toegang.socialekaart
    pad = Path(toegang.socialekaart.__file__).parent / "voorbeeld.csv"
    resultaat = importeer(pad.read_bytes())
    assert resultaat.geweigerd == [] and len(resultaat.nieuw) >= 3


def test_admin_form_saves_life_areas_from_check_boxes(client, stad, admin_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(admin_user)
    response = client.post("/beheer/socialekaart/voorziening/add/", {
        "organisatie": "Welzijn", "naam": "Taalcafé", "wat": "Samen Nederlands praten.",
        "levensgebieden": ["werk_opleiding", "maatschappelijke_participatie"],
        "wijken": [stad.noord.pk], "actief": "on", "website": "https://taal.example"})
    assert response.status_code == 302, response.content.decode()[:2000]
    taal = Voorziening.objects.get()
    assert taal.levensgebieden == ["werk_opleiding", "maatschappelijke_participatie"]
    assert LogEntry.objects.get().action_flag == ADDITION
    assert "Taalcafé" in client.get("/beheer/socialekaart/voorziening/?thema=werk_opleiding") \
        .content.decode()
    bad = client.post("/beheer/socialekaart/voorziening/add/", {
        "organisatie": "Welzijn", "naam": "Fout", "wat": "x", "website": "javascript:alert(1)"})
    assert bad.status_code == 200 and Voorziening.objects.count() == 1
