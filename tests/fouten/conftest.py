"""Fixtures for the fault tests: servers of the test's own."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.fouten.diensten import EigenRedis, SmtpServer


@pytest.fixture
def eigen_redis(redis_url, tmp_path: Path) -> EigenRedis:  # type: ignore[no-untyped-def]
    """A redis-server of this test's own, which the test may stop (never the shared one)."""
    require_service("redis-server", shutil.which("redis-server") is not None)
    return EigenRedis(tmp_path)


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    with SmtpServer().draait() as server:
        yield server
