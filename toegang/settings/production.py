"""Production: every secret and address comes from the environment; nothing has a default."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL.")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
BSN_ENCRYPTION_KEY = env_str("BSN_ENCRYPTION_KEY")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The __Host- prefix makes browsers accept these cookies only over HTTPS, for this host alone
# (no Domain attribute, path /), so a sibling subdomain cannot plant or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# The health endpoints are probed over plain HTTP inside the container network (docker-compose,
# the Kubernetes probes).
SECURE_REDIRECT_EXEMPT = [r"^health/((live|ready)/)?$"]

# Prometheus scrapes the metrics over plain HTTP inside the cluster too; the token guards it.
SECURE_REDIRECT_EXEMPT += [r"^metrics/$"]

# One JSON object per log line on stdout, each with the request id (docs/observability.md).
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
