"""Toegang's own metrics, computed when Prometheus scrapes: the queues, the reminder scan, the
outboxes and the Celery tasks.

Every figure is a count or an age, read with the selectors that Diagnose and the dashboard
use, in a fixed number of queries whatever the number of rows. Labels are team names, outbox
names, states and task names: never a person.
"""

from collections.abc import Iterator
from datetime import datetime
from functools import cache

from django.db import DatabaseError
from django.utils import timezone
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from casussen.toewijzing.selectors import berichtenstand
from intake.selectors import wachtend_per_team
from regie.termijnen.selectors import herinneringen_achterstand
from toegang.api.webhooks import webhookstand
from toegang.berichten.selectors import postvak_stand, printwachtrij_stand
from toegang.celery import app as celery_app
from toegang.zgw.selectors import zgw_stand

from .taken import taak_tellingen

EMAIL = "email"
LETTER = "letter"
IWMO_IJW = "iwmo_ijw"
WEBHOOK = "webhook"
ZGW = "zgw"


@cache
def _taken_laden() -> None:
    """Import every tasks module once, as the worker does at its start: the web process
    otherwise knows only the tasks it happened to import, and the series would come and go."""
    celery_app.loader.import_default_modules()


def _leeftijd(sinds: datetime | None, now: datetime) -> float:
    return max((now - sinds).total_seconds(), 0.0) if sinds is not None else 0.0


class ToegangCollector(Collector):
    """Registered on the registry of each scrape (views.py), never on the global one, so the
    queries run only when the metrics endpoint is asked."""

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("toegang_metrics_database_up",
                               "1 when the database answered the queries of this scrape.")
        try:
            gemeten = list(self._database(timezone.now()))
        except DatabaseError:
            up.add_metric([], 0)
            gemeten = []
        else:
            up.add_metric([], 1)
        yield up
        yield from gemeten
        yield self._taken()

    def _database(self, now: datetime) -> Iterator[Metric]:
        wachtrij = GaugeMetricFamily(
            "toegang_queue_waiting_intakes",
            "Intakes in a team's queue that nobody picked up yet (status ingediend).",
            labels=["team_id", "team"])
        for rij in wachtend_per_team():
            wachtrij.add_metric([str(rij.team_id), rij.team], rij.wachtend)
        yield wachtrij

        achterstand = herinneringen_achterstand(now=now)
        yield GaugeMetricFamily(
            "toegang_reminders_due",
            "Running clocks whose next reminder is due and not sent yet.",
            value=achterstand.aantal)
        yield GaugeMetricFamily(
            "toegang_reminder_lag_seconds",
            "Seconds since the oldest due reminder that is not sent yet; 0 when none waits.",
            value=_leeftijd(achterstand.oudste, now))

        wachtend = GaugeMetricFamily("toegang_outbox_waiting",
                                     "Items in an outbox that wait to be sent.",
                                     labels=["outbox"])
        opnieuw = GaugeMetricFamily("toegang_outbox_retrying",
                                    "Waiting items that failed at least once and are retried.",
                                    labels=["outbox"])
        mislukt = GaugeMetricFamily("toegang_outbox_failed",
                                    "Items given up after their last attempt.",
                                    labels=["outbox"])
        oudste = GaugeMetricFamily("toegang_outbox_oldest_waiting_seconds",
                                   "Age of the oldest waiting item; 0 when none waits.",
                                   labels=["outbox"])

        postvak = postvak_stand()
        wachtend.add_metric([EMAIL], postvak.wachtend)
        opnieuw.add_metric([EMAIL], postvak.opnieuw)
        mislukt.add_metric([EMAIL], postvak.opgegeven)
        oudste.add_metric([EMAIL], _leeftijd(postvak.oudste_wachtend, now))

        brieven = printwachtrij_stand(now=now)
        wachtend.add_metric([LETTER], brieven.wachtend)
        oudste.add_metric([LETTER], _leeftijd(brieven.oudste_wachtend, now))

        berichten = berichtenstand(now=now)
        wachtend.add_metric([IWMO_IJW], berichten.te_versturen)
        mislukt.add_metric([IWMO_IJW], berichten.mislukt)

        webhooks = webhookstand(now=now)
        wachtend.add_metric([WEBHOOK], webhooks.te_versturen)
        opnieuw.add_metric([WEBHOOK], webhooks.opnieuw)
        mislukt.add_metric([WEBHOOK], webhooks.mislukt)
        oudste.add_metric([WEBHOOK], _leeftijd(webhooks.oudste_wachtend, now))

        zgw = zgw_stand()
        wachtend.add_metric([ZGW], zgw.wachtend)
        mislukt.add_metric([ZGW], zgw.mislukt)
        oudste.add_metric([ZGW], _leeftijd(zgw.oudste_wachtend, now))
        yield from (wachtend, opnieuw, mislukt, oudste)

        verkeer = GaugeMetricFamily(
            "toegang_berichtenverkeer_messages",
            "iWmo/iJw messages per state, as the berichtenverkeer page counts them.",
            labels=["state"])
        for state in ("te_versturen", "wacht_op_retour", "retour_ok", "retour_fout", "mislukt",
                      "ontvangen", "afgekeurd", "te_laat", "te_versturen_lang",
                      "quarantaine_open"):
            verkeer.add_metric([state], getattr(berichten, state))
        yield verkeer

    def _taken(self) -> Metric:
        taken = CounterMetricFamily(
            "toegang_celery_tasks",
            "Celery task outcomes counted by the workers (succeeded, failed, retried).",
            labels=["task", "outcome"])
        _taken_laden()
        namen = sorted(n for n in celery_app.tasks if not n.startswith("celery."))
        for (taak, uitkomst), aantal in taak_tellingen(taken=namen).items():
            taken.add_metric([taak, uitkomst], aantal)
        return taken
