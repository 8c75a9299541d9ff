"""Serve the portal with a Celery worker and one beat process, as `make run` does.

`run_portal` only looks after three child processes: the development server, the worker and
beat. Each runs in a process group of its own and gets the same environment, with `SITE_URL`
on the address being served (unless it is set already), so the links in the e-mails that the
web process and the worker write point at this server. Ctrl+C, SIGTERM and SIGHUP (a closed
terminal, a supervisor, `kill`) stop all three: each gets SIGTERM, then what is still running
after `STOP_SECONDS` is killed with its process group. When one child ends by itself the
others are stopped too, so no worker or beat is left behind to meet the next `make run`.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.commands.runserver import naiveip_re

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_SECONDS = 10
# A server bound to every address is reached on this machine through the loopback address.
_WILDCARD = {"0.0.0.0": "127.0.0.1", "[::]": "[::1]", "0": "127.0.0.1"}


def site_url(addrport: str, environ: Mapping[str, str]) -> str:
    """`SITE_URL` from the environment when set, else the address `runserver addrport`
    serves on (http://127.0.0.1:8000 for "8000" and for "127.0.0.1:8000")."""
    if environ.get("SITE_URL"):
        return environ["SITE_URL"].rstrip("/")
    match = re.match(naiveip_re, addrport)
    if match is None:
        raise CommandError(f'"{addrport}" is not a valid port number or address:port pair.')
    host = match["addr"] or "127.0.0.1"
    return f"http://{_WILDCARD.get(host, host)}:{match['port']}"


class Command(BaseCommand):
    help = "Run the development server together with a Celery worker and Celery beat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        addrport = options["addrport"]
        env = {**os.environ, "SITE_URL": site_url(addrport, os.environ)}
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        celery = [sys.executable, "-m", "celery", "-A", "toegang"]
        worker = [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "-n", "worker@%h"]
        if settings.CELERY_BROKER_URL.startswith("filesystem://"):
            # The filesystem transport has no broadcast: switch off the features that need it.
            worker += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        beat = [*celery, "beat", "--loglevel=INFO",
                f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"]
        web = [*manage, "runserver", addrport, "--noreload"]

        received: list[int] = []

        def note(signum: int, frame: FrameType | None) -> None:
            received.append(signum)

        # Before the first child starts, so a signal during start-up stops what has started.
        for sig in STOP_SIGNALS:
            signal.signal(sig, note)
        children: dict[str, subprocess.Popen[bytes]] = {}
        try:
            for name, cmd in (("worker", worker), ("beat", beat), ("web", web)):
                if received:
                    break
                # A process group of its own: Ctrl+C reaches only run_portal, which stops each
                # child once (a second SIGINT would make the worker abandon its tasks), and
                # whatever a child leaves behind can be killed with its group.
                children[name] = subprocess.Popen(cmd, env=env, process_group=0)
            self.stdout.write(self.style.SUCCESS(
                "Started " + ", ".join(f"{n} (pid {c.pid})" for n, c in children.items())
                + f"; links in e-mails point to {env['SITE_URL']}."))
            while not received:
                ended = next((n for n, c in children.items() if c.poll() is not None), None)
                if ended is not None:
                    raise CommandError(f"The {ended} process ended (exit code "
                                       f"{children[ended].returncode}); the others are stopped.")
                time.sleep(0.2)
            self.stdout.write(f"{signal.Signals(received[0]).name}: stopping.")
        finally:
            _stop(list(children.values()))


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each child, then kill the process group of any still running after
    STOP_SECONDS (including what it started: the worker's pool processes).

    A second signal does not hurry this up: `make` passes its own SIGTERM on to run_portal,
    so one request to stop can arrive twice; STOP_SECONDS bounds the wait instead."""
    for child in children:
        if child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=max(deadline - time.monotonic(), 0))
        # The group also holds the child's own children: none may outlive run_portal.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
