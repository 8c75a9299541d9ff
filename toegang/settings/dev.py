"""Local development and `make run`: embedded defaults, readable mail in var/mail."""

import os

os.environ.setdefault("DEBUG", "true")
# A fixed key for the demo only; production refuses to start without its own.
os.environ.setdefault("BSN_ENCRYPTION_KEY", "ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")

from .base import *  # noqa: F403
from .base import authentication_backends
from .env import env_bool

# The test DigiD (mock IdP) unless DIGID_MOCK=false.
DIGID_MOCK = env_bool("DIGID_MOCK", True)
AUTHENTICATION_BACKENDS = authentication_backends(digid_mock=DIGID_MOCK)
# The 2FA pages show the current code, marked "Alleen in de demo" (refused in production).
TOEGANG_DEMO_2FA_HINT = env_bool("TOEGANG_DEMO_2FA_HINT", True)

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# `make run`: the demo providers (toegang.istandaarden.simulator) answer every 301 within a
# minute, so the berichtenverkeer can be seen working. Never in production.
DEMO_AANBIEDERS_SIMULEREN = env_bool("DEMO_AANBIEDERS_SIMULEREN", True)
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,  # noqa: F405
    "demo-aanbieders": {"task": "toegang.demo.berichtenverkeer.aanbieders_spelen",
                        "schedule": 30.0},
}
