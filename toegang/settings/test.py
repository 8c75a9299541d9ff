"""Settings for the test suite.

PostgreSQL and Redis are used when they answer on their usual local ports; with CI=true they are
required and the suite stops when they are missing (see tests/conftest.py).
"""

import hashlib
import os
import socket
from pathlib import Path

from .env import env_bool


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


CI = env_bool("CI", False)
# Each checkout gets its own database name, so two checkouts can run their suites at once.
_CHECKOUT = hashlib.sha1(str(Path(__file__).resolve().parents[2]).encode()).hexdigest()[:8]
if not os.environ.get("DATABASE_URL") and (CI or _port_open("127.0.0.1", 5432)):
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/toegang_{_CHECKOUT}"
# pytest-xdist runs the suite in several processes (gw0, gw1, …). pytest-django gives each its
# own test database; each gets its own Redis database too, so a Celery worker started by one
# never takes another's tasks: 15 for the first, then 12, 11, … (13 and 14 are the
# benchmark's, toegang/settings/bench.py).
_XDIST = os.environ.get("PYTEST_XDIST_WORKER", "")
_NUMMER = int(_XDIST.removeprefix("gw")) if _XDIST.startswith("gw") else 0
if _NUMMER > 10:
    raise RuntimeError("At most 11 test processes: Redis has 16 databases.")
_REDIS_DB = 15 if _NUMMER == 0 else 13 - _NUMMER
if not os.environ.get("TEST_REDIS_URL") and (CI or _port_open("127.0.0.1", 6379)):
    os.environ["TEST_REDIS_URL"] = f"redis://127.0.0.1:6379/{_REDIS_DB}"

os.environ.setdefault("SECRET_KEY", "test-only-secret")
os.environ.setdefault("BSN_ENCRYPTION_KEY", "dGVzdC1vbmx5LWtleS0wMDAwMDAwMDAwMDAwMDAwMDA=")

from .base import *  # noqa: E402,F403
from .base import DATABASES, authentication_backends  # noqa: E402

# The replica is the test database itself (Django's test mirror), so a test can read through
# it; reads go there only where a test names it in DATABASE_REPLICA_ALIAS
# (tests/toegang/core/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_REPLICA_ALIAS = ""

# The test DigiD (mock IdP); set here, not in os.environ, so it never leaks into child processes.
DIGID_MOCK = env_bool("DIGID_MOCK", True)
AUTHENTICATION_BACKENDS = authentication_backends(digid_mock=DIGID_MOCK)

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Files written by tests stay out of the checkout.
import tempfile  # noqa: E402

_TEST_MAP = f"toegang-test-{_CHECKOUT}" + (f"-{_XDIST}" if _XDIST else "")
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / _TEST_MAP / "private"
MEDIA_ROOT = PRIVATE_MEDIA_ROOT.parent / "media"
# The berichtenverkeer's folder pair, per test process (tests that read it use tmp_path).
ISTANDAARDEN_MAP = str(PRIVATE_MEDIA_ROOT.parent / f"berichtenverkeer-{os.getpid()}")
