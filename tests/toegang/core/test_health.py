"""/health/ tells a load balancer whether the database and the broker answer; /health/live/
and /health/ready/ are the Kubernetes liveness and readiness probes."""

import ast
import re

import pytest
from django.test import override_settings

from tests.factories import PASSWORD, ProfessionalFactory
from tests.processes import ROOT
from tests.tweestaps import password_step, totp_device
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


def _database_down(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken_cursor(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("db down")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)


def test_ready_reports_database_and_broker(client) -> None:
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and response.json()["broker"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_ready_is_503_when_the_database_is_down(client, monkeypatch) -> None:
    _database_down(monkeypatch)
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_ready_stays_200_when_only_the_broker_is_down(client, celery_conf) -> None:
    # Residents and staff are served without Redis (tasks wait in the database outboxes,
    # tests/intake/test_redis_down.py): a Redis outage must not take every web pod out of
    # the Service. The report still says so; /health/ itself still answers 503.
    celery_conf(broker_url="redis://127.0.0.1:1/0")
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() | {"worker_last_seen": None} == {
        "database": "ok", "broker": "unavailable", "worker_last_seen": None,
        "worker_recent": False}
    assert client.get("/health/").status_code == 503


def test_live_asks_neither_database_nor_broker(client, monkeypatch,  # type: ignore[no-untyped-def]
                                               django_assert_num_queries) -> None:
    _database_down(monkeypatch)
    monkeypatch.setattr(health, "broker_ok", lambda: pytest.fail("live asked the broker"))
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_probes_answer_staff_between_password_and_code(client) -> None:  # type: ignore[no-untyped-def]
    # The probes carry no session, but a browser of staff halfway through the login does:
    # the two-factor gate lets the health endpoints through, as it does /health/.
    user = ProfessionalFactory()
    totp_device(user)
    assert password_step(client, user, PASSWORD).status_code == 302
    assert client.get("/werk/").status_code == 302  # the gate is on for this session
    assert client.get("/health/live/").status_code == 200
    assert client.get("/health/ready/").status_code == 200


def _production_redirect_exempt() -> list[str]:
    """SECURE_REDIRECT_EXEMPT as toegang/settings/production.py sets it."""
    tree = ast.parse((ROOT / "toegang" / "settings" / "production.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "SECURE_REDIRECT_EXEMPT" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("production.py sets no SECURE_REDIRECT_EXEMPT")


def test_production_probes_over_plain_http_are_not_redirected(client) -> None:
    exempt = _production_redirect_exempt()
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=exempt):
        for path in ("/health/", "/health/live/", "/health/ready/"):
            assert client.get(path).status_code == 200, path
        assert client.get("/").status_code == 301  # everything else goes to https
    assert not any(re.search(p, "health/live/extra") for p in exempt)
