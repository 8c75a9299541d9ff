"""Two beats cannot both run the reminder scan (decision 30): while one run is scanning, a
second one, from another beat or a replayed message, returns at once and sends nothing; the
first sends every reminder once. On PostgreSQL, each run in its own thread and connection."""

import threading

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from regie.termijnen.models import Herinnering, HerinneringSoort, TermijnSoort
from regie.termijnen.services import herinneringen_scan
from regie.termijnen.services.herinneringen import ScanResultaat
from tests.factories import CasusFactory, TermijnFactory
from tests.processes import database_url, wait_for
from toegang.berichten.models import Email, Notificatie

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _late_clocks(stad, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Clocks whose 'te laat' reminder (regiehouder) and escalation (teamleider) are due."""
    ids = []
    for _ in range(n):
        casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner,
                             eerste_contact_gehad=True)
        termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING, te_laat=True)
        assert termijn.volgende_herinnering_op <= timezone.now()
        ids.append(termijn.pk)
    return ids


def _scan_in_thread(results: dict[str, ScanResultaat], name: str) -> threading.Thread:
    def run() -> None:
        try:
            results[name] = herinneringen_scan()
        finally:
            connection.close()  # the thread's own database connection

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def _scan_waiting_on_the_outbox() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                       "AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "
                       "\"berichten_email\"%%'")
        return {row[0] for row in cursor.fetchall()}


def test_second_beat_skips_the_scan_while_the_first_runs(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    ids = _late_clocks(stad, 2)
    results: dict[str, ScanResultaat] = {}
    # Hold the e-mail outbox: the first scan stops inside its transaction, at its e-mail
    # INSERT, holding its clocks; the second beat's scan starts while the first is running.
    slot = psycopg.connect(database_url().replace("postgres://", "postgresql://"))
    try:
        slot.execute("LOCK TABLE berichten_email IN EXCLUSIVE MODE")
        eerste = _scan_in_thread(results, "beat-1")
        wait_for(_scan_waiting_on_the_outbox, what="the first scan inside its transaction",
                 timeout=30)
        tweede = _scan_in_thread(results, "beat-2")
        tweede.join(timeout=30)
        assert not tweede.is_alive()
        assert eerste.is_alive()
    finally:
        slot.rollback()
        slot.close()
    eerste.join(timeout=30)

    assert results["beat-2"] == ScanResultaat(overgeslagen=True)
    assert results["beat-1"] == ScanResultaat(termijnen=2, herinneringen=4)
    verwacht = sorted([(i, HerinneringSoort.TE_LAAT, stad.pro.pk) for i in ids]
                      + [(i, HerinneringSoort.ESCALATIE, stad.teamleider.pk) for i in ids])
    assert sorted(Herinnering.objects.values_list("termijn_id", "soort", "ontvanger_id")) \
        == verwacht
    assert Notificatie.objects.filter(soort__startswith="termijn_").count() == 4
    assert Email.objects.count() == 4

    # The lock went with the first run: the next scan runs, and finds nothing left to send.
    assert herinneringen_scan() == ScanResultaat()


def test_two_beats_at_the_same_moment_send_each_reminder_once(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    ids = _late_clocks(stad, 3)
    results: dict[str, ScanResultaat] = {}
    barrier = threading.Barrier(2)

    def run(name: str) -> None:
        try:
            barrier.wait()
            results[name] = herinneringen_scan()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in ("beat-1", "beat-2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(r.herinneringen for r in results.values()) == 6
    assert Herinnering.objects.filter(termijn_id__in=ids).count() == 6
    assert Email.objects.count() == Notificatie.objects.count() == 6
    # Whichever order they ran in, no run sent a reminder the other had sent.
    assert all(r.overgeslagen or r.herinneringen in (0, 6) for r in results.values())
