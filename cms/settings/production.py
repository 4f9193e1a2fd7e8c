"""Production: everything comes from the environment (see README.md)."""

import dj_database_url

from .base import *  # noqa: F403
from .env import (
    env,
    env_bool,
    env_int,
    env_list,
    env_required,
    media_origin,
    signed_media_origin,
)

DEBUG = False
SECRET_KEY = env_required(
    "SECRET_KEY", "a long random string, e.g. from `openssl rand -base64 48`."
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {
    "default": dj_database_url.parse(
        env_required("DATABASE_URL", "postgres://USER:PASSWORD@HOST:5432/NAME for PostgreSQL."),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database host that does not answer (not one that refuses: that fails at once) would
# hold each request for psycopg's default of 130 s, past gunicorn's 30-s timeout: the
# visitor gets the 503 page after a few seconds instead (cms/views.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
WAGTAILADMIN_BASE_URL = env_required(
    "WAGTAILADMIN_BASE_URL", "the public base URL of the site, e.g. https://dialogues.example.org."
)

# A Redis that hangs must not hang every request with it. Redis answers a cache read
# in well under a millisecond (no persistence, so no fork pauses: docs/deploy.md); a
# quarter of a second is a wide margin, and it is how long the requests in flight when
# Redis hangs are held before each process leaves it alone (cms/cache.py). With 1 s,
# the crowd queued behind them long enough for the overload guard to shed some.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}

if env("REDIS_URL"):
    CACHES["default"] = {
        # Redis down is a cache miss, not a 500 (cms/cache.py).
        "BACKEND": "cms.cache.FailSoftRedisCache",
        "LOCATION": env("REDIS_URL"),
        "OPTIONS": REDIS_TIMEOUTS,
    }
# Rate-limit counters: a Redis that never evicts (docs/deploy.md, Security model). The
# same short timeouts, and then a rest (cms/cache.py), so that an unreachable Redis fails
# each limit open or closed at once.
if env("RATELIMIT_REDIS_URL", env("REDIS_URL")):
    CACHES["ratelimit"] = {
        "BACKEND": "cms.cache.FailFastRedisCache",
        "LOCATION": env("RATELIMIT_REDIS_URL", env("REDIS_URL")),
        "OPTIONS": REDIS_TIMEOUTS,
    }
# Page caching needs a cache that every web and task worker shares, so that a publish
# anywhere is seen everywhere: off with the per-process local-memory cache.
FAIRVILLE_PAGE_CACHE_SECONDS = env_int(
    "FAIRVILLE_PAGE_CACHE_SECONDS", 300 if env("REDIS_URL") else 0
)
FAIRVILLE_FRAGMENT_CACHE_SECONDS = env_int(
    "FAIRVILLE_FRAGMENT_CACHE_SECONDS", 300 if env("REDIS_URL") else 0
)
# The same for search results: the worker's index writes must reach every web process.
FAIRVILLE_SEARCH_CACHE_SECONDS = env_int(
    "FAIRVILLE_SEARCH_CACHE_SECONDS", 600 if env("REDIS_URL") else 0
)

if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "cms.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # Images, video and captions then come from the bucket's own origin.
    MEDIA_ORIGIN = media_origin(
        env("AWS_STORAGE_BUCKET_NAME"),
        env("AWS_S3_CUSTOM_DOMAIN"),
        env("AWS_S3_ENDPOINT_URL"),
        env("AWS_S3_REGION_NAME"),
    )
    # Documents (self-hosted video among them) come from the bucket's own address, signed
    # for a while (cms/documents.py), wherever the public media are served from.
    DOCUMENT_ORIGIN = signed_media_origin(
        env("AWS_STORAGE_BUCKET_NAME"), env("AWS_S3_ENDPOINT_URL")
    )
    for directive in ("img-src", "media-src"):
        for origin in dict.fromkeys([MEDIA_ORIGIN, DOCUMENT_ORIGIN]):
            CONTENT_SECURITY_POLICY["DIRECTIVES"][directive].append(origin)
            FAIRVILLE_ADMIN_CSP_REPORT_ONLY[directive].append(origin)
    # Links to documents always go through Wagtail's view (privacy check, then a signed
    # address), never straight to the bucket ("direct").
    WAGTAILDOCS_SERVE_METHOD = "redirect"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# An SMTP server that accepts the connection and then hangs would hold a task worker
# for ever: give up, and the email task tries again later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
