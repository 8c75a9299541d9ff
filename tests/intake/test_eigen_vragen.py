"""The municipality's own questions in the online intake: made in the admin (each change a new
version), asked on their step when their conditions hold, validated like the wizard's own fields,
copied into the intake as asked, and shown to professionals and in the resident's download."""

import datetime as dt
import json
import logging
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from intake.models import Intake
from intake.wizard.eigen_beheer import EigenVraagForm, eigen_vraag_opslaan
from intake.wizard.eigen_velden import Omstandigheden, geldt
from intake.wizard.eigen_vragen import EigenAntwoord, EigenVraag, EigenVraagVersie
from intake.wizard.models import IntakeConcept
from tests.factories import IntakeFactory
from tests.intake.test_inzage import _pdf_text
from tests.intake.test_namens import PERSOON, _start, _toestemming
from tests.intake.test_namens import VRAAG as NAMENS_VRAAG
from tests.intake.test_wizard import STAPPEN, _begin, _consent, _fill
from toegang.accounts.services import beheer_group_ensure
from toegang.demo.eigen_vragen import seed_eigen_vragen
from toegang.inzage.selectors import inzage_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


def _velden(**kwargs: Any) -> dict[str, Any]:
    velden = {"tekst": "Heeft u een mantelzorger?", "hulptekst": "", "tekst_en": "",
              "hulptekst_en": "", "soort": "ja_nee", "keuzes": [], "keuzes_en": [],
              "verplicht": False, "levensgebieden": [], "min_leeftijd": None,
              "max_leeftijd": None}
    velden.update(kwargs)
    return velden


def _vraag(stap: str = "wat-gaat-goed", door: Any = None, **kwargs: Any) -> EigenVraag:
    return eigen_vraag_opslaan(vraag=EigenVraag(stap=stap), velden=_velden(**kwargs), door=door)


def _form_data(**kwargs: Any) -> dict[str, Any]:
    data = {"stap": "wat-gaat-goed", "volgorde": "0", "actief": "on",
            "tekst": "Heeft u een mantelzorger?", "soort": "ja_nee", "keuzes": "",
            "keuzes_en": "", "hulptekst": "", "tekst_en": "", "hulptekst_en": "",
            "min_leeftijd": "", "max_leeftijd": ""}
    data.update(kwargs)
    return {k: v for k, v in data.items() if v is not None}


def _wijzig(client, vraag: EigenVraag, **kwargs: Any) -> Any:  # type: ignore[no-untyped-def]
    """Post the admin's change form (with its read-only list of versions)."""
    aantal = str(vraag.versies.count())
    return client.post(f"/beheer/intake/eigenvraag/{vraag.pk}/change/", {
        **_form_data(**kwargs), "versies-TOTAL_FORMS": aantal, "versies-INITIAL_FORMS": aantal,
        **{f"versies-{i}-id": str(pk) for i, pk in enumerate(
            vraag.versies.order_by("-versie").values_list("pk", flat=True))},
        **{f"versies-{i}-vraag": str(vraag.pk) for i in range(int(aantal))}})


def _veld(versie: EigenVraagVersie) -> str:
    return f"eigen_{versie.pk}"


# --- The admin form: checks with clear messages ----------------------------------------------


@pytest.mark.parametrize(("data", "veld", "melding"), [
    ({"tekst": ""}, "tekst", "Vul de vraag in."),
    ({"soort": "keuze", "keuzes": "Alleen één"}, "keuzes", "Geef minstens 2 keuzes"),
    ({"soort": "keuze", "keuzes": "Ja\nNee\nja"}, "keuzes", "Dubbel: Ja, ja"),
    ({"soort": "keuze", "keuzes": "A\nB", "keuzes_en": "A"}, "keuzes_en", "evenveel"),
    ({"soort": "tekst", "keuzes": "A\nB"}, "keuzes", "Keuzes horen alleen bij"),
    ({"min_leeftijd": "40", "max_leeftijd": "18"}, "max_leeftijd", "even hoog of hoger"),
    ({"stap": "vraag", "levensgebieden": ["financien"]}, "levensgebieden",
     "kan niet afhangen van de onderwerpen"),
    ({"stap": "onderwerpen", "levensgebieden": ["financien"]}, "levensgebieden",
     "kan niet afhangen van de onderwerpen"),
    ({"stap": "over-u", "min_leeftijd": "18"}, "min_leeftijd",
     "kan niet afhangen van de leeftijd"),
    ({"stap": "huishouden"}, "stap", "Kies een stap uit de lijst."),
    ({"stap": "controleren"}, "stap", "Kies een stap uit de lijst."),
])
def test_admin_form_refuses_with_a_clear_message(data, veld, melding) -> None:  # type: ignore[no-untyped-def]
    form = EigenVraagForm(data=_form_data(**data))
    assert not form.is_valid()
    assert melding in " ".join(form.errors[veld]), form.errors


def test_admin_form_accepts_conditions_on_a_later_step() -> None:
    form = EigenVraagForm(data=_form_data(
        stap="contact", soort="keuze", keuzes=" Ochtend \n\nAvond", keuzes_en="Morning\nEvening",
        levensgebieden=["sociaal_netwerk"], min_leeftijd="18", max_leeftijd="67"))
    assert form.is_valid(), form.errors
    assert form.versie_velden()["keuzes"] == ["Ochtend", "Avond"]


def test_admin_add_with_empty_text_is_refused_and_nothing_saved(client, stad) -> None:  # type: ignore[no-untyped-def]
    stad.beheerder.groups.add(beheer_group_ensure())
    client.force_login(stad.beheerder)
    response = client.post("/beheer/intake/eigenvraag/add/", _form_data(tekst=""))
    assert response.status_code == 200
    assert "Vul de vraag in." in response.content.decode()
    assert not EigenVraag.objects.exists() and not EigenVraagVersie.objects.exists()


def test_beheerder_adds_and_edits_in_the_admin_each_change_a_new_version(client, stad) -> None:  # type: ignore[no-untyped-def]
    stad.beheerder.groups.add(beheer_group_ensure())  # the beheerder's own permissions
    client.force_login(stad.beheerder)
    response = client.post("/beheer/intake/eigenvraag/add/", _form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    vraag = EigenVraag.objects.get()
    eerste = vraag.huidige
    assert eerste is not None and eerste.versie == 1 and eerste.gemaakt_door == stad.beheerder
    page = client.get(f"/beheer/intake/eigenvraag/{vraag.pk}/change/").content.decode()
    assert "Heeft u een mantelzorger?" in page
    # Only the order changes: no new version.
    assert _wijzig(client, vraag, volgorde="5").status_code == 302
    vraag.refresh_from_db()
    assert vraag.volgorde == 5 and vraag.huidige_id == eerste.pk
    # The text changes: a new version; the first stays as it was.
    assert _wijzig(client, vraag, volgorde="5", tekst="Zorgt iemand voor u?").status_code == 302
    vraag.refresh_from_db()
    assert vraag.huidige is not None and vraag.huidige.versie == 2
    assert vraag.huidige.tekst == "Zorgt iemand voor u?"
    assert EigenVraagVersie.objects.get(pk=eerste.pk).tekst == "Heeft u een mantelzorger?"
    assert LogEntry.objects.filter(object_id=str(vraag.pk), user=stad.beheerder).count() == 3
    # Switch off instead of delete.
    assert client.get(f"/beheer/intake/eigenvraag/{vraag.pk}/delete/").status_code == 403


def test_a_version_is_never_changed_in_place() -> None:
    versie = _vraag().huidige
    assert versie is not None
    versie.tekst = "Anders"
    with pytest.raises(ValueError, match="verandert nooit"):
        versie.save()


# --- Conditions ------------------------------------------------------------------------------


def test_conditions_life_area_and_age() -> None:
    versie = _vraag(levensgebieden=["sociaal_netwerk"], min_leeftijd=18, max_leeftijd=67).huidige
    assert versie is not None
    assert geldt(versie, Omstandigheden(frozenset({"sociaal_netwerk", "financien"}), 40))
    assert not geldt(versie, Omstandigheden(frozenset({"financien"}), 40))
    assert not geldt(versie, Omstandigheden(frozenset({"sociaal_netwerk"}), 17))
    assert geldt(versie, Omstandigheden(frozenset({"sociaal_netwerk"}), 67))
    assert not geldt(versie, Omstandigheden(frozenset({"sociaal_netwerk"}), 68))
    assert not geldt(versie, Omstandigheden(frozenset({"sociaal_netwerk"}), None))
    assert geldt(_vraag().huidige, Omstandigheden())  # type: ignore[arg-type]


# --- The wizard ------------------------------------------------------------------------------


def test_question_shows_only_when_the_life_area_was_ticked(client, stad) -> None:  # type: ignore[no-untyped-def]
    versie = _vraag(levensgebieden=["sociaal_netwerk"]).huidige
    _begin(client)
    _fill(client, stop_before="wat-gaat-goed")  # money and housing: not this question
    assert "Heeft u een mantelzorger?" not in client.get("/hulp-vragen/wat-gaat-goed/") \
        .content.decode()
    client.post("/hulp-vragen/onderwerpen/", {"levensgebieden": ["financien", "sociaal_netwerk"]})
    page = client.get("/hulp-vragen/wat-gaat-goed/").content.decode()
    assert "Heeft u een mantelzorger? (niet verplicht)" in page
    assert f'name="{_veld(versie)}"' in page  # type: ignore[arg-type]


def test_question_by_age(client, stad) -> None:  # type: ignore[no-untyped-def]
    _vraag(stap="wens", tekst="Gaat u naar school?", min_leeftijd=12, max_leeftijd=23)
    _begin(client)
    _fill(client, stop_before="wens")  # born 1985: too old
    assert "Gaat u naar school?" not in client.get("/hulp-vragen/wens/").content.decode()
    geboren = timezone.localdate() - dt.timedelta(days=365 * 20)
    client.post("/hulp-vragen/over-u/", {**STAPPEN["over-u"],
                                         "geboortedatum": geboren.strftime("%d-%m-%Y")})
    assert "Gaat u naar school?" in client.get("/hulp-vragen/wens/").content.decode()


def test_required_date_question_validates_and_keeps_what_was_typed(client, stad) -> None:  # type: ignore[no-untyped-def]
    versie = _vraag(stap="wens", tekst="Sinds wanneer speelt dit?", soort="datum",
                    verplicht=True).huidige
    naam = _veld(versie)  # type: ignore[arg-type]
    _begin(client)
    _fill(client, stop_before="wens")
    leeg = client.post("/hulp-vragen/wens/", {"wens": "Rust."})
    html = leeg.content.decode()
    assert leeg.status_code == 400
    assert "Vul een datum in." in html and f'href="#id_{naam}"' in html  # in the summary, linked
    fout = client.post("/hulp-vragen/wens/", {"wens": "Rust.", naam: "31-02-20x"})
    html = fout.content.decode()
    assert fout.status_code == 400
    assert "Vul de datum in als dag-maand-jaar" in html
    assert 'value="31-02-20x"' in html and "Rust." in html  # nothing typed is lost
    goed = client.post("/hulp-vragen/wens/", {"wens": "Rust.", naam: "1-3-2024"})
    assert goed.status_code == 302
    assert IntakeConcept.objects.get().gegevens["wens"][naam] == ["1-3-2024"]


def test_required_choice_question(client, stad) -> None:  # type: ignore[no-untyped-def]
    versie = _vraag(stap="contact", tekst="Welke taal spreekt u thuis?", soort="keuze",
                    keuzes=["Nederlands", "Arabisch", "Anders"], keuzes_en=["Dutch", "Arabic",
                                                                            "Other"],
                    verplicht=True, tekst_en="Which language do you speak at home?").huidige
    naam = _veld(versie)  # type: ignore[arg-type]
    _begin(client)
    _fill(client, stop_before="contact")
    response = client.post("/hulp-vragen/contact/", {**STAPPEN["contact"]})
    assert response.status_code == 400 and "Kies een antwoord." in response.content.decode()
    response = client.post("/hulp-vragen/contact/", {**STAPPEN["contact"], naam: "Klingon"})
    assert response.status_code == 400
    assert "Kies een antwoord uit de lijst." in response.content.decode()
    client.cookies["django_language"] = "en"
    page = client.get("/hulp-vragen/contact/").content.decode()
    assert "Which language do you speak at home?" in page and "Arabic" in page
    assert "Welke taal" not in page


def test_english_text_with_dutch_fallback() -> None:
    met = _vraag(tekst="Heeft u een mantelzorger?", tekst_en="Do you have a carer?").huidige
    zonder = _vraag(tekst="Heeft u een huisdier?").huidige
    assert met is not None and zonder is not None
    with translation.override("en"):
        assert met.tekst_getoond == "Do you have a carer?"
        assert zonder.tekst_getoond == "Heeft u een huisdier?"
    with translation.override("nl"):
        assert met.tekst_getoond == "Heeft u een mantelzorger?"


def _stuur(client, extra: dict[str, dict[str, Any]]) -> Intake:  # type: ignore[no-untyped-def]
    _begin(client)
    for slug, data in STAPPEN.items():
        response = client.post(f"/hulp-vragen/{slug}/", {**data, **extra.get(slug, {})})
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    _consent(client, {})
    return _send(client)


def _send(client) -> Intake:  # type: ignore[no-untyped-def]
    check = client.get("/hulp-vragen/controleren/")
    assert check.status_code == 200, check
    sent = client.post("/hulp-vragen/versturen/")
    assert sent.status_code == 302 and sent["Location"].endswith("/verstuurd/")
    return Intake.objects.get()


def test_answers_are_on_the_check_page_and_copied_into_the_intake(client, stad) -> None:  # type: ignore[no-untyped-def]
    mantelzorg = _vraag(levensgebieden=["sociaal_netwerk"]).huidige
    bereik = _vraag(stap="contact", tekst="Mogen we u ook via WhatsApp bereiken?",
                    soort="tekst").huidige
    assert mantelzorg is not None and bereik is not None
    _begin(client)
    extra = {"onderwerpen": {"levensgebieden": ["financien", "sociaal_netwerk"]},
             "wat-gaat-goed": {_veld(mantelzorg): "ja"},
             "contact": {_veld(bereik): "Liever niet."}}
    for slug, data in STAPPEN.items():
        assert client.post(f"/hulp-vragen/{slug}/", {**data, **extra.get(slug, {})}) \
            .status_code == 302
    _consent(client, {})
    check = client.get("/hulp-vragen/controleren/").content.decode()
    assert "Heeft u een mantelzorger?" in check and "Liever niet." in check
    # Under its step: after what goes well, before the wish.
    assert check.index("Mijn zus.") < check.index("Heeft u een mantelzorger?") \
        < check.index("Rust in mijn hoofd.")
    intake = _send(client)
    antwoorden = list(intake.eigen_antwoorden.order_by("volgorde"))
    assert [(a.vraag_tekst, a.antwoord, a.weergave) for a in antwoorden] == [
        ("Heeft u een mantelzorger?", "ja", "Ja"),
        ("Mogen we u ook via WhatsApp bereiken?", "Liever niet.", "Liever niet.")]
    assert antwoorden[0].versie == mantelzorg


def test_answer_dropped_when_the_life_area_is_unticked(client, stad) -> None:  # type: ignore[no-untyped-def]
    mantelzorg = _vraag(levensgebieden=["sociaal_netwerk"]).huidige
    assert mantelzorg is not None
    _begin(client)
    extra = {"onderwerpen": {"levensgebieden": ["sociaal_netwerk"]},
             "wat-gaat-goed": {_veld(mantelzorg): "ja"}}
    for slug, data in STAPPEN.items():
        client.post(f"/hulp-vragen/{slug}/", {**data, **extra.get(slug, {})})
    client.post("/hulp-vragen/onderwerpen/", {"levensgebieden": ["financien"]})
    _consent(client, {})
    assert "Heeft u een mantelzorger?" not in client.get("/hulp-vragen/controleren/") \
        .content.decode()
    intake = _send(client)
    assert not intake.eigen_antwoorden.exists()


def test_new_required_question_after_the_step_sends_the_resident_back(client, stad) -> None:  # type: ignore[no-untyped-def]
    _begin(client)
    _fill(client)
    _consent(client, {})
    _vraag(stap="wens", tekst="Wat is uw droom?", soort="tekst", verplicht=True)
    response = client.get("/hulp-vragen/controleren/")
    assert response.status_code == 302 and response["Location"].endswith("/hulp-vragen/wens/")


def test_old_intake_keeps_the_question_as_asked(client, stad) -> None:  # type: ignore[no-untyped-def]
    vraag = _vraag(stap="wens", tekst="Heeft u een huisdier?")
    versie = vraag.huidige
    assert versie is not None
    intake = _stuur(client, {"wens": {_veld(versie): "ja"}})
    eigen_vraag_opslaan(vraag=vraag, velden=_velden(tekst="Heeft u huisdieren?"), door=None)
    vraag.actief = False
    vraag.save()
    client.force_login(stad.pro)
    page = client.get(f"/werk/intakes/{intake.pk}/").content.decode()
    assert "Vragen van de gemeente" in page
    assert "Heeft u een huisdier?" in page and "Heeft u huisdieren?" not in page


def test_a_broken_question_is_skipped_and_logged(client, stad, caplog) -> None:  # type: ignore[no-untyped-def]
    goed = _vraag(stap="wens", tekst="Heeft u een huisdier?").huidige
    kapot = EigenVraag.objects.create(stap="wens", volgorde=1)
    versie = EigenVraagVersie.objects.create(vraag=kapot, versie=1, tekst="Kapot",
                                             soort="keuze", keuzes="geen lijst", verplicht=True)
    kapot.huidige = versie
    kapot.save()
    onbekend = EigenVraag.objects.create(stap="wens", volgorde=2)
    onbekend.huidige = EigenVraagVersie.objects.create(vraag=onbekend, versie=1, tekst="Raar",
                                                       soort="video", verplicht=True)
    onbekend.save()
    with caplog.at_level(logging.ERROR, logger="intake.wizard.eigen_velden"):
        intake = _stuur(client, {"wens": {_veld(goed): "nee"}})  # type: ignore[arg-type]
    assert [a.vraag_tekst for a in intake.eigen_antwoorden.all()] == ["Heeft u een huisdier?"]
    assert any(f"Eigen vraag {kapot.pk}" in r.getMessage() for r in caplog.records)
    assert any(f"Eigen vraag {onbekend.pk}" in r.getMessage() for r in caplog.records)


# --- Professionals and the resident's download -----------------------------------------------


def _intake_met_antwoord(stad) -> Intake:  # type: ignore[no-untyped-def]
    versie = _vraag(stap="wens", tekst="Heeft u een huisdier?").huidige
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    EigenAntwoord.objects.create(intake=intake, versie=versie, stap="wens",
                                 vraag_tekst="Heeft u een huisdier?", soort="ja_nee",
                                 antwoord="ja")
    return intake


def test_professional_sees_the_answers_and_others_are_denied(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = _intake_met_antwoord(stad)
    client.force_login(stad.pro)
    page = client.get(f"/werk/intakes/{intake.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vragen van de gemeente" in html and "Heeft u een huisdier?" in html
    client.force_login(stad.pro_noord)
    denied = client.get(f"/werk/intakes/{intake.pk}/")
    assert denied.status_code == 404 and "huisdier" not in denied.content.decode()


def test_the_professionals_intake_export_holds_the_answers(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = _intake_met_antwoord(stad)
    client.force_login(stad.pro)
    data = json.loads(client.get(f"/werk/intakes/{intake.pk}/export/").content)
    assert data["eigen_vragen"] == [
        {"stap": "wens", "vraag": "Heeft u een huisdier?", "soort": "ja_nee", "antwoord": "ja"}]
    client.force_login(stad.pro_noord)
    assert client.get(f"/werk/intakes/{intake.pk}/export/").status_code == 404


def test_resident_page_and_download_hold_the_answers(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = _intake_met_antwoord(stad)
    client.force_login(stad.inwoner)
    assert "Heeft u een huisdier?" in client.get(f"/mijn/aanvragen/{intake.pk}/") \
        .content.decode()
    data = json.loads(client.get("/mijn/mijn-gegevens.json").content)
    assert data["intakes"][0]["eigen_vragen"] == [
        {"stap": "wens", "vraag": "Heeft u een huisdier?", "soort": "ja_nee", "antwoord": "ja"}]
    html = client.get("/mijn/mijn-gegevens/").content.decode()
    assert "Vragen van de gemeente" in html and "Heeft u een huisdier?" in html
    pdf = _pdf_text(client.get("/mijn/mijn-gegevens.pdf").content)
    assert "Heeft u een huisdier?" in pdf
    client.force_login(stad.andere_inwoner)
    assert "huisdier" not in client.get("/mijn/mijn-gegevens.json").content.decode()


def test_inzage_query_count_stays_flat_with_answers(stad) -> None:  # type: ignore[no-untyped-def]
    _intake_met_antwoord(stad)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            inzage_data(user=stad.inwoner)
        return len(ctx.captured_queries)

    one = count()
    for _ in range(4):
        _intake_met_antwoord(stad)
    assert count() == one


def test_demo_questions_are_seeded_once() -> None:
    assert seed_eigen_vragen() == 2
    assert seed_eigen_vragen() == 2
    mantelzorg = EigenVraag.objects.get(stap="wat-gaat-goed").huidige
    assert mantelzorg is not None and mantelzorg.soort == "ja_nee"
    assert "basale_adl" in mantelzorg.levensgebieden and mantelzorg.tekst_en
    form = EigenVraagForm(instance=EigenVraag.objects.get(stap="contact"))
    assert form.initial["tekst"].startswith("Wilt u een tolk")


def test_a_professional_filing_for_the_resident_is_asked_the_question_too(client, stad) -> None:  # type: ignore[no-untyped-def]
    versie = _vraag(stap="wens", tekst="Heeft u een huisdier?", verplicht=True).huidige
    naam = _veld(versie)  # type: ignore[arg-type]
    client.force_login(stad.pro)
    concept_id = _start(client)
    base = f"/werk/nieuwe-aanvraag/{concept_id}"
    assert client.post(f"{base}/persoon/", PERSOON).status_code == 302
    zonder = client.post(f"{base}/vraag/", NAMENS_VRAAG)
    assert zonder.status_code != 302 and "Kies ja of nee." in zonder.content.decode()
    assert client.post(f"{base}/vraag/", {**NAMENS_VRAAG, naam: "ja"}).status_code == 302
    assert client.post(f"{base}/toestemming/", _toestemming(concept_id)).status_code == 302
    assert client.post(f"{base}/versturen/").status_code == 302
    [antwoord] = Intake.objects.get().eigen_antwoorden.all()
    assert (antwoord.vraag_tekst, antwoord.antwoord) == ("Heeft u een huisdier?", "ja")
