"""A real Celery worker takes a task from the real Redis and writes to the test database."""

import re
import uuid

import pytest

from tests.processes import celery_worker_cmd, database_url, process_env, running, wait_for
from toegang.celery import app as celery_app
from toegang.core.models import WorkerHeartbeat
from toegang.core.tasks import worker_heartbeat

pytestmark = [pytest.mark.worker, pytest.mark.redis,
              pytest.mark.django_db(transaction=True)]


def test_task_sent_over_redis_is_run_by_a_real_worker(redis_url, on_postgres, tmp_path,
                                                      celery_conf) -> None:
    queue = f"test-{uuid.uuid4().hex[:8]}"
    token = f"proof-{uuid.uuid4().hex[:8]}"
    env = process_env(DATABASE_URL=database_url(), CELERY_BROKER_URL=redis_url)
    celery_conf(task_always_eager=False)
    log = tmp_path / "worker.log"
    with running(celery_worker_cmd(queue), env, log):
        with celery_app.connection_for_write(redis_url) as conn:
            worker_heartbeat.apply_async(args=[token], queue=queue, connection=conn)
        wait_for(lambda: WorkerHeartbeat.objects.filter(hostname=token).exists(),
                 what="the worker to run the task", logs=[log])
        # The row is committed inside the task, a moment before the worker logs the result:
        # wait for that line while the worker still runs, or stopping it can cut it off.
        wait_for(lambda: re.search(r"worker_heartbeat\[[0-9a-f-]+\] succeeded", log.read_text()),
                 what="the worker to report the task succeeded", logs=[log])
    assert "Traceback" not in log.read_text()
