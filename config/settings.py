"""Dienhinh settings: one module, every value read from the environment.

Every variable is listed with its meaning in `.env.example`. The defaults are the embedded
ones (SQLite, local files, Huey on SQLite) so that `make run` needs no other server.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from `.env` without overriding the real environment."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("\"'"))


# DIENHINH_ENV_FILE points elsewhere (or to /dev/null: the tests of the start-up checks).
_load_dotenv(Path(os.environ.get("DIENHINH_ENV_FILE", BASE_DIR / ".env")))


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
TESTING = "pytest" in sys.modules or envbool("DIENHINH_TESTING", "false")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
# Commands that only read or write source files (never serve a request) run without the
# production settings, so `manage.py makemigrations --check` works on a bare checkout.
_SOURCE_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}
_SOURCE_COMMAND = len(sys.argv) > 1 and sys.argv[1] in _SOURCE_COMMANDS
# Django's deployment check asks for at least 50 characters too (security.W009).
MIN_SECRET_KEY_LENGTH = 50
if not DEBUG and not TESTING and not _SOURCE_COMMAND:
    # A production start must be configured on purpose: refuse to guess a key or a host.
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Dienhinh needs a long random SECRET_KEY "
            "(see .env.example)."
        )
    if len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too short ({len(SECRET_KEY)} characters). With DEBUG off Dienhinh "
            f"needs at least {MIN_SECRET_KEY_LENGTH} random characters (see .env.example)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. With DEBUG off list the host names Dienhinh serves, "
            "separated by commas (see .env.example)."
        )
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS=* answers for any host name, which lets a forged Host header into "
            "the links of password-reset e-mails. List the host names Dienhinh serves, "
            "separated by commas (see .env.example)."
        )
if not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"  # noqa: S105
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "huey.contrib.djhuey",
    "axes",
    "dienhinh.common",
    "dienhinh.audit",
    "dienhinh.units",
    "dienhinh.accounts",
    "dienhinh.cycles",
    "dienhinh.nominations",
    "dienhinh.notices",
    "dienhinh.dispatches",
    "dienhinh.documents",
    "dienhinh.mail",
    "dienhinh.system",
    "dienhinh.publishing",
    "dienhinh.archive",
    "dienhinh.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dienhinh.common.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Axes must be last: it turns a locked-out login into its own response.
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dienhinh.accounts.context_processors.navigation",
                "dienhinh.notices.context_processors.unread",
                "dienhinh.system.context_processors.worker_warning",
            ],
            # The shared date filters (vn_date, vn_datetime, period_label) on every page.
            "builtins": ["dienhinh.common.templatetags.dienhinh_dates"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions take the
    # write lock up front so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failed logins, per user name and address together, so one office
# behind a shared NAT address is not locked out by a single mistyping colleague.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploaded files: a local folder by default; S3-compatible object storage (AWS, MinIO, Viettel
# or VNPT object storage…) when S3_BUCKET is set. Files are served through Dienhinh's own
# views (personal data), so the bucket stays private.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY", ""),
            "secret_key": os.environ.get("S3_SECRET_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Sessions and cookies: secure by default whenever the site is served over HTTPS.
# Tests and `make run` serve plain http on 127.0.0.1, where secure cookies would never be sent.
_PLAIN_HTTP = DEBUG or TESTING
SECURE_COOKIES = envbool("SECURE_COOKIES", "false" if _PLAIN_HTTP else "true")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_HOURS", "10") * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if _PLAIN_HTTP else "true")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if _PLAIN_HTTP else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_HTTPS_PROXY", "false") else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only this site's own files, no inline script or style
# (templates use classes from static/css/dienhinh.css and scripts from static/js/), no CDN,
# and no framing. A page that must be embeddable opts out explicitly with
# csp.decorators.csp_update({"frame-ancestors": [...]}) and django's xframe_options_exempt.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons as data: SVG in its CSS
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dienhinh <no-reply@localhost>")
# Seconds the worker waits on each exchange with the mail server before the attempt fails
# (and is retried); without it a silent server would hold a worker forever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT_SECONDS", "30")
# Outgoing mail (dienhinh/mail): attempts after the first, and the seconds between them; a
# mail still "sending" after the lease was cut short by a dead worker and is queued again.
DIENHINH_MAIL_RETRIES = envint("DIENHINH_MAIL_RETRIES", "5")
DIENHINH_MAIL_RETRY_SECONDS = envint("DIENHINH_MAIL_RETRY_SECONDS", "120")
DIENHINH_MAIL_SENDING_LEASE_SECONDS = envint("DIENHINH_MAIL_SENDING_LEASE_SECONDS", "300")

# Background worker: Huey on a SQLite file by default, on Redis when HUEY_REDIS_URL is set.
# Tests run tasks in-process (immediate mode) so a queued e-mail is visible in mail.outbox.
HUEY_REDIS_URL = os.environ.get("HUEY_REDIS_URL", "")
if HUEY_REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "dienhinh", "url": HUEY_REDIS_URL}
else:
    _huey_file = Path(os.environ.get("HUEY_SQLITE_PATH", BASE_DIR / "var" / "huey.sqlite3"))
    _huey_file.parent.mkdir(parents=True, exist_ok=True)
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "dienhinh", "filename": str(_huey_file)}
HUEY["immediate"] = TESTING or envbool("HUEY_IMMEDIATE", "false")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The site's address as users reach it, for links in e-mails sent by the worker.
DIENHINH_SITE_URL = os.environ.get("DIENHINH_SITE_URL", "http://127.0.0.1:8000")
# The password `manage.py demo` gives every demo account (printed by `make run`).
DIENHINH_DEMO_PASSWORD = os.environ.get("DIENHINH_DEMO_PASSWORD", "dienhinh-demo-2025")

# Photos and documents of nominations (dienhinh/nominations/files.py): the largest file of
# each kind in MB, the most pixels a photo may have (megapixels, checked before decoding),
# and the longest side, in pixels, photos are scaled down to when they are stored.
DIENHINH_MAX_PHOTO_MB = envint("DIENHINH_MAX_PHOTO_MB", "15")
DIENHINH_MAX_DOCUMENT_MB = envint("DIENHINH_MAX_DOCUMENT_MB", "20")
DIENHINH_MAX_IMAGE_MEGAPIXELS = envint("DIENHINH_MAX_IMAGE_MEGAPIXELS", "30")
DIENHINH_IMAGE_MAX_SIDE = envint("DIENHINH_IMAGE_MAX_SIDE", "2560")
# Dispatches (dienhinh/dispatches/reading.py): the largest .txt, .docx or .pdf read, in MB.
DISPATCH_MAX_UPLOAD_MB = envint("DISPATCH_MAX_UPLOAD_MB", "20")
# The most text any upload may yield (characters; about 90 dense pages) and the longest the
# reading of its text may take (seconds): past either the upload is refused, nothing stored.
DISPATCH_MAX_TEXT_CHARS = envint("DISPATCH_MAX_TEXT_CHARS", "300000")
DISPATCH_READ_SECONDS = envint("DISPATCH_READ_SECONDS", "20")
# Scanned dispatches (dienhinh/dispatches/ocr.py): the Tesseract program, the most scanned
# pages recognised per upload, and the longest one page's recognition may take (seconds).
DISPATCH_TESSERACT = os.environ.get("DISPATCH_TESSERACT", "tesseract")
DISPATCH_MAX_OCR_PAGES = envint("DISPATCH_MAX_OCR_PAGES", "20")
DISPATCH_OCR_PAGE_SECONDS = envint("DISPATCH_OCR_PAGE_SECONDS", "60")
# Working days a compiler needs between the units' deadline and its own forwarding deadline;
# fewer makes the relay form warn (the deadline-cascade check).
DISPATCH_MIN_COMPILE_WORKING_DAYS = envint("DISPATCH_MIN_COMPILE_WORKING_DAYS", "2")

if TESTING:
    # Password hashing is slow on purpose; the suite creates hundreds of accounts.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Reminders (dienhinh/notices/services.py): units still pending are reminded this many days
# before their deadline, and again this many days after it if they still sent nothing.
DIENHINH_REMIND_DAYS_BEFORE = envint("DIENHINH_REMIND_DAYS_BEFORE", "3")
DIENHINH_REMIND_DAYS_AFTER = envint("DIENHINH_REMIND_DAYS_AFTER", "1")

# Official documents (dienhinh/documents): the LibreOffice program the worker converts with,
# its time limit in seconds, and the largest signed copy uploaded back, in MB.
DOCUMENTS_SOFFICE = os.environ.get("DOCUMENTS_SOFFICE", "soffice")
DOCUMENTS_CONVERT_TIMEOUT = envint("DOCUMENTS_CONVERT_TIMEOUT", "120")
DOCUMENTS_MAX_SIGNED_MB = envint("DOCUMENTS_MAX_SIGNED_MB", "20")
# The system page (dienhinh/system): administrators are warned when the worker's last
# heartbeat (written every minute) is older than this many minutes.
DIENHINH_WORKER_STALE_MINUTES = envint("DIENHINH_WORKER_STALE_MINUTES", "5")
# Days refused-request counts and failed-task records are kept.
DIENHINH_SYSTEM_KEEP_DAYS = envint("DIENHINH_SYSTEM_KEEP_DAYS", "90")
# Abuse limits. Password-reset mails per hour: to one address, and from one client address.
DIENHINH_RESET_PER_ADDRESS_PER_HOUR = envint("DIENHINH_RESET_PER_ADDRESS_PER_HOUR", "3")
DIENHINH_RESET_PER_CLIENT_PER_HOUR = envint("DIENHINH_RESET_PER_CLIENT_PER_HOUR", "10")
# Refused requests: each user's first refusal on a path in an hour goes to the audit log, up
# to this many paths an hour; the rest are only counted (the system page shows the counts).
DIENHINH_DENIALS_LOGGED_PER_HOUR = envint("DIENHINH_DENIALS_LOGGED_PER_HOUR", "30")
# Publishing (dienhinh/publishing/): the largest evidence file of a publication (a PDF or a
# screenshot of the page, a recording of the broadcast), in MB; the reading pace of the
# loudspeaker bulletin, in syllables (Vietnamese words) a minute, for its estimated time.
PUBLISHING_MAX_EVIDENCE_MB = envint("PUBLISHING_MAX_EVIDENCE_MB", "25")
PUBLISHING_READING_PACE = envint("PUBLISHING_READING_PACE", "130")
# Rendered public portal pages are kept this many seconds in the cache, keyed by the portal's
# change counter, so a withdrawal shows at once; 0: off. The cache is each process's memory
# unless CACHE_REDIS_URL names a Redis database the web processes share.
CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", "")
if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
        }
    }
PUBLISHING_PAGE_CACHE_SECONDS = envint("PUBLISHING_PAGE_CACHE_SECONDS", "300")
# Activity material and the 11 June archive (dienhinh/archive/): the largest video in MB
# (MP4 only), how many hours a download link of a built archive works, and how many files
# a collection may have before its archive is built by the worker rather than at once.
DIENHINH_MAX_VIDEO_MB = envint("DIENHINH_MAX_VIDEO_MB", "100")
DIENHINH_ARCHIVE_LINK_HOURS = envint("DIENHINH_ARCHIVE_LINK_HOURS", "48")
DIENHINH_FFMPEG = os.environ.get("DIENHINH_FFMPEG", "ffmpeg")
DIENHINH_SOFFICE = os.environ.get("DIENHINH_SOFFICE", "soffice")
