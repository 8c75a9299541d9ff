"""Reminders with a real Redis and real Celery worker processes: delivered exactly once with
two workers, after a worker is killed mid-task, and after a Redis outage.

The workers run the production task code against this test's PostgreSQL database and write
mail to files; the assertions are on the Herinnering, Notificatie and Email rows and on the
mail files, never on log text alone.
"""

import email
import os
import shutil
import signal
import time
import uuid
from pathlib import Path

import kombu.exceptions
import pytest
from django.db import connection
from django.utils import timezone

from regie.termijnen.models import Herinnering, HerinneringSoort, Termijn, TermijnSoort
from regie.termijnen.services import herinneringen_scan
from regie.termijnen.tasks import herinneringen_scan as scan_task
from tests.conftest import require_service
from tests.factories import CasusFactory, TermijnFactory
from tests.fouten.diensten import EigenRedis
from tests.processes import (
    celery_worker_cmd,
    database_url,
    process_env,
    running,
    stop,
    wait_for,
)
from toegang.berichten.models import Email, EmailStatus, Notificatie
from toegang.berichten.tasks import email_scan
from toegang.celery import app as celery_app

pytestmark = [pytest.mark.worker, pytest.mark.redis, pytest.mark.postgres,
              pytest.mark.django_db(transaction=True)]

FILE_MAIL = "django.core.mail.backends.filebased.EmailBackend"


def _late_clock(stad) -> Termijn:  # type: ignore[no-untyped-def]
    """A Wmo beschikking asked for weeks ago: its 'te laat' reminder (regiehouder) and its
    escalation (teamleider) are both due now, whatever the hour the test runs."""
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner, eerste_contact_gehad=True)
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING, te_laat=True)
    assert termijn.volgende_herinnering_op <= timezone.now()
    return termijn


def _expected(stad, termijnen: list[Termijn]) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return sorted([(t.pk, HerinneringSoort.TE_LAAT, stad.pro.email) for t in termijnen]
                  + [(t.pk, HerinneringSoort.ESCALATIE, stad.teamleider.email)
                     for t in termijnen])


def _sent(termijnen: list[Termijn]) -> list[tuple[int, str, str]]:
    return sorted(Herinnering.objects.filter(termijn__in=termijnen)
                  .values_list("termijn_id", "soort", "ontvanger__email"))


def _mails(folder: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every message the file backend wrote."""
    found = []
    for path in sorted(folder.glob("*.log")):
        for part in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if part.strip():
                message = email.message_from_string(part.lstrip("\n"))
                found.append((message["To"], message["Subject"]))
    return sorted(found)


def _all_sent(n: int) -> bool:
    emails = list(Email.objects.values_list("status", flat=True))
    return len(emails) == n and all(s == EmailStatus.VERZONDEN for s in emails)


def _assert_delivered_once(stad, termijnen: list[Termijn], mail_dir: Path) -> None:  # type: ignore[no-untyped-def]
    expected = _expected(stad, termijnen)
    assert _sent(termijnen) == expected
    assert Notificatie.objects.filter(soort__startswith="termijn_").count() == len(expected)
    emails = list(Email.objects.values_list("aan", "status", "pogingen"))
    assert sorted(emails) == sorted((aan, EmailStatus.VERZONDEN, 1) for _t, _s, aan in expected)
    mails = _mails(mail_dir)
    assert sorted(aan for aan, _subject in mails) == sorted(aan for _t, _s, aan in expected)
    for termijn in termijnen:
        onderwerpen = [s for _a, s in mails if termijn.intake.referentie in s]
        # 'Te laat' to the regiehouder and 'Escalatie' to the teamleider, once each.
        assert sorted(s.split(":", 1)[0] for s in onderwerpen) == ["Escalatie", "Te laat"], \
            onderwerpen


def _publish(task, broker: str, queue: str) -> None:  # type: ignore[no-untyped-def]
    with celery_app.connection_for_write(broker) as conn:
        task.apply_async(queue=queue, connection=conn)


def _worker_env(tmp_path: Path, broker: str, queue: str, **extra: str) -> dict[str, str]:
    return process_env(**{"DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker,
                          "CELERY_QUEUE": queue, "EMAIL_BACKEND": FILE_MAIL,
                          "TOEGANG_VAR_DIR": str(tmp_path / "var"), **extra})


def _ready(log: Path) -> bool:
    return log.exists() and "ready." in log.read_text(errors="replace")


def _count(logs: list[Path], text: str) -> int:
    return sum(log.read_text(errors="replace").count(text) for log in logs if log.exists())


def _backends_in_transaction() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")
        return {row[0] for row in cursor.fetchall()}


def _gone(pids: set[int]) -> bool:
    return not pids & _backends_in_transaction()


@pytest.fixture
def queue() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def eigen_redis(redis_url, tmp_path) -> EigenRedis:  # type: ignore[no-untyped-def]
    require_service("redis-server", shutil.which("redis-server") is not None)
    return EigenRedis(tmp_path)


def test_two_workers_deliver_each_reminder_once(stad, redis_url, on_postgres, celery_conf,  # type: ignore[no-untyped-def]
                                                queue, tmp_path) -> None:
    celery_conf(task_always_eager=False)
    termijnen = [_late_clock(stad), _late_clock(stad)]
    env = _worker_env(tmp_path, redis_url, queue)
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    with running(celery_worker_cmd(queue, name="w1", concurrency=2), env, logs[0]), \
            running(celery_worker_cmd(queue, name="w2", concurrency=2), env, logs[1]):
        wait_for(lambda: all(_ready(log) for log in logs), what="both workers", logs=logs,
                 timeout=60)
        for _ in range(8):  # beat fires again and again; messages are replayed
            _publish(scan_task, redis_url, queue)
        wait_for(lambda: _count(logs, "herinneringen_scan[") >= 16 and _all_sent(4),
                 what="eight scans and four e-mails", logs=logs, timeout=90)
        # Eight scans and at least one task that sends a batch of e-mails.
        wait_for(lambda: _count(logs, "succeeded") >= 9, what="every task to finish",
                 logs=logs, timeout=30)
    # Both workers took scans; together they sent each reminder once.
    assert all("regie.termijnen.tasks.herinneringen_scan" in log.read_text() for log in logs)
    _assert_delivered_once(stad, termijnen, tmp_path / "var" / "mail")


def test_worker_killed_during_the_scan_then_restarted(stad, eigen_redis, on_postgres,  # type: ignore[no-untyped-def]
                                                      celery_conf, queue, tmp_path) -> None:
    """The worker is killed (SIGKILL) inside the scan's transaction, after it wrote the
    reminder and the inbox message but before the e-mail: nothing of it survives, and the
    next scan delivers every reminder once."""
    import psycopg

    redis_url = eigen_redis.url
    celery_conf(task_always_eager=False)
    termijnen = [_late_clock(stad)]
    env = _worker_env(tmp_path, redis_url, queue)
    first, second = tmp_path / "w1.log", tmp_path / "w2.log"
    # Hold the outbox table: the scan's INSERT of the e-mail waits here, mid-transaction.
    slot = psycopg.connect(database_url().replace("postgres://", "postgresql://"))
    slot.execute("LOCK TABLE berichten_email IN EXCLUSIVE MODE")
    with eigen_redis.draait():
        _kill_during_scan(stad, termijnen, env, queue, redis_url, slot, first, second,
                          tmp_path)


def _kill_during_scan(stad, termijnen, env, queue, redis_url, slot, first, second,  # type: ignore[no-untyped-def]
                      tmp_path) -> None:
    try:
        with running(celery_worker_cmd(queue, name="w1"), env, first) as worker:
            wait_for(lambda: _ready(first), what="the worker", logs=[first], timeout=60)
            _publish(scan_task, redis_url, queue)

            def blocked() -> set[int]:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "
                        "\"berichten_email\"%%'")
                    return {row[0] for row in cursor.fetchall()}

            pids = wait_for(blocked, what="the scan to wait inside its transaction",
                            logs=[first], timeout=60)
            assert Herinnering.objects.count() == 0  # written, but not committed
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
    finally:
        slot.rollback()
        slot.close()
    wait_for(lambda: _gone(pids), what="the killed worker's transaction to roll back")  # type: ignore[arg-type]
    assert (Herinnering.objects.count(), Notificatie.objects.count(), Email.objects.count()) \
        == (0, 0, 0)
    assert Termijn.objects.get(pk=termijnen[0].pk).volgende_herinnering_op <= timezone.now()

    with running(celery_worker_cmd(queue, name="w2"), env, second):
        wait_for(lambda: _ready(second), what="the restarted worker", logs=[second], timeout=60)
        for _ in range(2):  # beat's next runs of the scan
            _publish(scan_task, redis_url, queue)
        wait_for(lambda: _all_sent(2) and _count([second], "succeeded") >= 3,
                 what="the reminders to go out", logs=[second], timeout=60)
    _assert_delivered_once(stad, termijnen, tmp_path / "var" / "mail")


def test_worker_killed_while_sending_then_restarted(stad, eigen_redis, on_postgres,  # type: ignore[no-untyped-def]
                                                    celery_conf, queue, tmp_path) -> None:
    """The worker is killed (SIGKILL) while it sends a reminder's e-mail. The message was
    not acknowledged (acks late), so Redis gives it to the restarted worker, which sends
    that e-mail once; the killed attempt left nothing behind."""
    celery_conf(task_always_eager=False)
    termijnen = [_late_clock(stad)]
    marker = tmp_path / "eerste-mail"
    # A short visibility timeout, so the restarted worker gets the unacknowledged message
    # back within this test instead of after an hour.
    env = _worker_env(tmp_path, eigen_redis.url, queue,
                      EMAIL_BACKEND="tests.regie.haperende_mail.EmailBackend",
                      HAPERENDE_MAIL=str(marker), CELERY_VISIBILITY_TIMEOUT="2")
    with eigen_redis.draait():
        _kill_while_sending(stad, termijnen, env, queue, eigen_redis.url, marker, tmp_path)


def _kill_while_sending(stad, termijnen, env, queue, redis_url, marker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "w1.log", tmp_path / "w2.log"
    with running(celery_worker_cmd(queue, name="w1"), env, first) as worker:
        wait_for(lambda: _ready(first), what="the worker", logs=[first], timeout=60)
        _publish(scan_task, redis_url, queue)
        wait_for(marker.exists, what="the first e-mail to be sent", logs=[first], timeout=60)
        in_transaction = _backends_in_transaction()
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    wait_for(lambda: _gone(in_transaction), what="the killed worker's transaction to end")
    assert list(Email.objects.values_list("status", "pogingen")) == \
        [(EmailStatus.WACHT, 0), (EmailStatus.WACHT, 0)]
    assert _sent(termijnen) == _expected(stad, termijnen)  # the scan itself had committed
    killed = [line.split("emails_send[")[1].split("]")[0]
              for line in first.read_text().splitlines()
              if "toegang.berichten.tasks.emails_send[" in line and line.endswith("received")][-1]
    # Past the visibility timeout: the new worker restores the message when it starts.
    time.sleep(max(0.0, marker.stat().st_mtime + 3 - time.time()))

    with running(celery_worker_cmd(queue, name="w2"), env, second):
        wait_for(lambda: _all_sent(2), what="both e-mails", logs=[first, second], timeout=60)
        wait_for(lambda: killed in second.read_text(), what="the restored message",
                 logs=[second], timeout=30)
    assert f"emails_send[{killed}] succeeded" in second.read_text()
    _assert_delivered_once(stad, termijnen, tmp_path / "var" / "mail")


def test_reminders_that_fall_due_while_redis_is_down_go_out_once_it_is_back(  # type: ignore[no-untyped-def]
        stad, eigen_redis, on_postgres, celery_conf, queue, tmp_path) -> None:
    """Our own Redis is stopped while reminders fall due; beat cannot publish, a scan that
    was running records its reminders but cannot publish their e-mails. When Redis is back
    (empty), beat's next scans deliver everything, once."""
    broker = eigen_redis.url
    celery_conf(task_always_eager=False, broker_url=broker)
    env = _worker_env(tmp_path, broker, queue)
    log = tmp_path / "worker.log"
    with eigen_redis.draait("redis1") as redis_1, \
            running(celery_worker_cmd(queue), env, log):
        wait_for(lambda: _ready(log), what="the worker", logs=[log], timeout=60)
        stop(redis_1)  # Redis goes down
        assert not eigen_redis.ping()

        # A scan that was already running (here: in this process) records its reminders and
        # e-mails in the database; publishing the e-mails fails and is only logged.
        eerste = _late_clock(stad)
        assert herinneringen_scan().herinneringen == 2
        assert list(Email.objects.values_list("status", flat=True)) == [EmailStatus.WACHT] * 2
        # More reminders fall due; beat's scan cannot even be published.
        latere = [_late_clock(stad), _late_clock(stad)]
        with pytest.raises(kombu.exceptions.OperationalError):
            _publish(scan_task, broker, queue)
        assert Herinnering.objects.filter(termijn__in=latere).count() == 0

        with eigen_redis.draait("redis2"):  # Redis is back, and empty

            def beat_runs() -> bool:
                for task in (scan_task, email_scan):
                    try:
                        _publish(task, broker, queue)
                    except Exception:  # the client may still be reconnecting
                        return False
                return _all_sent(6)

            wait_for(beat_runs, what="every e-mail after the outage", logs=[log],
                     timeout=120, interval=2)
    _assert_delivered_once(stad, [eerste, *latere], tmp_path / "var" / "mail")
