"""Validators of typed input: clear Dutch messages, forgiving about spaces and case."""

import pytest
from django.core.exceptions import ValidationError

from toegang.core.validators import (
    clean_text,
    no_markup,
    normalise_phone,
    normalise_postcode,
    validate_name,
)


@pytest.mark.parametrize(("raw", "clean"), [("1234ab", "1234 AB"), (" 7511 CD ", "7511 CD"),
                                            ("7511cd", "7511 CD")])
def test_postcode_is_normalised(raw: str, clean: str) -> None:
    assert normalise_postcode(raw) == clean


@pytest.mark.parametrize("raw", ["0123 AB", "123 AB", "12345", "ABCD 12", "", "7511 C"])
def test_wrong_postcode_has_a_dutch_message(raw: str) -> None:
    with pytest.raises(ValidationError, match="postcode in zoals 1234 AB"):
        normalise_postcode(raw)


@pytest.mark.parametrize(("raw", "clean"), [("06-12345678", "0612345678"),
                                            ("+31 6 1234 5678", "0612345678"),
                                            ("(020) 123 45 67", "0201234567"),
                                            ("0031612345678", "0612345678"),
                                            ("+32 470 12 34 56", "+32470123456")])
def test_phone_numbers_written_the_usual_ways(raw: str, clean: str) -> None:
    assert normalise_phone(raw) == clean


@pytest.mark.parametrize("raw", ["12345", "06-1234", "bel me", "0012"])
def test_wrong_phone_number(raw: str) -> None:
    with pytest.raises(ValidationError, match="telefoonnummer"):
        normalise_phone(raw)


@pytest.mark.parametrize("name", ["Anne-Marie", "O'Neill", "d’Hondt", "Çelik", "Jan", "J.",
                                  "van der Berg", "Ngọc"])
def test_real_names_pass(name: str) -> None:
    validate_name(name)


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "Jan2", "@@", "x_y"])
def test_not_a_name(name: str) -> None:
    with pytest.raises(ValidationError):
        validate_name(name)


def test_markup_is_refused_but_ordinary_signs_are_fine() -> None:
    no_markup("Ik heb < 100 euro en ben 3 > 2 dagen bezig <3")
    for text in ["<script>x</script>", "< img src=x>", "</b>", "<!-- x -->"]:
        with pytest.raises(ValidationError, match="computercode"):
            no_markup(text)


def test_control_and_bidi_characters_are_removed() -> None:
    assert clean_text("  Hallo\x00\x07 wereld\u202e\r\nregel 2 ") == "Hallo wereld\nregel 2"
