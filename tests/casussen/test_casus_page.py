"""The casus page and its actions: gated, logged, on the timeline, state machine enforced."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from casussen.models import CasusStatus, Contactmoment, OverdrachtStatus
from casussen.services import (
    ave_set,
    casus_transition,
    notitie_add,
    overdracht_accept,
    overdracht_propose,
)
from casussen.statusmachine import OVERGANGEN
from intake.services import toestemming_give
from regie.termijnen.models import Termijn, TermijnStatus
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory, TeamleiderFactory
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Notificatie

NOTE = {"situatie": "Stabiel", "geprobeerd": "Budgetcoach", "afspraken": "Elke week bellen",
        "risicos": "Huurachterstand", "volgende_stappen": "Schuldhulp aanvragen"}


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)


@pytest.mark.parametrize(("who", "status"), [("pro", 200), ("teamleider", 200),
                                             ("pro_noord", 404), ("pro_jeugd", 404),
                                             ("manager", 404), ("inwoner", 404)])
def test_casus_page_allowed_and_denied(client, stad, casus, who, status) -> None:  # type: ignore[no-untyped-def]
    user = getattr(stad, who)
    client.force_login(user)
    before = Toegangslog.objects.filter(user_id=user.pk).count()
    assert client.get(f"/werk/casussen/{casus.pk}/").status_code == status
    assert Toegangslog.objects.filter(user_id=user.pk).count() == before + (status == 200)


def test_consented_team_reads_but_cannot_act(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    client.force_login(stad.pro_jeugd)
    page = client.get(f"/werk/casussen/{casus.pk}/")
    assert page.status_code == 200 and not page.context["mag_wijzigen"]
    response = client.post(f"/werk/casussen/{casus.pk}/notitie/",
                           {"tekst": "x", "zichtbaarheid": "professionals"})
    assert response.status_code == 404


def test_contact_moment_meets_the_first_contact_clock(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/contact/", {
        "soort": "telefoon", "tijdstip": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "verslag": "Eerste gesprek gehad.", "zichtbaarheid": "inwoner"})
    assert response.status_code == 302
    termijn = Termijn.objects.get(intake=casus.intake, soort="eerste_contact")
    assert termijn.status == TermijnStatus.AFGEHANDELD and termijn.afgehandeld_door == stad.pro
    page = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert "Eerste gesprek gehad." in page


def test_contact_form_errors_keep_input(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/werk/casussen/{casus.pk}/contact/", {
        "soort": "telefoon", "tijdstip": future, "verslag": "Getypte tekst",
        "zichtbaarheid": "inwoner"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "in de toekomst" in html and "Getypte tekst" in html
    assert not Contactmoment.objects.exists()


def test_shared_notes_reach_the_resident_private_ones_do_not(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    notitie_add(user=stad.pro, casus=casus, tekst="Gedeelde afspraak", zichtbaarheid="inwoner")
    notitie_add(user=stad.pro, casus=casus, tekst="Intern overleg", zichtbaarheid="professionals")
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert "Gedeelde afspraak" in html and "Intern overleg" not in html


def test_state_machine_allows_only_listed_steps(stad, casus) -> None:  # type: ignore[no-untyped-def]
    for van, toegestaan in OVERGANGEN.items():
        for naar in CasusStatus.values:
            if naar == van:
                continue
            casus.refresh_from_db()
            type(casus).objects.filter(pk=casus.pk).update(status=van)
            casus.refresh_from_db()
            if naar in toegestaan:
                casus_transition(user=stad.pro, casus=casus, naar=naar, reden="reden")
                casus.refresh_from_db()
                assert casus.status == naar
            else:
                with pytest.raises(ValidationError):
                    casus_transition(user=stad.pro, casus=casus, naar=naar, reden="reden")
                casus.refresh_from_db()
                assert casus.status == van


def test_close_needs_a_reason_and_reopen_works(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/status/", {"naar": "afgesloten",
                                                                 "reden": ""})
    assert response.status_code == 400
    assert response.templates[0].name == "casussen/actie.html"  # the status page, again
    assert "waarom de casus wordt afgesloten" in response.content.decode()
    client.post(f"/werk/casussen/{casus.pk}/status/", {"naar": "afgesloten",
                                                      "reden": "Doelen bereikt"})
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGESLOTEN and casus.sluitreden == "Doelen bereikt"
    assert casus.intake.status == "afgerond"
    client.post(f"/werk/casussen/{casus.pk}/status/", {"naar": "in_behandeling",
                                                      "reden": "Nieuwe schuld"})
    casus.refresh_from_db()
    assert casus.status == CasusStatus.IN_BEHANDELING and casus.afgesloten_op is None


def test_ave_phase_3_notifies_the_teamleider(stad, casus) -> None:  # type: ignore[no-untyped-def]
    ave_set(user=stad.pro, casus=casus, fase=2, reden="Stagnatie")
    assert not Notificatie.objects.filter(ontvanger=stad.teamleider, soort="escalatie").exists()
    ave_set(user=stad.pro, casus=casus, fase=3, reden="Partijen werken langs elkaar")
    note = Notificatie.objects.get(ontvanger=stad.teamleider, soort="escalatie")
    assert "AVE-fase 3" in note.onderwerp


def test_handover_flow_tells_the_resident(client, stad, casus,  # type: ignore[no-untyped-def]
                                          django_capture_on_commit_callbacks) -> None:
    collega = ProfessionalFactory(teams=[stad.wijkteam], first_name="Kees", last_name="Bos")
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/overdracht/",
                           {"naar": collega.pk, **NOTE})
    assert response.status_code == 302
    overdracht = casus.overdrachten.get()
    # The old regiehouder stays until the colleague accepts.
    assert casus.regiehouders.get(einde__isnull=True).user == stad.pro
    client.force_login(collega)
    page = client.get(f"/werk/overdrachten/{overdracht.pk}/")
    assert "Schuldhulp aanvragen" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/werk/overdrachten/{overdracht.pk}/", {"actie": "accepteren"})
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.GEACCEPTEERD
    assert casus.regiehouders.get(einde__isnull=True).user == collega
    assert casus.regiehouders.count() == 2
    note = Notificatie.objects.get(ontvanger=stad.inwoner, soort="nieuwe_regiehouder")
    assert "Kees Bos" in note.tekst
    client.force_login(stad.inwoner)
    assert "Kees Bos" in client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()


def test_handover_can_be_declined_with_a_reason(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    overdracht = overdracht_propose(user=stad.pro, casus=casus, naar=collega, **NOTE)
    client.force_login(collega)
    response = client.post(f"/werk/overdrachten/{overdracht.pk}/", {"actie": "afwijzen",
                                                                   "reden": ""})
    assert response.status_code == 400
    client.post(f"/werk/overdrachten/{overdracht.pk}/", {"actie": "afwijzen",
                                                        "reden": "Te vol"})
    overdracht.refresh_from_db()
    assert overdracht.status == OverdrachtStatus.AFGEWEZEN
    assert casus.regiehouders.get(einde__isnull=True).user == stad.pro


def test_handover_page_denied_for_others(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    overdracht = overdracht_propose(user=stad.pro, casus=casus,
                                    naar=ProfessionalFactory(teams=[stad.wijkteam]), **NOTE)
    client.force_login(stad.pro_noord)
    assert client.get(f"/werk/overdrachten/{overdracht.pk}/").status_code == 404


def test_handover_to_other_wet_needs_consent(stad, casus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="toestemming"):
        overdracht_propose(user=stad.pro, casus=casus, naar=stad.pro_jeugd, **NOTE)
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    overdracht = overdracht_propose(user=stad.pro, casus=casus, naar=stad.pro_jeugd, **NOTE)
    overdracht_accept(user=stad.pro_jeugd, overdracht=overdracht)
    casus.refresh_from_db()
    assert casus.team == stad.jeugdteam


def test_teamleider_assigns_directly(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    client.force_login(stad.teamleider)
    response = client.post(f"/werk/casussen/{casus.pk}/toewijzen/",
                           {"naar": collega.pk, "toelichting": "Ziekte"})
    assert response.status_code == 302
    assert casus.regiehouders.get(einde__isnull=True).user == collega
    # A professional of the team may open the page (they work on the case), but the choice
    # of a colleague is refused: only the teamleider assigns.
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/toewijzen/",
                           {"naar": ProfessionalFactory(teams=[stad.wijkteam]).pk,
                            "toelichting": "Ik wil het anders"})
    assert response.status_code == 400
    assert "Alleen de teamleider van het team kan direct toewijzen." in \
        response.content.decode()
    assert casus.regiehouders.get(einde__isnull=True).user == collega


def test_pick_up_view(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    client.force_login(stad.pro_noord)
    assert client.post(f"/werk/intakes/{intake.pk}/oppakken/").status_code == 404
    client.force_login(stad.pro)
    response = client.post(f"/werk/intakes/{intake.pk}/oppakken/")
    assert response.status_code == 302 and "/werk/casussen/" in response["Location"]
    client.force_login(stad.teamleider)
    again = client.post(f"/werk/intakes/{intake.pk}/oppakken/", follow=True)
    assert "al opgepakt door" in again.content.decode()


def test_casus_page_query_count_flat_1_vs_50_timeline_entries(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    notitie_add(user=stad.pro, casus=casus, tekst="een")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/werk/casussen/{casus.pk}/")
    for n in range(49):
        notitie_add(user=stad.pro, casus=casus, tekst=f"notitie {n}",
                    zichtbaarheid="inwoner" if n % 2 else "professionals")
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"/werk/casussen/{casus.pk}/")
    # The submitted intake, the pick-up and the 50 notes.
    assert len(response.context["tijdlijn"]) == 52
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize(("who", "status"), [("teamleider", 200), ("pro", 404),
                                             ("manager", 404)])
def test_team_page_allowed_and_denied(client, stad, casus, who, status) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get("/werk/team/").status_code == status


def test_team_page_shows_caseload_handovers_and_escalations(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    ave_set(user=stad.pro, casus=casus, fase=3, reden="Vast")
    overdracht_propose(user=stad.pro, casus=casus,
                       naar=ProfessionalFactory(teams=[stad.wijkteam]), **NOTE)
    client.force_login(stad.teamleider)
    response = client.get("/werk/team/")
    caseload = {c.user.pk: c for c in response.context["caseload"]}
    assert caseload[stad.pro.pk].regiehouder == 1 and caseload[stad.pro.pk].escalaties == 1
    assert list(response.context["escalaties"]) == [casus]
    assert len(response.context["overdrachten"]) == 1


def test_other_teamleider_does_not_see_the_team(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    ave_set(user=stad.pro, casus=casus, fase=3, reden="Vast")
    overdracht_propose(user=stad.pro, casus=casus,
                       naar=ProfessionalFactory(teams=[stad.wijkteam]), **NOTE)
    other = TeamleiderFactory(teams=[stad.wijkteam_noord])
    client.force_login(other)
    response = client.get("/werk/team/")
    assert list(response.context["escalaties"]) == []
    assert list(response.context["overdrachten"]) == []
    # Only the own team's members, none of whom holds this case.
    assert {c.user: c.regiehouder for c in response.context["caseload"]} == \
        {stad.pro_noord: 0, other: 0}


def test_ending_involvement_from_the_page(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    from casussen.services import betrokkene_add

    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    betrokken = betrokkene_add(user=stad.pro, casus=casus, team=stad.jeugdteam, rol="uitvoerder",
                               professional=stad.pro_jeugd)
    client.force_login(stad.pro_noord)
    url = f"/werk/casussen/{casus.pk}/betrokkene/{betrokken.pk}/stoppen/"
    assert client.post(url).status_code == 404
    client.force_login(stad.pro)
    assert client.post(url).status_code == 302
    betrokken.refresh_from_db()
    assert betrokken.einde is not None
    assert client.post(url).status_code == 404  # already ended


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_timeline_moment_reads_as_the_date_filter(taal) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.template.defaultfilters import date as date_filter
    from django.utils import timezone, translation

    from casussen.tijdlijn import Regel

    with translation.override(taal):
        for maand in range(1, 13):
            moment = dt.datetime(2026, maand, 3, 13, 5, tzinfo=dt.UTC)
            regel = Regel(tijdstip=moment, soort="notitie", titel="x")
            assert regel.moment == date_filter(timezone.localtime(moment), "j M Y H:i")


# The template loop the `tijdlijn_regels` tag replaced, kept here as the reference.
_TEMPLATE_LOOP = (
    '{% for regel in tijdlijn %}<li class="mb-3"><strong>{{ regel.titel }}</strong> '
    '<span class="text-muted">· {{ regel.moment }}{% if regel.door %} · {{ regel.door }}'
    '{% endif %}{% if regel.zichtbaar_voor_inwoner %} · {{ inwoner_ziet }}{% endif %}</span>'
    '{% if regel.tekst %}<br>{{ regel.tekst|linebreaksbr }}{% endif %}</li>{% endfor %}')


def test_timeline_lines_written_in_python_equal_the_template_loop(stad, casus) -> None:  # type: ignore[no-untyped-def]
    from django.template import engines

    from casussen.services import contactmoment_add
    from casussen.templatetags.tijdlijn import tijdlijn_regels
    from casussen.tijdlijn import Regel, casus_tijdlijn

    notitie_add(user=stad.pro, casus=casus, tekst="<script>alert('x')</script>\r\nRegel 2 & \"3\"",
                zichtbaarheid="inwoner")
    contactmoment_add(user=stad.pro, casus=casus, soort="telefoon", tijdstip=timezone.now(),
                      verslag="Gebeld.\n\nAfspraak <b>morgen</b>.", met_wie="",
                      zichtbaarheid="professionals")
    regels = casus_tijdlijn(casus=casus)
    regels.append(Regel(tijdstip=timezone.now(), soort="x", titel="<i>zonder</i> door"))
    ziet = "inwoner ziet <dit>"
    expected = engines["django"].from_string(_TEMPLATE_LOOP).render(
        {"tijdlijn": regels, "inwoner_ziet": ziet})
    assert str(tijdlijn_regels(regels, ziet)) == expected
    assert "&lt;script&gt;" in expected and escape(stad.pro.get_full_name()) in expected
    assert "Telefoon" in expected and "Notitie" in expected
