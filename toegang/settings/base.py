"""Settings shared by every environment; each value can come from the environment."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TOEGANG_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

GEMEENTE_NAAM = env_str("GEMEENTE_NAAM", "Gemeente Dijkstad")
GEMEENTE_TELEFOON = env_str("GEMEENTE_TELEFOON", "14 0123")
# The letterhead of printed letters (toegang/berichten/printen.py).
GEMEENTE_ADRES = env_str("GEMEENTE_ADRES", "Stadhuisplein 1")
GEMEENTE_POSTCODE_PLAATS = env_str("GEMEENTE_POSTCODE_PLAATS", "7511 AA Dijkstad")
GEMEENTE_WEBSITE = env_str("GEMEENTE_WEBSITE", "www.dijkstad.example.nl")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "crispy_forms",
    "guardian",
    # Two-factor login for staff (TOTP app + backup codes) and lockout after failed logins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # DigiD (django-digid-eherkenning) and the apps it needs for its configuration in the admin.
    "privates",
    "simple_certmanager",
    "solo",
    "digid_eherkenning",
    "toegang.core",
    "toegang.accounts",
    "toegang.organisatie",
    "toegang.catalogus",
    "toegang.audit",
    "toegang.berichten",
    "toegang.bewaren",
    "toegang.thema",
    "toegang.socialekaart",
    # Apps with sub-domain packages name their AppConfig (it lists the packages' models).
    "intake.apps.IntakeConfig",
    "casussen.apps.CasussenConfig",
    "regie.apps.RegieConfig",
    # The REST API (DRF, OpenAPI by drf-spectacular) and the registration in a ZGW zaaksysteem.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "toegang.api",
    "toegang.zgw",
    "toegang.demo",
    # Prometheus metrics and the tracing switch (docs/observability.md); no models.
    "toegang.metriek.apps.MetriekConfig",
]

MIDDLEWARE = [
    # Request counts and latencies for Prometheus (django-prometheus): first and next-to-last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "toegang.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "toegang.core.middleware.RequestIdMiddleware",
    "toegang.api.conventies.ApiVersieMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session timeout; then staff without their second step reach nothing
    # but the two-factor pages (toegang/accounts/middleware.py).
    "toegang.accounts.middleware.SessieTimeoutMiddleware",
    "toegang.accounts.middleware.TweestapsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last: turns a lockout flagged during the request into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "toegang.urls"
WSGI_APPLICATION = "toegang.wsgi.application"

# Form widgets are rendered with the project's templates, so templates/django/forms/ can
# replace Django's slow one-include-per-option select.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "toegang.core.context_processors.portal",
                "toegang.berichten.context_processors.ongelezen",
                "toegang.thema.context_processors.thema",
            ],
        },
    },
]


def _database_from_env(variabele: str = "DATABASE_URL") -> dict[str, Any]:
    url = env_str(variabele, "")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        config["CONN_HEALTH_CHECKS"] = True
        if config["ENGINE"].endswith("postgresql"):
            # Short queries on big tables: PostgreSQL's JIT compilation costs far more than
            # it saves here (seen: 1.7 s of compiling for a 25 ms queue query).
            config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
            # Django's backend with query counts, durations and errors for Prometheus
            # (django-prometheus; psycopg 3 supported).
            config["ENGINE"] = "django_prometheus.db.backends.postgresql"
        return dict(config)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "toegang.sqlite3",
        "OPTIONS": {
            # WAL and a busy timeout let the web process, the worker and beat share the file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database_from_env()}
# An optional read replica (a streaming standby of the same PostgreSQL): the dashboard rebuild
# and the dashboard exports read from it, nothing else does, and nothing writes to it
# (toegang/core/db_router.py, docs/decisions.md 32).
DATABASE_REPLICA_ALIAS = ""
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = _database_from_env("DATABASE_REPLICA_URL")
    DATABASE_REPLICA_ALIAS = "replica"
DATABASE_ROUTERS = ["toegang.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"


def authentication_backends(*, digid_mock: bool) -> list[str]:
    """Lockout check (axes, first), e-mail/password, DigiD (the library's test IdP when
    `digid_mock`) and guardian."""
    digid = ("digid_eherkenning.mock.backends.DigiDBackend" if digid_mock
             else "digid_eherkenning.backends.DigiDBackend")
    return ["axes.backends.AxesStandaloneBackend",
            "toegang.accounts.backends.UsernameOrEmailBackend", digid,
            "guardian.backends.ObjectPermissionBackend"]


# DigiD for residents. The mock (a test IdP inside the app that accepts any valid BSN) is on
# in dev and test only; production talks to the real DigiD, configured in the admin
# (DigidConfiguration). A system check refuses the mock under the production settings.
DIGID_MOCK = env_bool("DIGID_MOCK", False)
DIGID_MOCK_APP_TITLE = GEMEENTE_NAAM
AUTHENTICATION_BACKENDS = authentication_backends(digid_mock=DIGID_MOCK)
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "core:start"
# Links in the password reset e-mail work three days (the e-mail says so).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Django's four rules, with plain Dutch messages (toegang/accounts/validators.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "toegang.accounts.validators.UserAttributeSimilarityValidator"},
    {
        # 12 characters for everyone; staff accounts can be held to more (BIO policy).
        "NAME": "toegang.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12,
                    "staff_min_length": env_int("WACHTWOORD_MIN_LENGTE_MEDEWERKER", 12)},
    },
    {"NAME": "toegang.accounts.validators.CommonPasswordValidator"},
    {"NAME": "toegang.accounts.validators.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "toegang" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads of residents are private: they are never served from a public URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# django-privates (DigiD certificates and metadata) wants a URL; nothing is served there.
PRIVATE_MEDIA_URL = "/private-media/"

# BSN encryption (toegang/core/bsn.py): a Fernet key; older keys stay readable for rotation.
BSN_ENCRYPTION_KEY = env_str("BSN_ENCRYPTION_KEY", "")
BSN_ENCRYPTION_OLD_KEYS = env_list("BSN_ENCRYPTION_OLD_KEYS", "")

# Attachments of residents: size and number per intake.
BIJLAGE_MAX_MB = env_int("BIJLAGE_MAX_MB", 10)
BIJLAGEN_MAX_AANTAL = env_int("BIJLAGEN_MAX_AANTAL", 10)
# Virus scanner (clamd, INSTREAM): a unix socket, or a host and port. Empty: no scan. When
# configured and unreachable, uploads are refused (fail closed; docs/decisions.md).
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "")
CLAMAV_HOST = env_str("CLAMAV_HOST", "")
CLAMAV_PORT = env_int("CLAMAV_PORT", 3310)
CLAMAV_TIMEOUT = env_int("CLAMAV_TIMEOUT", 30)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Abuse protection of the online intake: sends per IP address and per e-mail address.
INTAKE_LIMIET_IP_PER_UUR = env_int("INTAKE_LIMIET_IP_PER_UUR", 10)
INTAKE_LIMIET_EMAIL_PER_DAG = env_int("INTAKE_LIMIET_EMAIL_PER_DAG", 5)
CONCEPT_LIMIET_IP_PER_UUR = env_int("CONCEPT_LIMIET_IP_PER_UUR", 60)

# First contact after an intake, in working days (policy; docs/design.md §3).
EERSTE_CONTACT_WERKDAGEN = {"urgent": env_int("EERSTE_CONTACT_URGENT", 1),
                            "normaal": env_int("EERSTE_CONTACT_NORMAAL", 3)}

# A safety override (Meldcode) gives access without consent for this many days.
VEILIGHEID_DUUR_DAGEN = env_int("VEILIGHEID_DUUR_DAGEN", 30)

# The support plan is evaluated this many months after a version is shared, unless the
# professional chose another date.
PLAN_EVALUATIE_MAANDEN = env_int("PLAN_EVALUATIE_MAANDEN", 6)

# iWmo/iJw 3.2 messages with zorgaanbieders (toegang/istandaarden). The XSD folder holds
# <standaard>/<WMO|JW><nnn>.xsd; the official files can replace ours there. The transport is
# a dotted path to a class made without arguments; MapTransport uses uit/ and in/ under
# ISTANDAARDEN_MAP, the folder pair a GGk connector reads and fills.
ISTANDAARDEN_XSD_MAP = env_str("ISTANDAARDEN_XSD_MAP",
                               str(BASE_DIR / "toegang" / "istandaarden" / "xsd"))
ISTANDAARDEN_MAP = env_str("ISTANDAARDEN_MAP", str(VAR_DIR / "berichtenverkeer"))
ISTANDAARDEN_TRANSPORT = env_str("ISTANDAARDEN_TRANSPORT",
                                 "toegang.istandaarden.transport.MapTransport")
ISTANDAARDEN_MAX_BYTES = env_int("ISTANDAARDEN_MAX_BYTES", 5_000_000)
# The CBS code of this gemeente, Afzender of its messages (1999 is no existing gemeente).
ISTANDAARDEN_GEMEENTECODE = env_str("ISTANDAARDEN_GEMEENTECODE", "1999")

# Our own pack (templates/utrecht/): NL Design System form fields; docs/nl-design-system.md.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("utrecht",)
CRISPY_TEMPLATE_PACK = "utrecht"
CRISPY_FAIL_SILENTLY = False

# Celery. With no broker configured, kombu's filesystem transport needs no server.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
else:
    # A message a worker took but never acknowledged (the worker died) goes back to the queue
    # after this many seconds.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_IGNORE_RESULT = True
# A separate queue name lets several installations (or test runs) share one Redis.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Tasks are acknowledged after they ran, so a killed worker leaves them for the next one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must not hang a web request when the broker is down: the database is the outbox.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    "worker-heartbeat": {"task": "toegang.core.tasks.worker_heartbeat",
                         "schedule": float(env_int("WORKER_HEARTBEAT_SECONDS", 60))},
    "email-scan": {"task": "toegang.berichten.tasks.email_scan", "schedule": 60.0},
    "toestemming-expire": {"task": "intake.tasks.toestemming_expire", "schedule": 900.0},
    "grants-cleanup": {"task": "intake.tasks.grants_cleanup", "schedule": 900.0},
    "herinneringen-scan": {"task": "regie.termijnen.tasks.herinneringen_scan",
                           "schedule": float(env_int("HERINNERING_SCAN_SECONDS", 60))},
    "overzichten": {"task": "regie.termijnen.tasks.overzichten", "schedule": 900.0},
    # Reminders of tomorrow's appointments (sent from 9:00, once per appointment).
    "afspraken-herinneren": {"task": "casussen.afspraken.tasks.afspraken_herinneren",
                             "schedule": float(env_int("AFSPRAAK_HERINNERING_SECONDS", 900))},
    # Retention (bewaartermijnen): once a day, at night.
    "bewaartermijnen": {"task": "toegang.bewaren.tasks.bewaartermijnen",
                        "schedule": crontab(hour=3, minute=15)},
    # The access log's monthly partitions for the coming months (PostgreSQL; idempotent).
    "toegangslog-partities": {"task": "toegang.audit.tasks.toegangslog_partities_aanmaken",
                              "schedule": crontab(hour=2, minute=45)},
    "stuurinformatie": {"task": "regie.stuur.tasks.stuurinformatie_refresh",
                        "schedule": float(env_int("STUURINFORMATIE_SECONDS", 900))},
    # Residents of casussen closed in the last two weeks get the three feedback questions.
    "feedback-uitnodigen": {"task": "regie.feedback.tasks.feedback_uitnodigen",
                            "schedule": 3600.0},
    # iWmo/iJw berichtenverkeer: pick up the providers' files, send what the outbox holds.
    "berichten-ophalen": {"task": "casussen.toewijzing.tasks.berichten_ophalen",
                          "schedule": float(env_int("BERICHTEN_OPHALEN_SECONDS", 60))},
    "berichten-versturen": {"task": "casussen.toewijzing.tasks.berichten_versturen_scan",
                            "schedule": float(env_int("BERICHTEN_VERSTUREN_SECONDS", 60))},
    # API webhooks (docs/api.md, Webhooks): send what the outbox holds, retry what failed.
    "webhooks-versturen": {"task": "toegang.api.tasks.webhooks_versturen",
                           "schedule": float(env_int("WEBHOOKS_VERSTUREN_SECONDS", 60))},
    # The zaaksysteem (docs/zgw.md): send the registration steps that are due, retry failures.
    "zgw-verwerken": {"task": "toegang.zgw.tasks.zgw_verwerken_scan",
                      "schedule": float(env_int("ZGW_VERWERKEN_SECONDS", 60))},
}
# The dashboard counts professionals who are regiehouder of more open cases than this.
STUUR_CASELOAD_DREMPEL = env_int("STUUR_CASELOAD_DREMPEL", 30)
# How long computed dashboard figures and their page stay in the cache. A rebuild of the
# summary tables gives new cache keys, so this only bounds the memory, not staleness.
STUUR_CACHE_SECONDS = env_int("STUUR_CACHE_SECONDS", 3600)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Toegang <noreply@toegang.example.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

_cache_url = env_str("CACHE_URL", "")
if _cache_url:
    CACHES = {"default": {"BACKEND": "toegang.core.cache.RedisCache",
                          "LOCATION": _cache_url}}
else:
    CACHES = {"default": {"BACKEND": "toegang.core.cache.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache")}}

# Behind a reverse proxy that sets X-Forwarded-For, log the client's address from it.
IP_FROM_X_FORWARDED_FOR = env_bool("IP_FROM_X_FORWARDED_FOR", False)

# --- Logging in (docs/access.md, "Inloggen van medewerkers") ---------------------------------
# Sessions end after this long without a request (staff, residents) and in any case this many
# hours after logging in. Checked on the server at every request.
SESSIE_INACTIEF_MEDEWERKER_MINUTEN = env_int("SESSIE_INACTIEF_MEDEWERKER_MINUTEN", 15)
SESSIE_INACTIEF_INWONER_MINUTEN = env_int("SESSIE_INACTIEF_INWONER_MINUTEN", 60)
SESSIE_MAX_UREN = env_int("SESSIE_MAX_UREN", 10)

# Two-factor login for staff: an authenticator app (TOTP) plus one-time backup codes.
OTP_TOTP_ISSUER = f"{GEMEENTE_NAAM} Toegang"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Phones keep time by the network; one step (30 s) either way is tolerance enough, and a fixed
# drift keeps the accepted window where the app's clock is.
OTP_TOTP_SYNC = False
# Demo only: the 2FA pages show the current code. A system check refuses it in production.
TOEGANG_DEMO_2FA_HINT = env_bool("TOEGANG_DEMO_2FA_HINT", False)

# Lockout (django-axes): after this many wrong passwords or codes for one user name from one
# address, that combination waits; the functioneel beheerder can unlock it in the admin.
AXES_FAILURE_LIMIT = env_int("INLOG_MAX_POGINGEN", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("INLOG_BLOKKADE_MINUTEN", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "toegang.accounts.blokkade.axes_username"
AXES_CLIENT_IP_CALLABLE = "toegang.core.verzoek.client_ip"
AXES_LOCKOUT_CALLABLE = "toegang.accounts.blokkade.lockout_response"
# Failures are cleared after the whole login (password and code), never after the password
# alone: otherwise each new password login would buy more guesses at the code.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page needs the camera, microphone, location or payment APIs.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")

# No inline scripts or styles anywhere: every asset comes from /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# The real DigiD login posts its SAML request to DigiD itself (POST binding).
DIGID_IDP_ORIGINS = env_list("DIGID_IDP_ORIGINS", "https://digid.nl,https://*.digid.nl")
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [SELF, *DIGID_IDP_ORIGINS]

# Log lines as text ("plain", readable) or one JSON object per line ("json", the default of
# the production settings); each carries the request id (toegang/core/logformat.py).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "toegang.core.logformat.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "toegang.core.logformat.JsonLogFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"},
                # Refused requests (docs/security.md); never silenced by LOG_LEVEL.
                "toegang.beveiliging": {"level": "INFO"}},
}

# --- Security (docs/security.md) -------------------------------------------------------------
# Every refused request is written to the `toegang.beveiliging` logger: the 404 handler (see
# toegang/urls.py) and this view for forms without a valid CSRF token.
CSRF_FAILURE_VIEW = "toegang.core.beveiliging.csrf_geweigerd"
# Where to report a vulnerability: /.well-known/security.txt (RFC 9116) and the page
# /kwetsbaarheid-melden/ show it. The file says when it must be reviewed again (Expires).
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@toegang.example.nl")
SECURITY_TXT_VERLOOPT = env_str("SECURITY_TXT_VERLOOPT", "")


# --- Metrics (docs/observability.md) ----------------------------------------------------------
# Prometheus scrapes /metrics/ with `Authorization: Bearer <METRICS_TOKEN>`; unset, the
# endpoint answers 404.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")


# --- The REST API (toegang/api/, docs/api.md) ---------------------------------------------
API_VERSIE = "1.0.0"
# Webhooks go to https addresses only; dev and test may allow http (a local receiver).
API_WEBHOOK_HTTP_TOESTAAN = env_bool("API_WEBHOOK_HTTP_TOESTAAN", False)
API_WEBHOOK_TIMEOUT = 10
# Webhooks never go to an address in a private, loopback or link-local network (SSRF), except
# in the networks named here (comma-separated, e.g. "10.20.0.0/16" for the municipality's own
# systems). With DEBUG on, every address is allowed.
API_WEBHOOK_TOEGESTANE_NETWERKEN = env_list("API_WEBHOOK_TOEGESTANE_NETWERKEN", "")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["toegang.api.poort.ApiSleutelAuthenticatie"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "toegang.api.poort.HeeftScope"],
    "DEFAULT_THROTTLE_CLASSES": ["toegang.api.poort.PerClient"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "toegang.api.conventies.Pagina",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "toegang.api.conventies.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_VERSIONING_CLASS": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Toegang API",
    "DESCRIPTION": ("De API van Toegang, de digitale voordeur van het sociaal domein: "
                    "verwijzingen sturen en volgen, besluiten en toewijzingen lezen, "
                    "stuurinformatie (zonder personen) en de productcatalogus. "
                    "Inloggen met `Authorization: Api-Key <sleutel>`."),
    "VERSION": API_VERSIE,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False},
    "CONTACT": {"name": "Functioneel beheer Toegang"},
    "LICENSE": {"name": "EUPL-1.2"},
    "ENUM_NAME_OVERRIDES": {},
}
