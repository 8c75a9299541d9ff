"""Serve the portal with a Celery worker and one beat process, as `make run` does."""

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the development server together with a Celery worker and Celery beat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        celery = [sys.executable, "-m", "celery", "-A", "toegang"]
        worker = [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "-n",
                  "worker@%h"]
        if settings.CELERY_BROKER_URL.startswith("filesystem://"):
            # The filesystem transport has no broadcast: switch off the features that need it.
            worker += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        beat = [*celery, "beat", "--loglevel=INFO",
                f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        children = [subprocess.Popen(cmd, env=env) for cmd in (worker, beat)]
        self.stdout.write(self.style.SUCCESS(
            f"Worker (pid {children[0].pid}) and beat (pid {children[1].pid}) started."))
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            for child in children:
                child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
