"""Production logs one JSON object per line, each with the id of its request; the response
carries the same id. Development and test keep readable lines."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

from tests.toegang.test_settings import PROD, _manage
from toegang.core.logformat import JsonLogFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The production console handler (formatter and filter as LOGGING names them), on the
    root logger for one test."""
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(JsonLogFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield buf
    root.removeHandler(handler)


def _regels(buf: io.StringIO) -> list[dict]:
    return [json.loads(regel) for regel in buf.getvalue().splitlines() if regel]


def test_a_request_logs_json_with_the_request_id_of_its_response(client, json_log) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/bestaat-niet/?zoek=Jansen")

    assert response.status_code == 404
    regels = _regels(json_log)
    # Django's own line comes after the middleware has answered; it carries the id too.
    assert "django.request" in {regel["logger"] for regel in regels}
    for regel in regels:
        assert regel["request_id"] == response["X-Request-ID"]
        assert {"time", "level", "logger", "message"} <= set(regel)
        # Django's request object (its text holds the query string) is left out.
        assert "request" not in regel
        assert "Jansen" not in json.dumps(regel)


def test_a_sane_incoming_request_id_is_kept_and_a_strange_one_replaced(client, json_log) -> None:  # type: ignore[no-untyped-def]
    kept = client.get("/bestaat-niet/", headers={"X-Request-ID": "lb-0123456789abcdef"})
    assert kept["X-Request-ID"] == "lb-0123456789abcdef"
    assert {r["request_id"] for r in _regels(json_log)} == {"lb-0123456789abcdef"}

    strange = client.get("/bestaat-niet/", headers={"X-Request-ID": "<script>x</script>"})
    assert strange["X-Request-ID"] != "<script>x</script>"
    assert len(strange["X-Request-ID"]) == 32


def test_outside_a_request_the_field_is_a_dash(json_log) -> None:  # type: ignore[no-untyped-def]
    logging.getLogger("toegang.test").warning("buiten een verzoek")
    assert _regels(json_log)[-1]["request_id"] == "-"


def _formatter(**env: str) -> str:
    result = _manage("shell", "-c", "from django.conf import settings as s; "
                     "print(s.LOGGING['handlers']['console']['formatter'])", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_logs_json_and_can_be_switched_back() -> None:
    assert _formatter(**PROD) == "json"
    assert _formatter(**PROD, LOG_FORMAT="plain") == "plain"


def test_development_logs_readable_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _formatter(DJANGO_SETTINGS_MODULE="toegang.settings.dev",
                      TOEGANG_VAR_DIR=str(tmp_path)) == "plain"
