"""Checks on uploaded files by their content, never by their name."""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
EXTENSIE = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# Active content that has no place in a letter or a payslip.
_PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


@dataclass(frozen=True)
class GecontroleerdBestand:
    content_type: str
    grootte: int
    sha256: str


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def upload_check(upload: UploadedFile) -> GecontroleerdBestand:
    """Accept only real PDF, JPEG and PNG files up to the size limit; raise a Dutch message."""
    max_bytes = settings.BIJLAGE_MAX_MB * 1024 * 1024
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    if size > max_bytes:
        raise ValidationError(_("Het bestand is te groot. Het mag maximaal %(mb)s MB zijn.")
                              % {"mb": settings.BIJLAGE_MAX_MB}, code="te_groot")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    soort = _sniff(data[:16])
    if soort is None:
        raise ValidationError(_("Dit soort bestand kunnen we niet aannemen. Stuur een PDF, JPG of "
                                "PNG."), code="soort")
    if soort == PDF:
        if b"%%EOF" not in data[-2048:] or any(marker in data for marker in _PDF_ACTIVE):
            raise ValidationError(_("Deze PDF kunnen we niet aannemen. Maak er een nieuwe PDF "
                                    "of een foto van en probeer het opnieuw."), code="pdf")
    else:
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                if Image.MIME.get(image.format or "") != soort:
                    raise ValueError("format mismatch")
        except Exception as exc:
            raise ValidationError(_("Deze afbeelding is beschadigd of geen echte JPG of PNG."),
                                  code="afbeelding") from exc
    return GecontroleerdBestand(content_type=soort, grootte=size,
                                sha256=hashlib.sha256(data).hexdigest())
