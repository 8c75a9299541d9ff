"""The referrer details form (VerwijzingForm), which professionals also use for a referral by
phone or post, and the referrer's own form (VerwijsFormulier): Dutch messages, the AGB code
checked for the kind of referrer, what was typed kept."""

import pytest
from django.utils import translation

from intake.gegevens import VerwijzingGegevens
from intake.verwijzing.forms import VerwijsFormulier
from intake.wizard.forms import OverUForm, VerwijzingForm
from tests.factories import VerwijzerFactory

GOED = {"soort": "huisarts", "organisatie": "Huisartsenpraktijk De Linde",
        "persoon": "Dr. A. Bakker", "telefoon": "020 123 45 67", "agb_code": "01 12 34 56",
        "inwoner_akkoord": "on", "ontvangen_via": "telefoon"}


def _form(**changes: str) -> VerwijzingForm:
    return VerwijzingForm({k: v for k, v in {**GOED, **changes}.items() if v is not None})


def test_a_good_referral_gives_clean_data_and_its_gegevens() -> None:
    form = _form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "soort": "huisarts", "organisatie": "Huisartsenpraktijk De Linde",
        "persoon": "Dr. A. Bakker", "telefoon": "0201234567", "agb_code": "01123456",
        "inwoner_akkoord": True, "ontvangen_via": "telefoon"}
    assert form.gegevens(verwijzer_id=None) == VerwijzingGegevens(
        soort="huisarts", organisatie="Huisartsenpraktijk De Linde", ontvangen_via="telefoon",
        persoon="Dr. A. Bakker", telefoon="0201234567", agb_code="01123456",
        inwoner_akkoord=True, verwijzer_id=None)


@pytest.mark.parametrize(("agb", "soort", "melding"), [
    ("0112345", "huisarts", "Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 01123456."),
    ("011234567", "huisarts", "Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 01123456."),
    ("0112345A", "huisarts", "Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 01123456."),
    ("AGB-code", "jeugdarts", "Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld 01123456."),
    ("02123456", "huisarts", "Dit is geen AGB-code van een huisarts: die begint met 01."),
    ("12345678", "huisarts", "Dit is geen AGB-code van een huisarts: die begint met 01."),
])
def test_a_wrong_agb_code_gets_a_dutch_message_and_is_kept(agb: str, soort: str,
                                                            melding: str) -> None:
    form = _form(agb_code=agb, soort=soort)
    with translation.override("nl"):
        assert not form.is_valid()
        assert form.errors["agb_code"] == [melding]
    assert form["agb_code"].value() == agb  # shown again as typed
    assert form["organisatie"].value() == "Huisartsenpraktijk De Linde"


def test_only_a_huisarts_code_must_start_with_01() -> None:
    form = _form(soort="jeugdarts", agb_code="03-123-456")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["agb_code"] == "03123456"


def test_the_agb_code_and_the_statement_are_not_required_here() -> None:
    form = _form(agb_code="", inwoner_akkoord=None, persoon="", telefoon="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["agb_code"] == "" and form.cleaned_data["inwoner_akkoord"] is False


def test_missing_referrer_details_get_dutch_messages() -> None:
    form = VerwijzingForm({})
    assert not form.is_valid()
    assert form.errors["soort"] == ["Kies wie de inwoner verwijst."]
    assert form.errors["organisatie"] == ["Vul de naam van de organisatie of praktijk in."]
    assert form.errors["ontvangen_via"] == ["Kies hoe de verwijzing binnenkwam."]


def test_a_professional_cannot_say_it_came_through_the_referrers_own_form() -> None:
    form = _form(ontvangen_via="formulier")
    assert not form.is_valid() and "ontvangen_via" in form.errors


def test_the_referrers_form_reuses_the_online_intakes_fields_and_checks(stad) -> None:  # type: ignore[no-untyped-def]
    form = VerwijsFormulier(verwijzer=VerwijzerFactory())
    for name in ("voornaam", "achternaam", "geboortedatum", "bsn", "geen_vast_adres", "straat",
                 "postcode", "woonplaats", "vraag", "over_kind", "veiligheid", "urgentie",
                 "telefoon", "email", "contact_voorkeur"):
        assert name in form.fields, name
    assert "website" not in form.fields and "bestanden" not in form.fields
    assert isinstance(form, OverUForm)
    # The same checks: a wrong BSN, a bad postcode, markup in the question.
    bad = VerwijsFormulier({"bsn": "123456789", "postcode": "12345",
                            "vraag": "<script>alert(1)</script>"}, verwijzer=form.verwijzer)
    assert not bad.is_valid()
    assert "Dit burgerservicenummer klopt niet" in bad.errors["bsn"][0]
    assert "1234 AB" in bad.errors["postcode"][0]
    assert "computercode" in bad.errors["vraag"][0]


def test_the_referrers_form_starts_from_its_account(stad) -> None:  # type: ignore[no-untyped-def]
    verwijzer = VerwijzerFactory(first_name="Annabel", last_name="Zwaluwstaart",
                                 telefoon="0301234567")
    form = VerwijsFormulier(verwijzer=verwijzer)
    assert form["verwijzer_persoon"].value() == "Annabel Zwaluwstaart"
    assert form["verwijzer_telefoon"].value() == "0301234567"
    assert form["sleutel"].value()
    # Another person's data: the browser must not fill in the referrer's own.
    assert form.fields["voornaam"].widget.attrs["autocomplete"] == "off"


@pytest.mark.parametrize("veld", ["organisatie", "persoon"])
def test_markup_in_the_referrer_details_is_refused_and_kept(veld: str) -> None:
    form = _form(**{veld: "<script>alert(1)</script>"})
    assert not form.is_valid()
    assert "computercode" in form.errors[veld][0]
    assert form[veld].value() == "<script>alert(1)</script>"
