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
