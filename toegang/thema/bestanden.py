"""The logo and favicon of a theme, checked by their content, never by their name.

Same approach as toegang/core/uploads.py (which takes PDF, JPEG and PNG from residents): the
first bytes name the type, Pillow must agree and decode every pixel, and a file that also
contains web markup (an SVG or HTML polyglot) is refused. No SVG at all: a logo that a browser
could run as a document has no place on the front door."""

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from toegang.core.uploads import afbeelding_decoderen

PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
ICO = "image/x-icon"
EXTENSIE = {PNG: "png", JPEG: "jpg", WEBP: "webp", ICO: "ico"}
MAX_BYTES = 512 * 1024
MAX_PIXELS = 4_000_000
_MARKUP = re.compile(rb"<\s*(?:script|html|svg|iframe|body|object|embed|meta)\b|<!doctype\s+html",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Afbeelding:
    content_type: str
    sha256: str


def _soort(kop: bytes) -> str | None:
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kop.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kop[:4] == b"RIFF" and kop[8:12] == b"WEBP":
        return WEBP
    if kop.startswith(b"\x00\x00\x01\x00"):
        return ICO
    return None


def afbeelding_check(bestand: File, *, toegestaan: tuple[str, ...]) -> Afbeelding:
    """Raise a Dutch ValidationError unless `bestand` really is one of `toegestaan`."""
    namen = ", ".join(EXTENSIE[s].upper() for s in toegestaan)
    bestand.seek(0)
    data = bestand.read(MAX_BYTES + 1)
    bestand.seek(0)
    if not data:
        raise ValidationError(_("Het bestand is leeg."), code="leeg")
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Het bestand is te groot. Het mag maximaal 512 kB zijn."),
                              code="te_groot")
    soort = _soort(data[:16])
    if soort not in toegestaan or _MARKUP.search(data):
        raise ValidationError(_("Dit bestand kunnen we niet gebruiken. Kies een %(soorten)s-"
                                "bestand.") % {"soorten": namen}, code="soort")
    fout = ValidationError(_("Deze afbeelding is beschadigd of geen echte %(soorten)s.")
                           % {"soorten": namen}, code="afbeelding")
    assert soort is not None
    try:
        afbeelding_decoderen(data, soort, max_pixels=MAX_PIXELS)
    except Exception as exc:
        raise fout from exc
    return Afbeelding(content_type=soort, sha256=hashlib.sha256(data).hexdigest())


def logo_check(bestand: File) -> Afbeelding:
    return afbeelding_check(bestand, toegestaan=(PNG, JPEG, WEBP))


def favicon_check(bestand: File) -> Afbeelding:
    return afbeelding_check(bestand, toegestaan=(PNG, ICO))
