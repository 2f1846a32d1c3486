"""Desist settings: one file, every value from the environment.

Defaults make ``make run`` work on a bare machine (SQLite under var/, the filesystem
broker, a generated secret key kept in var/). Each variable is listed in README.md.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_int_list, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DESIST_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """DJANGO_SECRET_KEY, or a random key generated once and kept in var/ (never in git)."""
    key = env_str("DJANGO_SECRET_KEY", "")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long")
        return key
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "axes",
    "simple_history",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "audit",
    "deadlines",
    "offenders",
    "custody",
    "bail",
    "disposals",
    "cohorts",
    "protection",
    "partners",
    "wanted",
    "domestic",
    "dashboards",
    "config",  # project-wide management commands (generate) that import every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.DateInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.desist",
            ],
            "builtins": ["core.template_builtins"],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'desist.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj-database-url raises several types for bad URLs
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Web, worker and beat share the file: WAL lets readers run beside the writer and
        # IMMEDIATE transactions queue writers instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
# A failing request saves nothing: every view runs in one transaction.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
# A runaway query is cancelled after this many milliseconds, so it cannot hold a web or
# worker process (0: no limit, e.g. for a long migration). PostgreSQL only.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30000, minimum=0)
if IS_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
    )
    # A connection the database dropped (a restart, a failover) is noticed before a request
    # uses it, and replaced: the service recovers without restarting web or workers.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
# Lock by username, not by address: custody suites and stations share terminals and NAT
# addresses, so an address lockout would lock out a whole suite after one officer's typos.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"  # JSON for the API, a page otherwise
AXES_VERBOSE = False

# A session ends after SESSION_IDLE_TIMEOUT_MINUTES without a request, and in any case
# SESSION_ABSOLUTE_TIMEOUT_MINUTES after sign-in (accounts.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
SESSION_ABSOLUTE_TIMEOUT_MINUTES = env_int("SESSION_ABSOLUTE_TIMEOUT_MINUTES", 600, minimum=5)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60
# Roles that must use a second factor (TOTP) before any page.
MFA_REQUIRED_ROLES = env_list(
    "MFA_REQUIRED_ROLES", ["ppu_officer", "mappa_coordinator", "admin", "supervisor"]
)
OTP_TOTP_ISSUER = "Desist"

# API tokens (django-rest-knox, accounts.ApiToken): one per user and client, each expiring
# API_TOKEN_TTL_MINUTES after issue (default: the absolute session timeout).
API_TOKEN_TTL_MINUTES = env_int(
    "API_TOKEN_TTL_MINUTES", SESSION_ABSOLUTE_TIMEOUT_MINUTES, minimum=1
)
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations create its AuthToken table even though accounts.ApiToken replaces it;
# a table nothing uses, whose foreign key to users also breaks PostgreSQL test flushes.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": dt.timedelta(minutes=API_TOKEN_TTL_MINUTES),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# No inline script or style anywhere: every script is a file served from 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# X-Forwarded-Proto says "this came over https" only when a proxy that sets it (and strips
# it from clients) sits in front: otherwise any client could claim https by sending it.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("css", VAR_DIR / "build" / "css"),
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("govuk/assets", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj" / "assets"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# --- Email ------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before a silent mail server is given up on (the email is queued again later).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "desist@localhost")

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "config.api.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "NON_FIELD_ERRORS_KEY": "non_field_errors",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Desist API",
    "DESCRIPTION": (
        "Offender management: custody, bail and RUI, out-of-court disposals, IOM, public "
        "protection, domestic abuse, wanted persons, partners, deadlines and the panel report."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.document_error_answers",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # One schema name per choice set where several apps use a field called kind/status/...
    "ENUM_NAME_OVERRIDES": {
        "BreachActionEnum": "disposals.models.BREACH_ACTION_CHOICES",
        "OffenceCategoryEnum": "offenders.choices.OffenceCategory.choices",
        "GenderEnum": "offenders.models.Gender",
        "MarkerKindEnum": "offenders.models.MarkerKind",
        "AliasKindEnum": "offenders.models.AliasKind",
        "ConditionKindEnum": "disposals.models.CONDITION_KIND_CHOICES",
        "RestorativeJusticeOutcomeEnum": "disposals.models.RJOutcome",
        "ReleaseOutcomeEnum": "custody.models.Outcome",
        "HomeOfficeOutcomeEnum": "offenders.models.OutcomeCode",
        "RemovalReasonEnum": "cohorts.models.iom.REMOVAL_REASON_CHOICES",
        "PlaceOfSafetyEnum": "custody.choices.PlaceOfSafety.choices",
        "ReferralStatusEnum": "disposals.models.REFERRAL_STATUS_CHOICES",
        "PartnerReferralStatusEnum": "partners.choices.ReferralStatus.choices",
        "OffenceProofKindEnum": "partners.models.ProofKind",
        "RsoNotificationKindEnum": "protection.choices.NotificationKind.choices",
        "ProtectiveOrderKindEnum": "protection.choices.OrderKind.choices",
        "IntelligenceKindEnum": "protection.models.IntelligenceKind",
        "ArmsRiskLevelEnum": "protection.choices.RiskLevel.choices",
        "RsoEndReasonEnum": "protection.choices.RsoEndReason.choices",
        "MappaEndReasonEnum": "protection.choices.MappaEndReason.choices",
        "DapuNoticeKindEnum": "domestic.choices.NoticeKind.choices",
        "DapuStageEnum": "domestic.choices.Stage.choices",
        "DapuSessionKindEnum": "domestic.choices.SessionKind.choices",
        "DapuContactKindEnum": "domestic.choices.ContactKind.choices",
        "PartnerNeedClosedReasonEnum": "partners.choices.NeedClosedReason.choices",
    },
}

# --- Celery -----------------------------------------------------------------------------
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "scan-deadlines": {"task": "deadlines.tasks.scan_deadlines", "schedule": 60.0},
    # Records lapses of bail periods that ended without an extension or outcome. A case is
    # shown as lapsed from the day after its period ends either way; this writes it down.
    "mark-bail-lapses": {"task": "bail.tasks.mark_lapsed", "schedule": 900.0},
}

# --- Desist -----------------------------------------------------------------------------
SERVICE_NAME = "Desist"
PROTECTIVE_MARKING = env_str("PROTECTIVE_MARKING", "OFFICIAL-SENSITIVE")
# Minutes after a deadline falls due before its escalation, unless the opening app says.
DEADLINE_ESCALATION_MINUTES = env_int("DEADLINE_ESCALATION_MINUTES", 60, minimum=0)
# A deadline already past by more than this when recorded is "recorded late": no alerts.
DEADLINE_RECORDED_LATE_HOURS = env_int("DEADLINE_RECORDED_LATE_HOURS", 24, minimum=1)
# A notification email unsent this long (its task lost with a restarted broker) is queued again.
DEADLINE_EMAIL_RETRY_SECONDS = env_int("DEADLINE_EMAIL_RETRY_SECONDS", 120, minimum=1)
# Seconds a beat tick may be old before /healthz reports the scheduler as stale.
HEALTH_BEAT_STALE_SECONDS = env_int("HEALTH_BEAT_STALE_SECONDS", 180, minimum=60)
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "desist-demo-password")
# Bail reminders: warnings this many days before a bail period ends; RUI review interval.
BAIL_WARNING_LEAD_DAYS = env_int_list("BAIL_WARNING_LEAD_DAYS", [14, 3])
BAIL_RUI_REVIEW_DAYS = env_int("BAIL_RUI_REVIEW_DAYS", 90, minimum=1)
# Partners: reoffending figures for fewer people than this show the cohort size only;
# funding-end warnings this many months before; days a service has to answer a referral.
PARTNERS_SUPPRESSION_THRESHOLD = env_int("PARTNERS_SUPPRESSION_THRESHOLD", 10, minimum=0)
PARTNERS_FUNDING_WARNING_MONTHS = env_int_list("PARTNERS_FUNDING_WARNING_MONTHS", [3, 1])
PARTNERS_REFERRAL_RESPONSE_DAYS = env_int("PARTNERS_REFERRAL_RESPONSE_DAYS", 14, minimum=1)
# DAPU: the force's weights of the RFG (recency, frequency, gravity) score, "name=weight,...".
DAPU_RFG_WEIGHTS = {
    name.strip(): float(weight)
    for name, weight in (
        pair.split("=", 1)
        for pair in env_str("DAPU_RFG_WEIGHTS", "recency=1,frequency=1,gravity=1").split(",")
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Published panel reports show a count from 1 to this minus one as "fewer than N" (issue 18).
PANEL_SUPPRESSION_THRESHOLD = env_int("PANEL_SUPPRESSION_THRESHOLD", 5, minimum=0)
