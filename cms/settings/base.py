"""Settings shared by every environment. See README.md for the environment variables."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import env, env_int, env_list
from .languages import DEFAULT_LANGUAGES, languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("FAIRVILLE_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "cms",
    "sessions.apps.SessionsConfig",
    "practices",
    "search",
    "community",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.api.LocaleMiddleware",  # Django's, leaving the API's 404s alone
    # Outside the CSP middleware, so a cached page keeps the policy it was served with.
    "cms.pagecache.AnonymousPageCacheMiddleware",
    # What the page cache cannot answer and waited too long: a 503, not a render.
    "cms.overload.QueueDeadlineMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.admin_csp.AdminContentSecurityPolicyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages (cms/settings/languages.py): the first is the source, French by default,
# then its translations, English by default. FAIRVILLE_LANGUAGES=fr,en,ar adds Arabic.
LANGUAGES = languages(env_list("FAIRVILLE_LANGUAGES", DEFAULT_LANGUAGES))
LANGUAGE_CODE = LANGUAGES[0][0]
# The languages a new session is held in, with interpretation between them (editable).
FAIRVILLE_SESSION_LANGUAGES = env_list("FAIRVILLE_SESSION_LANGUAGES", DEFAULT_LANGUAGES)
WAGTAIL_I18N_ENABLED = True
# Rich text in the public API as the pages show it, with public URLs.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work: a database-backed queue, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

WAGTAIL_SITE_NAME = "Fairville Dialogues"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "mp4",
    "odp",
    "ods",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "webm",
    "xlsx",
    "zip",
]
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# No oEmbed provider is reachable from here, and public pages make no third-party requests.
WAGTAILEMBEDS_FINDERS = []
# Nor does the admin: no release check, and no Gravatar (it would receive a hash of
# every editor's email address).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Search (see search/README.md): our own backends, on the database unless a cluster is set.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", "fairville_"),
        "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 10),
    }

# Security headers on every response, in every environment (HSTS only in production).
# The public site runs no inline script and loads nothing from other sites; the only
# third-party frames are the privacy-enhanced video players a visitor clicks to load.
# Wagtail 8's admin still relies on inline scripts (inline panels, date widgets), so
# it is left out of this policy and gets its own (cms/admin_csp.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# The admin: enforced, what it never needs; reported only, the policy it should reach
# (no inline script). Production adds the media bucket's origins to the second.
FAIRVILLE_ADMIN_CSP = {
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],  # the page previews frame the admin's own URLs
}
FAIRVILLE_ADMIN_CSP_REPORT_ONLY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "frame-src": [SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
    "frame-ancestors": [SELF],
}

# Anonymous visitors get public pages from the cache for at most this long; any change
# of content forgets them at once (cms/pagecache.py). 0 turns the cache off.
FAIRVILLE_PAGE_CACHE_SECONDS = env_int("FAIRVILLE_PAGE_CACHE_SECONDS", 300)
# Parts that many pages share (menu, footer, language links), by the same rules
# (cms/fragments.py); kept when the page cache is off. 0 turns them off.
FAIRVILLE_FRAGMENT_CACHE_SECONDS = env_int("FAIRVILLE_FRAGMENT_CACHE_SECONDS", 300)
# Search results pages, keyed by the index's generation (search/results_cache.py).
FAIRVILLE_SEARCH_CACHE_SECONDS = env_int("FAIRVILLE_SEARCH_CACHE_SECONDS", 600)
# The query parameters public pages read: the recordings archive (series, language,
# page), a recording (video, transcript, part, t, moment), the library and its labs (q,
# lab, tag, lever, country, period, lang, sort, page), search (q, type, lab, tag, lever,
# year, lang, page). A request with any other parameter is served uncached.
FAIRVILLE_PAGE_CACHE_PARAMETERS = frozenset(
    {"series", "language", "page", "video", "transcript", "part", "t", "moment", "q", "lab"}
    | {"tag", "lever", "country", "period", "lang", "sort", "type", "year"}
)

# With the media bucket, documents are read at addresses signed for this long
# (cms/documents.py): long enough to watch a recording, short for a private document.
FAIRVILLE_DOCUMENT_URL_SECONDS = env_int("FAIRVILLE_DOCUMENT_URL_SECONDS", 6 * 3600)
FAIRVILLE_PRIVATE_DOCUMENT_URL_SECONDS = env_int("FAIRVILLE_PRIVATE_DOCUMENT_URL_SECONDS", 300)

# Limits, {"scope": (requests, seconds)}: see cms/ratelimit.py. Sign-in (cms/signin.py):
# 10 attempts per client in 15 minutes on all password paths together; per account name
# or protected page, 5 failures free, then delays doubling up to FAIRVILLE_SIGNIN_MAX_DELAY.
# The admin's password reset sends email: 5 requests per client, 3 per address, an hour.
FAIRVILLE_RATE_LIMITS = {
    "signin": (10, 15 * 60),
    "signin-account": (5, 15 * 60),
    "password-reset": (5, 60 * 60),
    "password-reset-address": (3, 60 * 60),
    # Registration's forms per client, and per session from all clients together: far
    # above what people registering (even a whole office behind one address) send.
    "registration": (20, 60),
    "registration-confirm": (20, 60),
    "registration-notice": (20, 60),
    "registration-session": (600, 10 * 60),
    "registration-notice-session": (600, 10 * 60),
    # Following (community/views.py): the form per client and from all clients together
    # (what a crowd can make the site email), the personal pages per client.
    "follow": (20, 60),
    "follow-all": (600, 10 * 60),
    "subscriptions": (20, 60),
    # Whole-data downloads (the library's and the transcripts' packages, the exports) and
    # citation downloads, per client: a researcher's reference manager stays far below.
    "open-data": (20, 60),
    "citation": (60, 60),
}
FAIRVILLE_SIGNIN_MAX_DELAY = 300
# Rate-limit counters have their own store, which never evicts a live counter to make
# room (a flood must not erase counts): per process here, a noeviction Redis in production.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "cms.ratelimit.NoEvictionLocMemCache",
        "LOCATION": "ratelimit",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
# Only editors have accounts: pages restricted to logged-in users send them to the
# admin's sign-in, the one that is throttled (Wagtail's front-end one is turned off).
WAGTAIL_FRONTEND_LOGIN_URL = "wagtailadmin_login"
# A registration request takes a place only once the link emailed to its address is
# confirmed; unconfirmed, it expires after this many hours (sessions/registration).
FAIRVILLE_REGISTRATION_REQUEST_HOURS = env_int("FAIRVILLE_REGISTRATION_REQUEST_HOURS", 48)
# How many proxies (load balancers) in front of the site append to X-Forwarded-For:
# the client's address is then the one they saw. 0 when clients connect directly.
FAIRVILLE_TRUSTED_PROXIES = env_int("FAIRVILLE_TRUSTED_PROXIES", 0)
# Behind them, a request that waited longer than this for a web worker (the proxy's
# X-Request-Start stamp) and is not in the page cache gets the 503 page at once rather
# than a render (cms/overload.py). 0 turns it off.
FAIRVILLE_QUEUE_SECONDS = env_int("FAIRVILLE_QUEUE_SECONDS", 3)

# Emails that fail for a moment (SMTP server away) are tried again after this many
# seconds, then twice as long each time (cms/mail.py).
FAIRVILLE_EMAIL_RETRY_SECONDS = env_int("FAIRVILLE_EMAIL_RETRY_SECONDS", 30)

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Fairville Dialogues <dialogues@fairville.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # Failed and throttled sign-ins, for the operator (docs/deploy.md, Security model).
    "loggers": {"fairville.signin": {"level": env("SIGNIN_LOG_LEVEL", "INFO")}},
}
