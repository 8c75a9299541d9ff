"""`make run` on the embedded defaults: SQLite, the filesystem broker, a worker and beat.

Each demo login reaches its landing page (staff with the code of the documented 2FA key, the
demo hint on the code page), /health/ is 200, and a task sent from the web process is run by
the worker. The API documentation loads and the README's demo call with a demo key answers.
"""

import base64
import http.cookiejar
import json
import os
import re
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django_otp.oath import hotp

from tests.processes import free_port, http_get, process_env, running, wait_for
from toegang.accounts.models import Rol
from toegang.demo.api import DEMO_API_CLIENTS
from toegang.demo.organisatie import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRETS

pytestmark = pytest.mark.worker

LANDING = {Rol.INWONER: "/mijn/", Rol.PROFESSIONAL: "/werk/", Rol.TEAMLEIDER: "/werk/team/",
           Rol.MANAGER: "/dashboard/", Rol.BEHEERDER: "/beheer/",
           Rol.PRIVACY: "/privacy/toegangslog/"}


class Browser:
    """A tiny cookie-keeping HTTP client, enough to log in and post a form."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.geturl().removeprefix(self.base), response.read().decode()

    def post(self, path: str, data: dict[str, str]) -> tuple[str, str]:
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}).encode()
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=10) as response:
            return response.geturl().removeprefix(self.base), response.read().decode()


class Authenticator:
    """An authenticator app with the demo keys from the README; each code is used once."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def code(self, username: str) -> str:
        secret = DEMO_TOTP_SECRETS[username]
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        now = int(time.time()) // 30
        step = max(now, self.used.get(username, -1) + 1)
        while step > now + 1:  # both codes of this moment used: wait for the clock
            time.sleep(1)
            now = int(time.time()) // 30
        self.used[username] = step
        return f"{hotp(key, step, 6):06d}"


def log_in(browser: Browser, app: Authenticator, username: str, rol: str) -> tuple[str, str]:
    login = "/inloggen/" if rol == Rol.INWONER else "/medewerker/inloggen/"
    browser.get(login)
    url, html = browser.post(login, {"username": username, "password": DEMO_PASSWORD})
    if rol != Rol.INWONER:
        assert url.startswith("/medewerker/tweestaps/?"), (username, url)
        assert "Alleen in de demo" in html, "make run shows the current code"
        url, html = browser.post(url, {"code": app.code(username)})
    return url, html


def test_make_run_serves_the_demo_with_worker_and_beat(tmp_path: Path) -> None:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    port = free_port()
    env = process_env(TOEGANG_VAR_DIR=str(tmp_path / "var"), PORT=str(port),
                      VENV=str(Path(os.sys.executable).parent.parent))
    env.pop("DJANGO_SETTINGS_MODULE")
    log = tmp_path / "make-run.log"
    base = f"http://127.0.0.1:{port}"
    with running(["make", "run", f"PORT={port}", f"VENV={env['VENV']}"], env, log):
        wait_for(lambda: http_get(f"{base}/health/")[0] == 200, timeout=120,
                 what="make run to serve /health/", logs=[log])
        assert "Demo logins" in log.read_text()
        # The demo lives in a SQLite database under var/ (its file starts with the header).
        assert (tmp_path / "var" / "toegang.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00"

        app = Authenticator()
        for _label, username, rol, *_rest in DEMO_LOGINS:
            url, _html = log_in(Browser(base), app, username, rol)
            assert url.startswith(LANDING[rol]), (username, url)

        beheerder = Browser(base)
        log_in(beheerder, app, "demo-beheerder", Rol.BEHEERDER)
        url, _html = beheerder.post("/diagnose/", {})
        token = re.search(r"taak=(diagnose-[0-9a-f]+)", url)
        assert token, url
        wait_for(lambda: "is uitgevoerd" in beheerder.get(f"/diagnose/?taak={token[1]}")[1],
                 timeout=60, what="the worker to run the task sent from the web", logs=[log])

        status, html = http_get(f"{base}/api/v1/docs/")
        assert status == 200 and b"swagger-ui" in html
        bi_sleutel = next(c.sleutel for c in DEMO_API_CLIENTS if c.sleutel.startswith("demo-bi."))
        stuur = f"{base}/api/v1/stuurinformatie?tabel=instroom_maand"
        assert http_get(stuur)[0] == 401
        status, body = http_get(stuur, headers={"Authorization": f"Api-Key {bi_sleutel}"})
        assert status == 200, body[:500]
        assert [t["sleutel"] for t in json.loads(body)["tabellen"]] == ["instroom_maand"]
    assert "ready." in log.read_text()  # the worker started
    assert "beat: Starting" in log.read_text()
