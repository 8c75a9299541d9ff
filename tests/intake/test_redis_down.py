"""Redis is down when a resident sends the intake: it is saved and confirmed anyway, and the
confirmation e-mail goes out once Redis is back, exactly once."""

import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache

from intake.models import Intake
from tests.intake.test_wizard import _begin, _consent, _fill
from tests.processes import celery_worker_cmd, database_url, process_env, running, wait_for
from toegang.berichten.models import Email, EmailStatus
from toegang.berichten.tasks import email_scan
from toegang.celery import app as celery_app

pytestmark = [pytest.mark.worker, pytest.mark.redis, pytest.mark.postgres,
              pytest.mark.django_db(transaction=True)]


def test_intake_is_saved_while_redis_is_down_and_mail_follows(client, stad, redis_url,  # type: ignore[no-untyped-def]
                                                             on_postgres, celery_conf,
                                                             tmp_path: Path) -> None:
    cache.clear()
    # Nothing listens on port 1: every publish fails as if Redis were down.
    celery_conf(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")
    _begin(client)
    _fill(client)
    _consent(client, {})
    started = time.monotonic()
    response = client.post("/hulp-vragen/versturen/")
    assert time.monotonic() - started < 15, "a broker outage must not hang the resident"
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert intake.referentie in client.get("/hulp-vragen/verstuurd/").content.decode()
    email = Email.objects.get(aan="sanne@example.nl")
    assert email.status == EmailStatus.WACHT and email.pogingen == 0

    # Redis is back: a real worker with a file mailbox, and beat's periodic scan.
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = process_env(DATABASE_URL=database_url(), CELERY_BROKER_URL=redis_url,
                      EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                      TOEGANG_VAR_DIR=str(tmp_path / "var"))
    log = tmp_path / "worker.log"
    (tmp_path / "var").mkdir()
    with running(celery_worker_cmd(queue), env, log):
        for n in (1, 2):  # the scan runs twice, as beat would: still one e-mail
            with celery_app.connection_for_write(redis_url) as conn:
                email_scan.apply_async(queue=queue, connection=conn)
            wait_for(lambda n=n: log.read_text().count("email_scan") >= 2 * n
                     and log.read_text().count("succeeded") >= n,
                     what=f"scan {n} to finish", logs=[log])
    assert Email.objects.get(pk=email.pk).status == EmailStatus.VERZONDEN
    sent = list((tmp_path / "var" / "mail").glob("*.log"))
    assert len(sent) == 1
    assert intake.referentie in sent[0].read_text()
