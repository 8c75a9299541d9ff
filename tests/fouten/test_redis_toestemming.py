"""Redis goes down while a resident withdraws a consent. The withdrawal takes effect at once
(the team is refused on its next click); the confirmation for the resident and the message
for the regiehouder are stored with it, and their e-mails go out once Redis is back — through
a real worker, exactly once, however often beat's scan runs.

Redis is this test's own redis-server, stopped and started again on the same port; the
shared Redis is never touched. (Intake submission with Redis down: tests/intake/
test_redis_down.py; reminders: tests/regie/.)"""

import uuid
from pathlib import Path

import pytest
from django.test import Client

from intake.models import ToestemmingStatus
from tests.factories import IntakeFactory
from tests.fouten.diensten import SmtpServer, mailinstellingen
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


def _publiceer(taak, broker: str, queue: str) -> bool:  # type: ignore[no-untyped-def]
    """Publish as beat would; False while the broker does not answer."""
    try:
        with celery_app.connection_for_write(broker) as conn:
            taak.apply_async(queue=queue, connection=conn)
    except Exception:  # kombu's OperationalError, a refused connection …
        return False
    return True


def _alles_verzonden(n: int) -> bool:
    statussen = list(Email.objects.values_list("status", flat=True))
    return len(statussen) == n and set(statussen) == {EmailStatus.VERZONDEN}


def test_withdrawal_with_redis_down_takes_effect_at_once_and_mail_follows_once(  # type: ignore[no-untyped-def]
        stad, eigen_redis, on_postgres, celery_conf, smtp: SmtpServer, tmp_path: Path) -> None:
    intake = IntakeFactory(inwoner=stad.inwoner, met_toestemming_jeugd=True,
                           opgepakt_door=stad.pro)
    toestemming = intake.toestemmingen.get()
    Email.objects.all().delete()  # the confirmations of the set-up are not this test's
    inwoner, jeugd = Client(), Client()
    inwoner.force_login(stad.inwoner)
    jeugd.force_login(stad.pro_jeugd)
    assert jeugd.get(f"/werk/intakes/{intake.pk}/").status_code == 200

    queue = f"test-{uuid.uuid4().hex[:8]}"
    broker = eigen_redis.url
    celery_conf(task_always_eager=False, broker_url=broker)
    env = process_env(DATABASE_URL=database_url(), CELERY_BROKER_URL=broker,
                      CELERY_QUEUE=queue, TOEGANG_VAR_DIR=str(tmp_path / "var"),
                      **mailinstellingen(smtp))
    log = tmp_path / "worker.log"
    with eigen_redis.draait("redis1") as redis_1, running(celery_worker_cmd(queue), env, log):
        wait_for(lambda: "ready." in log.read_text(errors="replace"), what="the worker",
                 logs=[log], timeout=60)
        stop(redis_1)  # Redis goes down
        assert not eigen_redis.ping()

        response = inwoner.post(f"/mijn/toestemmingen/{toestemming.pk}/intrekken/")
        assert response.status_code == 302
        # At once: the consent is withdrawn and the jeugdteam is refused on its next click.
        toestemming.refresh_from_db()
        assert toestemming.status == ToestemmingStatus.INGETROKKEN
        assert jeugd.get(f"/werk/intakes/{intake.pk}/").status_code == 404
        # The messages are stored with it; their e-mails wait in the outbox.
        assert sorted(Notificatie.objects.filter(soort="toestemming_ingetrokken")
                      .values_list("ontvanger_id", flat=True)) == sorted(
                          [stad.inwoner.pk, stad.pro.pk])
        assert sorted(Email.objects.values_list("aan", "status", "pogingen")) == sorted(
            [(stad.inwoner.email, EmailStatus.WACHT, 0), (stad.pro.email, EmailStatus.WACHT, 0)])
        assert not _publiceer(email_scan, broker, queue)  # beat cannot reach Redis either
        assert smtp.afgeleverd == []

        with eigen_redis.draait("redis2"):  # Redis is back (empty: the old messages are gone)
            wait_for(lambda: _publiceer(email_scan, broker, queue) and _alles_verzonden(2),
                     what="the e-mails after the outage", logs=[log], timeout=90, interval=2)
            for _ in range(3):  # beat keeps running the scan
                assert _publiceer(email_scan, broker, queue)
            wait_for(lambda: log.read_text(errors="replace").count("email_scan") >= 8,
                     what="the later scans", logs=[log], timeout=60)

    afgeleverd = sorted((b.aan[0], b.onderwerp) for b in smtp.afgeleverd)
    assert afgeleverd == sorted([
        (stad.inwoner.email, "Uw toestemming is ingetrokken"),
        (stad.pro.email, f"Toestemming ingetrokken bij {intake.referentie}")])
    # The resident's e-mail says nothing about which team or which request (a partner may
    # read along): only that the withdrawal was done.
    [aan_inwoner] = [b for b in smtp.afgeleverd if b.aan == [stad.inwoner.email]]
    assert "ingetrokken" in aan_inwoner.tekst
    assert "Jeugd" not in aan_inwoner.tekst and intake.referentie not in aan_inwoner.tekst
