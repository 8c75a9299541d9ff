"""Checks on uploaded files by their content, never by their name, and the one way to serve
them back (as a download that a browser never renders)."""

import hashlib
import io
import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

from .virusscan import ScannerOnbereikbaar, clamd_scan, scanner_configured

logger = logging.getLogger("toegang.uploads")

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
EXTENSIE = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# Active content that has no place in a letter or a payslip.
_PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")
# Markup that a browser would run if it ever sniffed the file as HTML or SVG: a file that is
# also a web page (a polyglot) is refused, whatever it starts with.
_MARKUP = re.compile(rb"<\s*(?:script|html|svg|iframe|body|object|embed|meta)\b|<!doctype\s+html",
                     re.IGNORECASE)
# The end-of-central-directory record of a ZIP (and so a JAR, DOCX, APK) sits in the last
# 64 KiB of the file: a picture or PDF that is also an archive is refused.
_ZIP_END = b"PK\x05\x06"
_ZIP_TAIL = 65_535 + 22
_PNG_END = b"IEND\xaeB`\x82"
MAX_PIXELS = 50_000_000
MAX_NAAM = 100


@dataclass(frozen=True)
class GecontroleerdBestand:
    content_type: str
    grootte: int
    sha256: str
    naam: str = ""


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _refuse_pdf() -> ValidationError:
    return ValidationError(_("Deze PDF kunnen we niet aannemen. Maak er een nieuwe PDF of een "
                             "foto van en probeer het opnieuw."), code="pdf")


def _check_pdf(data: bytes) -> None:
    """Header at byte 0, an end marker followed by nothing but white space, no active content,
    and a real parse with at least one page."""
    end = data.rfind(b"%%EOF")
    if end == -1 or data[end + 5:].strip(b"\r\n\t \0"):
        raise _refuse_pdf()
    if any(marker in data for marker in _PDF_ACTIVE):
        raise _refuse_pdf()

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError(_("Deze PDF is beveiligd met een wachtwoord. Stuur een "
                                        "PDF zonder wachtwoord."), code="pdf_versleuteld")
            root: Any = reader.trailer["/Root"].get_object()
            names: Any = root.get("/Names") or {}
            # Active content hidden in compressed object streams shows up in the catalogue.
            if ("/OpenAction" in root and "/JS" in str(root["/OpenAction"])) or "/AA" in root \
                    or "/JavaScript" in names or "/EmbeddedFiles" in names:
                raise _refuse_pdf()
            if len(reader.pages) < 1:
                raise _refuse_pdf()
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise _refuse_pdf() from exc


def _check_image(data: bytes, soort: str) -> None:
    """Pillow must recognise the same format, verify its structure and decode every pixel."""
    fout = ValidationError(_("Deze afbeelding is beschadigd of geen echte JPG of PNG."),
                           code="afbeelding")
    if soort == PNG:
        end = data.rfind(_PNG_END)
        if end == -1 or data[end + len(_PNG_END):].strip(b"\r\n\t \0"):
            raise fout
    try:
        afbeelding_decoderen(data, soort, max_pixels=MAX_PIXELS)
    except Exception as exc:
        raise fout from exc


def afbeelding_decoderen(data: bytes, soort: str, *, max_pixels: int) -> None:
    """Raise unless Pillow reads `data` as the image type `soort` (a MIME type), no larger
    than `max_pixels`, with a sound structure and every pixel decodable."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            if Image.MIME.get(image.format or "") != soort:
                raise ValueError("format mismatch")
            if image.width * image.height > max_pixels:
                raise ValueError("too many pixels")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()


def _scan(data: bytes) -> None:
    """Stream the file to clamd when one is configured. Fail closed: no verdict, no file."""
    if not scanner_configured():
        return
    digest = hashlib.sha256(data).hexdigest()
    try:
        uitslag = clamd_scan(data)
    except ScannerOnbereikbaar as exc:
        logger.error("virusscanner onbereikbaar, bestand geweigerd (sha256 %s): %s", digest, exc)
        raise ValidationError(_("We kunnen uw bestand nu niet controleren op virussen. Wat u "
                                "heeft ingevuld is bewaard. Probeer het later opnieuw."),
                              code="scanner") from exc
    if not uitslag.schoon:
        logger.warning("virus gevonden, bestand geweigerd: %s (sha256 %s, %d bytes)",
                       uitslag.signatuur, digest, len(data))
        raise ValidationError(_("In dit bestand zit een virus. We hebben het niet bewaard. "
                                "Controleer uw computer of telefoon en stuur een ander "
                                "bestand."), code="virus")


def upload_check(upload: UploadedFile) -> GecontroleerdBestand:
    """Accept only real PDF, JPEG and PNG files up to the size limit that the virus scanner
    (when configured) calls clean; raise a Dutch message otherwise."""
    max_bytes = settings.BIJLAGE_MAX_MB * 1024 * 1024
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    if size > max_bytes:
        raise ValidationError(_("Het bestand is te groot. Het mag maximaal %(mb)s MB zijn.")
                              % {"mb": settings.BIJLAGE_MAX_MB}, code="te_groot")
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise ValidationError(_("Het bestand is te groot. Het mag maximaal %(mb)s MB zijn.")
                              % {"mb": settings.BIJLAGE_MAX_MB}, code="te_groot")
    _scan(data)
    soort = _sniff(data[:16])
    if soort is None or _MARKUP.search(data) or _ZIP_END in data[-_ZIP_TAIL:]:
        raise ValidationError(_("Dit soort bestand kunnen we niet aannemen. Stuur een PDF, JPG of "
                                "PNG."), code="soort")
    if soort == PDF:
        _check_pdf(data)
    else:
        _check_image(data, soort)
    return GecontroleerdBestand(content_type=soort, grootte=len(data),
                                sha256=hashlib.sha256(data).hexdigest(),
                                naam=veilige_bestandsnaam(upload.name or "", soort))


_NIET_IN_NAAM = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
                           r"\ufeff<>:\"/\\|?*;]")


def veilige_bestandsnaam(naam: str, soort: str) -> str:
    """The resident's file name, fit to show and to offer as a download name: no folders,
    control, bidi or reserved characters, at most 100 characters, and the extension that
    belongs to the content (`rekening.exe` with PNG content becomes `rekening.exe.png`)."""
    naam = unicodedata.normalize("NFC", naam or "")
    naam = re.split(r"[/\\]", naam)[-1]
    naam = _NIET_IN_NAAM.sub("", naam)
    naam = " ".join(naam.split()).strip(" .")
    extensie = EXTENSIE.get(soort, "bin")
    stam, punt, ext = naam.rpartition(".")
    if punt and ext.lower() in {extensie, "jpeg" if extensie == "jpg" else extensie}:
        naam = stam
    naam = naam[:MAX_NAAM - len(extensie) - 1].strip(" .") or "bestand"
    return f"{naam}.{extensie}"


def _ascii_naam(naam: str) -> str:
    plain = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9._ -]", "_", plain).strip(" .")
    return plain or "bestand"


def content_disposition(naam: str) -> str:
    """`attachment` with a plain ASCII name and the full name in RFC 5987 encoding."""
    return (f'attachment; filename="{_ascii_naam(naam)}"; '
            f"filename*=UTF-8''{quote(naam, safe='')}")


def download_response(*, bestand: IO[bytes], naam: str, content_type: str) -> FileResponse:
    """A stored file as a download that no browser renders, sniffs or caches."""
    if content_type not in EXTENSIE:
        content_type = "application/octet-stream"
    response = FileResponse(bestand, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        veilige_bestandsnaam(naam, content_type))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
