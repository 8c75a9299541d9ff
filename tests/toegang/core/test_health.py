"""/health/ tells a load balancer whether the database and the broker answer."""

import pytest

from toegang.core import health
from toegang.core.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_broker_answer(client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_503_when_the_broker_is_down(client, celery_conf) -> None:
    # Nothing listens on port 1: the broker connection is refused.
    celery_conf(broker_url="redis://127.0.0.1:1/0")
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


def test_503_when_the_database_is_down(client, monkeypatch) -> None:
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("db down")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_reports_when_a_worker_was_last_seen(client) -> None:
    assert client.get("/health/").json()["worker_recent"] is False
    worker_heartbeat("worker-1")
    body = client.get("/health/").json()
    assert body["worker_recent"] is True
    assert body["worker_last_seen"]
