"""Start real worker, beat and gunicorn processes for tests against real services."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The URL of the test database this test process uses (PostgreSQL only)."""
    s = connection.settings_dict
    host = s["HOST"] or "127.0.0.1"
    port = s["PORT"] or 5432
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{host}:{port}/{s['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_env(**extra: str) -> dict[str, str]:
    # Child processes get a clean environment: no test-only switches leak into them.
    drop = {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"DJANGO_SETTINGS_MODULE": "toegang.settings.dev", "PYTHONUNBUFFERED": "1",
                "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only-secret"),
                "BSN_ENCRYPTION_KEY": os.environ.get("BSN_ENCRYPTION_KEY", "")})
    # Commands such as `gunicorn` and `celery` come from this interpreter's environment.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


@contextlib.contextmanager
def running(cmd: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """Run `cmd` in its own process group for the duration of the block, then stop it."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            yield proc
        finally:
            stop(proc)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop `proc` and everything it started (its process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    # A child can outlive its parent (a Celery worker in warm shutdown under `make run`): give
    # the group a moment to finish, then end what is left, so no test leaves a process behind.
    deadline = time.monotonic() + 10
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def celery_worker_cmd(queue: str, *, name: str = "w1", concurrency: int = 1,
                      pool: str = "prefork") -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "toegang", "worker", "--loglevel=INFO",
            f"--concurrency={concurrency}", f"--pool={pool}", "-Q", queue, "-n",
            f"{name}@%h", "--without-gossip", "--without-mingle"]


def wait_for(check: Callable[[], object], *, timeout: float = 30, interval: float = 0.2,
             what: str = "condition", logs: list[Path] | None = None) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    tail = ""
    for log in logs or []:
        if log.exists():
            tail += f"\n--- {log.name} ---\n" + log.read_text(errors="replace")[-3000:]
    raise AssertionError(f"Timed out waiting for {what}.{tail}")


def http_get(url: str, timeout: float = 5, headers: dict[str, str] | None = None
             ) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                    timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, OSError):
        return 0, b""
