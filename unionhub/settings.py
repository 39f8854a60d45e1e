"""UnionHub settings, read from the environment (healthchecks' hc/settings.py style).

With no DATABASE_URL the app runs on an embedded PostgreSQL kept in var/ (pgserver); with no
REDIS_URL Celery uses kombu's filesystem transport in var/, so a worker needs no server.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.getenv("UNIONHUB_VAR", BASE_DIR / "var"))


def envbool(name, default):
    return os.getenv(name, default).lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.getenv(name, default))


DEBUG = envbool("DEBUG", "True")
# Under DEBUG the project's own 404/500 pages are shown (OwnErrorPagesMiddleware); 1 keeps Django's.
DEBUG_TECHNICAL_PAGES = envbool("DEBUG_TECHNICAL_PAGES", "False")
# manage.py flush (TRUNCATE of every table, past the guards of unionhub/core/truncate.py): in
# development and the test runner only.
ALLOW_FLUSH = envbool("ALLOW_FLUSH", "True" if DEBUG else "False")
SECRET_KEY = os.getenv("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The work areas: the one place that lists them (unionhub/core/areas.py, docs/architecture.md).
# Each is a Django app whose AppConfig is a WorkAreaConfig; this order is the order of the
# navigation and of the report's PDF sections (their order numbers are derived from it).
UNIONHUB_WORK_AREAS = ["members", "skills", "relief", "legal", "activities", "perks"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "axes",
    "pgtrigger",
    "pghistory",
    "unionhub.core",
    "unionhub.orgs",
    "unionhub.people",
    "unionhub.jobs",
    "unionhub.imports",
    "unionhub.reports",
    *UNIONHUB_WORK_AREAS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unionhub.core.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "unionhub.core.middleware.NoStoreMiddleware",
    "unionhub.core.middleware.OwnErrorPagesMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unionhub.urls"
WSGI_APPLICATION = "unionhub.wsgi.application"
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unionhub.core.context.navigation",
            ],
        },
    },
]


def _database_url():
    """DATABASE_URL, or the embedded PostgreSQL in var/ started (or reused) on demand."""
    url = os.getenv("DATABASE_URL")
    if url:
        return url
    from unionhub.core.embedded_pg import embedded_database_url

    return embedded_database_url(VAR_DIR / "pg")


DATABASES = {"default": dj_database_url.parse(_database_url(), conn_max_age=envint("DB_CONN_MAX_AGE", "60"))}
DATABASES["default"]["TEST"] = {"NAME": os.getenv("TEST_DATABASE_NAME") or None}
# A streaming read replica for the report figures, the dashboard and exports
# (unionhub/core/replica.py: used only once it has caught up with the primary).
if os.getenv("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=envint("DB_CONN_MAX_AGE", "60")
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["unionhub.core.replica.ReplicaRouter"]
REPLICA_MAX_WAIT = float(os.getenv("REPLICA_MAX_WAIT", "2"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling keyed on username and IP together, not IP alone (django-axes' default).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_ENABLED = envbool("AXES_ENABLED", "True")
# Behind a reverse proxy set TRUSTED_PROXIES to the number of proxies, so the address is the
# client's, not the proxy's (unionhub/core/clientip.py).
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", "0")
AXES_CLIENT_IP_CALLABLE = "unionhub.core.clientip.client_ip"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# A list filter's empty choice (django-filter): every drop-down of a filter panel starts on 全部
# (the sort drop-down on 默认排序, the organization on 全部(含下属): unionhub/core/filters.py,
# unionhub/orgs/filters.py). Lazy: translated when a page renders.
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("全部")
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
from unionhub.core.storage import storage_from_url  # noqa: E402

STORAGES = {
    "default": storage_from_url(os.getenv("STORAGE_URL", "")),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: every file goes through an access-checked view

# Uploads: spreadsheets and scanned documents only, and never huge.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", str(200 * 1024 * 1024))

# Sessions: a working day, not two weeks.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

from django.utils.csp import CSP  # noqa: E402

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

# Celery: Redis when REDIS_URL is set, else a filesystem broker that needs no server.
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        # A Redis that hangs (accepts but never answers) must not hang the request that
        # enqueues a job: redis-py waits forever by default. The job stays queued, "delayed".
        "socket_connect_timeout": 2,
        "socket_timeout": envint("CELERY_BROKER_SOCKET_TIMEOUT", "3"),
    }
else:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_broker_dir / "control"),
    }
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "False")
# Jobs by queue, for workers sized per load: JOB_QUEUES="import_preview:imports,
# import_commit:imports,export_data:imports,annual_report:reports" sends those kinds to the named
# queues (workers started with `-Q imports`, `-Q reports`); other kinds, and all of them when it is
# empty, go to the default queue "celery".
JOB_QUEUES = dict(
    item.strip().split(":", 1) for item in os.getenv("JOB_QUEUES", "").split(",") if ":" in item
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Publishing with the broker down: one quick retry, then the job stays queued in the database
# ("delayed") for `manage.py requeue_jobs`; Celery's default (3 retries) only makes the page slower.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Celery beat (the compose `beat` service): jobs still queued a minute after they were asked for
# (their message lost, e.g. Redis was down) are sent again; a starting worker does the same.
# A running job holds a lease its worker renews every quarter of it (a heartbeat thread); past
# it the worker is taken for dead and beat (or the next worker to start) sends the job again.
JOB_LEASE_SECONDS = int(os.environ.get("JOB_LEASE_SECONDS", "120"))

CELERY_BEAT_SCHEDULE = {
    "requeue-jobs": {
        "task": "unionhub.jobs.tasks.requeue_jobs",
        "schedule": float(os.getenv("JOB_REQUEUE_SECONDS", "300")),
    },
    "compact-change-log": {"task": "unionhub.core.tasks.compact_change_log", "schedule": 3600.0},
}  # the work areas add theirs (WorkAreaConfig.beat, unionhub/core/areas.py)

# Hardship files (domain.md "Review before verification"): days of public notice (公示) after the
# second person's review; 0 turns the notice off (the file is 已认定 on the review day).
RELIEF_NOTICE_DAYS = int(os.getenv("RELIEF_NOTICE_DAYS", "5"))

# Every record goes through the root's handler, and that handler masks full ID numbers
# (unionhub.core.logmask): Django's own loggers lose the handlers of Django's default
# configuration (console, mail_admins, django.server) and propagate to the root instead.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_id_numbers": {"()": "unionhub.core.logmask.MaskIdNumbers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_id_numbers"]}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
