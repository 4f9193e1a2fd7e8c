"""Local development: the embedded default (SQLite, local media, email to files)."""

from .base import *  # noqa: F403
from .env import env, env_int, env_list

DEBUG = True
# A development-only key; production refuses to start without its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# The demo loader creates an admin account only where this is true.
FAIRVILLE_DEMO_ADMIN = True

# Serve static files from the apps directly; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Template changes show at once; set it to try the page cache locally.
FAIRVILLE_PAGE_CACHE_SECONDS = env_int("FAIRVILLE_PAGE_CACHE_SECONDS", 0)
# The worker indexes in its own process: a per-process cache would not see its writes.
FAIRVILLE_SEARCH_CACHE_SECONDS = env_int("FAIRVILLE_SEARCH_CACHE_SECONDS", 0)
