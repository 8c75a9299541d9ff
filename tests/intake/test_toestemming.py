"""Consent: given, renewed, withdrawn and expired, with an immutable history."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from intake.models import ToestemmingGebeurtenis, ToestemmingStatus
from intake.permissions import intakes_visible_to
from intake.services import (
    Vereisten,
    toestemming_doel_current,
    toestemming_doel_publish,
    toestemming_expire_due,
    toestemming_give,
    toestemming_renew,
    toestemming_vereisten,
    toestemming_withdraw,
)
from tests.factories import HuishoudlidGegevens, IntakeFactory, ToestemmingKeuze


def _sees(user, intake) -> bool:  # type: ignore[no-untyped-def]
    return intakes_visible_to(user=user).filter(pk=intake.pk).exists()


def test_other_wet_needs_consent_and_gets_it(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    assert _sees(stad.pro, intake)
    assert not _sees(stad.pro_jeugd, intake)
    t = toestemming_give(intake=intake, wet="JEUGDWET", user=stad.inwoner)
    assert t.status == ToestemmingStatus.GEGEVEN
    assert t.doel.versie == 1 and t.doel.wet == "JEUGDWET"
    assert _sees(stad.pro_jeugd, intake)
    assert not _sees(stad.pro_werk, intake)


def test_withdrawal_removes_access_at_once(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, met_toestemming_jeugd=True)
    t = intake.toestemmingen.get(wet="JEUGDWET")
    assert _sees(stad.pro_jeugd, intake)
    toestemming_withdraw(toestemming=t, user=stad.inwoner)
    assert not _sees(stad.pro_jeugd, intake)
    t.refresh_from_db()
    assert t.status == ToestemmingStatus.INGETROKKEN and t.withdrawn_at is not None


def test_refusal_is_recorded_and_gives_nothing(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(toestemmingen=[ToestemmingKeuze(wet="JEUGDWET", akkoord=False)])
    assert intake.toestemmingen.get().status == ToestemmingStatus.GEWEIGERD
    assert not _sees(stad.pro_jeugd, intake)


def test_consent_ends_on_time_and_is_marked_expired(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-01-10 09:00 +01:00", tick=False):
        intake = IntakeFactory(met_toestemming_jeugd=True)
    t = intake.toestemmingen.get()
    assert t.expires_at == t.given_at + dt.timedelta(days=365)
    with time_machine.travel(t.expires_at - dt.timedelta(minutes=1), tick=False):
        assert _sees(stad.pro_jeugd, intake)
    with time_machine.travel(t.expires_at + dt.timedelta(minutes=1), tick=False):
        # The gate ignores the row even before the periodic task has run.
        assert not _sees(stad.pro_jeugd, intake)
        assert toestemming_expire_due() == 1
        assert toestemming_expire_due() == 0
    t.refresh_from_db()
    assert t.status == ToestemmingStatus.VERLOPEN


def test_renew_extends_and_moves_to_the_current_text(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-01-10 09:00 +01:00", tick=False):
        intake = IntakeFactory(met_toestemming_jeugd=True)
    t = intake.toestemmingen.get()
    old = toestemming_doel_current(wet="JEUGDWET")
    new = toestemming_doel_publish(wet="JEUGDWET", vraag="Nieuwe vraag?", uitleg="Nieuw.",
                                   scope=["aanvraag"])
    assert new.versie == old.versie + 1
    t.refresh_from_db()
    assert t.doel == old  # consent keeps the version the resident saw
    with time_machine.travel("2026-11-01 09:00 +01:00", tick=False):
        toestemming_renew(toestemming=t, user=stad.inwoner)
    t.refresh_from_db()
    assert t.doel == new and t.scope == ["aanvraag"]
    assert t.expires_at.date() == dt.date(2027, 11, 1)
    soorten = list(ToestemmingGebeurtenis.objects.filter(toestemming=t)
                   .values_list("soort", "doel_versie"))
    assert soorten == [("gegeven", 1), ("vernieuwd", 2)]


def test_scope_without_files_hides_attachments(stad) -> None:  # type: ignore[no-untyped-def]
    from intake.permissions import IntakeActie

    intake = IntakeFactory(met_toestemming_werk=True)
    assert _sees(stad.pro_werk, intake)
    assert not intakes_visible_to(user=stad.pro_werk, action=IntakeActie.BIJLAGEN).exists()


class TestAgeRules:
    def test_adult_decides_alone(self, stad) -> None:  # type: ignore[no-untyped-def]
        intake = IntakeFactory(geboortedatum=dt.date(1990, 1, 1))
        assert toestemming_vereisten(intake=intake) == Vereisten(kind=False, ouder=False)

    @time_machine.travel("2026-06-01 12:00 +02:00", tick=False)
    def test_child_12_to_15_needs_both(self, stad) -> None:  # type: ignore[no-untyped-def]
        intake = IntakeFactory(over_kind=True, huishouden=[
            HuishoudlidGegevens(relatie="kind", naam="Noor", geboortejaar=2012,
                                vraag_gaat_over=True)])
        nodig = toestemming_vereisten(intake=intake)
        assert nodig.kind and nodig.ouder
        with pytest.raises(ValidationError, match="jongere"):
            toestemming_give(intake=intake, wet="WMO", user=None, ouder_akkoord=True,
                             ouder_naam="Sanne")
        with pytest.raises(ValidationError, match="ouder"):
            toestemming_give(intake=intake, wet="WMO", user=None, kind_akkoord=True)
        t = toestemming_give(intake=intake, wet="WMO", user=None, kind_akkoord=True,
                             ouder_akkoord=True, ouder_naam="Sanne de Vries")
        assert t.kind_akkoord and t.ouder_akkoord and t.ouder_naam == "Sanne de Vries"

    @time_machine.travel("2026-06-01 12:00 +02:00", tick=False)
    def test_young_person_of_16_decides_alone(self, stad) -> None:  # type: ignore[no-untyped-def]
        intake = IntakeFactory(geboortedatum=dt.date(2010, 3, 1))
        assert toestemming_vereisten(intake=intake) == Vereisten(kind=False, ouder=False)
        intake_15 = IntakeFactory(geboortedatum=dt.date(2010, 9, 1))
        assert toestemming_vereisten(intake=intake_15) == Vereisten(kind=True, ouder=True)

    @time_machine.travel("2026-06-01 12:00 +02:00", tick=False)
    def test_young_child_needs_a_parent(self, stad) -> None:  # type: ignore[no-untyped-def]
        intake = IntakeFactory(over_kind=True, huishouden=[
            HuishoudlidGegevens(relatie="kind", naam="Bo", geboortejaar=2020)])
        assert toestemming_vereisten(intake=intake) == Vereisten(kind=False, ouder=True)


def test_history_cannot_be_changed_on_postgres(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(met_toestemming_jeugd=True)
    event = ToestemmingGebeurtenis.objects.get(toestemming__intake=intake)
    for statement in ("UPDATE intake_toestemminggebeurtenis SET soort = 'x' WHERE id = %s",
                      "DELETE FROM intake_toestemminggebeurtenis WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert ToestemmingGebeurtenis.objects.filter(pk=event.pk, soort="gegeven").exists()
