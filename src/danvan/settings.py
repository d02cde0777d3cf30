"""The one settings module of danvan. Every deployment-specific value comes from the environment.

Variables (see docs/operations.md):
  DATABASE_URL            default: SQLite file ``danvan.sqlite3`` in the working directory
  DANVAN_SECRET_KEY       required unless DANVAN_DEBUG is true
  DANVAN_DEBUG            "true" for development (default false)
  DANVAN_ALLOWED_HOSTS    comma-separated host names (default: localhost names)
  DANVAN_CSRF_TRUSTED_ORIGINS  comma-separated origins behind a proxy
  DANVAN_SSL_REDIRECT     redirect HTTP to HTTPS when not in debug (default true)
  DANVAN_HSTS_SECONDS     Strict-Transport-Security max-age when not in debug (default 31536000)
  DANVAN_STATIC_ROOT      where ``collectstatic`` writes (default ./staticfiles)
  DANVAN_MEDIA_ROOT       where uploads are kept (default ./media)
  DANVAN_LOGIN_FAILURE_LIMIT  failed logins before a lockout (default 5)
  DANVAN_LOCKOUT_MINUTES  how long a lockout lasts (default 15)
  DANVAN_MAP_TILES_URL    a map tile server, e.g. https://tiles.example.vn/{z}/{x}/{y}.png (default
                          none: maps are plain SVG drawn from the area coordinates)
  DANVAN_MAP_TILES_ATTRIBUTION  the credit line the tile server asks for
  DANVAN_SITE_URL         the site's public address, for links in e-mails (default http://127.0.0.1:8000)
  DANVAN_EMAIL_HOST       the SMTP server that sends notification e-mails (default none: e-mail is off,
                          or printed to the console in debug); DANVAN_EMAIL_PORT (587),
                          DANVAN_EMAIL_USER, DANVAN_EMAIL_PASSWORD, DANVAN_EMAIL_USE_TLS (true on 587),
                          DANVAN_EMAIL_USE_SSL (true on 465), DANVAN_EMAIL_TIMEOUT (30 seconds)
  DANVAN_EMAIL_FROM       the sender address (default danvan@localhost)
  DANVAN_FIELD_KEYS       comma-separated Fernet keys encrypting confidential personal data (a
                          denouncer's identity); the first encrypts, all decrypt (default: derived
                          from the secret key)
  DANVAN_PETITION_RULES   a JSON file of statutory deadline rule sets adding to or replacing the
                          shipped ones (see docs/petitions-deadlines.md)
  DANVAN_PUBLIC_PETITIONS_PER_HOUR, DANVAN_PUBLIC_PETITIONS_PER_DAY  petitions the public form
                          accepts from one address (default 5 and 20)
  DANVAN_PUBLIC_LOOKUPS_PER_MINUTE  tracking-code look-ups accepted from one address per minute
                          (default 20)
  DANVAN_EMAIL_BACKEND    another Django e-mail backend, e.g. django.core.mail.backends.console.EmailBackend
  DANVAN_PG_SETTINGS      PostgreSQL settings for the application's sessions, as libpq options
                          (default "-c max_parallel_workers_per_gather=0 -c jit=off"; see
                          docs/operations.md); settings given in DATABASE_URL's ``options`` win
  DANVAN_QUERY_COUNT_HEADER  "true" adds an X-Query-Count header (the request's database queries)
                          to every response, for `make bench` (default false)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.leaflet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, *, debug: bool) -> str:
    """A secret comes from the environment; only a development server may run without one."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if debug:
        return "django-insecure-development-only-key-never-used-in-production-0123456789"
    raise ImproperlyConfigured(f"{name} must be set in the environment (DANVAN_DEBUG is off)")


DEBUG = env_bool("DANVAN_DEBUG", False)
SECRET_KEY = env_secret("DANVAN_SECRET_KEY", debug=DEBUG)
ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "django_htmx",
    "treebeard",
    "simple_history",
    "axes",
    "csp",
    "ninja",
    "danvan.core",
    "danvan.geo",
    "danvan.orgs",
    "danvan.accounts",
    "danvan.initiatives",
    "danvan.appraisal",
    "danvan.awards",
    "danvan.funding",
    "danvan.metrics",
    "danvan.dashboards",
    "danvan.training",
    "danvan.targets",
    "danvan.reports",
    "danvan.notifications",
    "danvan.petitions",
    "danvan.reception",
    "danvan.gendata",
]

MIDDLEWARE = [
    # first, so that the queries of every other middleware count; inert unless switched on
    "danvan.core.middleware.QueryCountMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "danvan.accounts.middleware.CurrentUnitMiddleware",
    # axes must be last: it turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

# `make bench` only: the number of queries of each request in the X-Query-Count header
DANVAN_QUERY_COUNT_HEADER = env_bool("DANVAN_QUERY_COUNT_HEADER", False)

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "danvan.accounts.context_processors.shell",
                "danvan.notifications.context_processors.unread",
                "danvan.reception.context_processors.navigation",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{Path.cwd() / 'danvan.sqlite3'}",
        conn_max_age=env_int("DANVAN_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work together; IMMEDIATE transactions avoid
    # "database is locked" upgrades; Django turns foreign keys on by itself. Connections are kept
    # (DANVAN_DB_CONN_MAX_AGE) as on PostgreSQL: opening the file and setting WAL took ~7 ms of
    # every request (docs/benchmarks.md).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The pages' queries are short and many run at once (one per worker thread): a parallel plan
    # starts worker processes for each, competing with the other requests for the same cores, and
    # PostgreSQL then chose to scan the units' primary key in parallel instead of the path's index
    # range (a province's figures 634 → 289 ms, docs/benchmarks.md). JIT compiling pays off only for
    # long analytic queries. Settings given in DATABASE_URL (?options=…) come after these and win.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        part
        for part in (
            env_str("DANVAN_PG_SETTINGS", "-c max_parallel_workers_per_gather=0 -c jit=off"),
            _options.get("options", ""),
        )
        if part
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication and security ---------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("DANVAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DANVAN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the app server over plain HTTP
    SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is the operator's decision

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- language, time, formats ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

# --- static and uploaded files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static", ("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
STATIC_ROOT = Path(env_str("DANVAN_STATIC_ROOT") or Path.cwd() / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DANVAN_MEDIA_ROOT") or Path.cwd() / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- petitions ---------------------------------------------------------------------------------
# Keys that encrypt confidential personal data (a denouncer's identity): see danvan.core.crypto.
DANVAN_FIELD_KEYS = env_list("DANVAN_FIELD_KEYS", [])
# A JSON file of statutory deadline rule sets that adds to or replaces the shipped ones
# (danvan/petitions/rules/*.json; see docs/petitions-deadlines.md).
DANVAN_PETITION_RULES = env_str("DANVAN_PETITION_RULES") or None
# The public petition form: petitions accepted from one address per hour and per day.
DANVAN_PUBLIC_PETITIONS_PER_HOUR = env_int("DANVAN_PUBLIC_PETITIONS_PER_HOUR", 5)
DANVAN_PUBLIC_PETITIONS_PER_DAY = env_int("DANVAN_PUBLIC_PETITIONS_PER_DAY", 20)
# Tracking-code look-ups from one address per minute (a counter in Django's cache).
DANVAN_PUBLIC_LOOKUPS_PER_MINUTE = env_int("DANVAN_PUBLIC_LOOKUPS_PER_MINUTE", 20)

# --- maps ------------------------------------------------------------------------------------
# Intranets often have no tile server: without one, maps are plain SVG (danvan.charts.map); with
# one, pages add Leaflet over the same points and the policy lets the page load its tiles.
MAP_TILES_URL = env_str("DANVAN_MAP_TILES_URL")
MAP_TILES_ATTRIBUTION = env_str("DANVAN_MAP_TILES_ATTRIBUTION")
if MAP_TILES_URL:
    _tiles = urlsplit(MAP_TILES_URL.replace("{s}.", "*."))
    if _tiles.scheme not in ("http", "https") or not _tiles.netloc:
        raise ImproperlyConfigured(f"DANVAN_MAP_TILES_URL must be an http(s) URL, not {MAP_TILES_URL!r}")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# --- site address and e-mail ---------------------------------------------------------------------
# Notification e-mails are sent by `danvan tick` (never inline) and link back to DANVAN_SITE_URL.
DANVAN_SITE_URL = env_str("DANVAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(DANVAN_SITE_URL)
if _site.scheme not in ("http", "https") or not _site.netloc:
    raise ImproperlyConfigured(f"DANVAN_SITE_URL must be an http(s) URL, not {DANVAN_SITE_URL!r}")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env_str("DANVAN_EMAIL_FROM", "danvan@localhost")
EMAIL_HOST = env_str("DANVAN_EMAIL_HOST")
# without a mail server e-mail is off (the dummy backend: notifications stay in the app), except
# in development, where mails are printed on the console
EMAIL_BACKEND = env_str("DANVAN_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
if EMAIL_HOST:
    EMAIL_PORT = env_int("DANVAN_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("DANVAN_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_str("DANVAN_EMAIL_PASSWORD")
    EMAIL_USE_SSL = env_bool("DANVAN_EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_USE_TLS = env_bool("DANVAN_EMAIL_USE_TLS", EMAIL_PORT == 587 and not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = env_int("DANVAN_EMAIL_TIMEOUT", 30)

# --- history ---------------------------------------------------------------------------------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- API -------------------------------------------------------------------------------------
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DANVAN_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
