"""The capacity run (bench/capacity.py): the sessions it hands Locust open the pages they are
for, and the ramp stops at the first step over the limit and reports the step before."""

import ast
import json
from pathlib import Path

import pytest
from django.test import Client

from bench import capacity
from tests.factories import CasusFactory, IntakeFactory, ManagerFactory
from tests.processes import ROOT

pytestmark = pytest.mark.django_db


def test_sessions_open_the_pages_of_their_people(stad, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    ManagerFactory(username="demo-manager")
    CasusFactory(opgepakt_door=stad.pro)
    IntakeFactory()
    pad = tmp_path / "sessies.json"
    assert capacity.sessies_maken(pad, inwoners=1, managers=2) == {"inwoners": 1,
                                                                   "managers": 2}
    sessies = json.loads(pad.read_text())
    assert sessies["cookie"] == settings.SESSION_COOKIE_NAME
    lezer = Client()
    lezer.cookies[sessies["cookie"]] = sessies["inwoners"][0]["sessie"]
    assert len(sessies["inwoners"][0]["aanvragen"]) == 2  # one with a casus, one without
    assert lezer.get("/mijn/").status_code == 200
    for pk in sessies["inwoners"][0]["aanvragen"]:
        assert lezer.get(f"/mijn/aanvragen/{pk}/").status_code == 200
    manager = Client()
    manager.cookies[sessies["cookie"]] = sessies["managers"][1]
    assert manager.get("/dashboard/").status_code == 200
    # Run again (a rerun of the benchmark): the same residents, no new accounts.
    capacity.sessies_maken(pad, inwoners=1, managers=1)
    from toegang.accounts.models import User
    assert User.objects.filter(username__startswith="bench.inwoner.").count() == 1


def test_the_ramp_stops_at_the_first_step_over_the_limit(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gemeten = {10: (20.0, 120, 0), 20: (40.0, 180, 0), 40: (55.0, 420, 0), 60: (60.0, 500, 0)}
    gevraagd = []

    def stap(host, users, seconds, env, map_):  # type: ignore[no-untyped-def]
        gevraagd.append(users)
        rps, p95, fouten = gemeten[users]
        return {"users": users, "requests_per_s": rps, "p50_ms": p95 / 2, "p95_ms": p95,
                "failures": fouten}

    class Gunicorn:
        pid = 0

        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            pass

        def terminate(self) -> None:
            pass

        def wait(self, timeout: float) -> None:
            pass

    monkeypatch.setattr(capacity, "stap", stap)
    monkeypatch.setattr(capacity, "warm_up", lambda host: None)
    monkeypatch.setattr(capacity.subprocess, "Popen", Gunicorn)
    run = capacity.ramp(2, seconds=1, stappen=[10, 20, 40, 60], sessies=tmp_path / "s.json")
    assert gevraagd == [10, 20, 40]
    assert run["sustained"] == {"users": 20, "requests_per_s": 40.0, "p95_ms": 180}
    assert run["stopped_by"] == "p95"

    gemeten[20] = (40.0, 150, 3)  # an error stops it too, whatever the p95
    gevraagd.clear()
    run = capacity.ramp(2, seconds=1, stappen=[10, 20, 40], sessies=tmp_path / "s.json")
    assert gevraagd == [10, 20]
    assert run["sustained"]["users"] == 10 and run["stopped_by"] == "errors"


def test_every_user_class_of_the_run_is_in_the_locustfile() -> None:
    # Locust is in the bench extra, not in dev: read the file instead of importing it.
    tree = ast.parse((ROOT / "bench" / "locustfile.py").read_text())
    klassen = {n.name: [b.id for b in n.bases if isinstance(b, ast.Name)]
               for n in tree.body if isinstance(n, ast.ClassDef)}
    for naam in capacity.GEBRUIKERS:
        assert klassen.get(naam) == ["HttpUser"], naam
