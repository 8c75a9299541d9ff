"""Toegang's own metrics: the queues per team, the reminder scan's lag and the outboxes,
counts only, in the same number of queries however many rows there are."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casussen.toewijzing.models import BerichtStatus
from regie.termijnen.models import Termijn, TermijnStatus
from regie.termijnen.services import herinneringen_scan
from tests.api.conftest import api_client_make
from tests.factories import IntakeFactory, TermijnFactory
from tests.metriek.conftest import waarde
from tests.toewijzingpad import bericht_make
from toegang.api.models import Abonnement, Gebeurtenis, Scope, Webhookbericht, WebhookStatus
from toegang.berichten.models import Email, EmailStatus
from toegang.berichten.services import Adres, brief_queue

pytestmark = pytest.mark.django_db

NU = dt.datetime(2026, 6, 3, 10, 0, tzinfo=dt.UTC)  # a Wednesday


def _wachtrij(gemeten: dict, team) -> float:  # type: ignore[no-untyped-def]
    return waarde(gemeten, "toegang_queue_waiting_intakes", team_id=str(team.pk), team=team.naam)


def test_queue_lengths_per_team_count_what_nobody_picked_up(stad, client, scrape) -> None:  # type: ignore[no-untyped-def]
    IntakeFactory.create_batch(2)                      # wijkteam Centrum
    IntakeFactory(in_noord=True)                       # wijkteam Noord
    IntakeFactory(over_werk=True)                      # Werk en Inkomen
    IntakeFactory(opgepakt_door=stad.pro)              # picked up: no longer waiting

    gemeten = scrape()

    assert _wachtrij(gemeten, stad.wijkteam) == 2
    assert _wachtrij(gemeten, stad.wijkteam_noord) == 1
    assert _wachtrij(gemeten, stad.werk) == 1
    # A team with an empty queue is there, at 0, so a graph does not lose its line.
    assert ("toegang_queue_waiting_intakes",
            (("team", stad.jeugdteam.naam), ("team_id", str(stad.jeugdteam.pk)))) in gemeten


def test_the_metrics_name_no_person(stad, client, metrics_token) -> None:  # type: ignore[no-untyped-def]
    IntakeFactory(voornaam="Geertruida", achternaam="Zwanenburg",
                  email="geertruida@example.nl", telefoon="0698765432")
    IntakeFactory(opgepakt_door=stad.pro)
    Email.objects.create(aan="geertruida@example.nl", onderwerp="Uw aanvraag", tekst="Hallo",
                         volgende_poging_op=timezone.now(), pogingen=1,
                         laatste_fout="550 geertruida@example.nl onbekend")

    tekst = client.get("/metrics/", headers={"Authorization": f"Bearer {metrics_token}"}
                       ).content.decode()

    for persoonlijk in ("Geertruida", "Zwanenburg", "geertruida", "0698765432", "Sanne",
                        "de Vries", stad.pro.last_name, stad.pro.username):
        assert persoonlijk not in tekst
    assert "Wijkteam Centrum" in tekst  # teams are named, people never


def test_reminder_lag_is_the_age_of_the_oldest_due_reminder(stad, client, scrape) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        termijn = TermijnFactory(casus__intake__voornaam="Anna")
        # The reminder scan has not run for two hours (beat stopped, say).
        Termijn.objects.filter(pk=termijn.pk).update(
            volgende_herinnering_op=NU - dt.timedelta(hours=2))
        gemeten = scrape()
        assert waarde(gemeten, "toegang_reminders_due") == 1
        assert waarde(gemeten, "toegang_reminder_lag_seconds") == 7200

        herinneringen_scan(now=NU)

        gemeten = scrape()
        assert waarde(gemeten, "toegang_reminders_due") == 0
        assert waarde(gemeten, "toegang_reminder_lag_seconds") == 0


def test_a_clock_that_is_not_running_lags_nothing(stad, scrape) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        termijn = TermijnFactory()
        Termijn.objects.filter(pk=termijn.pk).update(
            status=TermijnStatus.AFGEHANDELD, volgende_herinnering_op=NU - dt.timedelta(days=1))
        assert waarde(scrape(), "toegang_reminder_lag_seconds") == 0


def _email(status: str = EmailStatus.WACHT, pogingen: int = 0) -> Email:
    return Email.objects.create(aan="iemand@example.nl", onderwerp="Onderwerp", tekst="Tekst",
                                status=status, pogingen=pogingen,
                                volgende_poging_op=timezone.now())


def _webhook(stad, status: str = WebhookStatus.TE_VERSTUREN) -> Webhookbericht:  # type: ignore[no-untyped-def]
    abonnement = Abonnement.objects.first()
    if abonnement is None:
        api_client, _api = api_client_make(account=stad.pro, scopes=[Scope.BESLUITEN_LEZEN])
        abonnement = Abonnement.objects.create(client=api_client, url="https://example.nl/hook",
                                               gebeurtenissen=[Gebeurtenis.BESLUIT_GENOMEN],
                                               geheim="x")
    return Webhookbericht.objects.create(abonnement=abonnement, inhoud={}, status=status,
                                         gebeurtenis=Gebeurtenis.BESLUIT_GENOMEN)


def _brief(sleutel: str) -> None:
    brief_queue(aan_naam="Bewoner", adres=Adres("Dorpsstraat 1", "7511 AB", "Dijkstad"),
                onderwerp="Uw besluit", tekst="Tekst.", sleutel=sleutel)


def test_outbox_backlog_and_failures(stad, scrape) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        _email(), _email(pogingen=2), _email(status=EmailStatus.MISLUKT)
        _email(status=EmailStatus.VERZONDEN)
        _brief("b1")
        bericht_make(), bericht_make(status=BerichtStatus.MISLUKT)
        bericht_make(status=BerichtStatus.RETOUR_FOUT)
        _webhook(stad), _webhook(stad, WebhookStatus.MISLUKT)
    with time_machine.travel(NU + dt.timedelta(minutes=30), tick=False):
        gemeten = scrape()

    def per(naam: str) -> dict[str, float]:
        return {o: waarde(gemeten, naam, outbox=o)
                for o in ("email", "letter", "iwmo_ijw", "webhook", "zgw")}

    assert per("toegang_outbox_waiting") == {"email": 2, "letter": 1, "iwmo_ijw": 1,
                                             "webhook": 1, "zgw": 0}
    assert per("toegang_outbox_failed") == {"email": 1, "letter": 0, "iwmo_ijw": 1,
                                            "webhook": 1, "zgw": 0}
    assert waarde(gemeten, "toegang_outbox_retrying", outbox="email") == 1
    assert waarde(gemeten, "toegang_outbox_oldest_waiting_seconds", outbox="email") == 1800
    assert waarde(gemeten, "toegang_outbox_oldest_waiting_seconds", outbox="letter") == 1800
    assert waarde(gemeten, "toegang_berichtenverkeer_messages", state="retour_fout") == 1
    assert waarde(gemeten, "toegang_metrics_database_up") == 1


def test_a_scrape_costs_the_same_queries_with_many_rows(stad, client, metrics_token) -> None:  # type: ignore[no-untyped-def]
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/metrics/",
                                  headers={"Authorization": f"Bearer {metrics_token}"})
        assert response.status_code == 200
        return len(ctx)

    IntakeFactory()
    _email(pogingen=1), _brief("b1"), bericht_make(), _webhook(stad)
    een = queries()

    IntakeFactory.create_batch(3), IntakeFactory.create_batch(2, in_noord=True)
    TermijnFactory.create_batch(3)
    for i in range(5):
        _email(pogingen=1), _email(status=EmailStatus.MISLUKT), _brief(f"b{i + 2}")
        bericht_make(), _webhook(stad), _webhook(stad, WebhookStatus.MISLUKT)
    veel = queries()

    assert veel == een
    assert een <= 14
