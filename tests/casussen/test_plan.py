"""The Ondersteuningsplan: versions, optimistic locking, sharing, the resident's answer, clocks,
the pages and who may see them, and the PDF."""

import datetime as dt
import io
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from casussen.models import Casus, CasusGebeurtenis, CasusStatus
from casussen.plan.models import Actie, PlanStatus, PlanVersie
from casussen.plan.selectors import plan_bewerk_basis, plan_overzicht
from casussen.plan.services import (
    ActieGegevens,
    DoelGegevens,
    PlanConflict,
    VoorzieningGegevens,
    plan_agree,
    plan_comment,
    plan_concept_save,
    plan_share,
)
from casussen.services import casus_transition
from casussen.tijdlijn import casus_tijdlijn
from intake.services import toestemming_give
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Email, Notificatie

DOEL = DoelGegevens(levensgebied="financien", omschrijving="Schulden op een rij",
                    zrm_start=2, zrm_doel=4, verantwoordelijke="professional")
ACTIE = ActieGegevens(omschrijving="Aanmelden bij de schuldhulp", eigenaar="professional",
                      eigenaar_naam="budgetcoach", deadline=dt.date(2026, 12, 15))
VOORZIENING = VoorzieningGegevens(wet="WMO", omschrijving="Huishoudelijke hulp", vorm="natura",
                                  status="aangevraagd")


@pytest.fixture
def casus(stad) -> Casus:  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)


def save(user, casus, *, doelen=(DOEL,), acties=(ACTIE,), voorzieningen=(VOORZIENING,),  # type: ignore[no-untyped-def]
         samenvatting="", basis=None, evaluatiedatum=None) -> PlanVersie:
    basis = basis or plan_bewerk_basis(casus=casus)
    return plan_concept_save(user=user, casus=casus, nummer=basis.nummer,
                             bewerkversie=basis.bewerkversie, samenvatting=samenvatting,
                             evaluatiedatum=evaluatiedatum, doelen=list(doelen),
                             acties=list(acties), voorzieningen=list(voorzieningen))


def share(user, casus) -> PlanVersie:  # type: ignore[no-untyped-def]
    basis = plan_bewerk_basis(casus=casus)
    return plan_share(user=user, casus=casus, nummer=basis.nummer,
                      bewerkversie=basis.bewerkversie)


# --- Versions -----------------------------------------------------------------------------


def test_first_save_starts_the_plan_with_concept_version_1(stad, casus) -> None:  # type: ignore[no-untyped-def]
    versie = save(stad.pro, casus, samenvatting="Sanne wil rust in haar geldzaken.")
    assert (versie.nummer, versie.status, versie.bewerkversie) == (1, PlanStatus.CONCEPT, 1)
    assert versie.plan.casus == casus
    assert [d.omschrijving for d in versie.doelen.all()] == ["Schulden op een rij"]
    assert versie.acties.get().eigenaar_naam == "budgetcoach"
    assert versie.voorzieningen.get().vorm == "natura"
    # Saving again edits the same concept; the rows are replaced, not added.
    again = save(stad.pro, casus, doelen=[DOEL, DOEL])
    assert (again.pk, again.bewerkversie, again.doelen.count()) == (versie.pk, 2, 2)


def test_shared_version_is_never_edited_and_editing_starts_a_copied_concept(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus, samenvatting="Versie een")
    v1 = share(stad.pro, casus)
    basis = plan_bewerk_basis(casus=casus)
    assert (basis.bron, basis.nummer, basis.bewerkversie) == (v1, 2, 0)
    ander = DoelGegevens(levensgebied="huisvesting", omschrijving="Een vaste woning",
                         zrm_start=1, zrm_doel=3, verantwoordelijke="inwoner")
    v2 = save(stad.pro, casus, doelen=[ander], samenvatting="Versie twee")
    assert (v2.nummer, v2.status) == (2, PlanStatus.CONCEPT)
    v1.refresh_from_db()
    assert v1.status == PlanStatus.TER_AKKOORD and v1.samenvatting == "Versie een"
    assert [d.omschrijving for d in v1.doelen.all()] == ["Schulden op een rij"]
    assert [d.omschrijving for d in v2.doelen.all()] == ["Een vaste woning"]
    # A token from before the share cannot reach the shared version either.
    with pytest.raises(PlanConflict):
        plan_concept_save(user=stad.pro, casus=casus, nummer=1, bewerkversie=1,
                          samenvatting="overschrijven", evaluatiedatum=None, doelen=[DOEL],
                          acties=[], voorzieningen=[])
    v1.refresh_from_db()
    assert v1.samenvatting == "Versie een"


def test_the_edit_form_starts_from_a_copy_of_the_newest_version(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus, samenvatting="Kopieer mij")
    share(stad.pro, casus)
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{casus.pk}/plan/bewerken/").content.decode()
    assert "Kopieer mij" in html and "Schulden op een rij" in html
    assert 'name="nummer" value="2"' in html and 'name="bewerkversie" value="0"' in html
    assert "Dit wordt een nieuwe versie" in html


def test_only_one_concept_at_a_time(stad, casus) -> None:  # type: ignore[no-untyped-def]
    concept = save(stad.pro, casus)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersie.objects.create(plan=concept.plan, nummer=2, gemaakt_door=stad.pro)
    assert PlanVersie.objects.filter(plan=concept.plan).count() == 1


def test_shared_version_needs_its_date(stad, casus) -> None:  # type: ignore[no-untyped-def]
    concept = save(stad.pro, casus)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersie.objects.filter(pk=concept.pk).update(status=PlanStatus.TER_AKKOORD)


def test_goal_cannot_aim_below_where_it_is_now(stad, casus) -> None:  # type: ignore[no-untyped-def]
    lager = DoelGegevens(levensgebied="financien", omschrijving="x", zrm_start=4, zrm_doel=2,
                         verantwoordelijke="inwoner")
    with pytest.raises(ValidationError, match="niet lager"):
        save(stad.pro, casus, doelen=[lager])
    assert not PlanVersie.objects.exists()


def test_closed_casus_gets_no_plan_changes(stad, casus) -> None:  # type: ignore[no-untyped-def]
    casus_transition(user=stad.pro, casus=casus, naar=CasusStatus.AFGESLOTEN, reden="Klaar")
    with pytest.raises(ValidationError, match="afgesloten"):
        save(stad.pro, casus)


# --- Optimistic locking -----------------------------------------------------------------


def test_two_edits_of_a_new_concept_with_the_same_token(stad, casus) -> None:  # type: ignore[no-untyped-def]
    collega = ProfessionalFactory(teams=[stad.wijkteam], first_name="Ada", last_name="Eerst")
    basis = plan_bewerk_basis(casus=casus)  # both opened the form now
    eerste = DoelGegevens(levensgebied="financien", omschrijving="Van Ada", zrm_start=2,
                          zrm_doel=3, verantwoordelijke="inwoner")
    save(collega, casus, doelen=[eerste], basis=basis)
    with pytest.raises(PlanConflict) as exc:
        save(stad.pro, casus, doelen=[DOEL], samenvatting="Van de tweede", basis=basis)
    assert exc.value.code == "conflict"
    message = exc.value.messages[0]
    assert "Ada Eerst heeft het plan opgeslagen" in message
    assert "Uw wijzigingen zijn nog niet opgeslagen" in message
    versie = PlanVersie.objects.get()
    assert (versie.bewerkversie, versie.samenvatting, versie.gewijzigd_door) == (1, "", collega)
    assert [d.omschrijving for d in versie.doelen.all()] == ["Van Ada"]


def test_two_edits_of_an_existing_concept_with_the_same_token(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    basis = plan_bewerk_basis(casus=casus)
    assert basis.bewerkversie == 1
    save(stad.teamleider, casus, samenvatting="Eerste", basis=basis)
    with pytest.raises(PlanConflict):
        save(stad.pro, casus, samenvatting="Tweede", basis=basis)
    versie = PlanVersie.objects.get()
    assert (versie.samenvatting, versie.bewerkversie) == ("Eerste", 2)
    # Sharing with an old token is refused as well: you share what you saw.
    with pytest.raises(PlanConflict):
        plan_share(user=stad.pro, casus=casus, nummer=1, bewerkversie=1)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_with_the_same_token_give_one_winner(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    basis = plan_bewerk_basis(casus=casus)
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def edit(user) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            save(user, casus, samenvatting=f"Van {user.username}", basis=basis)
            results[user.username] = "saved"
        except PlanConflict:
            results[user.username] = "conflict"
        finally:
            connection.close()  # each thread had its own database connection

    threads = [threading.Thread(target=edit, args=(u,)) for u in (stad.pro, collega)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["conflict", "saved"]
    winner = next(name for name, result in results.items() if result == "saved")
    versie = PlanVersie.objects.get()
    assert (versie.samenvatting, versie.bewerkversie) == (f"Van {winner}", 1)
    assert versie.doelen.count() == 1


def test_conflict_through_the_page_keeps_what_was_typed(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    collega = ProfessionalFactory(teams=[stad.wijkteam], first_name="Bo", last_name="Snel")
    client.force_login(stad.pro)
    form = form_data(samenvatting="Mijn lange tekst", doel_omschrijving="Mijn doel")
    client.force_login(collega)
    assert client.post(url(casus, "bewerken"),
                       form_data(doel_omschrijving="Doel van Bo")).status_code == 302
    client.force_login(stad.pro)
    response = client.post(url(casus, "bewerken"), form)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Bo Snel heeft het plan opgeslagen" in html
    assert "Mijn lange tekst" in html and "Mijn doel" in html      # the input is kept
    assert "Doel van Bo" in html                                    # and what is saved now
    versie = PlanVersie.objects.get()
    assert [d.omschrijving for d in versie.doelen.all()] == ["Doel van Bo"]
    # The page now carries the saved token: saving again is a conscious choice.
    assert 'name="bewerkversie" value="1"' in html


# --- Sharing, the resident's answer ------------------------------------------------------


@time_machine.travel("2026-11-23 10:00 +01:00", tick=False)
def test_share_tells_the_resident_moves_the_casus_and_starts_clocks(stad, casus) -> None:  # type: ignore[no-untyped-def]
    zonder_datum = ActieGegevens(omschrijving="Samen de post doorlopen", eigenaar="netwerk")
    save(stad.pro, casus, acties=[ACTIE, zonder_datum])
    versie = share(stad.pro, casus)
    assert versie.status == PlanStatus.TER_AKKOORD and versie.gedeeld_door == stad.pro
    assert versie.evaluatiedatum == dt.date(2027, 5, 23)  # six months after sharing
    casus.refresh_from_db()
    assert casus.status == CasusStatus.PLAN_OPGESTELD
    assert CasusGebeurtenis.objects.filter(casus=casus, naar=CasusStatus.PLAN_OPGESTELD).exists()
    bericht = Notificatie.objects.get(ontvanger=stad.inwoner, soort="plan")
    assert bericht.onderwerp == "Uw plan staat klaar om te lezen"
    assert bericht.url == f"/mijn/casussen/{casus.pk}/plan/"
    assert Email.objects.filter(aan=stad.inwoner.email,
                                onderwerp="Uw plan staat klaar om te lezen").count() == 1
    klokken = Termijn.objects.filter(casus=casus, soort__in=[TermijnSoort.PLAN_ACTIE,
                                                            TermijnSoort.EVALUATIE])
    actie = klokken.get(soort=TermijnSoort.PLAN_ACTIE)
    assert actie.omschrijving == "Aanmelden bij de schuldhulp"
    assert actie.deadline.date() == dt.date(2026, 12, 15)
    assert actie.verantwoordelijke == stad.pro and actie.status == TermijnStatus.LOPEND
    evaluatie = klokken.get(soort=TermijnSoort.EVALUATIE)
    assert evaluatie.deadline.date() == dt.date(2027, 5, 23)
    assert Actie.objects.get(omschrijving="Aanmelden bij de schuldhulp").termijn == actie
    assert Actie.objects.get(omschrijving="Samen de post doorlopen").termijn is None


def test_share_without_account_sends_an_email(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, intake__email="zonder.account@example.nl")
    save(stad.pro, casus)
    share(stad.pro, casus)
    mail = Email.objects.get(aan="zonder.account@example.nl")
    assert mail.onderwerp == "Uw plan staat klaar om te lezen"
    assert stad.pro.get_full_name() in mail.tekst
    assert not Notificatie.objects.filter(soort="plan").exists()


def test_share_needs_a_goal(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus, doelen=[])
    with pytest.raises(ValidationError, match="minstens één doel"):
        share(stad.pro, casus)
    assert PlanVersie.objects.get().status == PlanStatus.CONCEPT


def test_share_refuses_an_evaluation_date_that_has_passed(stad, casus) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False):
        save(stad.pro, casus, evaluatiedatum=dt.date(2026, 12, 1))
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False), \
            pytest.raises(ValidationError, match="evaluatiedatum ligt in het verleden"):
        share(stad.pro, casus)
    assert PlanVersie.objects.get().status == PlanStatus.CONCEPT
    assert not Termijn.objects.filter(soort=TermijnSoort.EVALUATIE).exists()


def test_share_keeps_the_casus_status_when_the_life_cycle_does_not_allow(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    share(stad.pro, casus)
    plan_agree(user=stad.inwoner, casus=casus, versie_id=PlanVersie.objects.get().pk)
    casus.refresh_from_db()
    assert casus.status == CasusStatus.UITVOERING
    save(stad.pro, casus)
    share(stad.pro, casus)  # uitvoering → plan opgesteld is not a step of the life cycle
    casus.refresh_from_db()
    assert casus.status == CasusStatus.UITVOERING


@time_machine.travel("2026-11-23 10:00 +01:00", tick=False)
def test_new_version_keeps_clocks_in_step(stad, casus, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLAN_EVALUATIE_MAANDEN = 3
    klaar = ActieGegevens(omschrijving="Formulier invullen", eigenaar="inwoner",
                          deadline=dt.date(2026, 11, 30))
    save(stad.pro, casus, acties=[ACTIE, klaar])
    v1 = share(stad.pro, casus)
    assert v1.evaluatiedatum == dt.date(2027, 2, 23)
    afgerond = Termijn.objects.get(omschrijving="Formulier invullen")
    Termijn.objects.filter(pk=afgerond.pk).update(status=TermijnStatus.AFGEHANDELD)
    eerste = Termijn.objects.get(omschrijving="Aanmelden bij de schuldhulp")
    eval1 = v1.evaluatie_termijn
    later = ActieGegevens(omschrijving="Aanmelden bij de schuldhulp", eigenaar="professional",
                          deadline=dt.date(2027, 1, 15))
    save(stad.pro, casus, acties=[later, klaar], evaluatiedatum=dt.date(2027, 4, 1))
    v2 = share(stad.pro, casus)
    eerste.refresh_from_db()
    eval1.refresh_from_db()  # type: ignore[union-attr]
    assert eerste.status == TermijnStatus.VERVALLEN
    assert eval1.status == TermijnStatus.VERVALLEN  # type: ignore[union-attr]
    open_ = Termijn.objects.open().filter(casus=casus, soort__in=[TermijnSoort.PLAN_ACTIE,
                                                                 TermijnSoort.EVALUATIE])
    assert sorted((t.soort, t.omschrijving, t.deadline.date()) for t in open_) == [
        (TermijnSoort.EVALUATIE, "Evaluatie van plan versie 2", dt.date(2027, 4, 1)),
        (TermijnSoort.PLAN_ACTIE, "Aanmelden bij de schuldhulp", dt.date(2027, 1, 15)),
    ]
    # The action that was already done keeps its handled clock instead of a new one.
    assert v2.acties.get(omschrijving="Formulier invullen").termijn_id == afgerond.pk
    afgerond.refresh_from_db()
    assert afgerond.status == TermijnStatus.AFGEHANDELD


def test_resident_agrees(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    versie = share(stad.pro, casus)
    plan_agree(user=stad.inwoner, casus=casus, versie_id=versie.pk)
    versie.refresh_from_db()
    assert versie.status == PlanStatus.AKKOORD and versie.akkoord_op is not None
    casus.refresh_from_db()
    assert casus.status == CasusStatus.UITVOERING
    gebeurtenis = CasusGebeurtenis.objects.get(casus=casus, naar=CasusStatus.UITVOERING)
    assert gebeurtenis.door == stad.inwoner
    assert Notificatie.objects.filter(ontvanger=stad.pro, soort="plan").count() == 1
    # The change of status is logged on the resident's own basis, not as a regiehouder.
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="casus",
                                      grond="eigen").exists()
    plan_agree(user=stad.inwoner, casus=casus, versie_id=versie.pk)  # twice: no change
    assert Notificatie.objects.filter(ontvanger=stad.pro, soort="plan").count() == 1
    with pytest.raises(ValidationError, match="al akkoord"):
        plan_comment(user=stad.inwoner, casus=casus, versie_id=versie.pk, opmerking="Toch")


def test_resident_comments_and_the_regiehouder_hears_it(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    versie = share(stad.pro, casus)
    plan_comment(user=stad.inwoner, casus=casus, versie_id=versie.pk,
                   opmerking="Ik wil liever op dinsdag.")
    plan_comment(user=stad.inwoner, casus=casus, versie_id=versie.pk,
                   opmerking="En mijn zus mag mee.")
    versie.refresh_from_db()
    assert versie.status == PlanStatus.OPMERKINGEN
    assert "Ik wil liever op dinsdag." in versie.opmerking_inwoner
    assert "En mijn zus mag mee." in versie.opmerking_inwoner  # added, not overwritten
    berichten = Notificatie.objects.filter(ontvanger=stad.pro, soort="plan")
    assert berichten.count() == 2
    assert "opmerkingen bij plan versie 1" in berichten.first().onderwerp  # type: ignore[union-attr]
    casus.refresh_from_db()
    assert casus.status == CasusStatus.PLAN_OPGESTELD
    # After comments the resident may still agree.
    plan_agree(user=stad.inwoner, casus=casus, versie_id=versie.pk)
    versie.refresh_from_db()
    assert versie.status == PlanStatus.AKKOORD and "dinsdag" in versie.opmerking_inwoner


def test_only_the_own_resident_answers_and_only_the_newest_version(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    v1 = share(stad.pro, casus)
    for user in (stad.andere_inwoner, stad.pro):
        with pytest.raises(ValidationError):
            plan_agree(user=user, casus=casus, versie_id=v1.pk)
    save(stad.pro, casus)
    with pytest.raises(ValidationError):  # a concept is never answered
        plan_agree(user=stad.inwoner, casus=casus,
                     versie_id=PlanVersie.objects.get(status="concept").pk)
    share(stad.pro, casus)
    with pytest.raises(ValidationError, match="nieuwere versie"):
        plan_agree(user=stad.inwoner, casus=casus, versie_id=v1.pk)
    v1.refresh_from_db()
    assert v1.status == PlanStatus.TER_AKKOORD


def test_timeline_shows_shared_versions_and_answers_to_the_resident(stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    v1 = share(stad.pro, casus)
    plan_comment(user=stad.inwoner, casus=casus, versie_id=v1.pk, opmerking="Graag later")
    save(stad.pro, casus)
    v2 = share(stad.pro, casus)
    plan_agree(user=stad.inwoner, casus=casus, versie_id=v2.pk)
    save(stad.pro, casus)  # a concept is not on the timeline
    regels = [r for r in casus_tijdlijn(casus=casus, voor_inwoner=True) if r.soort == "plan"]
    titels = [r.titel for r in regels]
    assert titels == ["De inwoner is akkoord met plan versie 2",
                      "Plan versie 2 gedeeld met de inwoner",
                      "De inwoner heeft opmerkingen bij plan versie 1",
                      "Plan versie 1 gedeeld met de inwoner"]
    assert all(r.zichtbaar_voor_inwoner for r in regels)
    assert regels[2].tekst == "Graag later"
    assert regels[1].door == stad.pro.get_full_name()


def test_every_write_is_logged(stad, casus) -> None:  # type: ignore[no-untyped-def]
    before = Toegangslog.objects.filter(object_type="planversie").count()
    save(stad.pro, casus)
    versie = share(stad.pro, casus)
    plan_comment(user=stad.inwoner, casus=casus, versie_id=versie.pk, opmerking="Vraag")
    plan_agree(user=stad.inwoner, casus=casus, versie_id=versie.pk)
    rows = list(Toegangslog.objects.filter(object_type="planversie").order_by("id")[before:])
    assert [(r.user_id, r.actie, r.grond) for r in rows] == [
        (stad.pro.pk, "wijzigen", "regiehouder"), (stad.pro.pk, "wijzigen", "regiehouder"),
        (stad.inwoner.pk, "wijzigen", "eigen"), (stad.inwoner.pk, "wijzigen", "eigen")]
    assert {r.casus_id for r in rows} == {casus.pk}
    assert {r.inwoner_id for r in rows} == {stad.inwoner.pk}


# --- Pages ---------------------------------------------------------------------------------


def url(casus: Casus, deel: str = "") -> str:
    return f"/werk/casussen/{casus.pk}/plan/{deel + '/' if deel else ''}"


def mijn_url(casus: Casus, deel: str = "") -> str:
    return f"/mijn/casussen/{casus.pk}/plan/{deel + '/' if deel else ''}"


def form_data(*, nummer: int = 1, bewerkversie: int = 0, samenvatting: str = "",  # type: ignore[no-untyped-def]
              doel_omschrijving: str = "Schulden op een rij", zrm_start: str = "2",
              zrm_doel: str = "4", acties: int = 1, extra: dict | None = None) -> dict:
    data = {
        "nummer": str(nummer), "bewerkversie": str(bewerkversie), "samenvatting": samenvatting,
        "evaluatiedatum": "",
        "doel-TOTAL_FORMS": "1", "doel-INITIAL_FORMS": "1",
        "doel-0-levensgebied": "financien", "doel-0-omschrijving": doel_omschrijving,
        "doel-0-zrm_start": zrm_start, "doel-0-zrm_doel": zrm_doel,
        "doel-0-verantwoordelijke": "inwoner",
        "actie-TOTAL_FORMS": str(acties), "actie-INITIAL_FORMS": str(acties),
        "voorziening-TOTAL_FORMS": "1", "voorziening-INITIAL_FORMS": "1",
        "voorziening-0-wet": "", "voorziening-0-omschrijving": "", "voorziening-0-vorm": "",
        "voorziening-0-status": "gewenst",
        "actie": "opslaan",
    }
    for i in range(acties):
        data.update({f"actie-{i}-omschrijving": f"Actie {i}", f"actie-{i}-eigenaar": "inwoner",
                     f"actie-{i}-eigenaar_naam": "", f"actie-{i}-deadline": "2027-01-10"})
    data.update(extra or {})
    return data


def test_professional_writes_the_plan_through_the_page(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    assert "Er is nog geen plan" in client.get(url(casus)).content.decode()
    response = client.post(url(casus, "bewerken"), form_data(
        samenvatting="Rust in de geldzaken", acties=2))
    assert response.status_code == 302 and response["Location"] == url(casus)
    versie = PlanVersie.objects.get()
    assert versie.samenvatting == "Rust in de geldzaken"
    assert versie.doelen.count() == 1 and versie.acties.count() == 2
    assert versie.voorzieningen.count() == 0  # the empty row is skipped
    html = client.get(url(casus)).content.decode()
    assert "Rust in de geldzaken" in html and "Delen met de inwoner" in html
    response = client.post(url(casus, "delen"), {"nummer": "1", "bewerkversie": "1"})
    assert response.status_code == 302
    versie.refresh_from_db()
    assert versie.status == PlanStatus.TER_AKKOORD


def test_add_a_row_without_javascript_keeps_what_was_typed(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    data = form_data(samenvatting="Nog niet bewaard", extra={"actie": "doel_erbij"})
    response = client.post(url(casus, "bewerken"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="doel-TOTAL_FORMS" value="2"' in html
    assert 'id="id_doel-1-levensgebied"' in html and "autofocus" in html
    assert "Nog niet bewaard" in html and "Schulden op een rij" in html
    assert "foutsamenvatting" not in html  # a growing page shows no errors
    assert not PlanVersie.objects.exists()


def test_form_errors_keep_the_input_and_are_summarised(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(url(casus, "bewerken"), form_data(
        zrm_start="4", zrm_doel="2", samenvatting="Bewaar mij",
        extra={"voorziening-0-wet": "WMO", "voorziening-0-omschrijving": "Rolstoel"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("data-error-summary") == 1
    assert '<a href="#id_doel-0-zrm_doel">Doel 1, ZRM-niveau als doel: Het doelniveau kan ' \
           'niet lager zijn dan het niveau nu.</a>' in html
    assert "Voorziening 1, Vorm: Kies zorg in natura of pgb." in html
    assert "<title>Fout:" in html
    assert "Bewaar mij" in html and "Rolstoel" in html
    assert not PlanVersie.objects.exists()


def test_removing_a_row(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    client.post(url(casus, "bewerken"), form_data(acties=2, extra={"actie-1-DELETE": "on"}))
    assert list(PlanVersie.objects.get().acties.values_list("omschrijving", flat=True)) == [
        "Actie 0"]


@pytest.fixture
def gedeeld(stad, casus) -> PlanVersie:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    return share(stad.pro, casus)


def test_resident_reads_the_plan_and_agrees(client, stad, casus, gedeeld) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    detail = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert mijn_url(casus) in detail and "Lees uw plan en geef uw mening" in detail
    html = client.get(mijn_url(casus)).content.decode()
    assert "Geld en schulden" in html          # the plain words, not the ZRM name
    assert "Schulden op een rij" in html and "niveau 2 van 5" in html
    assert "een hulpverlener" in html
    response = client.post(mijn_url(casus), {"versie": gedeeld.pk, "actie": "akkoord"})
    assert response.status_code == 302
    gedeeld.refresh_from_db()
    assert gedeeld.status == PlanStatus.AKKOORD
    html = client.get(mijn_url(casus)).content.decode()
    assert "U gaf akkoord op dit plan" in html and "Ik ga akkoord" not in html


def test_resident_comment_with_an_error_keeps_the_text(client, stad, casus, gedeeld) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    response = client.post(mijn_url(casus), {"versie": gedeeld.pk, "actie": "opmerking",
                                              "opmerking": ""})
    assert response.status_code == 400
    assert "Schrijf uw opmerking of vraag op." in response.content.decode()
    tekst = "Kan het later? " * 300  # too long: kept, not lost
    response = client.post(mijn_url(casus), {"versie": gedeeld.pk, "actie": "opmerking",
                                              "opmerking": tekst})
    assert response.status_code == 400 and "Kan het later?" in response.content.decode()
    response = client.post(mijn_url(casus), {"versie": gedeeld.pk, "actie": "opmerking",
                                              "opmerking": "Kan het op dinsdag?"})
    assert response.status_code == 302
    gedeeld.refresh_from_db()
    assert gedeeld.status == PlanStatus.OPMERKINGEN
    client.force_login(stad.pro)
    assert "Kan het op dinsdag?" in client.get(url(casus)).content.decode()


def test_resident_does_not_see_a_concept(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus, samenvatting="Geheim concept")
    client.force_login(stad.inwoner)
    html = client.get(mijn_url(casus)).content.decode()
    assert "Uw plan is nog niet klaar" in html and "Geheim concept" not in html
    assert client.get(mijn_url(casus, "pdf")).status_code == 404
    detail = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert mijn_url(casus) not in detail


def test_resident_page_without_a_casus_still_works(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    response = client.get(f"/mijn/aanvragen/{intake.pk}/")
    assert response.status_code == 200 and "Lees uw plan" not in response.content.decode()


# --- Who may see what ------------------------------------------------------------------------

STAFF_PAGES = ["", "bewerken", "pdf"]


@pytest.mark.parametrize("deel", STAFF_PAGES)
@pytest.mark.parametrize("wie", ["pro", "collega", "teamleider"])
def test_staff_pages_allowed_for_regiehouder_and_team(client, stad, casus, gedeeld, deel,  # type: ignore[no-untyped-def]
                                                       wie) -> None:
    user = ProfessionalFactory(teams=[stad.wijkteam]) if wie == "collega" else getattr(stad, wie)
    client.force_login(user)
    before = Toegangslog.objects.count()
    response = client.get(url(casus, deel))
    assert response.status_code == 200
    # One access-log row for this view, naming the version that was shown.
    rows = list(Toegangslog.objects.order_by("pk")[before:])
    assert len(rows) == 1
    row = rows[0]
    assert (row.user_id, row.casus_id, row.inwoner_id) == (user.pk, casus.pk, stad.inwoner.pk)
    assert row.actie == ("exporteren" if deel == "pdf" else "bekijken")
    assert row.object_type == "planversie" and row.object_id == gedeeld.pk


@pytest.mark.parametrize("deel", [*STAFF_PAGES, "delen"])
@pytest.mark.parametrize("wie", ["pro_noord", "manager", "beheerder", "inwoner",
                                 "andere_inwoner", "pro_jeugd"])
def test_staff_pages_denied(client, stad, casus, gedeeld, deel, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, wie))
    before = Toegangslog.objects.count()
    if deel == "delen":
        response = client.post(url(casus, deel), {"nummer": "2", "bewerkversie": "0"})
    else:
        response = client.get(url(casus, deel))
    assert response.status_code == 404
    assert Toegangslog.objects.count() == before


def test_team_with_consent_reads_but_does_not_edit(client, stad, casus, gedeeld) -> None:  # type: ignore[no-untyped-def]
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    client.force_login(stad.pro_jeugd)
    html = client.get(url(casus)).content.decode()
    assert "Schulden op een rij" in html and url(casus, "bewerken") not in html
    assert client.get(url(casus, "bewerken")).status_code == 404
    assert client.post(url(casus, "bewerken"), form_data(nummer=2)).status_code == 404
    assert client.post(url(casus, "delen"), {}).status_code == 404
    assert client.get(url(casus, "pdf")).status_code == 404  # reading is not exporting


@pytest.mark.parametrize("deel", ["", "pdf"])
def test_resident_pages_own_casus_only(client, stad, casus, gedeeld, deel) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    before = Toegangslog.objects.count()
    assert client.get(mijn_url(casus, deel)).status_code == 200
    rows = list(Toegangslog.objects.order_by("pk")[before:])
    assert len(rows) == 1 and rows[0].grond == "eigen" and rows[0].object_id == gedeeld.pk
    for user in (stad.andere_inwoner, stad.pro, stad.manager):
        client.force_login(user)
        assert client.get(mijn_url(casus, deel)).status_code == 404
    client.force_login(stad.andere_inwoner)
    response = client.post(mijn_url(casus), {"versie": gedeeld.pk, "actie": "akkoord"})
    assert response.status_code == 404
    gedeeld.refresh_from_db()
    assert gedeeld.status == PlanStatus.TER_AKKOORD


def test_anonymous_goes_to_the_login_page(client, casus) -> None:  # type: ignore[no-untyped-def]
    assert client.get(url(casus))["Location"].startswith("/medewerker/inloggen/")
    assert client.get(mijn_url(casus))["Location"].startswith("/inloggen/")


# --- Fixed number of queries -------------------------------------------------------------------


def _fill(stad, casus, n: int) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus, doelen=[DOEL] * n, acties=[ACTIE] * n,
         voorzieningen=[VOORZIENING] * n)


@pytest.mark.parametrize("pagina", ["", "bewerken", "mijn"])
def test_plan_pages_run_a_fixed_number_of_queries(client, stad, pagina) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for n in (1, 20):
        casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
        _fill(stad, casus, n)
        share(stad.pro, casus)
        _fill(stad, casus, n)  # a concept on top of a shared version
        client.force_login(stad.inwoner if pagina == "mijn" else stad.pro)
        target = mijn_url(casus) if pagina == "mijn" else url(casus, pagina)
        client.get(target)  # warm up the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(target)
        assert response.status_code == 200
        assert response.content.decode().count("Schulden op een rij") == n  # each goal once
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_overview_selector_is_four_queries(stad, casus) -> None:  # type: ignore[no-untyped-def]
    _fill(stad, casus, 3)
    share(stad.pro, casus)
    _fill(stad, casus, 5)
    with CaptureQueriesContext(connection) as ctx:
        overzicht = plan_overzicht(casus=casus)
        assert overzicht.getoond is not None
        assert len(overzicht.getoond.doelen.all()) == 5
        assert len(overzicht.getoond.acties.all()) == 5
        assert len(overzicht.getoond.voorzieningen.all()) == 5
        assert [v.nummer for v in overzicht.versies] == [2, 1]
    assert len(ctx) == 4


# --- PDF ---------------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_for_resident_and_file_contains_the_plan_and_escapes_typed_text(client, stad,  # type: ignore[no-untyped-def]
                                                                            casus) -> None:
    doel = DoelGegevens(levensgebied="financien", omschrijving="Rust & overzicht <b>nu</b>",
                        zrm_start=2, zrm_doel=4, verantwoordelijke="inwoner")
    actie = ActieGegevens(omschrijving="Bel “Łukasz” – de buurman ✓", eigenaar="netwerk",
                          deadline=dt.date(2027, 2, 1))
    save(stad.pro, casus, doelen=[doel], acties=[actie])
    versie = share(stad.pro, casus)
    plan_comment(user=stad.inwoner, casus=casus, versie_id=versie.pk, opmerking="<b>&</b>")

    client.force_login(stad.inwoner)
    response = client.get(mijn_url(casus, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "Ondersteuningsplan" in text and casus.intake.referentie in text
    assert "Versie 1" in text
    assert "Rust & overzicht <b>nu</b>" in text
    assert 'Bel "Lukasz" - de buurman ?' in text
    assert "Geld en schulden" in text           # plain words for the resident
    assert "<b>&</b>" in text                    # the resident's own text, literally
    assert "Huishoudelijke hulp" in text and "zorg in natura" in text

    client.force_login(stad.pro)
    text = _pdf_text(client.get(url(casus, "pdf")).content)
    assert "Financiën" in text                   # the ZRM name in the file copy
    assert "Rust & overzicht <b>nu</b>" in text and "<b>&</b>" in text


def test_staff_pdf_of_a_concept_says_so(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    save(stad.pro, casus)
    client.force_login(stad.pro)
    text = _pdf_text(client.get(url(casus, "pdf")).content)
    assert "CONCEPT" in text
    assert client.get(url(casus, "pdf") + "?versie=7").status_code == 404
