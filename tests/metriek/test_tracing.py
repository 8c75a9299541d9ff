"""OpenTelemetry stays off, and unimported, unless OTEL_EXPORTER_OTLP_ENDPOINT is set."""

import subprocess
import sys

from tests.processes import ROOT, process_env


def test_without_the_endpoint_nothing_of_opentelemetry_is_loaded() -> None:
    code = ("import sys, django; django.setup(); "
            "from toegang.metriek.tracing import tracing_start; "
            "print(tracing_start(dienst='web'), "
            "any(m.startswith('opentelemetry') for m in sys.modules))")
    env = process_env(DJANGO_SETTINGS_MODULE="toegang.settings.test")
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_an_empty_endpoint_is_off_too(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from toegang.metriek import tracing

    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "  ")
    assert tracing.tracing_aan() is False
    assert tracing.tracing_start(dienst="web") is False
