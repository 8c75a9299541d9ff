"""Every field of the online intake refuses bad input with a Dutch message and keeps the
other answers on the page."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from tests.intake.test_wizard import STAPPEN, _begin, _fill

SCRIPT = "<script>alert('x')</script>"
TE_LANG = "a" * 5001

# (step, field, bad value, words the message contains)
CASES = [
    ("over-u", "voornaam", "", "nodig om verder te gaan"),
    ("over-u", "voornaam", "a" * 101, "te lang"),
    ("over-u", "voornaam", SCRIPT, "computercode"),
    ("over-u", "voornaam", "Jan3", "alleen letters"),
    ("over-u", "achternaam", "", "nodig om verder te gaan"),
    ("over-u", "achternaam", SCRIPT, "computercode"),
    ("over-u", "geboortedatum", "", "Vul uw geboortedatum in"),
    ("over-u", "geboortedatum", "31-02-1980", "dag-maand-jaar"),
    ("over-u", "geboortedatum", "01-01-2999", "toekomst"),
    ("over-u", "geboortedatum", "01-01-1850", "Controleer het jaar"),
    ("over-u", "geboortedatum", SCRIPT, "te lang"),
    ("over-u", "bsn", "123456789", "burgerservicenummer klopt niet"),
    ("over-u", "bsn", "12345", "burgerservicenummer klopt niet"),
    ("over-u", "postcode", "12345", "postcode in zoals 1234 AB"),
    ("over-u", "postcode", "", "Vul uw adres in"),
    ("over-u", "postcode", SCRIPT, "te lang"),
    ("over-u", "postcode", "<i>12ab", "postcode in zoals"),
    ("over-u", "straat", "", "Vul uw adres in"),
    ("over-u", "straat", "a" * 201, "te lang"),
    ("over-u", "straat", SCRIPT, "computercode"),
    ("over-u", "woonplaats", "", "Vul uw adres in"),
    ("over-u", "woonplaats", SCRIPT, "computercode"),
    ("huishouden", "lid-0-naam", "", "Vul dit ook in"),
    ("huishouden", "lid-0-naam", SCRIPT, "computercode"),
    ("huishouden", "lid-0-geboortejaar", "3000", "geboortejaar in tussen 1900 en nu"),
    ("huishouden", "lid-0-geboortejaar", "twintig", "Vul een jaartal in"),
    ("huishouden", "lid-0-relatie", "", "Vul dit ook in"),
    ("vraag", "vraag", "", "nodig om verder te gaan"),
    ("vraag", "vraag", TE_LANG, "te lang"),
    ("vraag", "vraag", SCRIPT, "computercode"),
    ("vraag", "over_kind", "", "Kies ja of nee"),
    ("onderwerpen", "levensgebieden", "geen_bestaand_gebied", "Kies alleen uit de onderwerpen"),
    ("wat-gaat-goed", "wat_gaat_goed", TE_LANG, "te lang"),
    ("wat-gaat-goed", "wie_helpt", SCRIPT, "computercode"),
    ("wens", "wens", TE_LANG, "te lang"),
    ("wens", "wens", SCRIPT, "computercode"),
    ("veiligheid", "veiligheid", "", "Kies een antwoord"),
    ("veiligheid", "urgentie", "", "Kies een antwoord"),
    ("veiligheid", "veiligheid_toelichting", SCRIPT, "computercode"),
    ("contact", "telefoon", "12345", "telefoonnummer"),
    ("contact", "telefoon", "", "Vul uw telefoonnummer in"),
    ("contact", "email", "geen-adres", "e-mailadres in zoals"),
    ("contact", "email", SCRIPT, "e-mailadres in zoals"),
    ("contact", "contact_voorkeur", "", "Kies een manier"),
]


class _Velden(HTMLParser):
    """What the page shows in each form field: the value of a text box, the text of a text
    area, the values of the checked boxes and radio buttons, the chosen options."""

    def __init__(self) -> None:
        super().__init__()
        self.getoond: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def _add(self, naam: str | None, waarde: str | None) -> None:
        if naam:
            self.getoond.setdefault(naam, []).append(waarde or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") in ("checkbox", "radio"):
            if "checked" in a:
                self._add(a.get("name"), a.get("value"))
        elif tag == "input" and a.get("value"):
            self._add(a.get("name"), a["value"])
        elif tag == "textarea":
            self._textarea = a.get("name")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and data.strip():
            self._add(self._textarea, data.strip())


def _getoond(html: str) -> dict[str, list[str]]:
    parser = _Velden()
    parser.feed(html)
    return parser.getoond


@pytest.fixture(autouse=True)
def _clear_rate_limits():  # type: ignore[no-untyped-def]
    cache.clear()


@pytest.mark.parametrize(("slug", "field", "value", "message"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_bad_input_gives_a_dutch_message_and_keeps_the_rest(client, stad, slug, field,  # type: ignore[no-untyped-def]
                                                            value, message) -> None:
    _begin(client)
    _fill(client, stop_before=slug)
    data = dict(STAPPEN[slug])
    data[field] = value
    response = client.post(f"/hulp-vragen/{slug}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html, html[:4000]
    assert "Er is iets niet goed ingevuld" in html
    assert "<script>alert" not in html  # what was typed comes back escaped, never as markup
    getoond = _getoond(html)
    for other, kept in STAPPEN[slug].items():
        if other in (field, "website") or other.endswith("_FORMS") or not kept:
            continue
        assert getoond.get(other) == (kept if isinstance(kept, list) else [kept]), other


def test_with_no_fixed_address_the_address_is_not_needed(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    data = {**STAPPEN["over-u"], "geen_vast_adres": "on", "straat": "", "postcode": "",
            "woonplaats": ""}
    assert client.post("/hulp-vragen/over-u/", data).status_code == 302


def test_email_preference_needs_an_address(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="contact")
    response = client.post("/hulp-vragen/contact/", {**STAPPEN["contact"], "email": "",
                                                     "contact_voorkeur": "email"})
    assert "Vul uw e-mailadres in, of kies een andere manier" in response.content.decode()


def test_consent_needs_an_answer_per_team(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client)
    form = client.get("/hulp-vragen/toestemming/").context["form"]
    # The wijkteam's intake asks about the other wetten.
    assert [v.wet for v in form.vragen] == ["JEUGDWET", "PARTICIPATIEWET"]
    response = client.post("/hulp-vragen/toestemming/",
                           {f"versie_{v.wet}": v.versie for v in form.vragen})
    assert response.status_code == 400
    # Each question's message twice: in the summary at the top and at the question.
    assert response.content.decode().count("Kies ja of nee") == 2 * len(form.vragen)
    # Nothing is pre-ticked.
    page = client.get("/hulp-vragen/toestemming/").content.decode()
    assert "checked" not in page


def test_child_of_13_needs_the_young_person_and_a_parent(client, stad) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    _begin(client)
    year = dt.date.today().year - 13
    client.post("/hulp-vragen/over-u/", {**STAPPEN["over-u"], "geboortedatum": f"01-01-{year}"})
    for slug in list(STAPPEN)[1:]:
        client.post(f"/hulp-vragen/{slug}/", STAPPEN[slug])
    form = client.get("/hulp-vragen/toestemming/").context["form"]
    data = {f"versie_{v.wet}": v.versie for v in form.vragen}
    data.update({f"toestemming_{v.wet}": "ja" for v in form.vragen})
    html = client.post("/hulp-vragen/toestemming/", data).content.decode()
    assert "de jongere en een ouder allebei" in html and "Vul de naam van de ouder" in html
    data.update({"kind_akkoord": "on", "ouder_akkoord": "on", "ouder_naam": "Sanne de Vries"})
    assert client.post("/hulp-vragen/toestemming/", data).status_code == 302
