"""Innopilot settings: every knob comes from an environment variable (see README, "Configuration")."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from innopilot.common.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("INNOPILOT_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

# A development key is only acceptable while DEBUG is on; production refuses to start without a real one.
_DEVELOPMENT_SECRET_KEY = "innopilot-development-only-secret-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_bootstrap5",
    "ninja",
    "axes",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "innopilot.accounts",
    "innopilot.directory",
    "innopilot.standards",
    "innopilot.assessments",
    "innopilot.pilots",
    "innopilot.annual",
    "innopilot.evaluations",
    "innopilot.insights",
    "innopilot.common",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "innopilot.urls"
WSGI_APPLICATION = "innopilot.wsgi.application"

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
                "innopilot.common.context_processors.platform",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------
import dj_database_url  # noqa: E402  (kept beside the setting it serves)

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'innopilot.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers continue while a writer commits; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "innopilot.accounts.passwords.CharacterClassValidator"},
]

# Idle timeout: the session expires after this many minutes without a request.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lock an account (not an address: many officials share one government NAT) after failed logins.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks to lock addresses too; we do not, because one government NAT address serves many
# officials and one person's typos would lock out a whole bureau.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "innopilot.accounts.views.lockout"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Background tasks ----------------------------------------------------------------------------
# Long imports and exports run off the request path. "database" queues them in the database for the
# worker (`innopilot worker`, started by `innopilot demo`); "immediate" runs them in the request
# (the tests, or a one-process install that accepts slow requests).
TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASKS_BACKEND",
            "database",
            {
                "database": "django_tasks_db.DatabaseBackend",
                "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            },
        )
    }
}

# Enterprise-list imports (摸底表): files with more data rows than this are checked and committed by the
# worker, with a progress bar; smaller ones in the request. Uploads above IMPORT_MAX_MB are refused.
IMPORT_BACKGROUND_ROWS = env_int("IMPORT_BACKGROUND_ROWS", 2000)
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 20)
# An enterprise's annual data template uploaded on its report page (one row, a few dozen kB).
ANNUAL_IMPORT_MAX_MB = env_int("ANNUAL_IMPORT_MAX_MB", 5)

# --- Audit trail ---------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False  # each app registers its own models, with excluded fields named

# --- E-mail --------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Innopilot <noreply@innopilot.local>")
PASSWORD_RESET_TIMEOUT = env_int("ACCOUNT_LINK_HOURS", 72) * 3600
# The address e-mails link to when no request is at hand (reminders sent by the worker).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# --- Pilot campaigns -----------------------------------------------------------------------------
# Days before a nomination deadline on which units that have not submitted are reminded, for
# campaigns that do not set their own (`innopilot reminders`, run daily, sends them).
REMINDER_DAYS_DEFAULT = [int(day) for day in env_list("REMINDER_DAYS_DEFAULT", ["14", "3"])]

# --- Language and time ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static files (served by the app itself: no CDN) ---------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the finders, but wants it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Uploads -------------------------------------------------------------------------------------
# Work plans (工作推进计划) the units upload; larger files are refused with a message.
WORK_PLAN_MAX_MB = env_int("WORK_PLAN_MAX_MB", 20)
# Evidence files enterprises attach to assessment answers (one file at a time).
EVIDENCE_MAX_MB = env_int("EVIDENCE_MAX_MB", 20)

# --- Reference data ------------------------------------------------------------------------------
# The folder (under data/reference/regions/, or an absolute path) holding the region's units and
# qualification types; another province loads its own folder (README, "Another region").
INNOPILOT_REGION = env_str("INNOPILOT_REGION", "chongqing")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each layout step of every PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
