"""A role in the case gives access, still limited by consent for teams of another wet."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from casussen.models import Casus, Regiehouderschap
from casussen.permissions import CasusActie, casus_access, casussen_visible_to
from casussen.services import AlOpgepakt, betrokkene_add, betrokkene_end, casus_open
from intake.models import IntakeStatus
from intake.permissions import IntakeActie, intake_access, intakes_visible_to
from intake.services import toestemming_give, toestemming_withdraw
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory


def test_pick_up_makes_one_casus_with_one_regiehouder(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    casus = casus_open(user=stad.pro, intake=intake)
    assert casus.intake == intake and casus.team == stad.wijkteam
    assert list(casus.regiehouders.values_list("user_id", flat=True)) == [stad.pro.pk]
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.OPGEPAKT
    with pytest.raises(AlOpgepakt, match=stad.pro.get_full_name()):
        casus_open(user=stad.teamleider, intake=intake)


def test_only_a_team_with_access_can_pick_up(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    with pytest.raises(ValidationError):
        casus_open(user=stad.pro_jeugd, intake=intake)
    assert not Casus.objects.exists()


def test_second_active_regiehouder_cannot_be_written(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro)
    with pytest.raises(IntegrityError), transaction.atomic():
        Regiehouderschap.objects.create(casus=casus, user=stad.teamleider, team=stad.wijkteam)
    old = casus.regiehouders.get()
    other = Regiehouderschap.objects.create(casus=casus, user=stad.teamleider,
                                            team=stad.wijkteam, einde=old.begin)
    with pytest.raises(IntegrityError), transaction.atomic():
        Regiehouderschap.objects.filter(pk=other.pk).update(einde=None)


def test_betrokkene_of_other_wet_needs_consent(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
    with pytest.raises(ValidationError, match="geen toestemming"):
        betrokkene_add(user=stad.pro, casus=casus, team=stad.jeugdteam, rol="uitvoerder",
                       professional=stad.pro_jeugd)
    consent = toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    betrokkene_add(user=stad.pro, casus=casus, team=stad.jeugdteam, rol="uitvoerder",
                   professional=stad.pro_jeugd)
    assert casus_access(user=stad.pro_jeugd, casus_id=casus.pk, action=CasusActie.CHANGE)
    # A colleague in the jeugdteam may read the case (plan in scope) but not work in it.
    colleague = ProfessionalFactory(teams=[stad.jeugdteam])
    assert casussen_visible_to(user=colleague).filter(pk=casus.pk).exists()
    assert not casussen_visible_to(user=colleague, action=CasusActie.CHANGE).exists()
    toestemming_withdraw(toestemming=consent, user=stad.inwoner)
    assert not casussen_visible_to(user=stad.pro_jeugd).exists()
    assert not intakes_visible_to(user=stad.pro_jeugd).exists()


def test_regiehouder_keeps_full_access_through_the_role(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro)
    got = intake_access(user=stad.pro, intake_id=casus.intake_id, action=IntakeActie.EXPORT)
    assert got.grond == "regiehouder"
    assert casus_access(user=stad.pro, casus_id=casus.pk, action=CasusActie.EXPORT)


def test_ending_involvement_ends_personal_access(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner,
                         intake__met_toestemming_werk=True)
    betrokken = betrokkene_add(user=stad.pro, casus=casus, team=stad.werk, rol="consulent",
                               professional=stad.pro_werk)
    assert casussen_visible_to(user=stad.pro_werk, action=CasusActie.CHANGE).exists()
    betrokkene_end(user=stad.pro, betrokkenheid=betrokken)
    assert not casussen_visible_to(user=stad.pro_werk, action=CasusActie.CHANGE).exists()


def test_resident_views_own_case_only(stad) -> None:  # type: ignore[no-untyped-def]
    from django.http import Http404

    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
    assert casus_access(user=stad.inwoner, casus_id=casus.pk, action=CasusActie.VIEW)
    for user, action in [(stad.andere_inwoner, CasusActie.VIEW),
                         (stad.inwoner, CasusActie.CHANGE), (stad.manager, CasusActie.VIEW)]:
        with pytest.raises(Http404):
            casus_access(user=user, casus_id=casus.pk, action=action)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_pickups_give_one_casus(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    colleague = ProfessionalFactory(teams=[stad.wijkteam])
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def pick(user) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            casus_open(user=user, intake=intake)
            results[user.username] = "opened"
        except AlOpgepakt:
            results[user.username] = "already"
        finally:
            connection.close()  # each thread had its own database connection

    threads = [threading.Thread(target=pick, args=(u,)) for u in (stad.pro, colleague)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["already", "opened"]
    assert Casus.objects.filter(intake=intake).count() == 1
    assert Regiehouderschap.objects.filter(casus__intake=intake, einde__isnull=True).count() == 1


# What the regiehouder's team may do with a case and its intake, and what a resident may do
# with their own.
ALLES = ["casus.view", "casus.change", "casus.export", "intake.view", "intake.aanvullen",
         "intake.export", "intake.bijlagen"]
EIGEN = ["casus.view", "intake.view", "intake.aanvullen", "intake.export", "intake.bijlagen"]


def test_may_checks_answer_as_the_gate_does(stad) -> None:  # type: ignore[no-untyped-def]
    # The casus page shows or hides its actions with `casus_may` / `intake_may` (one EXISTS);
    # they must agree with the gate for every role, action and case: own team, another wet
    # with consent, betrokken colleague, withdrawn consent, a resident, a manager, inactive.
    from django.http import Http404

    from casussen.permissions import casus_may
    from intake.permissions import intake_may

    eigen = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
    gedeeld = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.andere_inwoner,
                           intake__met_toestemming_jeugd=True)
    betrokkene_add(user=stad.pro, casus=gedeeld, team=stad.jeugdteam, rol="meedenken",
                   professional=stad.pro_jeugd)
    ingetrokken = CasusFactory(opgepakt_door=stad.pro, intake__met_toestemming_jeugd=True)
    toestemming_withdraw(toestemming=ingetrokken.intake.toestemmingen.get(), user=None)
    inactief = ProfessionalFactory(teams=[stad.wijkteam])
    inactief.is_active = False
    inactief.save(update_fields=["is_active"])
    users = {"pro": stad.pro, "pro_noord": stad.pro_noord, "pro_jeugd": stad.pro_jeugd,
             "pro_werk": stad.pro_werk, "teamleider": stad.teamleider, "manager": stad.manager,
             "beheerder": stad.beheerder, "inwoner": stad.inwoner,
             "andere_inwoner": stad.andere_inwoner, "inactief": inactief}
    casussen = {"eigen": eigen, "gedeeld": gedeeld, "ingetrokken": ingetrokken}
    allowed: dict[tuple[str, str], list[str]] = {}
    for wie, user in users.items():
        for welke, casus in casussen.items():
            checks = [(casus_access, casus_may, {"casus_id": casus.pk}, a) for a in CasusActie]
            checks += [(intake_access, intake_may, {"intake_id": casus.intake_id}, a)
                       for a in IntakeActie]
            for gate, may, ids, action in checks:
                try:
                    gate(user=user, action=action, **ids)
                    allowed_by_gate = True
                except Http404:
                    allowed_by_gate = False
                assert may(user=user, action=action, **ids) == allowed_by_gate, \
                    (wie, welke, action)
                if allowed_by_gate:
                    soort = "casus" if gate is casus_access else "intake"
                    allowed.setdefault((wie, welke), []).append(f"{soort}.{action}")
    # Whoever is not listed is refused everything: another wijk, a team of another wet without
    # a role, werk en inkomen, manager, beheerder, the inactive colleague.
    assert allowed == {
        **{(wie, welke): ALLES for wie in ("pro", "teamleider") for welke in casussen},
        ("pro_jeugd", "gedeeld"): ["casus.view", "casus.change", "intake.view", "intake.bijlagen"],
        ("inwoner", "eigen"): EIGEN, ("andere_inwoner", "gedeeld"): EIGEN,
    }
