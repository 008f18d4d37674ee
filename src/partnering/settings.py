"""Django settings, read from environment variables (see INTERFACE.md)."""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from partnering.caching import config as caching
from partnering.env import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_site_url,
    env_str,
    storage_backend,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("PARTNERING_DATA_DIR", "./var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    configured = env_str("SECRET_KEY", "")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "partnering.audit",
    "partnering.accounts",
    "partnering.reference",
    "partnering.registry",
    "partnering.partnerships",
    "partnering.governance",
    "partnering.agreements",
    "partnering.monitoring",
    "partnering.finance",
    "partnering.interop",
    "partnering.assessments",
    "partnering.discovery",
    "partnering.brokers",
    "partnering.platform",
    "partnering.caching",
    "partnering.jobs",
    "partnering.notifications",
    "partnering.translations",
    "partnering.grievances",
    "partnering.platforms",
    "partnering.capabilities",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "partnering.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface's language: the django_language cookie, then Accept-Language (no
    # language in URLs); a signed-in user's own setting beats both (accounts/languages.py).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partnering.accounts.languages.UserLanguageMiddleware",
    "partnering.visitors.VisitorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that a kept answer still passes through every middleware above.
    "partnering.pagecache.VisitorApiCacheMiddleware",
]

ROOT_URLCONF = "partnering.urls"
WSGI_APPLICATION = "partnering.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "partnering.jinja2.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "partnering.context_processors.navigation",
            ],
        },
    },
    {
        # Only Django's own admin pages use Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    default_url = f"sqlite:///{DATA_DIR / 'partnering.sqlite3'}"
    url = env_str("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not usable: {error}") from None
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # Django's backend, with each SQL text's placeholders rewritten once (sqlite/base.py).
        config["ENGINE"] = "partnering.sqlite"
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["TEST"] = {"NAME": None}
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL")
    return config


DATABASES = {"default": _database()}
# One cache for every process of the install (caching/config.py): CACHE_URL=redis://… for
# several machines; unset, the file cache in the data directory.
CACHES = caching.caches(env_str("CACHE_URL", ""), DATA_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "partnering.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Sign-in throttling: 5 failures per account (however its name or e-mail is written), and 5
# per address, lock for 30 minutes. A success forgets that account's own failures only
# (accounts/throttling.py), so signing in as another account resets nothing.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "partnering.accounts.throttling.account_key"
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "partnering@localhost")
# SMTP, when EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend (notifications,
# digests, survey invitations); the console backend above stays the default.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS, port 587) or EMAIL_USE_SSL "
                               "(port 465), not both")
# Where this installation is reached: every link in a mail starts with it (partnering.links).
SITE_URL = env_site_url("SITE_URL", "http://127.0.0.1:8000")

LANGUAGE_CODE = "en"
# The interface's languages (issue 18): each app keeps its catalogue in <app>/locale, the
# pages and modules of no app theirs in partnering/locale (partnering/i18n/catalogues.py).
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("pt", "Português")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The switcher remembers a visitor's choice in this cookie (a signed-in user's is saved on
# their account too); a year, readable by the server only.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # "partnering" itself is not an app
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files (evidence, IATI and registry uploads) are read and written only through
# Django's storage API (STORAGES["default"]), never by a path: by default a folder,
# UPLOADS_DIR; for several machines a shared volume mounted there, or any storage backend,
# e.g. django-storages' S3Storage (README, "Files").
MEDIA_ROOT = Path(env_str("UPLOADS_DIR", str(DATA_DIR / "uploads"))).resolve()
FILE_UPLOAD_PERMISSIONS = 0o600  # read by the platform only; served through checked views
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": storage_backend(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The database store, reading each request's session with SQL written once (issue #16).
SESSION_ENGINE = "partnering.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# JSON {"detail": ...} on API paths, Django's page elsewhere.
CSRF_FAILURE_VIEW = "partnering.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind TLS (production): secure cookies, HSTS and a redirect to https.
SECURE_TLS = env_bool("SECURE_TLS", False)
SESSION_COOKIE_SECURE = SECURE_TLS
CSRF_COOKIE_SECURE = SECURE_TLS
LANGUAGE_COOKIE_SECURE = SECURE_TLS
SECURE_HSTS_SECONDS = 31536000 if SECURE_TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TLS
SECURE_HSTS_PRELOAD = SECURE_TLS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [] if SECURE_SSL_REDIRECT else ["security.W008"]

# Power balance (governance/power/): the share of a measure above which one member or
# sector dominates it. Unset: more than halfway from an equal share to the whole,
# (1 + 1/n) / 2 for n members (75% with two, 62.5% with four, nearing 50%).
POWER_DOMINANCE_THRESHOLD = env_float("POWER_DOMINANCE_THRESHOLD", None, minimum=0.5,
                                      maximum=0.99)

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# IATI open data (interop app). Partnerships that were not imported are published as
# "<IATI_PUBLISHER_REF>-<id>", reported by this organisation: set your own IATI
# organisation identifier before publishing.
IATI_PUBLISHER_REF = env_str("IATI_PUBLISHER_REF", "XX-PARTNERING")
IATI_PUBLISHER_NAME = env_str("IATI_PUBLISHER_NAME", "Partnering platform")
IATI_PUBLISHER_TYPE = env_str("IATI_PUBLISHER_TYPE", "90")
# Background jobs (partnering/jobs): rows in the database, run by `partnering worker`
# (`partnering serve` starts one). TASKS_IMMEDIATE runs every job in the caller instead, at
# once (tests); BACKGROUND_INLINE is its former name and still works. IATI_IMPORT_INLINE does
# the same for IATI imports alone.
TASKS_IMMEDIATE = env_bool("TASKS_IMMEDIATE", env_bool("BACKGROUND_INLINE", False))
IATI_IMPORT_INLINE = env_bool("IATI_IMPORT_INLINE", False)
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []},
}
# /healthz reports "degraded" when the oldest job waiting to run has waited this long: no
# worker is draining the queue, or too few.
JOBS_STALLED_SECONDS = env_int("JOBS_STALLED_SECONDS", 300, minimum=10)
# Uploads of failed import jobs are kept this many days, so that an admin may re-run the job,
# then removed by the daily clean-up; those of finished jobs are removed at once.
FAILED_UPLOAD_KEEP_DAYS = env_int("FAILED_UPLOAD_KEEP_DAYS", 7, minimum=0)
# Partner discovery ranks with sentence embeddings when the [embeddings] extra is installed;
# off, BM25 serves alone and no model is loaded.
DISCOVERY_EMBEDDINGS = env_bool("DISCOVERY_EMBEDDINGS", True)


def _vectors_dir() -> Path:
    raw = env_str("DISCOVERY_VECTORS_DIR", str(DATA_DIR / "discovery"))
    path = Path(raw.strip()).resolve() if raw.strip() and "\0" not in raw else None
    if path is None or (path.exists() and not path.is_dir()):
        raise ImproperlyConfigured(f"DISCOVERY_VECTORS_DIR must be a directory path, "
                                   f"not {raw!r}")
    return path


# Where the job worker writes the organisations' sentence vectors, one memory-mapped file per
# machine that every process of it shares (discovery/vectorfile.py).
DISCOVERY_VECTORS_DIR = _vectors_dir()
# Seconds an anonymous visitor's public page is kept (pagecache.py); 0 turns it off. The key
# holds the data's version, so a change shows at once; this only bounds what time alone
# changes ("3 days ago").
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 300, minimum=0)
IATI_UPLOAD_MAX_MB = env_int("IATI_UPLOAD_MAX_MB", 500, minimum=1)
# Monitoring: the largest evidence file (PDF, image, office document, CSV, text) a member
# may attach to a reported value. Evidence files are stored under MEDIA_ROOT/evidence/ and
# served only through views that check access: MEDIA_URL is deliberately not set.
EVIDENCE_MAX_MB = env_int("EVIDENCE_MAX_MB", 10, minimum=1)


# Assessments: results for a group (or a combination of filters) with fewer answers than
# this are never shown; 5 is the floor (a lower value is raised to 5). Token endpoints of
# the anonymous survey form take at most N requests per minute per token and per address.
ASSESSMENT_MIN_GROUP = max(5, env_int("ASSESSMENT_MIN_GROUP", 5, minimum=1))
ASSESSMENT_TOKEN_RATE_PER_MINUTE = env_int("ASSESSMENT_TOKEN_RATE_PER_MINUTE", 30, minimum=1)
ASSESSMENT_ADDRESS_RATE_PER_MINUTE = env_int("ASSESSMENT_ADDRESS_RATE_PER_MINUTE", 120,
                                             minimum=1)

# Grievances: look-ups by case code and secret per minute, per code and per address; filings
# per hour per address (the public form needs no account).
GRIEVANCE_CODE_RATE_PER_MINUTE = env_int("GRIEVANCE_CODE_RATE_PER_MINUTE", 10, minimum=1)
GRIEVANCE_ADDRESS_RATE_PER_MINUTE = env_int("GRIEVANCE_ADDRESS_RATE_PER_MINUTE", 30, minimum=1)
GRIEVANCE_FILINGS_PER_HOUR = env_int("GRIEVANCE_FILINGS_PER_HOUR", 20, minimum=1)
# The address the MTA pipes to `partnering grievances receive-mail` (e.g.
# grievances@partnering.example.org): each mechanism's setup page shows its own
# grievances+<intake key>@… address. Empty: the pages offer no e-mail address.
GRIEVANCE_MAIL_ADDRESS = env_str("GRIEVANCE_MAIL_ADDRESS", "")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
