"""The test suite: fast hashing, in-memory cache and mail, tasks run immediately.

DATABASE_URL selects PostgreSQL; without it the suite runs on SQLite.
"""

from .base import *  # noqa: F403
from .languages import DEFAULT_LANGUAGES, languages

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The counters' store shares the default cache's memory in the suite, so that a test's
# cache.clear() also gives it fresh rate limits; tests of the store configure their own.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    "ratelimit": {
        "BACKEND": "cms.ratelimit.NoEvictionLocMemCache",
        "LOCATION": "t",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
FAIRVILLE_DEMO_ADMIN = False

# Serve static files from the apps directly; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Generous enough for the suite; tests of the limits tighten them with override_settings.
FAIRVILLE_RATE_LIMITS = {}

# The suite's languages are the default ones whatever FAIRVILLE_LANGUAGES says; the
# multilingual runs have their own modules (test_ar, test_de: `make test-languages`).
LANGUAGES = languages(DEFAULT_LANGUAGES)
LANGUAGE_CODE = LANGUAGES[0][0]
WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
