"""Files: checked by content, limited in size and number, stored under random names outside
the web root, served only through the gate as a download, and scanned for viruses."""

import hashlib
import io
import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from pypdf import PdfWriter

from intake.models import Aanvulling, Bijlage
from intake.services import aanvulling_add
from intake.wizard.models import IntakeConcept
from tests.bestanden import EICAR, PDF, jpeg_bytes, pdf_bytes, png_bytes
from tests.factories import IntakeFactory, make_bijlage
from tests.fake_clamd import FakeClamd
from toegang.core.uploads import content_disposition, upload_check, veilige_bestandsnaam
from toegang.core.virusscan import CHUNK, ScannerOnbereikbaar, clamd_scan, parse_reply


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    # The declared type is what a browser or an attacker says; it must never matter.
    return SimpleUploadedFile(name, data, "application/pdf")


def _pdf_with_js() -> bytes:
    return pdf_bytes(catalogus_extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ")


def _pdf_with_hex_js() -> bytes:
    # Names written with #xx escapes do not match a plain byte search; the parse finds them.
    return pdf_bytes(catalogus_extra=b"/OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >> ")


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _bomb_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(buffer, "PNG")
    return buffer.getvalue()


# --- Content, not name ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "soort"), [
    ("brief.exe", PDF, "application/pdf"),
    ("foto", png_bytes(), "image/png"),
    ("scan.pdf", jpeg_bytes(), "image/jpeg"),
])
def test_real_files_are_recognised_by_their_bytes(name, data, soort) -> None:  # type: ignore[no-untyped-def]
    assert upload_check(_upload(name, data)).content_type == soort


HOSTILE = {
    "executable renamed to .pdf": b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
    "ELF renamed to .pdf": b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
    "HTML renamed to .pdf": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "SVG renamed to .pdf": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "XML SVG renamed to .png": b'<?xml version="1.0"?><svg onload="alert(1)"></svg>',
    "PDF that is also a web page": pdf_bytes(commentaar=b"<html><script>alert(1)</script>"),
    "PNG with an HTML comment chunk": png_bytes()[:-12] + b"<script>alert(1)</script>"
    + png_bytes()[-12:],
    "JPEG that is also a ZIP": jpeg_bytes() + b"PK\x03\x04" + b"\x00" * 26 + b"PK\x05\x06"
    + b"\x00" * 18,
    "PDF with a ZIP after the end": PDF + b"PK\x05\x06" + b"\x00" * 18,
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_hostile_files_are_refused_as_the_wrong_kind(label) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        upload_check(_upload("brief.pdf", HOSTILE[label]))
    # Each is caught by its content, before any reader of PDFs or images sees it: the same
    # refusal as any file that is not a PDF, JPG or PNG.
    assert exc.value.code == "soort"
    assert exc.value.messages == [
        "Dit soort bestand kunnen we niet aannemen. Stuur een PDF, JPG of PNG."]


@pytest.mark.parametrize(("label", "data", "code"), [
    ("PDF with JavaScript", _pdf_with_js(), "pdf"),
    ("PDF with escaped JavaScript names", _pdf_with_hex_js(), "pdf"),
    ("PDF with a password", _encrypted_pdf(), "pdf_versleuteld"),
    ("header and end marker but no pages", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
     "pdf"),
    ("text after the end marker", PDF + b"<!-- more -->", "pdf"),
    ("no end marker", PDF.replace(b"%%EOF", b""), "pdf"),
    ("truncated JPEG", jpeg_bytes()[:-40], "afbeelding"),
    ("PNG with data after IEND", png_bytes() + b"extra", "afbeelding"),
    ("PNG with a broken checksum", png_bytes()[:40] + b"\x00" + png_bytes()[41:], "afbeelding"),
    ("decompression bomb", _bomb_png(), "afbeelding"),
])
def test_broken_or_active_files_are_refused(label, data, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        upload_check(_upload("x.pdf", data))
    assert exc.value.code == code, label


@override_settings(BIJLAGE_MAX_MB=1)
def test_size_limit_comes_from_the_settings() -> None:
    big = PDF[:-6] + b" " * (1024 * 1024) + b"%%EOF\n"
    with pytest.raises(ValidationError, match="maximaal 1 MB"):
        upload_check(_upload("groot.pdf", big))


@override_settings(BIJLAGEN_MAX_AANTAL=2)
def test_too_many_files_in_one_addition_stores_nothing(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    files_before = _stored_files()
    with pytest.raises(ValidationError, match="maximaal 2"):
        aanvulling_add(user=stad.inwoner, intake=intake, tekst="Drie brieven", grond="eigen",
                       bestanden=[_upload(f"{n}.pdf", PDF) for n in range(3)])
    assert not Aanvulling.objects.exists() and not Bijlage.objects.exists()
    assert _stored_files() == files_before


def test_one_bad_file_in_an_addition_stores_nothing(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    files_before = _stored_files()
    with pytest.raises(ValidationError):
        aanvulling_add(user=stad.inwoner, intake=intake, tekst="Twee brieven", grond="eigen",
                       bestanden=[_upload("goed.pdf", PDF), _upload("fout.pdf", b"MZ\x90")])
    assert not Aanvulling.objects.exists()
    assert _stored_files() == files_before


def _stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


# --- Names and storage -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd.pdf"),
    ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe.pdf"),
    ("brief\x00.exe.pdf", "brief.exe.pdf"),
    ("rekening\u202efdp.exe", "rekeningfdp.exe.pdf"),
    ("<script>alert(1)</script>.pdf", "script.pdf"),
    ("<img src=x onerror=alert(1)>.png", "img src=x onerror=alert(1).png.pdf"),
    ("...", "bestand.pdf"),
    ("", "bestand.pdf"),
    ("  Café   brief .PDF", "Café brief.pdf"),
])
def test_file_names_are_made_safe(name, expected) -> None:  # type: ignore[no-untyped-def]
    assert veilige_bestandsnaam(name, "application/pdf") == expected


def test_very_long_names_are_shortened_and_keep_the_right_extension() -> None:
    naam = veilige_bestandsnaam("a" * 5000 + ".jpg", "image/png")
    assert naam == "a" * 96 + ".png"  # at most 100 characters, the extension of the content


@pytest.mark.parametrize(("name", "shown"), [
    ("../../etc/passwd", "passwd.pdf"), ("/etc/shadow", "shadow.pdf"),
    ("a" * 300 + ".pdf", "a" * 96 + ".pdf"), ("x\x00y.pdf", "xy.pdf"),
    # Percent signs are only text in a name: the last part after a "/" is kept.
    ("..%2F..%2Fetc%2Fpasswd", "%2F..%2Fetc%2Fpasswd.pdf")])
def test_storage_path_is_random_and_private(stad, name, shown) -> None:  # type: ignore[no-untyped-def]
    bijlage = make_bijlage(user=stad.inwoner, intake=IntakeFactory(), upload=_upload(name, PDF))
    path = Path(bijlage.bestand.path).resolve()
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert path.is_relative_to(root)
    # bijlagen/<year>/<month>/<32 hex>: nothing from the resident in the path.
    parts = Path(bijlage.bestand.name).parts
    assert parts[0] == "bijlagen" and len(parts) == 4
    assert len(parts[3]) == 32 and all(c in "0123456789abcdef" for c in parts[3])
    assert bijlage.naam == shown
    # Outside the web root: not below the static files and not served from any URL.
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.BASE_DIR, "static").resolve())


def test_private_files_have_no_public_url(client, stad) -> None:  # type: ignore[no-untyped-def]
    bijlage = make_bijlage(user=stad.inwoner, intake=IntakeFactory(), upload=_upload("b.pdf", PDF))
    for prefix in ("/private-media/", "/media/", "/static/", "/"):
        assert client.get(prefix + bijlage.bestand.name).status_code == 404


# --- Serving ---------------------------------------------------------------------------------


def test_download_goes_through_the_gate_with_safe_headers(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    bijlage = make_bijlage(user=stad.inwoner, intake=intake,
                           upload=_upload("Rekening café \"€\";.pdf", PDF))
    client.force_login(stad.pro)
    response = client.get(f"/werk/intakes/{intake.pk}/bijlagen/{bijlage.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    ascii_part, utf8_part = disposition.split("; ")[1:]
    assert ascii_part == 'filename="Rekening cafe .pdf"'
    assert unquote(utf8_part.removeprefix("filename*=UTF-8''")) == "Rekening café €.pdf"


def test_download_of_another_intakes_file_is_404(client, stad) -> None:  # type: ignore[no-untyped-def]
    mine = IntakeFactory(inwoner=stad.inwoner)
    other = IntakeFactory(inwoner=stad.andere_inwoner)
    bijlage = make_bijlage(user=stad.andere_inwoner, intake=other, upload=_upload("b.pdf", PDF))
    client.force_login(stad.inwoner)
    assert client.get(f"/mijn/aanvragen/{mine.pk}/bijlagen/{bijlage.pk}/").status_code == 404
    assert client.get(f"/mijn/aanvragen/{other.pk}/bijlagen/{bijlage.pk}/").status_code == 404


def test_unknown_stored_type_is_served_as_octet_stream(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    bijlage = make_bijlage(user=stad.inwoner, intake=intake, upload=_upload("b.pdf", PDF))
    Bijlage.objects.filter(pk=bijlage.pk).update(content_type="text/html")
    client.force_login(stad.inwoner)
    response = client.get(f"/mijn/aanvragen/{intake.pk}/bijlagen/{bijlage.pk}/")
    assert response["Content-Type"] == "application/octet-stream"


def test_content_disposition_quotes_nothing_dangerous() -> None:
    header = content_disposition('a"; filename="evil.html')
    assert header.count('"') == 2 and header.count(";") == 2
    assert header.endswith("filename*=UTF-8''a%22%3B%20filename%3D%22evil.html")


# --- Virus scanner ---------------------------------------------------------------------------


@pytest.fixture
def clamd_dir() -> Iterator[Path]:
    # A short path: unix socket paths are limited to about 100 characters.
    path = Path(tempfile.mkdtemp(prefix="clamd"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def clamd(clamd_dir: Path, settings) -> Iterator[FakeClamd]:  # type: ignore[no-untyped-def]
    server = FakeClamd(unix_path=clamd_dir / "clamd.sock")
    settings.CLAMAV_SOCKET = str(server.address)
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_TIMEOUT = 5
    yield server
    server.close()


def test_clean_file_is_streamed_to_clamd_and_accepted(clamd) -> None:  # type: ignore[no-untyped-def]
    big = pdf_bytes(commentaar=b"x" * (3 * CHUNK))
    assert upload_check(_upload("brief.pdf", big)).content_type == "application/pdf"
    # Sent as several chunks and put back together byte for byte.
    assert clamd.received == [hashlib.sha256(big).hexdigest()]
    assert clamd.commands == [b"zINSTREAM\0"]


def test_eicar_is_refused_with_a_dutch_message_and_logged(clamd, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.WARNING, logger="toegang.uploads")
    with pytest.raises(ValidationError) as exc:
        upload_check(_upload("brief.pdf", EICAR))
    assert exc.value.code == "virus"
    assert "virus" in exc.value.messages[0]
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("toegang.uploads", "WARNING", "virus gevonden, bestand geweigerd: Eicar-Signature "
         f"(sha256 {hashlib.sha256(EICAR).hexdigest()}, {len(EICAR)} bytes)")]


def test_eicar_inside_a_real_pdf_is_refused(clamd, stad) -> None:  # type: ignore[no-untyped-def]
    infected = pdf_bytes(commentaar=EICAR)
    with pytest.raises(ValidationError, match="virus"):
        make_bijlage(user=stad.inwoner, intake=IntakeFactory(), upload=_upload("b.pdf", infected))
    assert not Bijlage.objects.exists()


def test_clamd_over_tcp(settings) -> None:  # type: ignore[no-untyped-def]
    server = FakeClamd()
    try:
        host, port = server.address
        settings.CLAMAV_SOCKET, settings.CLAMAV_HOST, settings.CLAMAV_PORT = "", host, port
        assert clamd_scan(PDF).schoon
        assert clamd_scan(EICAR).signatuur == "Eicar-Signature"
    finally:
        server.close()


@pytest.mark.parametrize(("reply", "schoon", "signatuur"), [
    (b"stream: OK", True, ""),
    (b"stream: Win.Test.EICAR_HDB-1 FOUND", False, "Win.Test.EICAR_HDB-1"),
])
def test_clamd_replies_are_understood(reply, schoon, signatuur) -> None:  # type: ignore[no-untyped-def]
    uitslag = parse_reply(reply)
    assert (uitslag.schoon, uitslag.signatuur) == (schoon, signatuur)


@pytest.mark.parametrize("reply", [b"INSTREAM size limit exceeded. ERROR", b"", b"stream: huh"])
def test_unclear_clamd_replies_are_errors(reply) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScannerOnbereikbaar):
        parse_reply(reply)


def test_unreachable_scanner_refuses_and_asks_to_try_later(clamd_dir, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CLAMAV_SOCKET = str(clamd_dir / "nobody-listens.sock")
    with pytest.raises(ValidationError) as exc:
        upload_check(_upload("brief.pdf", PDF))
    assert exc.value.code == "scanner"
    assert "Probeer het later opnieuw" in exc.value.messages[0]


def test_scanner_that_hangs_up_without_verdict_refuses(clamd_dir, settings) -> None:  # type: ignore[no-untyped-def]
    server = FakeClamd(unix_path=clamd_dir / "silent.sock", silent=True)
    settings.CLAMAV_SOCKET, settings.CLAMAV_TIMEOUT = str(server.address), 2
    try:
        with pytest.raises(ValidationError, match="later opnieuw"):
            upload_check(_upload("brief.pdf", PDF))
    finally:
        server.close()


def test_unreachable_scanner_keeps_the_typed_addition(client, stad, clamd_dir, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CLAMAV_SOCKET = str(clamd_dir / "nobody-listens.sock")
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/aanvragen/{intake.pk}/aanvullen/", {
        "tekst": "Mijn nieuwe brief van de woningbouw", "bestanden": _upload("b.pdf", PDF)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn nieuwe brief van de woningbouw" in html and "later opnieuw" in html
    assert not Aanvulling.objects.exists()


def test_unreachable_scanner_keeps_the_wizard_draft(client, db, clamd_dir, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CLAMAV_SOCKET = str(clamd_dir / "nobody-listens.sock")
    client.post("/hulp-vragen/begin/")
    response = client.post("/hulp-vragen/vraag/", {
        "vraag": "Ik heb hulp nodig met mijn post", "over_kind": "nee",
        "bestanden": _upload("b.pdf", PDF)})
    assert response.status_code == 400
    assert "later opnieuw" in response.content.decode()
    concept = IntakeConcept.objects.get()
    assert "Ik heb hulp nodig met mijn post" in str(concept.gegevens)
    assert not concept.bijlagen.exists()
