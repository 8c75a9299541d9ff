"""Settings come from the environment; production refuses to start without its secrets."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.conftest import require_service
from tests.processes import ROOT, process_env
from tests.system_packages import apt_install
from toegang.settings.env import env_bool, env_int, env_list

PROD = {
    "DJANGO_SETTINGS_MODULE": "toegang.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-with-enough-entropy-0123456789",
    "DATABASE_URL": "postgres://toegang:pw@127.0.0.1:5432/toegang",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "toegang.example.nl",
    "BSN_ENCRYPTION_KEY": "dGVzdC1vbmx5LWtleS0wMDAwMDAwMDAwMDAwMDAwMDA=",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = process_env(**env)
    for key in ("DATABASE_URL", "SECRET_KEY"):
        if key not in env:
            full_env.pop(key, None)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=60)


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "CELERY_BROKER_URL"])
def test_production_needs_its_secrets(missing: str) -> None:
    env = {k: v for k, v in PROD.items() if k != missing}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_sqlite() -> None:
    env = {k: v for k, v in PROD.items() if k != "DATABASE_URL"}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_dev_runs_on_embedded_defaults(tmp_path) -> None:
    result = _manage("shell", "-c", "from django.conf import settings as s; "
                     "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
                     DJANGO_SETTINGS_MODULE="toegang.settings.dev",
                     TOEGANG_VAR_DIR=str(tmp_path))
    assert "sqlite3 filesystem://" in result.stdout, result.stderr


def test_dev_uses_postgres_and_redis_when_configured(tmp_path) -> None:
    result = _manage("shell", "-c", "from django.conf import settings as s; "
                     "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
                     DJANGO_SETTINGS_MODULE="toegang.settings.dev",
                     DATABASE_URL="postgres://u@db:5432/x", CELERY_BROKER_URL="redis://r:6379/0")
    assert "postgresql redis://r:6379/0" in result.stdout, result.stderr


class TestEnvHelpers:
    def test_bool(self, monkeypatch) -> None:
        monkeypatch.setenv("X", "Yes")
        assert env_bool("X") is True
        monkeypatch.setenv("X", "0")
        assert env_bool("X", True) is False
        monkeypatch.setenv("X", "misschien")
        with pytest.raises(ImproperlyConfigured):
            env_bool("X")

    def test_int_and_list(self, monkeypatch) -> None:
        monkeypatch.setenv("N", "12")
        assert env_int("N", 3) == 12
        monkeypatch.setenv("N", "twaalf")
        with pytest.raises(ImproperlyConfigured):
            env_int("N", 3)
        monkeypatch.setenv("L", "a.nl, b.nl,,")
        assert env_list("L") == ["a.nl", "b.nl"]


def test_docker_compose_file_is_valid() -> None:
    tool = apt_install("docker-compose", "docker-compose")
    require_service("docker-compose (Debian package)", tool is not None)
    assert tool is not None
    env = process_env(SECRET_KEY="x", BSN_ENCRYPTION_KEY="y", POSTGRES_PASSWORD="z")
    result = subprocess.run([tool, "config", "-q"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # Without its secrets the file does not validate: nothing falls back to a default.
    env.pop("SECRET_KEY")
    missing = subprocess.run([tool, "config", "-q"], cwd=ROOT, capture_output=True, text=True,
                             env=env, timeout=60)
    assert missing.returncode != 0
    assert "set SECRET_KEY" in missing.stderr


def test_postgresql_connections_switch_jit_off(monkeypatch) -> None:
    from toegang.settings.base import _database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/toegang")
    config = _database_from_env()
    assert config["OPTIONS"]["options"] == "-c jit=off"
    assert config["CONN_HEALTH_CHECKS"] is True


def _production_values(*names: str) -> dict:
    """Settings as the production module computes them (in a child process: the module
    refuses to load without its environment)."""
    import json

    code = ("import json; from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))")
    result = _manage("shell", "-c", code, **PROD)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


TRANSPORT = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
             "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE",
             "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_NAME",
             "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
             "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY",
             "LANGUAGE_COOKIE_SAMESITE", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
             "X_FRAME_OPTIONS", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "TOEGANG_DEMO_2FA_HINT",
             "DEBUG"]


def test_production_settings_force_https_and_safe_cookies() -> None:
    values = _production_values(*TRANSPORT)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000  # a year, as the preload list asks
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert values[f"{cookie}_COOKIE_SAMESITE"] == "Lax", cookie
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert values["TOEGANG_DEMO_2FA_HINT"] is False and values["DEBUG"] is False


@pytest.mark.django_db
def test_production_transport_settings_give_hsts_and_secure_cookies(client, settings) -> None:
    """The production values above, applied here: what a browser receives over HTTPS."""
    values = _production_values(*TRANSPORT)
    for name, value in values.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == \
        "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    csrf = response.cookies[values["CSRF_COOKIE_NAME"]]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    assert not csrf["domain"] and csrf["path"] == "/"
    # Plain HTTP is sent to HTTPS.
    insecure = client.get("/hulp-vragen/")
    assert insecure.status_code == 301
    assert insecure["Location"].startswith("https://")


@pytest.mark.django_db
def test_production_session_cookie_is_secure_and_http_only(client, settings) -> None:
    from tests.factories import PASSWORD, InwonerFactory

    values = _production_values(*TRANSPORT)
    for name, value in values.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    inwoner = InwonerFactory()
    client.get("/inloggen/", secure=True)
    response = client.post("/inloggen/", {"username": inwoner.username, "password": PASSWORD},
                           secure=True)
    session = response.cookies[values["SESSION_COOKIE_NAME"]]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
