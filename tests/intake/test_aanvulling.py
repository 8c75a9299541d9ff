"""Additions are appended, attachments are checked by content and stored privately."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from intake.models import Aanvulling, Bijlage
from intake.services import aanvulling_add
from tests.bestanden import PDF as REAL_PDF
from tests.factories import IntakeFactory, make_bijlage

PDF = REAL_PDF


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def test_addition_is_appended_and_never_overwrites(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, vraag="Oorspronkelijke vraag.")
    aanvulling_add(user=stad.inwoner, intake=intake, tekst="Eerste aanvulling", grond="eigen")
    aanvulling_add(user=stad.pro, intake=intake, tekst="Telefonisch doorgegeven",
                   grond="routering")
    intake.refresh_from_db()
    assert intake.vraag == "Oorspronkelijke vraag."
    rows = list(Aanvulling.objects.filter(intake=intake).values_list("tekst", "namens_inwoner"))
    assert rows == [("Eerste aanvulling", False), ("Telefonisch doorgegeven", True)]


def test_empty_addition_is_refused(stad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        aanvulling_add(user=stad.inwoner, intake=IntakeFactory(), tekst="  ", grond="eigen")


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("brief.pdf", PDF, "application/pdf"),
    ("foto.png", None, "image/png"),
    ("foto.jpg", None, "image/jpeg"),
])
def test_real_files_are_accepted_by_content(stad, name, content, kind) -> None:  # type: ignore[no-untyped-def]
    data = content or (_png() if kind == "image/png" else _jpeg())
    # The name and the declared type do not matter, only the bytes.
    bijlage = make_bijlage(user=stad.inwoner, intake=IntakeFactory(),
                           upload=SimpleUploadedFile(name, data, "text/plain"))
    assert bijlage.content_type == kind
    assert bijlage.bestand.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not bijlage.bestand.name.endswith((".pdf", ".png", ".jpg"))


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.pdf", b"MZ\x90\x00 this is an exe", "Dit soort bestand"),
    ("script.pdf", b"%PDF-1.4 /JavaScript (app.alert(1))\n%%EOF", "Deze PDF"),
    ("kapot.png", b"\x89PNG\r\n\x1a\nnot really", "beschadigd"),
    ("leeg.pdf", b"", "leeg"),
    ("pagina.html", b"<html><script>alert(1)</script></html>", "Dit soort bestand"),
])
def test_bad_files_are_refused_with_a_dutch_message(stad, name, content, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        make_bijlage(user=stad.inwoner, intake=IntakeFactory(),
                     upload=SimpleUploadedFile(name, content, "application/pdf"))
    assert not Bijlage.objects.exists()


@override_settings(BIJLAGE_MAX_MB=1)
def test_too_large_file_is_refused(stad) -> None:  # type: ignore[no-untyped-def]
    big = PDF[:-7] + b" " * (1024 * 1024) + b"\n%%EOF\n"
    with pytest.raises(ValidationError, match="te groot"):
        make_bijlage(user=stad.inwoner, intake=IntakeFactory(),
                     upload=SimpleUploadedFile("groot.pdf", big))


@override_settings(BIJLAGEN_MAX_AANTAL=2)
def test_number_of_files_is_limited(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    for n in range(2):
        make_bijlage(user=stad.inwoner, intake=intake,
                     upload=SimpleUploadedFile(f"{n}.pdf", PDF))
    with pytest.raises(ValidationError, match="maximaal 2"):
        make_bijlage(user=stad.inwoner, intake=intake, upload=SimpleUploadedFile("3.pdf", PDF))


def test_addition_form_keeps_text_and_shows_file_error(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/aanvragen/{intake.pk}/aanvullen/", {
        "tekst": "Mijn tekst blijft staan",
        "bestanden": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn tekst blijft staan" in html and "Dit soort bestand" in html
    assert not Aanvulling.objects.exists()


def test_addition_form_with_text_too_long(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/aanvragen/{intake.pk}/aanvullen/", {"tekst": "a" * 5001})
    assert response.status_code == 400
    assert "te lang" in response.content.decode()
