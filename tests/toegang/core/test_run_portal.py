"""`manage.py run_portal` (what `make run` serves with): the links in e-mails follow the port
it serves on, and a stop signal ends it together with the worker, beat, the web server and
everything they started."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from tests.processes import ROOT, free_port, http_get, process_env, wait_for
from toegang.demo.management.commands.run_portal import STOP_SECONDS, site_url


@pytest.mark.parametrize(("addrport", "url"), [
    ("8123", "http://127.0.0.1:8123"),
    ("127.0.0.1:8123", "http://127.0.0.1:8123"),
    ("0.0.0.0:8123", "http://127.0.0.1:8123"),  # every address: this machine's loopback
    ("[::1]:8123", "http://[::1]:8123"),
    ("toegang.local:8000", "http://toegang.local:8000"),
])
def test_site_url_follows_the_address_served(addrport: str, url: str) -> None:
    assert site_url(addrport, {}) == url
    assert site_url(addrport, {"SITE_URL": ""}) == url


def test_site_url_from_the_environment_wins() -> None:
    assert site_url("8123", {"SITE_URL": "https://toegang.dijkstad.nl/"}) == \
        "https://toegang.dijkstad.nl"


def test_site_url_refuses_an_address_runserver_would_refuse() -> None:
    with pytest.raises(CommandError):
        site_url("127.0.0.1:poort", {})


# --- The real processes ----------------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int, int] | None:
    """State, parent pid and start time of `pid` from /proc, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    velden = text.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return velden[0], int(velden[1]), int(velden[19])


def _descendants(root: int) -> dict[int, int]:
    """Every process below `root`, as pid → start time (to tell a reused pid apart)."""
    parents: dict[int, list[tuple[int, int]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents.setdefault(stat[1], []).append((int(entry.name), stat[2]))
    found: dict[int, int] = {}
    todo = [root]
    while todo:
        for pid, start in parents.get(todo.pop(), []):
            found[pid] = start
            todo.append(pid)
    return found


def _running(pid: int, start: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[2] == start and stat[0] != "Z"


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def _environ(pid: int) -> dict[str, str]:
    regels = Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0")
    return dict(r.split("=", 1) for r in regels if "=" in r)


@pytest.mark.worker
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_a_stop_signal_ends_run_portal_and_every_process_it_started(  # type: ignore[no-untyped-def]
        tmp_path: Path, sig: int) -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the process tree")
    port = free_port()
    env = process_env(TOEGANG_VAR_DIR=str(tmp_path / "var"))
    env.pop("SITE_URL", None)
    log = tmp_path / "run_portal.log"
    processen: dict[int, int] = {}
    with log.open("wb") as out:
        # Its own session, as under a terminal or a supervisor; the signal goes to this one
        # pid only, like `kill` or a supervisor sends it.
        portal = subprocess.Popen(
            [sys.executable, "manage.py", "run_portal", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"

        def security_txt() -> str:
            status, body = http_get(f"{base}/.well-known/security.txt")
            return body.decode() if status == 200 else ""

        tekst = wait_for(security_txt, timeout=60, what="run_portal to serve", logs=[log])
        # The web server writes its links on the port it serves on.
        assert f"Canonical: {base}/.well-known/security.txt" in str(tekst)
        wait_for(lambda: "ready." in log.read_text() and "beat: Starting" in log.read_text(),
                 timeout=60, what="the worker and beat to start", logs=[log])
        processen = _descendants(portal.pid)
        rollen = {pid: _cmdline(pid) for pid in processen}
        workers = [p for p, c in rollen.items() if "celery" in c and " worker " in c]
        beat = [p for p, c in rollen.items() if "celery" in c and " beat " in c]
        # The worker's main process and its two pool processes, and beat (and the web server,
        # in run_portal itself or in a process of its own).
        assert len(workers) == 3 and len(beat) == 1, rollen
        for pid in [*workers, *beat]:
            # The worker renders e-mails too: it gets the same SITE_URL as the web server.
            assert _environ(pid).get("SITE_URL") == base, rollen[pid]

        os.kill(portal.pid, sig)

        # Each child gets STOP_SECONDS to finish (the worker's warm shutdown takes a few).
        with contextlib.suppress(subprocess.TimeoutExpired):
            portal.wait(timeout=STOP_SECONDS + 10)
        wait_for(lambda: not any(_running(p, s) for p, s in processen.items()), timeout=5,
                 what="every process run_portal started to end", logs=[log])
        assert portal.poll() == 0, log.read_text()[-3000:]  # a stop asked for, not a crash
        assert http_get(f"{base}/health/", timeout=1)[0] == 0  # nothing serves the port
    finally:
        # Whatever the outcome, no test leaves a process behind.
        for pid, start in processen.items():
            if _running(pid, start):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        if portal.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(portal.pid, signal.SIGKILL)
            portal.wait(timeout=5)


def _with_var_dir(var_dir: Path) -> list[int]:
    """Running processes started with this TOEGANG_VAR_DIR (orphans included)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or entry.name == str(os.getpid()):
            continue
        with contextlib.suppress(OSError, ValueError):
            stat = _stat(int(entry.name))
            if stat and stat[0] != "Z" and \
                    _environ(int(entry.name)).get("TOEGANG_VAR_DIR") == str(var_dir):
                found.append(int(entry.name))
    return found


@pytest.mark.worker
def test_when_the_web_server_cannot_start_worker_and_beat_are_stopped(tmp_path: Path) -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the processes")
    var_dir = tmp_path / "var"
    log = tmp_path / "run_portal.log"
    with socket.socket() as bezet, log.open("wb") as out:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        port = bezet.getsockname()[1]
        portal = subprocess.Popen(
            [sys.executable, "manage.py", "run_portal", f"127.0.0.1:{port}"], cwd=ROOT,
            env=process_env(TOEGANG_VAR_DIR=str(var_dir)), stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
        try:
            assert portal.wait(timeout=STOP_SECONDS + 30) == 1, log.read_text()[-3000:]
            wait_for(lambda: not _with_var_dir(var_dir), timeout=5,
                     what="worker and beat to be stopped", logs=[log])
        finally:
            for pid in _with_var_dir(var_dir):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
    assert "That port is already in use." in log.read_text()
    assert "The web process ended (exit code 1); the others are stopped." in log.read_text()
