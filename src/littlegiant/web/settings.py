"""Settings, read from environment variables; a bad value stops start-up with a message naming it."""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("LITTLEGIANT_HOME", Path.cwd())).resolve()
VAR_DIR = BASE_DIR / "var"


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _env_addresses(name: str) -> list[str]:
    """A comma-separated list of IP addresses, normalised (so they compare equal to what the server sees)."""
    addresses = []
    for item in _env_list(name, []):
        try:
            addresses.append(str(ipaddress.ip_address(item)))
        except ValueError:
            raise ImproperlyConfigured(f"{name} must list IP addresses, not {item!r}.") from None
    return addresses


def _env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def _env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().upper()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return value


DEBUG = _env_bool("DEBUG", False)
DEMO = _env_bool("LITTLEGIANT_DEMO", False)
# Under pytest the settings load before any conftest can set LITTLEGIANT_TESTING, so pytest itself counts.
TESTING = _env_bool("LITTLEGIANT_TESTING", False) or "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEMO:
    # The demo keeps one key under var/ so that sign-ins survive a restart of `make demo`.
    _demo_key_file = VAR_DIR / "demo-secret-key"
    if not _demo_key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _demo_key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _demo_key_file.read_text().strip()
if not SECRET_KEY:
    if DEBUG or TESTING:
        # A throwaway key for the demo and tests; sessions do not survive a restart, which is fine there.
        SECRET_KEY = "demo-" + secrets.token_urlsafe(48)
    else:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (set it, or set DEBUG=true).")
elif len(SECRET_KEY) < 50 and not (DEBUG or DEMO or TESTING):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

_local_hosts = ["127.0.0.1", "localhost", "testserver"]
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", _local_hosts if DEBUG or DEMO or TESTING else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])

_default_db = f"sqlite:///{VAR_DIR / 'littlegiant.sqlite3'}"
_database_url = os.environ.get("DATABASE_URL", "") or _default_db
if _database_url == _default_db:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=0 if TESTING else 60)}
except Exception as error:  # dj_database_url raises plain ValueErrors of several kinds
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
if DATABASES["default"]["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured(
        "DATABASE_URL must point to SQLite (sqlite:///path) or PostgreSQL (postgres://...)."
    )
if TESTING and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One test database per test process, so that concurrent runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_littlegiant_{os.getpid()}"}
_engine, _name = DATABASES["default"]["ENGINE"], DATABASES["default"]["NAME"]
if _engine == "django.db.backends.postgresql" and not _name:
    raise ImproperlyConfigured("DATABASE_URL must name the database (postgres://user@host:5432/name).")
if _engine == "django.db.backends.sqlite3" and _name in {"", ":memory:"}:
    raise ImproperlyConfigured("DATABASE_URL must give the SQLite file (sqlite:////absolute/path.sqlite3).")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("LITTLEGIANT_SQLITE_TEST_NAME") or None}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "django_tasks_db",
    "ninja",  # serves Swagger UI from our static files, so /api/docs needs no foreign CDN
    "littlegiant.web",
    "littlegiant.reference",
    "littlegiant.accounts",
    "littlegiant.notifications",
    "littlegiant.enterprises",
    "littlegiant.assessment",
    "littlegiant.recognition",
    "littlegiant.services",
    "littlegiant.techtransfer",
    "littlegiant.digital",
    "littlegiant.policies",
    "littlegiant.scenarios",
    "littlegiant.clusters",
    "littlegiant.figures",
    "littlegiant.dashboards",
    "littlegiant.operations",
]

MIDDLEWARE = [
    "littlegiant.operations.requestlog.RequestLogMiddleware",
    "littlegiant.web.middleware.refuse_oversized_bodies",
    "littlegiant.web.middleware.forwarded_proto_only_from_proxies",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "littlegiant.web.middleware.no_store_for_private_responses",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

ROOT_URLCONF = "littlegiant.web.urls"
WSGI_APPLICATION = "littlegiant.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # web/templates: the base pages; templates/: partials every app shares (the pager), below the apps.
        "DIRS": [PACKAGE_DIR / "web" / "templates", PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "littlegiant.web.context.site",
                "littlegiant.notifications.context.unread_notifications",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (littlegiant.accounts.passwords says why and at what cost); Django's other hashers after it,
# so the PBKDF2 hashes stored before it still verify and are stored again with Argon2id at their next sign-in.
PRODUCTION_PASSWORD_HASHERS = [
    "littlegiant.accounts.passwords.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# The tests sign hundreds of people in: a fast hasher there (tests/accounts hold the production list to its word).
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"] if TESTING else PRODUCTION_PASSWORD_HASHERS
)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Our zh_Hans number format groups counts ("20,001"); Django's groups nothing.
FORMAT_MODULE_PATH = ["littlegiant.web.formats"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or DEMO or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded evidence lives outside the web root and is served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("LITTLEGIANT_MEDIA_ROOT", VAR_DIR / "uploads"))
# The engine of batch screening (rules.assess_file): "duckdb" on this machine, or "spark" (a local session,
# LITTLEGIANT_SPARK_MASTER, or Spark Connect at SPARK_REMOTE) where the enterprise data lives in a data lake.
ASSESSMENT_ENGINE = os.environ.get("LITTLEGIANT_ENGINE", "duckdb")
if ASSESSMENT_ENGINE not in ("duckdb", "spark"):
    raise ImproperlyConfigured(f"LITTLEGIANT_ENGINE must be duckdb or spark, not {ASSESSMENT_ENGINE!r}")
MAX_UPLOAD_BYTES = _env_int("LITTLEGIANT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024, minimum=1)
# The largest request body read at all: five attachments of a service request, plus the form around them.
# A larger one is answered 413 before it is read (security review F12).
MAX_REQUEST_BYTES = 5 * MAX_UPLOAD_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO
    else "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "littlegiant@localhost")

# The table of the database cache; a migration of `operations` creates it, whatever the settings in force.
CACHE_TABLE = "littlegiant_cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" or not (DEBUG or DEMO or TESTING):
    # What is cached (the public pages, recognition/public_pages.py) must be forgotten on every web worker and
    # every machine at once when it changes: keep it in the database they share.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}

TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.backend.DatabaseBackend"
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A working day, not Django's two weeks (security review F12): a session left open on a shared office computer
# ends by the next morning. Reviewers and enterprise staff sign in once a day.
SESSION_COOKIE_AGE = _env_int("LITTLEGIANT_SESSION_SECONDS", 10 * 60 * 60, minimum=300)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; the cookie stays standard.
if not (DEBUG or DEMO or TESTING):
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes call the server directly, over HTTP

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Sign-in throttling (security review F4/F6): this many failures for one user name from one address within
# the window lock that pair out, so a stranger elsewhere cannot keep a known user locked out; and this many
# failures from one address, whatever the names, lock the address (a ceiling against guessing many names).
LOGIN_FAILURE_LIMIT = _env_int("LITTLEGIANT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_ADDRESS_LIMIT = _env_int("LITTLEGIANT_LOGIN_FAILURE_ADDRESS_LIMIT", 30, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = _env_int("LITTLEGIANT_LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)
# Addresses of our own reverse proxies. Only a request from one of them has its client address taken from
# CLIENT_ADDRESS_HEADER; without any, REMOTE_ADDR is the client (the header would be anyone's to write).
TRUSTED_PROXIES = _env_addresses("LITTLEGIANT_TRUSTED_PROXIES")
CLIENT_ADDRESS_HEADER = os.environ.get("LITTLEGIANT_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")

# The API's one paginator (littlegiant.pagination): `@paginate(ordering=(...))` pages by cursor.
NINJA_PAGINATION_CLASS = "littlegiant.pagination.BoundedCursorPagination"
NINJA_PAGINATION_PER_PAGE = 50
# Outside production, whitenoise serves static files straight from the apps (no collectstatic step).
WHITENOISE_USE_FINDERS = DEBUG or DEMO or TESTING

# Operations (docs/operations.md): a worker silent this long has died; a task waiting this long is late.
LITTLEGIANT_WORKER_LOST_AFTER_SECONDS = _env_int("LITTLEGIANT_WORKER_LOST_AFTER_SECONDS", 60, minimum=1)
LITTLEGIANT_QUEUE_LATE_SECONDS = _env_int("LITTLEGIANT_QUEUE_LATE_SECONDS", 600, minimum=1)

# One JSON line per request and per task event (littlegiant.operations.requestlog); LOG_FORMAT=text for humans.
_log_json = os.environ.get("LOG_FORMAT", "json" if not (DEBUG or DEMO) else "text").strip().lower() == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "littlegiant.operations.requestlog.JsonLineFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if _log_json else {})}
    },
    "root": {
        "handlers": ["console"],
        "level": _env_choice("LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
    "loggers": {
        name: {"level": "WARNING" if TESTING else "INFO"}
        for name in ("littlegiant.requests", "littlegiant.tasks", "django_tasks_db", "django.tasks")
    },
}
