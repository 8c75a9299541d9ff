"""The online intake: every step validates on the server, keeps what was typed, and the
whole journey sends exactly one intake."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from intake.models import Bijlage, Intake, Urgentie
from intake.permissions import intakes_visible_to
from intake.wizard.models import IntakeConcept
from regie.termijnen.models import Termijn
from tests.bestanden import PDF as REAL_PDF

STAPPEN = {
    "over-u": {"voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": "12-04-1985",
               "bsn": "", "straat": "Dorpsstraat 1", "postcode": "7511ab",
               "woonplaats": "Dijkstad", "website": ""},
    "huishouden": {"lid-TOTAL_FORMS": "2", "lid-INITIAL_FORMS": "0",
                   "lid-0-relatie": "kind", "lid-0-naam": "Noor", "lid-0-geboortejaar": "2018",
                   "lid-1-relatie": "", "lid-1-naam": "", "lid-1-geboortejaar": ""},
    "vraag": {"vraag": "Ik kan de rekeningen niet meer betalen.", "over_kind": "nee"},
    "onderwerpen": {"levensgebieden": ["financien", "huisvesting"]},
    "wat-gaat-goed": {"wat_gaat_goed": "Ik kan goed koken.", "wie_helpt": "Mijn zus."},
    "wens": {"wens": "Rust in mijn hoofd."},
    "veiligheid": {"veiligheid": "veilig", "veiligheid_toelichting": "", "urgentie": "normaal"},
    "contact": {"telefoon": "06-12345678", "email": "sanne@example.nl",
                "contact_voorkeur": "telefoon", "dagdelen": ["ochtend"]},
}


@pytest.fixture(autouse=True)
def _clear_rate_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def _begin(client):  # type: ignore[no-untyped-def]
    response = client.post("/hulp-vragen/begin/")
    assert response.status_code == 302 and response["Location"].endswith("/over-u/")


def _fill(client, stop_before: str | None = None) -> None:  # type: ignore[no-untyped-def]
    for slug, data in STAPPEN.items():
        if slug == stop_before:
            return
        response = client.post(f"/hulp-vragen/{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])


def _consent(client, answers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    form = client.get("/hulp-vragen/toestemming/").context["form"]
    data = {f"versie_{v.wet}": v.versie for v in form.vragen}
    data.update({f"toestemming_{v.wet}": answers.get(v.wet, "nee") for v in form.vragen})
    response = client.post("/hulp-vragen/toestemming/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_whole_journey_sends_one_intake_and_mails_a_confirmation(client, stad,  # type: ignore[no-untyped-def]
                                                                 django_capture_on_commit_callbacks):
    _begin(client)
    _fill(client)
    _consent(client, {"PARTICIPATIEWET": "ja"})
    check = client.get("/hulp-vragen/controleren/")
    assert check.status_code == 200
    html = check.content.decode()
    assert "Ik kan de rekeningen niet meer betalen." in html and "Noor" in html
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/hulp-vragen/versturen/")
    assert sent.status_code == 302 and sent["Location"].endswith("/hulp-vragen/verstuurd/")
    intake = Intake.objects.get()
    # Money and housing, not about the child: the wijkteam of Centrum (7511); Werk en Inkomen
    # only reads along, by the consent given in the wizard.
    assert intake.team == stad.wijkteam
    assert list(intakes_visible_to(user=stad.pro_werk)) == [intake]
    assert intake.postcode == "7511 AB" and intake.telefoon == "0612345678"
    assert sorted(g.levensgebied for g in intake.levensgebieden.all()) == \
        ["financien", "huisvesting"]
    assert [h.naam for h in intake.huishoudleden.all()] == ["Noor"]
    assert intake.contact_tijden == "'s ochtends"
    page = client.get("/hulp-vragen/verstuurd/").content.decode()
    assert intake.referentie in page and "Uiterlijk" in page
    assert Termijn.objects.filter(intake=intake, soort="eerste_contact").exists()
    assert len(mail.outbox) == 1 and intake.referentie in mail.outbox[0].subject
    # The draft keeps no copy of what was typed.
    assert IntakeConcept.objects.get().gegevens == {}


def test_double_submit_and_back_button_never_make_two_intakes(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client)
    _consent(client, {})
    client.post("/hulp-vragen/versturen/")
    client.post("/hulp-vragen/versturen/")
    back = client.get("/hulp-vragen/controleren/")
    assert back.status_code == 302 and back["Location"].endswith("/verstuurd/")
    assert client.post("/hulp-vragen/contact/", STAPPEN["contact"]).status_code == 302
    assert Intake.objects.count() == 1


def test_previous_keeps_answers_even_when_invalid(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="vraag")
    response = client.post("/hulp-vragen/vraag/", {"vraag": "Half getypt", "actie": "vorige"})
    assert response["Location"].endswith("/huishouden/")
    page = client.get("/hulp-vragen/vraag/").content.decode()
    assert "Half getypt" in page and "Er is iets niet goed ingevuld" not in page


def test_save_and_resume_with_the_link(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="vraag")
    client.post("/hulp-vragen/vraag/", {"vraag": "Later verder", "actie": "bewaren"})
    page = client.get("/hulp-vragen/opgeslagen/")
    link = page.context["link"]
    other = client.__class__()
    resumed = other.get(link)
    assert resumed.status_code == 302 and resumed["Location"].endswith("/vraag/")
    assert "Later verder" in other.get("/hulp-vragen/vraag/").content.decode()
    # A newer link replaces the older one.
    client.get("/hulp-vragen/opgeslagen/")
    assert client.__class__().get(link).status_code == 404


def test_resume_link_by_mail(client, stad, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="huishouden")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/hulp-vragen/opgeslagen/", {"email": "sanne@example.nl"})
    assert response.status_code == 302
    assert "/hulp-vragen/verder/" in mail.outbox[0].body


def test_expired_draft_is_gone(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="vraag")
    IntakeConcept.objects.update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert client.get("/hulp-vragen/vraag/")["Location"].endswith("/hulp-vragen/")


def test_someone_unsafe_shows_crisis_numbers_and_makes_it_urgent(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="veiligheid")
    response = client.post("/hulp-vragen/veiligheid/", {
        "veiligheid": "onveilig", "urgentie": "normaal"})
    assert response.status_code == 302
    page = client.get("/hulp-vragen/contact/").content.decode()
    assert "0800-2000" in page and "112" in page
    client.post("/hulp-vragen/contact/", STAPPEN["contact"])
    _consent(client, {})
    client.post("/hulp-vragen/versturen/")
    assert Intake.objects.get().urgentie == Urgentie.URGENT


def test_files_on_the_question_step_are_kept_and_moved(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="vraag")
    pdf = SimpleUploadedFile("brief.pdf", REAL_PDF)
    response = client.post("/hulp-vragen/vraag/", {**STAPPEN["vraag"], "bestanden": pdf})
    assert response.status_code == 302
    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf")
    response = client.post("/hulp-vragen/vraag/", {**STAPPEN["vraag"], "bestanden": bad})
    assert response.status_code == 400 and "Dit soort bestand" in response.content.decode()
    client.post("/hulp-vragen/vraag/", STAPPEN["vraag"])
    for slug in list(STAPPEN)[3:]:
        client.post(f"/hulp-vragen/{slug}/", STAPPEN[slug])
    _consent(client, {})
    client.post("/hulp-vragen/versturen/")
    assert [b.naam for b in Bijlage.objects.filter(intake=Intake.objects.get())] == ["brief.pdf"]


def test_more_household_rows_without_javascript(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client, stop_before="huishouden")
    response = client.post("/hulp-vragen/huishouden/", {**STAPPEN["huishouden"], "actie": "meer"})
    assert response.status_code == 302
    form = client.get("/hulp-vragen/huishouden/").context["form"]
    assert len(form.forms) == 3


def test_honeypot_stops_bots(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    response = client.post("/hulp-vragen/over-u/", {**STAPPEN["over-u"], "website": "spam"})
    assert response.status_code == 400


@override_settings(INTAKE_LIMIET_IP_PER_UUR=1)
def test_sending_is_rate_limited_and_keeps_the_draft(client, stad) -> None:  # type: ignore[no-untyped-def]
    for n in range(2):
        c = client.__class__()
        _begin(c)
        _fill(c)
        _consent(c, {})
        response = c.post("/hulp-vragen/versturen/")
        if n == 0:
            assert response.status_code == 302
        else:
            assert response.status_code == 429
            assert "Uw antwoorden zijn bewaard" in response.content.decode()
    assert Intake.objects.count() == 1
    assert IntakeConcept.objects.filter(intake__isnull=True).count() == 1


def test_each_step_has_its_own_title_and_progress(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    page = client.get("/hulp-vragen/over-u/").content.decode()
    assert "<title>Over u – stap 1 van 10 – Hulp vragen" in page
    assert "Stap 1 van 10" in page
    _fill(client, stop_before="contact")
    assert "<title>Contact – stap 8 van 10" in client.get("/hulp-vragen/contact/").content.decode()


def test_draft_of_another_account_never_shows(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    _begin(client)
    _fill(client, stop_before="huishouden")
    client.force_login(stad.andere_inwoner)
    response = client.get("/hulp-vragen/huishouden/")
    assert response.status_code == 302  # back to the start: no draft of theirs
