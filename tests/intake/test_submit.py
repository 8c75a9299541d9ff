"""Submitting stores one intake, routes it, and never makes a copy per wet."""

import uuid

import pytest
import time_machine

from intake.models import Intake, IntakeStatus, Urgentie
from intake.permissions import intakes_visible_to
from intake.services import intake_claim, intake_submit
from tests.factories import IntakeFactory, ToestemmingKeuze, intake_gegevens
from toegang.audit.models import Actie, Toegangslog


def test_submit_routes_to_the_front_door_team(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7512 CD")
    assert intake.wijk == stad.centrum
    assert intake.team == stad.wijkteam
    assert intake.status == IntakeStatus.INGEDIEND
    assert intake.inwoner == stad.inwoner


def test_question_about_a_child_goes_to_the_jeugdteam(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(minderjarig=True)
    assert intake.team == stad.jeugdteam
    assert [h.naam for h in intake.huishoudleden.all()] == ["Noor"]


def test_no_fixed_address_needs_a_central_team(stad) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import TeamFactory

    centraal = TeamFactory(naam="Centrale toegang", is_centrale_toegang=True)
    intake = IntakeFactory(geen_vast_adres=True, postcode="")
    assert intake.team == centraal and intake.wijk is None


@time_machine.travel("2026-03-01 10:00 +01:00", tick=False)
def test_reference_is_per_year_and_counts_up(stad) -> None:  # type: ignore[no-untyped-def]
    first, second = IntakeFactory(), IntakeFactory()
    assert first.referentie == "TG-2026-000001"
    assert second.referentie == "TG-2026-000002"
    with time_machine.travel("2027-01-01 00:30 +01:00", tick=False):
        assert IntakeFactory().referentie == "TG-2027-000001"


@time_machine.travel("2026-03-01 10:00 +01:00", tick=False)
def test_numbering_continues_after_numbers_a_seeder_took(stad) -> None:  # type: ignore[no-untyped-def]
    from intake.services import referenties_in_gebruik, referenties_reserve

    referenties_reserve(jaar=2026, tot=500)  # before the year's first submission
    assert IntakeFactory().referentie == "TG-2026-000501"
    assert referenties_in_gebruik()[2026] == 501
    referenties_reserve(jaar=2026, tot=900)  # while the numbering is running
    assert IntakeFactory().referentie == "TG-2026-000901"
    assert referenties_in_gebruik()[2026] == 901


def test_submit_is_idempotent_on_its_key(stad) -> None:  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    first = intake_submit(gegevens=intake_gegevens(), kanaal="online", indien_sleutel=key)
    again = intake_submit(gegevens=intake_gegevens(vraag="anders"), kanaal="online",
                          indien_sleutel=key)
    assert again.pk == first.pk
    assert Intake.objects.count() == 1


def test_someone_unsafe_now_makes_the_intake_urgent(stad) -> None:  # type: ignore[no-untyped-def]
    assert IntakeFactory(veiligheid="onveilig").urgentie == Urgentie.URGENT
    assert IntakeFactory(veiligheid="veilig").urgentie == Urgentie.NORMAAL


def test_life_areas_are_stored_once_each(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(levensgebieden=["financien", "huisvesting", "financien"])
    assert sorted(g.levensgebied for g in intake.levensgebieden.all()) == \
        ["financien", "huisvesting"]


def test_submission_is_logged(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    log = Toegangslog.objects.get(intake_id=intake.pk, actie=Actie.INDIENEN)
    assert log.user_id == stad.inwoner.pk and log.grond == "eigen"


def test_phone_intake_records_who_typed_it(stad) -> None:  # type: ignore[no-untyped-def]
    intake = intake_submit(gegevens=intake_gegevens(), kanaal="telefoon",
                           ingevoerd_door=stad.pro)
    assert intake.ingevoerd_door == stad.pro and intake.inwoner is None
    log = Toegangslog.objects.get(intake_id=intake.pk, actie=Actie.INDIENEN)
    assert log.user_id == stad.pro.pk and log.namens == intake.naam


def test_every_team_reads_the_same_row_no_copy_per_wet(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, toestemmingen=[
        ToestemmingKeuze(wet="JEUGDWET", akkoord=True),
        ToestemmingKeuze(wet="PARTICIPATIEWET", akkoord=True)])
    assert Intake.objects.count() == 1
    pros = (stad.pro, stad.pro_jeugd, stad.pro_werk)
    seen = {pro.username: list(intakes_visible_to(user=pro).values_list("pk", "vraag"))
            for pro in pros}
    assert seen == {pro.username: [(intake.pk, intake.vraag)] for pro in pros}


def test_claim_links_an_anonymous_intake_once(stad) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    intake = IntakeFactory()
    intake_claim(intake=intake, inwoner=stad.inwoner)
    assert Intake.objects.get(pk=intake.pk).inwoner == stad.inwoner
    with pytest.raises(ValidationError):
        intake_claim(intake=intake, inwoner=stad.andere_inwoner)
