"""Celery task outcomes counted in the worker reach the scrape of the web process: through the
shared cache, not the worker's memory."""

import pytest
from celery.signals import task_failure, task_retry

from tests.metriek.conftest import waarde
from toegang.celery import app
from toegang.metriek import taken

pytestmark = pytest.mark.django_db


@app.task(name="tests.metriek.mislukt")
def mislukt() -> None:
    raise RuntimeError("kapot")


@app.task(name="tests.metriek.gelukt")
def gelukt() -> int:
    return 1


@app.task(bind=True, name="tests.metriek.opnieuw", max_retries=1)
def opnieuw(self) -> None:  # type: ignore[no-untyped-def]
    raise self.retry(exc=RuntimeError("even niet"), countdown=0)


def _taak(gemeten: dict, taak: str, uitkomst: str) -> float:
    return waarde(gemeten, "toegang_celery_tasks_total", task=taak, outcome=uitkomst)


def test_a_failing_task_is_counted(scrape) -> None:  # type: ignore[no-untyped-def]
    voor = _taak(scrape(), "tests.metriek.mislukt", "failed")

    # Traced as a worker traces it: the error is stored, not raised (the tests' eager mode
    # raises it instead, and Celery sends no failure signal then).
    assert mislukt.apply(throw=False).failed()

    assert _taak(scrape(), "tests.metriek.mislukt", "failed") == voor + 1


def test_successes_and_retries_are_counted(scrape) -> None:  # type: ignore[no-untyped-def]
    voor = scrape()

    gelukt.delay()
    gelukt.delay()
    # Eager mode runs a retry at once instead of sending it back to the queue; a worker sends
    # task_retry with the task as sender, as here.
    task_retry.send(sender=opnieuw, request=None, reason=RuntimeError("even niet"), einfo=None)

    na = scrape()
    assert _taak(na, "tests.metriek.gelukt", "succeeded") == \
        _taak(voor, "tests.metriek.gelukt", "succeeded") + 2
    assert _taak(na, "tests.metriek.opnieuw", "retried") == \
        _taak(voor, "tests.metriek.opnieuw", "retried") + 1


def test_every_registered_task_has_its_series_from_zero(scrape) -> None:  # type: ignore[no-untyped-def]
    gemeten = scrape()
    assert ("toegang_celery_tasks_total", (("outcome", "failed"),
            ("task", "regie.termijnen.tasks.herinneringen_scan"))) in gemeten


def test_the_worker_signal_as_celery_sends_it_is_counted(scrape) -> None:  # type: ignore[no-untyped-def]
    """What a real worker does on a failure: task_failure with the task as sender."""
    taak = app.tasks["toegang.berichten.tasks.email_scan"]
    voor = _taak(scrape(), taak.name, "failed")

    task_failure.send(sender=taak, task_id="abc", exception=RuntimeError("x"), args=(),
                      kwargs={}, traceback=None, einfo=None)

    assert _taak(scrape(), taak.name, "failed") == voor + 1


def test_a_cache_that_does_not_answer_costs_the_count_not_the_task(monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    def kapot(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("redis weg")

    monkeypatch.setattr(taken.cache, "add", kapot)

    assert gelukt.delay().get() == 1
    assert "taakteller niet bijgewerkt" in caplog.text
