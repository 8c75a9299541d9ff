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
