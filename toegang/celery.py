"""Celery application, wired the standard Django way."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toegang.settings.dev")

app = Celery("toegang")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Sub-domain packages keep their own tasks module (`<package>.tasks`).
app.autodiscover_tasks(["regie.termijnen", "regie.stuur", "regie.feedback", "casussen.afspraken",
                        "casussen.toewijzing"])
# The demo's provider simulator (beat entry only in the dev settings).
app.autodiscover_tasks(["toegang.demo"], related_name="berichtenverkeer")
