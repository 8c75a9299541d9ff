"""/metrics/ answers Prometheus only with the token; without METRICS_TOKEN it does not exist."""

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from tests.metriek.conftest import TOKEN, waarde

pytestmark = pytest.mark.django_db


def test_without_metrics_token_the_endpoint_does_not_exist(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics/").status_code == 404
    assert client.get("/metrics/", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer wrong-token", f"Basic {TOKEN}",
                                    f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}"])
def test_a_wrong_or_missing_token_gets_the_same_404(client, metrics_token, header) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": header} if header else {}
    response = client.get("/metrics/", headers=headers)
    assert response.status_code == 404
    assert b"toegang_" not in response.content


@pytest.mark.parametrize("wie", ["manager", "beheerder", "pro"])
def test_a_logged_in_session_without_the_token_gets_404(client, stad, metrics_token, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, wie))
    response = client.get("/metrics/")
    assert response.status_code == 404
    assert b"toegang_" not in response.content


def test_the_token_opens_the_metrics(client, metrics_token) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/metrics/", headers={"Authorization": f"Bearer {metrics_token}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-cache" in response["Cache-Control"]
    namen = {f.name for f in text_string_to_metric_families(response.content.decode())}
    assert {"toegang_queue_waiting_intakes", "toegang_reminder_lag_seconds",
            "toegang_outbox_waiting", "toegang_celery_tasks",
            "django_http_requests_total_by_view_transport_method"} <= namen


def test_only_get(client, metrics_token) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/metrics/", headers={"Authorization": f"Bearer {metrics_token}"})
    assert response.status_code == 405


def test_a_request_counts_for_its_view(client, scrape) -> None:  # type: ignore[no-untyped-def]
    naam = "django_http_requests_total_by_view_transport_method_total"
    voor = waarde(scrape(), naam, view="core:start", transport="http", method="GET")

    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200

    na = waarde(scrape(), naam, view="core:start", transport="http", method="GET")
    assert na == voor + 2


def test_queries_are_counted_on_postgres(client, scrape, on_postgres) -> None:  # type: ignore[no-untyped-def]
    naam = "django_db_execute_total"
    voor = waarde(scrape(), naam, alias="default", vendor="postgresql")
    na = waarde(scrape(), naam, alias="default", vendor="postgresql")
    # The first scrape's own queries (the queues and outboxes) were counted.
    assert na > voor


def test_cache_hits_and_misses_are_counted_and_a_cached_zero_is_a_hit(settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "toegang.core.cache.LocMemCache",
                                   "LOCATION": "metriek-test"}}

    def geteld() -> tuple[float, float]:
        return tuple(REGISTRY.get_sample_value(naam, {"backend": "locmem"}) or 0.0
                     for naam in ("django_cache_get_hits_total",
                                  "django_cache_get_misses_total"))  # type: ignore[return-value]

    hits, misses = geteld()
    cache.set("nul", 0)
    assert cache.get("nul") == 0
    assert cache.get("er-niet", "standaard") == "standaard"
    assert geteld() == (hits + 1, misses + 1)
    assert cache.get_or_set("nieuw", 5) == 5  # Django's: a miss, add, then a hit
    assert geteld() == (hits + 2, misses + 2)
