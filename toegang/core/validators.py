"""Validators and cleaners for what residents type, with plain Dutch messages."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_NAME = re.compile(r"^[^\W\d_]+(?:[ \-'’.][^\W\d_]*)*\.?$", re.UNICODE)
_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
_PHONE_DIGITS = re.compile(r"[\s\-().]")


def clean_text(value: str) -> str:
    """Remove control and bidi characters, unify line endings and trim."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", value).strip()


def no_markup(value: str) -> None:
    if _MARKUP.search(value or ""):
        raise ValidationError(
            _("Uw tekst bevat tekens die op computercode lijken, zoals <script>. Haal de "
              "tekens < en > weg, dan kunt u verder."), code="markup")


def validate_name(value: str) -> None:
    no_markup(value)
    if value and not _NAME.match(value):
        raise ValidationError(_("Gebruik alleen letters, spaties, streepjes en apostrofs."),
                              code="naam")


def normalise_postcode(value: str) -> str:
    """'1234ab' → '1234 AB'; raise a Dutch message for anything that is not a postcode."""
    match = _POSTCODE.match((value or "").strip())
    if not match:
        raise ValidationError(_("Vul een postcode in zoals 1234 AB: vier cijfers en twee "
                                "letters."), code="postcode")
    return f"{match[1]} {match[2].upper()}"


def normalise_phone(value: str) -> str:
    """Accept Dutch numbers written in the usual ways: 06-12345678, 020 123 4567, +31 6 …"""
    digits = _PHONE_DIGITS.sub("", value or "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0[1-9][0-9]{8}", digits) and not re.fullmatch(r"\+[1-9][0-9]{7,14}",
                                                                          digits):
        raise ValidationError(_("Vul een telefoonnummer in van 10 cijfers, zoals 06 12345678 "
                                "of 020 1234567."), code="telefoon")
    return digits


# The first two digits of an AGB code name the kind of care provider (Vektis'
# zorgverlenersoort); 01 is the huisarts (and the huisartsenpraktijk).
AGB_HUISARTS = "01"


def normalise_agb_code(value: str) -> str:
    """'01 12 34 56' → '01123456' (spaces, dots and dashes people type are dropped)."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_agb_code(value: str) -> None:
    """An AGB code is eight digits. The register publishes no check digit, so the format and
    the kind of provider are what can be checked without asking Vektis."""
    if not re.fullmatch(r"\d{8}", normalise_agb_code(value)):
        raise ValidationError(_("Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 01123456."),
                              code="agb")


def validate_agb_huisarts(value: str) -> None:
    """The AGB code of a huisarts or huisartsenpraktijk: eight digits starting with 01."""
    validate_agb_code(value)
    if not normalise_agb_code(value).startswith(AGB_HUISARTS):
        raise ValidationError(_("Dit is geen AGB-code van een huisarts: die begint met 01."),
                              code="agb_huisarts")


def agb_code_clean(value: str, *, huisarts: bool) -> str:
    """The AGB code as eight digits, '' when left empty; a huisarts's must start with 01."""
    agb = normalise_agb_code(value)
    if agb:
        (validate_agb_huisarts if huisarts else validate_agb_code)(agb)
    return agb
