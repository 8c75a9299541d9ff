"""Hostile input: validators and forms never crash on anything a browser can send (only a
ValidationError with a Dutch message), and stored text is shown escaped everywhere: HTML pages,
PDFs, e-mails, the JSON export, and spreadsheet cells are guarded against formulas."""

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pypdf import PdfReader

from casussen import forms as casus_forms
from casussen.afspraken import forms as forms_afspraken
from casussen.besluit import forms as forms_besluit
from casussen.besluit import forms_mijn as forms_besluit_mijn
from casussen.huishouden import forms as forms_huishouden
from casussen.plan import forms as forms_plan
from casussen.toewijzing import forms as forms_toewijzing
from casussen.zrm import forms as forms_zrm
from intake import forms as intake_forms
from intake.models import Verwijzer
from intake.verwijzing import forms as verwijzing_forms
from intake.wizard import forms as wizard_forms
from regie.feedback import forms as forms_feedback
from regie.stuur import forms as regie_forms
from regie.termijnen import forms as forms_termijnen
from tests.factories import CasusFactory, IntakeFactory, VerwijzerFactory
from toegang.accounts import forms as account_forms
from toegang.berichten import forms as berichten_forms
from toegang.core.bsn import bsn_is_valid, bsn_mask, bsn_normalise
from toegang.core.export import formule_veilig
from toegang.core.validators import (
    clean_text,
    no_markup,
    normalise_agb_code,
    normalise_phone,
    normalise_postcode,
    validate_agb_code,
    validate_agb_huisarts,
    validate_name,
)
from toegang.diagnose import forms as diagnose_forms
from toegang.organisatie import forms as organisatie_forms
from toegang.socialekaart import forms as socialekaart_forms

SCRIPT = "<script>alert('xss')</script>"
IMG = "<img src=x onerror=alert(1)>"
FORMULE = '=HYPERLINK("http://evil.example","klik")'
HOSTILE = [
    SCRIPT, IMG, FORMULE, "+SUM(1+1)", "@SUM(A1)", "-2+3", "\u202eexe.pdf", "a\x00b",
    "\x07\x1b[31m", "{{ 7|add:7 }}", "{% debug %}", "'; DROP TABLE intake_intake;--",
    "\r\nBcc: x@example.nl", "../../etc/passwd", "<b>&amp;</b>", "]]><!--", "\u200b\u2066x",
    "😀" * 50, "Ĳsbrand ŒUVRE ß", "a" * 100_000, "", " ", "٣٤٥", "１２３４ＡＢ",
]
ENGELS = re.compile(r"\b(This field|Enter a valid|Ensure this value|Select a valid|is required)\b")

tekst = st.one_of(
    st.text(max_size=300),
    st.sampled_from(HOSTILE),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=40), st.sampled_from(HOSTILE),
              st.text(max_size=40)),
)
VALIDATORS: list[Callable[[str], Any]] = [
    clean_text, no_markup, validate_name, normalise_postcode, normalise_phone, bsn_is_valid,
    bsn_normalise, bsn_mask, wizard_forms.parse_datum, normalise_agb_code, validate_agb_code,
    validate_agb_huisarts,
]
FAST = hsettings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


# --- Validators ------------------------------------------------------------------------------


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.__name__)
@FAST
@given(value=tekst)
def test_validators_raise_only_validation_errors(validator, value) -> None:  # type: ignore[no-untyped-def]
    with translation.override("nl"):
        try:
            validator(value)
        except ValidationError as exc:
            assert exc.messages and all(m.strip() for m in exc.messages)
            assert not any(ENGELS.search(m) for m in exc.messages)


@FAST
@given(value=tekst)
def test_clean_text_removes_control_and_bidi_characters_and_is_stable(value) -> None:  # type: ignore[no-untyped-def]
    cleaned = clean_text(value)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]", cleaned)
    assert clean_text(cleaned) == cleaned


@FAST
@given(digits=st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_elfproef_accepts_exactly_the_numbers_it_should(digits) -> None:  # type: ignore[no-untyped-def]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    last = total % 11
    number = "".join(map(str, digits)) + str(last)
    assert bsn_is_valid(number) == (last < 10 and number != "000000000")
    if last < 10 and number != "000000000":
        # Any single changed digit breaks the elfproef.
        for i in range(9):
            wrong = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:]
            assert not bsn_is_valid(wrong)


@FAST
@given(pc=st.from_regex(r"[1-9][0-9]{3} ?[A-Za-z]{2}", fullmatch=True))
def test_every_postcode_shape_is_normalised(pc) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", normalise_postcode(pc))


@FAST
@given(d=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
@example(d=dt.date(1899, 12, 31))
@example(d=dt.date.today() + dt.timedelta(days=1))
def test_birth_dates_in_the_future_or_before_1900_get_a_dutch_message(d) -> None:  # type: ignore[no-untyped-def]
    form = wizard_forms.OverUForm({"voornaam": "Sanne", "achternaam": "Vries",
                                   "geboortedatum": d.strftime("%d-%m-") + str(d.year).zfill(4),
                                   "geen_vast_adres": "on"})
    with translation.override("nl"):
        valid = form.is_valid()
        if d > dt.date.today() or d.year < 1900:
            assert not valid and form.errors["geboortedatum"]
        else:
            assert valid, form.errors


# --- Forms -----------------------------------------------------------------------------------


# Every module with forms; `test_every_forms_module_is_searched` keeps this list complete.
FORM_MODULES = (wizard_forms, intake_forms, casus_forms, forms_plan, forms_zrm, account_forms,
                regie_forms, forms_termijnen, berichten_forms, forms_huishouden,
                verwijzing_forms, forms_afspraken, forms_feedback, forms_besluit,
                forms_besluit_mijn, forms_toewijzing, diagnose_forms, organisatie_forms,
                socialekaart_forms)


def _forms(stad) -> dict[str, Callable[[dict], forms.Form]]:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from casussen.besluit.models import Aanvraag, Onderzoek
    from intake.models import Intake
    from toegang.catalogus.models import Product, Zorgaanbieder
    from toegang.organisatie.models import Team

    teams = Team.objects.all()
    users = get_user_model().objects.filter(rol="professional")
    verwijzer = Verwijzer.objects.first() or VerwijzerFactory()
    simple = [
        wizard_forms.OverUForm, wizard_forms.HuishoudlidForm, wizard_forms.VraagForm,
        wizard_forms.LevensgebiedenForm, wizard_forms.GoedForm, wizard_forms.WensForm,
        wizard_forms.VeiligheidForm, wizard_forms.ContactForm, wizard_forms.BewaarLinkForm,
        intake_forms.AanvullingForm, intake_forms.VeiligheidsmeldingForm,
        intake_forms.BeoordelingForm, intake_forms.ToegangslogZoekForm,
        forms_termijnen.TerugbelForm, casus_forms.ContactmomentForm, casus_forms.NotitieForm,
        casus_forms.AveForm, casus_forms.AfwijzenForm, forms_plan.PlanForm,
        forms_plan.DoelForm, forms_plan.ActieForm, forms_plan.VoorzieningForm,
        forms_plan.OpmerkingForm, forms_zrm.ZrmMetingForm, forms_zrm.ZrmZelfForm,
        account_forms.RegistratieForm, account_forms.InwonerPasswordResetForm,
        account_forms.TweestapsCodeForm, forms_termijnen.TermijnStartForm,
        forms_termijnen.TerugbelafspraakForm, forms_termijnen.OpschortenForm,
        forms_termijnen.HervattenForm, forms_termijnen.VerdagenForm, berichten_forms.VoorkeurForm,
        intake_forms.KanaalForm, forms_huishouden.KoppelForm, forms_huishouden.ApartForm,
        forms_huishouden.LidForm, forms_huishouden.LidEindeForm,
        wizard_forms.VerwijzingForm, verwijzing_forms.VerwijzerForm,
        verwijzing_forms.VerwijzerAanmaakForm, forms_afspraken.AfspraakForm,
        forms_afspraken.AnnulerenForm, forms_afspraken.VerslagForm,
        forms_afspraken.AndereTijdForm, forms_feedback.FeedbackForm,
        forms_besluit_mijn.VerslagOpmerkingForm, forms_besluit_mijn.MijnAanvraagForm,
        forms_besluit.OnderzoekForm, forms_besluit.BevestigForm, forms_besluit.MotiveringForm,
        forms_besluit.IntrekkenForm, forms_besluit.BezwaarForm,
        forms_besluit.BezwaarBeslissenForm, forms_toewijzing.VerzoekActieForm,
        forms_toewijzing.VerzoekAfwijzenForm, diagnose_forms.BerichtZoekForm,
        organisatie_forms.PostcodeForm, socialekaart_forms.ImportForm,
        socialekaart_forms.ZoekForm, socialekaart_forms.VoorzieningAdminForm,
    ]
    made: dict[str, Callable[[dict], forms.Form]] = {f.__name__: f for f in simple}
    made.update({
        "ToestemmingForm": lambda d: wizard_forms.ToestemmingForm(
            d, vragen=[], nodig_kind=True, nodig_ouder=True),
        "ToestemmingGevenForm": lambda d: intake_forms.ToestemmingGevenForm(
            d, nodig_kind=True, nodig_ouder=True),
        "WerkvoorraadFilterForm": lambda d: casus_forms.WerkvoorraadFilterForm(
            d, teams=list(teams), wijken=[]),
        "StatusForm": lambda d: casus_forms.StatusForm(d, keuzes=["afgesloten"]),
        "BetrokkeneForm": lambda d: casus_forms.BetrokkeneForm(d, teams=teams,
                                                               professionals=users),
        "OverdrachtForm": lambda d: casus_forms.OverdrachtForm(d, collegas=users),
        "ToewijzenForm": lambda d: casus_forms.ToewijzenForm(d, collegas=users),
        "TeamTermijnFilterForm": lambda d: forms_termijnen.TeamTermijnFilterForm(
            d, teams=list(teams)),
        "DashboardFilterForm": lambda d: regie_forms.DashboardFilterForm(
            d, teams=list(teams), wijken=[], alle_teams=True),
        "DoorsturenForm": lambda d: intake_forms.DoorsturenForm(d, teams=teams),
        "SluitenForm": lambda d: intake_forms.SluitenForm(d, zichtbaar=Intake.objects.all()),
        "VerwijsFormulier": lambda d: verwijzing_forms.VerwijsFormulier(d, verwijzer=verwijzer),
        "AanvraagForm": lambda d: forms_besluit.AanvraagForm(
            d, onderzoeken=Onderzoek.objects.all()),
        "BeschikkingForm": lambda d: forms_besluit.BeschikkingForm(
            d, aanvragen=Aanvraag.objects.all()),
        "ToekenningForm": lambda d: forms_besluit.ToekenningForm(
            d, producten=Product.objects.all(), aanbieders=Zorgaanbieder.objects.all(),
            productnamen={}),
        "RedenForm": lambda d: forms_besluit.RedenForm(d, label="Wat moet er anders?"),
    })
    return made


def test_every_form_class_is_covered(stad) -> None:  # type: ignore[no-untyped-def]
    """A new form must be added to the hostile-input list above."""
    covered = set(_forms(stad))
    found = set()
    for module in FORM_MODULES:
        for name, obj in vars(module).items():
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm) \
                    and obj.__module__ == module.__name__ and not name.startswith("_") \
                    and name not in {"StapForm", "RegelForm", "ResidentLoginForm",
                                     "StaffLoginForm"}:
                found.add(name)
    assert found - covered == set()


def test_every_forms_module_is_searched() -> None:
    """A new forms module must be added to the search in the test above."""
    from tests.processes import ROOT

    searched = {m.__name__ for m in FORM_MODULES}
    on_disk = {".".join(path.relative_to(ROOT).with_suffix("").parts)
               for package in ("intake", "casussen", "regie", "toegang")
               for path in (ROOT / package).rglob("forms*.py")}
    assert on_disk == searched


@FAST
@given(data=st.data())
def test_forms_accept_or_answer_in_dutch_on_any_input(stad, data) -> None:  # type: ignore[no-untyped-def]
    for name, make in _forms(stad).items():
        fields = list(make({}).fields)
        values = {f: data.draw(tekst, label=f"{name}.{f}") for f in fields}
        form = make(values)
        with translation.override("nl"):
            valid = form.is_valid()  # must not raise
            messages = [str(m) for errs in form.errors.values() for m in errs]
        assert valid == (not messages), name  # refused: with a reason; accepted: none
        for message in messages:
            assert message.strip() and not ENGELS.search(message), (name, message)


def test_markup_in_the_online_intake_gets_a_dutch_message_and_keeps_the_text() -> None:
    form = wizard_forms.VraagForm({"vraag": f"Help {SCRIPT}", "over_kind": "nee"})
    assert not form.is_valid()
    assert "computercode" in form.errors["vraag"][0]


# --- Spreadsheet guard -----------------------------------------------------------------------


@pytest.mark.parametrize("value", [FORMULE, "+SUM(1)", "-1+2", "@cmd", "\t=1", "\r=1",
                                   "  =1+1", "＝1+1"])
def test_formula_cells_become_plain_text(value) -> None:  # type: ignore[no-untyped-def]
    assert formule_veilig(value) == "'" + value


@pytest.mark.parametrize("value", ["Sanne", "a=b", "", None, -5, 3.5, dt.date(2026, 1, 1)])
def test_ordinary_cells_are_unchanged(value) -> None:  # type: ignore[no-untyped-def]
    assert formule_veilig(value) == value


@FAST
@given(value=tekst)
def test_no_guarded_cell_starts_a_formula(value) -> None:  # type: ignore[no-untyped-def]
    cel = formule_veilig(value)
    assert not cel.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


# --- Escaping wherever stored text is shown --------------------------------------------------

PAYLOAD = f"{SCRIPT} {IMG} {FORMULE} <b>&</b>"


def _assert_escaped(html: str, where: str, *, shown: bool = True) -> None:
    assert SCRIPT not in html, where
    assert "<img src=x" not in html, where
    assert "<b>&</b>" not in html, where
    if shown:
        assert "&lt;script&gt;" in html, where  # shown, as text


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_hostile_text_in_every_field_is_shown_escaped_everywhere(client, stad) -> None:  # type: ignore[no-untyped-def]
    from casussen.plan.models import Doel, Ondersteuningsplan, PlanVersie
    from casussen.services import contactmoment_add, notitie_add
    from intake.gegevens import HuishoudlidGegevens
    from intake.wizard.services import bevestiging_send
    from toegang.berichten.models import Email

    # Stored through the service (a phone intake or an old record): the forms refuse markup
    # in the online intake, but whatever is stored must still be shown safely.
    intake = IntakeFactory(
        inwoner=stad.inwoner, postcode="7511AA", voornaam=f"Sanne {IMG}",
        achternaam=f"Vries {SCRIPT}", vraag=PAYLOAD, wat_gaat_goed=PAYLOAD, wie_helpt=PAYLOAD,
        wens=PAYLOAD, veiligheid="zorgen", veiligheid_toelichting=PAYLOAD,
        contact_tijden=SCRIPT, straat=PAYLOAD, woonplaats=SCRIPT,
        huishouden=[HuishoudlidGegevens(relatie="kind", naam=f"Noor {SCRIPT}",
                                        geboortejaar=2018)])
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/aanvragen/{intake.pk}/aanvullen/", {"tekst": PAYLOAD})
    assert response.status_code == 302
    casus = CasusFactory(intake=intake, opgepakt_door=stad.pro)
    contactmoment_add(user=stad.pro, casus=casus, soort="telefoon",
                      tijdstip=dt.datetime.now(dt.UTC), verslag=PAYLOAD,
                      zichtbaarheid="inwoner")
    notitie_add(user=stad.pro, casus=casus, tekst=PAYLOAD, zichtbaarheid="inwoner")
    plan = Ondersteuningsplan.objects.create(casus=casus)
    versie = PlanVersie.objects.create(plan=plan, nummer=1, status="ter_akkoord",
                                       samenvatting=PAYLOAD, gemaakt_door=stad.pro,
                                       gedeeld_op=dt.datetime.now(dt.UTC))
    Doel.objects.create(versie=versie, levensgebied="financien", omschrijving=PAYLOAD,
                        zrm_start=2, zrm_doel=4, verantwoordelijke="inwoner")

    pages = {"resident home": "/mijn/", "resident intake": f"/mijn/aanvragen/{intake.pk}/",
             "resident plan": f"/mijn/casussen/{casus.pk}/plan/",
             "resident inzage": "/mijn/mijn-gegevens/"}
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        if where != "resident home":
            _assert_escaped(response.content.decode(), where)
    client.force_login(stad.pro)
    for where, url in {"professional intake": f"/werk/intakes/{intake.pk}/",
                       "casus page": f"/werk/casussen/{casus.pk}/",
                       "professional plan": f"/werk/casussen/{casus.pk}/plan/"}.items():
        response = client.get(url)
        assert response.status_code == 200, where
        _assert_escaped(response.content.decode(), where)

    # PDFs print the text as typed (reportlab markup escaped), so the tags show as text.
    client.force_login(stad.inwoner)
    for where, url in {"inzage pdf": "/mijn/mijn-gegevens.pdf",
                       "plan pdf": f"/mijn/casussen/{casus.pk}/plan/pdf/"}.items():
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = _pdf_text(response.content)
        assert "<script>alert('xss')</script>" in text, where
        assert "<b>&</b>" in text, where

    # JSON: valid, the text exactly as typed, served as a download that is never rendered.
    response = client.get("/mijn/mijn-gegevens.json")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment")
    assert PAYLOAD in _strings(json.loads(response.content))

    # E-mails: the HTML part escapes, the text part is plain text.
    Email.objects.all().delete()
    bevestiging_send(intake=intake)
    email = Email.objects.get()
    # The confirmation names only the reference; if text is ever added, it must be escaped.
    _assert_escaped(email.html, "confirmation e-mail", shown=False)
    assert "\n" not in email.onderwerp and "\r" not in email.onderwerp
