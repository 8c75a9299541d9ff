"""Scraping /metrics/ the way Prometheus does, and reading one sample from the answer."""

from collections.abc import Callable

import pytest
from prometheus_client.parser import text_string_to_metric_families

TOKEN = "test-metrics-token-0123456789"

Scrape = Callable[[], dict[tuple[str, tuple[tuple[str, str], ...]], float]]


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def waarde(gemeten: dict, naam: str, **labels: str) -> float:
    """One sample's value; 0 when the series is not there (a counter that never moved)."""
    return gemeten.get((naam, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def metrics_token(settings) -> str:  # type: ignore[no-untyped-def]
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


@pytest.fixture
def scrape(client, metrics_token) -> Scrape:  # type: ignore[no-untyped-def]
    def _scrape() -> dict:
        response = client.get("/metrics/", headers={"Authorization": f"Bearer {metrics_token}"})
        assert response.status_code == 200
        return samples(response.content.decode())
    return _scrape
