"""Benchmarks (`make bench`): production-like (DEBUG off, PostgreSQL, Redis broker), with the
abuse limits raised so a benchmark can send many intakes from one address."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret")
os.environ.setdefault("BSN_ENCRYPTION_KEY", "YmVuY2gtb25seS1rZXktMDAwMDAwMDAwMDAwMDAwMDA=")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("CELERY_QUEUE", "bench")

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                    "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
INTAKE_LIMIET_IP_PER_UUR = 10**9
INTAKE_LIMIET_EMAIL_PER_DAG = 10**9
CONCEPT_LIMIET_IP_PER_UUR = 10**9
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/13")}}
WHITENOISE_USE_FINDERS = True
DIGID_MOCK = False
# The load test (bench/locustfile.py) reads the staff's second-step code from the page.
TOEGANG_DEMO_2FA_HINT = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "WARNING"}}
