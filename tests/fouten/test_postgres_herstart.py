"""PostgreSQL goes away and comes back while gunicorn serves residents: /health/ says 503
while it is down, and the same gunicorn workers (no restart) answer every later request —
the first one after a restart included — because each request checks its persistent
connection first (CONN_HEALTH_CHECKS) and opens a new one when the old one died.

The cluster is this test's own (initdb in a temporary directory, a free port); the shared
PostgreSQL on 5432 is never touched."""

import http.client
import re
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import require_service
from tests.fouten.diensten import EigenPostgres, postgres_bin
from tests.processes import ROOT, free_port, process_env, running, wait_for
from tests.toegang.core.test_production_processes import compose_command

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.worker]


class Bezoeker:
    """A resident's browser over plain HTTP to gunicorn, as behind the TLS proxy: it sends
    X-Forwarded-Proto and keeps its (Secure) cookies itself."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def verzoek(self, methode: str, pad: str, body: str = "") -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if methode == "POST":
            herkomst = f"https://127.0.0.1:{self.port}"
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Origin": herkomst, "Referer": herkomst + pad,
                            "X-CSRFToken": next((v for k, v in self.cookies.items()
                                                 if k.endswith("csrftoken")), "")})
        try:
            conn.request(methode, pad, body=body, headers=headers)
            response = conn.getresponse()
            for naam, waarde in response.getheaders():
                if naam.lower() == "set-cookie":
                    sleutel, _sep, rest = waarde.partition("=")
                    self.cookies[sleutel] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location") or "", \
                response.read().decode(errors="replace")
        except OSError:
            return 0, "", ""
        finally:
            conn.close()

    def get(self, pad: str) -> int:
        return self.verzoek("GET", pad)[0]


def _workers(master: int) -> set[int]:
    uit = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True,
                         text=True, check=False).stdout
    return {int(p) for p in uit.split()}


@pytest.fixture
def eigen_postgres():  # type: ignore[no-untyped-def]
    bin_dir = postgres_bin()
    require_service("initdb and pg_ctl", bin_dir is not None)
    assert bin_dir is not None
    cluster = EigenPostgres(bin_dir)
    try:
        cluster.init()
        cluster.createdb()
        yield cluster
    finally:
        cluster.opruimen()


def test_app_recovers_from_a_postgres_restart_without_being_restarted(  # type: ignore[no-untyped-def]
        eigen_postgres, redis_url, tmp_path: Path) -> None:
    pg = eigen_postgres
    port = free_port()
    env = process_env(
        DJANGO_SETTINGS_MODULE="toegang.settings.production",
        SECRET_KEY="prod-test-" + uuid.uuid4().hex, DATABASE_URL=pg.url(),
        CELERY_BROKER_URL=redis_url, CELERY_QUEUE=f"test-{uuid.uuid4().hex[:8]}",
        ALLOWED_HOSTS="127.0.0.1", TOEGANG_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"), DB_CONN_MAX_AGE="600")
    for opdracht in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run([sys.executable, "manage.py", *opdracht, "-v0"], cwd=ROOT, env=env,
                       check=True, timeout=120)
    web = compose_command("web")
    web[web.index("--bind") + 1] = f"127.0.0.1:{port}"
    web[web.index("--workers") + 1] = "2"
    log = tmp_path / "web.log"
    with running(web, env, log) as gunicorn:
        wait_for(lambda: Bezoeker(port).get("/health/") == 200, what="gunicorn", logs=[log])
        workers = _workers(gunicorn.pid)
        assert len(workers) == 2

        # A resident starts an intake: the session and the draft live in PostgreSQL.
        inwoner = Bezoeker(port)
        assert inwoner.get("/hulp-vragen/") == 200
        status, naar, _html = inwoner.verzoek("POST", "/hulp-vragen/begin/")
        assert status == 302 and naar.endswith("/hulp-vragen/over-u/"), (status, naar)
        stap = "/hulp-vragen/over-u/"
        for _ in range(6):  # both workers now hold a persistent connection
            assert inwoner.get(stap) == 200

        # Down: the health check says so; pages that need the database fail.
        pg.stop()
        status, _naar, body = Bezoeker(port).verzoek("GET", "/health/")
        assert status == 503 and '"database": "unavailable"' in body
        assert inwoner.get(stap) == 500  # the server answers, with Django's error page

        # Up again: healthy, and the resident's session and draft are still there.
        pg.start()
        assert Bezoeker(port).get("/health/") == 200
        assert [inwoner.get(stap) for _ in range(6)] == [200] * 6

        # A restart between two requests: each worker still holds its old connection, now
        # dead. The very first request on it must already succeed.
        pg.restart()
        assert [inwoner.get(stap) for _ in range(6)] == [200] * 6

        # A restart during traffic: requests in flight may fail, every later one succeeds.
        resultaten: list[tuple[float, int]] = []
        stoppen = threading.Event()

        def verkeer() -> None:
            bezoeker = Bezoeker(port)
            bezoeker.cookies = dict(inwoner.cookies)
            while not stoppen.is_set():
                begin = time.monotonic()
                resultaten.append((begin, bezoeker.get(stap)))

        thread = threading.Thread(target=verkeer)
        thread.start()
        wait_for(lambda: len(resultaten) >= 5, what="traffic before the restart", logs=[log])
        pg.restart()
        terug = time.monotonic()
        wait_for(lambda: sum(1 for t, _s in resultaten if t > terug) >= 10,
                 what="traffic after the restart", logs=[log])
        stoppen.set()
        thread.join(timeout=15)
        na = [status for t, status in resultaten if t > terug]
        assert na and set(na) == {200}, na

        # Writes work too: the resident fills in the first step of the intake.
        _status, _naar, html = inwoner.verzoek("GET", stap)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token
        status, naar, _html = inwoner.verzoek("POST", stap, urlencode({
            "csrfmiddlewaretoken": token.group(1), "voornaam": "Sanne",
            "achternaam": "de Vries", "geboortedatum": "12-04-1985", "geen_vast_adres": "on",
            "website": ""}))
        assert status == 302, status
        assert _workers(gunicorn.pid) == workers  # the same workers: nothing was restarted
    assert "Booting worker" in log.read_text()
