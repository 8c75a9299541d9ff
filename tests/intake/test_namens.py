"""A professional files a request for a resident who phones or comes by: the same questions,
checks and record as the online wizard, consent given aloud, one intake per call."""

import datetime as dt
import re
from itertools import pairwise

import pytest
import time_machine
from django.core import mail
from django.utils.html import escape

from intake.models import (
    Intake,
    Kanaal,
    Toestemming,
    ToestemmingStatus,
    ToestemmingWijze,
)
from intake.wizard.models import IntakeConcept
from intake.wizard.services import toestemming_vragen
from regie.termijnen.models import Termijn
from tests.factories import InwonerFactory, ManagerFactory, ProfessionalFactory
from toegang.audit.models import Actie, Toegangslog

AMS = dt.timezone(dt.timedelta(hours=1))
NU = dt.datetime(2026, 12, 2, 10, 0, tzinfo=AMS)

PERSOON = {
    "voornaam": "Fatima", "achternaam": "El Amrani", "geboortedatum": "12-04-1978",
    "bsn": "", "straat": "Markt 3", "postcode": "7511 AB", "woonplaats": "Dijkstad",
    "lid-TOTAL_FORMS": "0", "lid-INITIAL_FORMS": "0", "lid-MIN_NUM_FORMS": "0",
    "lid-MAX_NUM_FORMS": "15",
    "telefoon": "06 12345678", "email": "fatima@example.nl", "contact_voorkeur": "email",
}
VRAAG = {
    "vraag": "Ik kan de huur niet meer betalen en mijn zoon gaat niet naar school.",
    "over_kind": "nee", "levensgebieden": ["financien"], "wat_gaat_goed": "",
    "wie_helpt": "", "wens": "Rust", "veiligheid": "veilig", "veiligheid_toelichting": "",
    "urgentie": "normaal",
}


def _start(client, kanaal: str = "telefoon") -> int:  # type: ignore[no-untyped-def]
    response = client.post("/werk/nieuwe-aanvraag/", {"kanaal": kanaal})
    assert response.status_code == 302
    return IntakeConcept.objects.latest("pk").pk


def _vul_in(client, concept_id: int, antwoord: str = "nee", voorgelezen: bool = True,  # type: ignore[no-untyped-def]
            **antwoorden: str) -> None:
    base = f"/werk/nieuwe-aanvraag/{concept_id}"
    assert client.post(f"{base}/persoon/", PERSOON).status_code == 302
    assert client.post(f"{base}/vraag/", VRAAG).status_code == 302
    assert client.post(f"{base}/toestemming/",
                       _toestemming(concept_id, antwoord, voorgelezen, **antwoorden)
                       ).status_code == 302


def _toestemming(concept_id: int, antwoord: str = "nee", voorgelezen: bool = True,
                 **antwoorden: str) -> dict:
    """The consent page's answers: one per question the draft's routing asks."""
    draft = IntakeConcept.objects.get(pk=concept_id)
    data = {"wijze": "telefonisch"}
    if voorgelezen:
        data["voorgelezen"] = "on"
    for vraag in toestemming_vragen(concept=draft):
        data[f"toestemming_{vraag.wet}"] = antwoorden.get(vraag.wet, antwoord)
        data[f"versie_{vraag.wet}"] = str(vraag.versie)
    return data


@time_machine.travel(NU, tick=False)
def test_professional_files_a_phone_call_with_consent_given_aloud(  # type: ignore[no-untyped-def]
        client, stad, django_capture_on_commit_callbacks) -> None:
    client.force_login(stad.pro)
    concept_id = _start(client)
    _vul_in(client, concept_id, PARTICIPATIEWET="ja")
    assert client.get(f"/werk/nieuwe-aanvraag/{concept_id}/controleren/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/werk/nieuwe-aanvraag/{concept_id}/versturen/")
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert (intake.kanaal, intake.ingevoerd_door, intake.inwoner) == (Kanaal.TELEFOON, stad.pro,
                                                                       None)
    assert intake.team == stad.wijkteam and intake.naam == "Fatima El Amrani"
    werk = Toestemming.objects.get(intake=intake, wet="PARTICIPATIEWET")
    assert (werk.status, werk.wijze, werk.vastgelegd_door) == (
        ToestemmingStatus.GEGEVEN, ToestemmingWijze.TELEFONISCH, stad.pro)
    jeugd = Toestemming.objects.get(intake=intake, wet="JEUGDWET")
    assert (jeugd.status, jeugd.wijze) == (ToestemmingStatus.GEWEIGERD,
                                           ToestemmingWijze.TELEFONISCH)
    log = Toegangslog.objects.get(intake_id=intake.pk, actie=Actie.INDIENEN)
    assert (log.user_id, log.namens) == (stad.pro.pk, "Fatima El Amrani")
    assert Termijn.objects.filter(intake=intake, soort="eerste_contact").count() == 1
    [bevestiging] = [m for m in mail.outbox if "fatima@example.nl" in m.to]
    assert intake.referentie in bevestiging.subject
    assert (f"U zei dit aan de telefoon tegen {stad.pro.get_full_name()}, op 2 december 2026"
            in bevestiging.body)
    vastgelegd = client.get(f"/werk/nieuwe-aanvraag/{concept_id}/vastgelegd/")
    assert intake.referentie in vastgelegd.content.decode()


@time_machine.travel(NU, tick=False)
def test_a_missing_date_of_birth_is_named_and_everything_typed_is_kept(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client)
    response = client.post(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/",
                           {**PERSOON, "geboortedatum": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul uw geboortedatum in." in html and 'href="#id_geboortedatum"' in html
    assert 'value="El Amrani"' in html and 'value="fatima@example.nl"' in html
    opnieuw = client.get(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/").content.decode()
    assert 'value="Markt 3"' in opnieuw


@time_machine.travel(NU, tick=False)
def test_consent_answered_aloud_needs_the_text_read_out(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/", PERSOON)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/vraag/", VRAAG)
    data = _toestemming(concept_id, voorgelezen=False, PARTICIPATIEWET="ja")
    response = client.post(f"/werk/nieuwe-aanvraag/{concept_id}/toestemming/", data)
    assert response.status_code == 400
    assert "Lees de tekst voor" in response.content.decode()


def _kopniveaus(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]


@time_machine.travel(NU, tick=False)
def test_consent_page_headings_go_down_one_level_at_a_time(client, stad) -> None:  # type: ignore[no-untyped-def]
    """axe's heading-order: the team of each consent question is a heading right under the
    page's h1 (the parts are legends, not headings), as on the resident's own consent step."""
    client.force_login(stad.pro)
    concept_id = _start(client)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/", PERSOON)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/vraag/", VRAAG)
    html = client.get(f"/werk/nieuwe-aanvraag/{concept_id}/toestemming/").content.decode()
    assert 'id="kop-JEUGDWET"' in html and 'id="kop-PARTICIPATIEWET"' in html
    niveaus = _kopniveaus(html)
    assert 1 in niveaus
    sprongen = [(a, b) for a, b in pairwise(niveaus) if b > a + 1]
    assert not sprongen, f"heading levels skip: {niveaus}"


@time_machine.travel(NU, tick=False)
def test_a_question_not_asked_leaves_no_consent_record(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client, kanaal="balie")
    _vul_in(client, concept_id, antwoord="niet_gevraagd", voorgelezen=False)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/versturen/")
    intake = Intake.objects.get()
    assert intake.kanaal == Kanaal.BALIE
    assert not Toestemming.objects.filter(intake=intake).exists()


@time_machine.travel(NU, tick=False)
def test_double_click_and_a_colleague_typing_the_same_call_end_in_one_intake(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client)
    _vul_in(client, concept_id)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/versturen/")
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/versturen/")
    assert Intake.objects.count() == 1
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    client.force_login(collega)
    tweede = _start(client)
    _vul_in(client, tweede)
    response = client.post(f"/werk/nieuwe-aanvraag/{tweede}/versturen/", follow=True)
    assert Intake.objects.count() == 1
    html = response.content.decode()
    # Escaped as the page writes it: a name such as "van 't Wel" has an apostrophe.
    assert Intake.objects.get().referentie in html and escape(stad.pro.get_full_name()) in html
    assert IntakeConcept.objects.get(pk=tweede).gegevens["over-u"]["achternaam"] == ["El Amrani"]


@pytest.mark.parametrize("wie", ["anoniem", "inwoner", "manager", "collega"])
def test_only_the_professional_who_typed_it_opens_a_draft(client, stad, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client)
    client.logout()
    others = {"inwoner": InwonerFactory(), "manager": ManagerFactory(),
              "collega": ProfessionalFactory(teams=[stad.wijkteam])}
    if wie != "anoniem":
        client.force_login(others[wie])
    response = client.get(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/")
    if wie == "anoniem":
        assert response.status_code == 302 and "/medewerker/inloggen/" in response["Location"]
    else:
        assert response.status_code == 404


def _record(intake: Intake) -> dict:
    """What the resident told and where it went, without how it came in or when."""
    skip = {"id", "referentie", "kanaal", "ingevoerd_door", "indien_sleutel", "ingediend_op",
            "updated_at", "inwoner"}
    velden = {f.attname: getattr(intake, f.attname) for f in Intake._meta.concrete_fields
              if f.name not in skip}
    velden["levensgebieden"] = sorted(intake.levensgebieden.values_list("levensgebied",
                                                                        flat=True))
    velden["huishouden"] = list(intake.huishoudleden.values_list("relatie", "naam",
                                                                 "geboortejaar"))
    return velden


def _sporen(intake: Intake) -> dict:
    return {
        "toestemmingen": sorted(Toestemming.objects.filter(intake=intake).values_list(
            "wet", "status", "doel_id", "scope", "expires_at")),
        "log": sorted(Toegangslog.objects.filter(intake_id=intake.pk).values_list(
            "actie", "object_type", "grond", "doel")),
        "klokken": sorted(Termijn.objects.filter(intake=intake).values_list(
            "soort", "deadline", "team_id", "status")),
        # The basis names the consent's id: compare its kind.
        "rechten": sorted((group, perm, grond.split(":")[0]) for group, perm, grond in
                          intake.intakegroupobjectpermission_set.values_list(
                              "group_id", "permission__codename", "grond")),
    }


@time_machine.travel(NU, tick=False)
def test_filed_by_a_professional_it_is_the_same_record_as_online(  # type: ignore[no-untyped-def]
        client, stad, django_capture_on_commit_callbacks) -> None:
    """The same answers give the same record, consents, access-log rows, clocks, rights and
    confirmation; only how it came in (and how consent was given) differs."""
    from tests.intake.test_wizard import _consent

    stappen = {
        "over-u": {key: PERSOON[key] for key in ("voornaam", "achternaam", "geboortedatum",
                                                 "bsn", "straat", "postcode", "woonplaats")},
        "huishouden": {key: PERSOON[key] for key in PERSOON if key.startswith("lid-")},
        "vraag": {key: VRAAG[key] for key in ("vraag", "over_kind")},
        "onderwerpen": {"levensgebieden": VRAAG["levensgebieden"]},
        "wat-gaat-goed": {"wat_gaat_goed": "", "wie_helpt": ""},
        "wens": {"wens": VRAAG["wens"]},
        "veiligheid": {key: VRAAG[key] for key in ("veiligheid", "veiligheid_toelichting",
                                                   "urgentie")},
        "contact": {key: PERSOON[key] for key in ("telefoon", "email", "contact_voorkeur")},
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/hulp-vragen/begin/")
        for slug, data in stappen.items():
            assert client.post(f"/hulp-vragen/{slug}/", data).status_code == 302, slug
        _consent(client, {"PARTICIPATIEWET": "ja"})
        client.post("/hulp-vragen/versturen/")
    online = Intake.objects.get()
    client.force_login(stad.pro)
    with django_capture_on_commit_callbacks(execute=True):
        concept_id = _start(client)
        _vul_in(client, concept_id, PARTICIPATIEWET="ja")
        client.post(f"/werk/nieuwe-aanvraag/{concept_id}/versturen/")
    namens = Intake.objects.exclude(pk=online.pk).get()

    assert _record(namens) == _record(online)
    assert _sporen(namens) == _sporen(online)
    assert online.kanaal == Kanaal.ONLINE and namens.kanaal == Kanaal.TELEFOON
    mails = {ref: [m for m in mail.outbox if ref in m.subject]
             for ref in (online.referentie, namens.referentie)}
    [eerste], [tweede] = mails[online.referentie], mails[namens.referentie]
    assert eerste.subject.replace(online.referentie, "REF") == \
        tweede.subject.replace(namens.referentie, "REF")
    gezegd = f" U zei dit aan de telefoon tegen {stad.pro.get_full_name()}, op 2 december 2026."

    def zonder_eigen(body: str, intake: Intake) -> str:
        # Each mail names its own reference and claim link (signed with the intake's id).
        body = body.replace(intake.referentie, "REF")
        return re.sub(r"/mijn/koppelen/[^/\s]+/", "/mijn/koppelen/LINK/", body)

    assert zonder_eigen(eerste.body, online) == \
        zonder_eigen(tweede.body, namens).replace(gezegd, "")


BSN = "111222333"


@time_machine.travel(NU, tick=False)
def test_the_resident_claims_it_with_digid_and_sees_how_consent_was_given(client, stad) -> None:  # type: ignore[no-untyped-def]
    from toegang.accounts.services import inwoner_bsn_set

    client.force_login(stad.pro)
    concept_id = _start(client)
    base = f"/werk/nieuwe-aanvraag/{concept_id}"
    client.post(f"{base}/persoon/", {**PERSOON, "bsn": BSN})
    client.post(f"{base}/vraag/", VRAAG)
    client.post(f"{base}/toestemming/", _toestemming(concept_id, PARTICIPATIEWET="ja"))
    client.post(f"{base}/versturen/")
    intake = Intake.objects.get()
    inwoner = inwoner_bsn_set(user=InwonerFactory(), bsn=BSN)
    client.force_login(inwoner)
    mijn = client.get("/mijn/").content.decode()
    assert intake.referentie in mijn and "Aanvragen op uw naam" in mijn
    response = client.post(f"/mijn/aanvragen/{intake.pk}/koppelen/")
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.inwoner == inwoner
    toestemmingen = client.get("/mijn/toestemmingen/").content.decode()
    assert (f"Aan de telefoon gegeven aan {escape(stad.pro.get_full_name())} op 2 december 2026"
            in toestemmingen)
    werk = Toestemming.objects.get(intake=intake, wet="PARTICIPATIEWET")
    client.post(f"/mijn/toestemmingen/{werk.pk}/intrekken/")
    werk.refresh_from_db()
    assert werk.status == ToestemmingStatus.INGETROKKEN


@time_machine.travel(NU, tick=False)
def test_another_bsn_finds_nothing_to_claim(client, stad) -> None:  # type: ignore[no-untyped-def]
    from toegang.accounts.services import inwoner_bsn_set

    client.force_login(stad.pro)
    concept_id = _start(client)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/", {**PERSOON, "bsn": BSN})
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/vraag/", VRAAG)
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/toestemming/", _toestemming(concept_id))
    client.post(f"/werk/nieuwe-aanvraag/{concept_id}/versturen/")
    intake = Intake.objects.get()
    client.force_login(inwoner_bsn_set(user=InwonerFactory(), bsn="999993653"))
    assert intake.referentie not in client.get("/mijn/").content.decode()
    assert client.post(f"/mijn/aanvragen/{intake.pk}/koppelen/").status_code == 404
    intake.refresh_from_db()
    assert intake.inwoner is None


@time_machine.travel(NU, tick=False)
def test_letters_without_a_fixed_address_are_refused_on_the_same_page(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client)
    response = client.post(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/", {
        **PERSOON, "geen_vast_adres": "on", "straat": "", "postcode": "", "woonplaats": "",
        "contact_voorkeur": "brief"})
    assert response.status_code == 400
    assert "dus een brief kan niet aankomen" in response.content.decode()
    brief = {**PERSOON, "email": "", "contact_voorkeur": "brief"}
    assert client.post(f"/werk/nieuwe-aanvraag/{concept_id}/persoon/", brief).status_code == 302


VERWIJZER = {"verwijzer-soort": "huisarts", "verwijzer-organisatie": "Huisartsenpraktijk De Linde",
             "verwijzer-persoon": "dr. A. Bakker", "verwijzer-telefoon": "053 123 4567",
             "verwijzer-agb_code": "01123456", "verwijzer-inwoner_akkoord": "on",
             "verwijzer-ontvangen_via": "telefoon"}


@time_machine.travel(NU, tick=False)
def test_a_referral_by_phone_names_the_referrer_on_the_first_page(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client, kanaal="verwijzing")
    base = f"/werk/nieuwe-aanvraag/{concept_id}"
    pagina = client.get(f"{base}/persoon/").content.decode()
    assert "Wie verwijst" in pagina and 'name="verwijzer-organisatie"' in pagina
    fout = client.post(f"{base}/persoon/", {**PERSOON, **VERWIJZER,
                                             "verwijzer-agb_code": "02123456"})
    html = fout.content.decode()
    assert fout.status_code == 400
    assert 'href="#id_verwijzer-agb_code"' in html
    assert "Dit is geen AGB-code van een huisarts" in html
    assert 'value="Huisartsenpraktijk De Linde"' in html and 'value="El Amrani"' in html
    assert client.post(f"{base}/persoon/", {**PERSOON, **VERWIJZER}).status_code == 302
    assert client.post(f"{base}/vraag/", VRAAG).status_code == 302
    assert client.post(f"{base}/toestemming/", _toestemming(concept_id)).status_code == 302
    controle = client.get(f"{base}/controleren/").content.decode()
    assert "Huisartsenpraktijk De Linde (huisarts), dr. A. Bakker, 0531234567, AGB 01123456." \
        in controle
    assert client.post(f"{base}/versturen/").status_code == 302
    intake = Intake.objects.get()
    verwijzing = intake.verwijzing
    assert (intake.kanaal, intake.ingevoerd_door, verwijzing.organisatie, verwijzing.agb_code,
            verwijzing.ontvangen_via, verwijzing.inwoner_akkoord, verwijzing.verwijzer_id) == (
        "verwijzing", stad.pro, "Huisartsenpraktijk De Linde", "01123456", "telefoon", True,
        None)
    werk = client.get(f"/werk/intakes/{intake.pk}/").content.decode()
    assert "Verwezen door" in werk and "Huisartsenpraktijk De Linde" in werk


@time_machine.travel(NU, tick=False)
def test_a_referral_without_its_referrer_is_not_sent(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    concept_id = _start(client, kanaal="verwijzing")
    base = f"/werk/nieuwe-aanvraag/{concept_id}"
    leeg = client.post(f"{base}/persoon/", PERSOON)
    assert leeg.status_code == 400
    assert "Vul de naam van de organisatie of praktijk in." in leeg.content.decode()
    client.post(f"{base}/vraag/", VRAAG)
    client.post(f"{base}/toestemming/", _toestemming(concept_id))
    response = client.get(f"{base}/controleren/")
    assert response.status_code == 302 and response["Location"] == f"{base}/persoon/"
    assert not Intake.objects.exists()
