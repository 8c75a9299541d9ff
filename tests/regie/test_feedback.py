"""Resident feedback after a casus closes: invited once, never when a message could be unsafe,
answered without a link to the casus or the person, read by the teamleider without a name,
and counted on the dashboard with the same small-number protection as every other figure."""

import datetime as dt
import logging

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen.models import Casus, CasusStatus
from casussen.services import casus_transition
from intake.models import Intake
from intake.services import veiligheidsmelding_create
from regie.feedback import views
from regie.feedback.models import FeedbackAntwoord, FeedbackUitnodiging
from regie.feedback.services import (
    OPMERKING_BEWAAR_JAREN,
    SCAN_DAGEN,
    VERLOOPT_NA,
    feedback_answer,
    feedback_invitations_send,
    feedback_invite,
)
from regie.feedback.tasks import feedback_uitnodigen
from regie.stuur.filters import Filters
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from tests.factories import CasusFactory, FeedbackAntwoordFactory, TeamleiderFactory
from toegang.accounts.models import User
from toegang.berichten.models import Brief, Email, Notificatie
from toegang.bewaren.services import bewaartermijnen_apply
from toegang.organisatie.models import Team, Wijk

AMS = dt.timezone(dt.timedelta(hours=1))
NU = dt.datetime(2026, 11, 23, 10, tzinfo=AMS)  # a Monday
ANTWOORDEN = {"verhaal_een_keer": "ja", "wist_contactpersoon": "nee", "geholpen": "deels",
              "opmerking": "De buurtcoach was erg fijn."}


@pytest.fixture(autouse=True)
def _klok():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


def _gesloten(stad, **intake) -> Casus:  # type: ignore[no-untyped-def]
    """A casus of Wijkteam Centrum, picked up by `stad.pro` and closed just now."""
    casus = CasusFactory(opgepakt_door=stad.pro, **{f"intake__{k}": v for k, v in intake.items()})
    return casus_transition(user=stad.pro, casus=casus, naar=CasusStatus.AFGESLOTEN,
                            reden="De hulp is klaar.")


def _uitnodiging(stad, **intake) -> FeedbackUitnodiging:  # type: ignore[no-untyped-def]
    casus = _gesloten(stad, **intake)
    assert feedback_invitations_send() == 1
    return FeedbackUitnodiging.objects.get(casus=casus)


# --- Inviting ---------------------------------------------------------------------------------


def test_closing_a_casus_invites_its_resident_once(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _gesloten(stad, inwoner=stad.inwoner)
    assert feedback_invitations_send() == 1
    uitnodiging = FeedbackUitnodiging.objects.get(casus=casus)
    assert (uitnodiging.wijk, uitnodiging.team) == (stad.centrum, stad.wijkteam)
    assert uitnodiging.verloopt_op == NU + VERLOOPT_NA and not uitnodiging.beantwoord
    assert len(uitnodiging.token) >= 43
    [bericht] = Notificatie.objects.filter(ontvanger_id=stad.inwoner.pk, soort="feedback")
    assert bericht.url == f"/mijn/feedback/{uitnodiging.token}/"
    assert "drie korte vragen" in bericht.tekst and "niet aan u" in bericht.tekst
    # The next scans, and a direct call, change nothing: one invitation, one message.
    assert feedback_invitations_send() == 0
    with time_machine.travel(NU + dt.timedelta(hours=1), tick=False):
        assert feedback_invitations_send() == 0
    assert feedback_invite(casus=casus) == uitnodiging
    assert FeedbackUitnodiging.objects.count() == 1
    assert Notificatie.objects.filter(soort="feedback").count() == 1
    assert not Brief.objects.exists()  # never on paper


def test_a_resident_without_account_gets_the_link_in_an_email(stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad, email="kees@example.nl")
    [email] = Email.objects.filter(aan="kees@example.nl",
                                   sleutel=f"feedback:{uitnodiging.casus_id}")
    assert f"{settings.SITE_URL}/mijn/feedback/{uitnodiging.token}/" in email.tekst


def test_the_task_runs_the_scan_and_beat_runs_it_hourly(stad) -> None:  # type: ignore[no-untyped-def]
    _gesloten(stad)
    assert feedback_uitnodigen() == 1
    assert settings.CELERY_BEAT_SCHEDULE["feedback-uitnodigen"] == {
        "task": "regie.feedback.tasks.feedback_uitnodigen", "schedule": 3600.0}


def _verborgen_melding(stad, casus: Casus) -> None:  # type: ignore[no-untyped-def]
    veiligheidsmelding_create(user=stad.pro, intake=casus.intake, reden="Zorgen thuis.",
                              meldcode_stap=1, teams=[stad.jeugdteam], tonen_aan_inwoner=False,
                              reden_niet_tonen="Haar partner leest haar berichten.")


@pytest.mark.parametrize("geval", ["onveilig", "zorgen", "verborgen melding", "geanonimiseerd",
                                   "onbereikbaar", "open", "lang geleden"])
def test_no_invitation_when_a_message_could_be_unsafe_or_cannot_arrive(stad, geval: str  # type: ignore[no-untyped-def]
                                                                       ) -> None:
    intake = {"onveilig": {"onveilig": True}, "zorgen": {"veiligheid": "zorgen"},
              "onbereikbaar": {"email": ""}}.get(geval, {})
    casus = _gesloten(stad, **intake)
    if geval == "verborgen melding":
        _verborgen_melding(stad, casus)
    elif geval == "geanonimiseerd":
        Intake.objects.filter(pk=casus.intake_id).update(geanonimiseerd_op=NU)
    elif geval == "open":
        casus = casus_transition(user=stad.pro, casus=casus, naar=CasusStatus.IN_BEHANDELING,
                                 reden="Toch nog een vraag.")
    later = NU + dt.timedelta(days=SCAN_DAGEN + 1) if geval == "lang geleden" else NU
    with time_machine.travel(later, tick=False):
        assert feedback_invitations_send() == 0
    assert not FeedbackUitnodiging.objects.exists()
    assert not Notificatie.objects.filter(soort="feedback").exists()
    assert not Email.objects.filter(sleutel__startswith="feedback:").exists()
    if geval != "lang geleden":  # a direct call refuses the same (an old casus may be asked)
        assert feedback_invite(casus=casus) is None


def test_a_safety_report_the_resident_may_see_does_not_stop_the_invitation(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _gesloten(stad)
    veiligheidsmelding_create(user=stad.pro, intake=casus.intake, reden="Zorgen.",
                              meldcode_stap=1, teams=[stad.jeugdteam])
    assert feedback_invitations_send() == 1


# --- Answering --------------------------------------------------------------------------------


def test_the_answer_cannot_be_linked_to_the_casus_or_the_person() -> None:
    """The answer has foreign keys to wijk and team only, nothing points to it, and the
    invitation keeps no moment of answering to pair them by."""
    relaties = {f.name: f.related_model for f in FeedbackAntwoord._meta.get_fields()
                if f.is_relation}
    assert relaties == {"wijk": Wijk, "team": Team}
    assert {f.name for f in FeedbackAntwoord._meta.get_fields()} == {
        "id", "wijk", "team", "maand", "verhaal_een_keer", "wist_contactpersoon", "geholpen",
        "opmerking", "created_at"}
    assert FeedbackAntwoord._meta.get_field("created_at").get_internal_type() == "DateField"
    for model in (FeedbackUitnodiging, Casus, Intake, User):
        assert FeedbackAntwoord not in {f.related_model for f in model._meta.get_fields()
                                        if f.is_relation}, model
    assert {f.name for f in FeedbackUitnodiging._meta.get_fields()} == {
        "id", "token", "casus", "wijk", "team", "created_at", "verloopt_op", "beantwoord"}


def test_answering_stores_the_answers_apart_and_uses_the_link(stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    with time_machine.travel(NU + dt.timedelta(days=10, hours=3), tick=False):
        antwoord = feedback_answer(uitnodiging=uitnodiging, **ANTWOORDEN)
    uitnodiging.refresh_from_db()
    assert uitnodiging.beantwoord
    rij = FeedbackAntwoord.objects.filter(pk=antwoord.pk).values().get()
    assert rij == {"id": antwoord.pk, "wijk_id": stad.centrum.pk, "team_id": stad.wijkteam.pk,
                   "maand": dt.date(2026, 12, 1), "created_at": dt.date(2026, 12, 3),
                   "verhaal_een_keer": "ja", "wist_contactpersoon": "nee", "geholpen": "deels",
                   "opmerking": "De buurtcoach was erg fijn."}
    # Nothing in the row is an id of the casus, the intake, the invitation or the resident.
    casus = uitnodiging.casus
    assert not {casus.pk, casus.intake_id, uitnodiging.pk} & {
        v for k, v in rij.items() if k.endswith("id") and k != "id"}


def test_a_used_or_expired_link_is_refused(stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    feedback_answer(uitnodiging=uitnodiging, **ANTWOORDEN)
    with pytest.raises(ValidationError) as gebruikt:
        feedback_answer(uitnodiging=uitnodiging, **ANTWOORDEN)
    assert gebruikt.value.code == "beantwoord"
    assert "al beantwoord" in gebruikt.value.messages[0]

    tweede = _uitnodiging(stad)
    with time_machine.travel(NU + VERLOOPT_NA, tick=False), \
            pytest.raises(ValidationError) as verlopen:
        feedback_answer(uitnodiging=tweede, **ANTWOORDEN)
    assert verlopen.value.code == "verlopen"
    assert "werkt niet meer" in verlopen.value.messages[0]
    assert FeedbackAntwoord.objects.count() == 1
    tweede.refresh_from_db()
    assert not tweede.beantwoord


def test_an_answer_outside_the_choices_is_refused(stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    with pytest.raises(ValidationError) as fout:
        feedback_answer(uitnodiging=uitnodiging, verhaal_een_keer="misschien",
                        wist_contactpersoon="ja", geholpen="deels", opmerking="x" * 1001)
    assert set(fout.value.error_dict) == {"verhaal_een_keer", "opmerking"}
    uitnodiging.refresh_from_db()
    assert not uitnodiging.beantwoord and not FeedbackAntwoord.objects.exists()


# --- The resident's page ------------------------------------------------------------------------


def test_the_page_works_without_login_and_thanks_after_answering(client, stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad, inwoner=stad.inwoner)
    url = f"/mijn/feedback/{uitnodiging.token}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3
    for vraag in ("Hoefde u uw verhaal maar één keer te vertellen?",
                  "Wist u wie uw contactpersoon was?", "Bent u geholpen?"):
        assert vraag in html
    assert 'type="radio"' in html and "<textarea" in html
    assert "<script>" not in html and "style=" not in html  # CSP: nothing inline
    response = client.post(url, ANTWOORDEN)
    assert response.status_code == 302 and response["Location"] == url
    assert FeedbackAntwoord.objects.get().opmerking == "De buurtcoach was erg fijn."
    bedankt = client.get(url)
    assert bedankt.status_code == 200 and "Dank u wel" in bedankt.content.decode()
    # Answering again (back button, second tab) stores nothing more.
    assert client.post(url, ANTWOORDEN).status_code == 200
    assert FeedbackAntwoord.objects.count() == 1


def test_an_incomplete_answer_shows_the_error_summary(client, stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    url = f"/mijn/feedback/{uitnodiging.token}/"
    response = client.post(url, {"verhaal_een_keer": "ja", "opmerking": "<script>x</script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is iets niet goed ingevuld" in html and "<title>Fout:" in html
    # The summary at the top links to each question that needs an answer.
    assert 'href="#id_wist_contactpersoon' in html and 'href="#id_geholpen' in html
    assert 'href="#id_opmerking"' in html  # markup refused, as in the online intake
    assert html.count("Kies een antwoord.") == 2 * 2  # in the summary and at the question
    assert 'value="ja" id="id_verhaal_een_keer_0" required checked' in html  # kept
    assert not FeedbackAntwoord.objects.exists()
    uitnodiging.refresh_from_db()
    assert not uitnodiging.beantwoord


def test_an_unknown_link_is_a_friendly_404_in_the_security_log(client, stad, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="toegang.beveiliging")
    for methode in ("get", "post"):
        caplog.clear()
        response = getattr(client, methode)("/mijn/feedback/dit-bestaat-niet/", ANTWOORDEN)
        assert response.status_code == 404
        assert "Deze link kennen wij niet" in response.content.decode()
        [record] = [r.beveiliging for r in caplog.records if r.name == "toegang.beveiliging"]
        assert record["reden"] == "bestaat_niet" and "dit-bestaat-niet" not in str(record)
    assert not FeedbackAntwoord.objects.exists()


def test_an_expired_link_says_so(client, stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    url = f"/mijn/feedback/{uitnodiging.token}/"
    with time_machine.travel(NU + VERLOOPT_NA + dt.timedelta(days=1), tick=False):
        for response in (client.get(url), client.post(url, ANTWOORDEN)):
            assert response.status_code == 410
            assert "Deze link werkt niet meer" in response.content.decode()
    assert not FeedbackAntwoord.objects.exists()


def test_too_many_answers_from_one_address_are_refused(client, stad, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    monkeypatch.setattr(views, "LIMIET_IP_PER_UUR", 0)
    response = client.post(f"/mijn/feedback/{uitnodiging.token}/", ANTWOORDEN)
    assert response.status_code == 429
    assert "veel antwoorden verstuurd" in response.content.decode()
    assert not FeedbackAntwoord.objects.exists()


# --- The teamleider's remarks ---------------------------------------------------------------------


def test_the_teamleider_reads_the_remarks_of_their_own_team_only(client, stad) -> None:  # type: ignore[no-untyped-def]
    FeedbackAntwoordFactory(team=stad.wijkteam, wijk=stad.centrum,
                            opmerking="Ik hoefde maar één keer te bellen.",
                            created_at=dt.date(2026, 10, 14))
    FeedbackAntwoordFactory(team=stad.wijkteam, wijk=stad.centrum, met_opmerking=False)
    FeedbackAntwoordFactory(team=stad.jeugdteam, wijk=stad.centrum,
                            opmerking="Over het jeugdteam.")
    client.force_login(stad.teamleider)
    response = client.get("/werk/team/feedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ik hoefde maar één keer te bellen." in html and "oktober 2026" in html
    assert "Over het jeugdteam." not in html
    assert "14 oktober" not in html and "/werk/casussen/" not in html
    assert "1 opmerking" in html

    client.force_login(TeamleiderFactory(teams=[stad.jeugdteam]))
    html = client.get("/werk/team/feedback/").content.decode()
    assert "Over het jeugdteam." in html and "Ik hoefde maar" not in html


@pytest.mark.parametrize("wie", ["pro", "manager", "inwoner", "beheerder"])
def test_other_roles_do_not_reach_the_remarks(client, stad, wie: str) -> None:  # type: ignore[no-untyped-def]
    FeedbackAntwoordFactory(team=stad.wijkteam, opmerking="Niet voor iedereen.")
    client.force_login(getattr(stad, wie))
    response = client.get("/werk/team/feedback/")
    assert response.status_code == 404
    assert "Niet voor iedereen." not in response.content.decode()


def test_anonymous_goes_to_the_staff_login(client, stad) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/werk/team/feedback/")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerker/inloggen/")


def test_the_remarks_page_runs_as_many_queries_for_one_as_for_many(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.teamleider)
    FeedbackAntwoordFactory(team=stad.wijkteam, met_opmerking=True)
    with CaptureQueriesContext(connection) as een:
        assert client.get("/werk/team/feedback/").status_code == 200
    FeedbackAntwoordFactory.create_batch(40, team=stad.wijkteam, met_opmerking=True)
    with CaptureQueriesContext(connection) as veel:
        response = client.get("/werk/team/feedback/")
    assert response.content.decode().count('class="kaart mb-3"') == views.PER_PAGINA
    assert len(veel.captured_queries) == len(een.captured_queries)
    with CaptureQueriesContext(connection) as tweede_pagina:
        assert client.get("/werk/team/feedback/?pagina=2").status_code == 200
    assert len(tweede_pagina.captured_queries) == len(een.captured_queries)


# --- Retention --------------------------------------------------------------------------------


def test_retention_removes_the_invitation_and_old_remarks(stad) -> None:  # type: ignore[no-untyped-def]
    uitnodiging = _uitnodiging(stad)
    feedback_answer(uitnodiging=uitnodiging, **ANTWOORDEN)
    oud = FeedbackAntwoordFactory(team=stad.wijkteam, opmerking="Oud.",
                                  created_at=dt.date(2026, 11, 1))
    with time_machine.travel(NU + dt.timedelta(days=365 * OPMERKING_BEWAAR_JAREN + 30),
                             tick=False):
        bewaartermijnen_apply()
    oud.refresh_from_db()
    assert oud.opmerking == "" and oud.geholpen == "ja"  # the figures stay
    assert FeedbackUitnodiging.objects.filter(pk=uitnodiging.pk).exists()  # case kept 7 years
    with time_machine.travel(NU + dt.timedelta(days=365 * 8), tick=False):
        bewaartermijnen_apply()
    assert not FeedbackUitnodiging.objects.exists()
    assert FeedbackAntwoord.objects.count() == 2


# --- The dashboard ----------------------------------------------------------------------------


def _cellen(tabel, sleutel: str) -> list[str]:  # type: ignore[no-untyped-def]
    rij = tabel.totaal if sleutel == "totaal" else tabel.rij(sleutel)
    return [c.tekst for c in rij.cellen]


def test_the_dashboard_hides_groups_of_fewer_than_five(client, stad) -> None:  # type: ignore[no-untyped-def]
    # Centrum and Wijkteam Centrum: 10 answers, half of them no to everything; Noord and the
    # jeugdteam: 4, too few to show anything.
    FeedbackAntwoordFactory.create_batch(5, team=stad.wijkteam, wijk=stad.centrum)
    FeedbackAntwoordFactory.create_batch(5, team=stad.wijkteam, wijk=stad.centrum,
                                         ontevreden=True)
    FeedbackAntwoordFactory.create_batch(4, team=stad.jeugdteam, wijk=stad.noord)
    stuurinformatie_refresh()
    overzicht = dashboard(Filters.standaard())
    per_wijk, per_team = overzicht.tabellen["feedback_wijk"], overzicht.tabellen["feedback_team"]
    # The small group hidden ("<5", no shares); the other count hidden too ("x"), since
    # the total minus it would give the 4 away; its shares (5 of 10 on each side) shown.
    assert _cellen(per_wijk, str(stad.noord.pk)) == ["<5", *["te weinig"] * 6]
    assert _cellen(per_wijk, str(stad.centrum.pk)) == ["x", *["50%"] * 6]
    assert _cellen(per_team, str(stad.jeugdteam.pk)) == ["<5", *["te weinig"] * 6]
    assert _cellen(per_team, str(stad.wijkteam.pk)) == ["x", *["50%"] * 6]
    # The total: 14 answers, 9 yes and 5 no to every question (both sides at least 5).
    assert _cellen(per_wijk, "totaal") == ["14", *["64%", "36%"] * 3]

    client.force_login(stad.manager)
    html = client.get("/dashboard/").content.decode()
    assert 'id="sectie-feedback"' in html and "Wat inwoners zeggen" in html
    assert "Wat inwoners er zelf bij schreven" not in html  # the remarks are the teamleider's


def test_with_fewer_than_five_answers_nothing_is_shown(stad) -> None:  # type: ignore[no-untyped-def]
    FeedbackAntwoordFactory.create_batch(4, team=stad.wijkteam, wijk=stad.centrum)
    stuurinformatie_refresh()
    overzicht = dashboard(Filters.standaard())
    for sleutel, rij in (("feedback_wijk", str(stad.centrum.pk)),
                         ("feedback_team", str(stad.wijkteam.pk))):
        tabel = overzicht.tabellen[sleutel]
        assert all(c.verborgen for c in tabel.rij(rij).cellen)
        assert all(c.verborgen for c in tabel.totaal.cellen)  # type: ignore[union-attr]


def test_the_teamleider_sees_the_own_team_and_a_link_to_the_remarks(client, stad) -> None:  # type: ignore[no-untyped-def]
    FeedbackAntwoordFactory.create_batch(6, team=stad.jeugdteam, wijk=stad.centrum)
    stuurinformatie_refresh()
    client.force_login(stad.teamleider)
    response = client.get("/dashboard/")
    tabel = response.context["dashboard"].tabellen["feedback_team"]
    assert [r.sleutel for r in tabel.rijen] == []  # the jeugdteam is not theirs
    assert 'href="/werk/team/feedback/"' in response.content.decode()
