"""The processes of docker-compose.yml (gunicorn, worker, beat), run with the production
settings against the real PostgreSQL and Redis of this machine."""

import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

from tests.metriek.conftest import samples, waarde
from tests.processes import (
    ROOT,
    database_url,
    free_port,
    http_get,
    process_env,
    running,
    wait_for,
)
from toegang.core.models import WorkerHeartbeat

pytestmark = [pytest.mark.worker, pytest.mark.redis, pytest.mark.postgres,
              pytest.mark.django_db(transaction=True)]


def compose_command(service: str) -> list[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return list(compose["services"][service]["command"])


def test_compose_processes_serve_and_work_on_postgres_and_redis(
        redis_url, on_postgres, tmp_path: Path) -> None:
    port = free_port()
    env = process_env(
        DJANGO_SETTINGS_MODULE="toegang.settings.production",
        SECRET_KEY="prod-test-" + uuid.uuid4().hex,
        DATABASE_URL=database_url(), CELERY_BROKER_URL=redis_url,
        CELERY_QUEUE=f"test-{uuid.uuid4().hex[:8]}", ALLOWED_HOSTS="127.0.0.1",
        TOEGANG_VAR_DIR=str(tmp_path / "var"), WORKER_HEARTBEAT_SECONDS="1",
        STATIC_ROOT=str(tmp_path / "static"), METRICS_TOKEN="metrics-test-token",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"))
    web = compose_command("web")
    web[web.index("--bind") + 1] = f"127.0.0.1:{port}"
    web[web.index("--workers") + 1] = "2"
    worker = [*compose_command("worker"), "-n", f"w-{uuid.uuid4().hex[:6]}@%h"]
    worker[worker.index("--concurrency=4")] = "--concurrency=1"
    beat = compose_command("beat")
    # As the image is built (toegang/deploy/Dockerfile): the pages need the hashed static files.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=ROOT,
                   env=env, check=True, capture_output=True, timeout=120)
    logs = [tmp_path / "web.log", tmp_path / "worker.log", tmp_path / "beat.log"]
    me = socket.gethostname()
    with running(web, env, logs[0]), running(worker, env, logs[1]), \
            running(beat, env, logs[2]):
        status, body = wait_for(lambda: (r := http_get(f"http://127.0.0.1:{port}/health/"))[0]
                                and r, what="gunicorn to answer", logs=logs)  # type: ignore[misc]
        assert status == 200, body
        assert b'"database": "ok"' in body and b'"broker": "ok"' in body
        # Beat schedules the heartbeat; the worker runs it and writes to PostgreSQL.
        wait_for(lambda: WorkerHeartbeat.objects.filter(hostname=me).exists(), timeout=45,
                 what="beat → Redis → worker → PostgreSQL", logs=logs)
        status, body = http_get(f"http://127.0.0.1:{port}/health/")
        assert b'"worker_recent": true' in body
        # Metrics of both gunicorn processes, whichever answers the scrape (multiprocess
        # mode, `-c python:toegang.metriek.gunicorn`): every request so far is counted.
        for _ in range(8):
            assert http_get(f"http://127.0.0.1:{port}/health/live/")[0] == 200
        status, body = http_get(f"http://127.0.0.1:{port}/metrics/",
                                headers={"Authorization": "Bearer metrics-test-token"})
        assert status == 200, body[:500]
        gemeten = samples(body.decode())
        assert waarde(gemeten, "django_http_requests_total_by_view_transport_method_total",
                      view="core:health_live", transport="http", method="GET") == 8
        assert len(list((tmp_path / "prometheus").glob("*.db"))) >= 2  # one per process
        assert http_get(f"http://127.0.0.1:{port}/metrics/")[0] == 404  # no token
        # A page with static files, over the proxy's HTTPS (else the redirect to https).
        status, body = http_get(f"http://127.0.0.1:{port}/",
                                headers={"X-Forwarded-Proto": "https"})
        assert status == 200 and b"/static/" in body
    assert "Booting worker" in logs[0].read_text()
