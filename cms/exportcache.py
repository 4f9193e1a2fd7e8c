"""Whole-data downloads built once per version of their data, not once per request.

The library's data package and DataCite record, and the transcripts' package, each hold
everything public of their kind: building one reads every case study or every transcript
segment and zips it. Its bytes are kept in the default cache under a key made of what
they depend on: the caller's version of its data (the library's ``LibraryVersion``
token, the transcripts' fingerprint), the licences and DOI every export names
(``cms.licences.licensing_version``), the language of its descriptions and the address
its links are written with. A request whose key is there reads the bytes; the first one
after a change builds them again. A query string changes nothing (the page cache, which
any unknown parameter bypasses, is no defence for these), and the routes are rate-limited
per client on top (scope ``OPEN_DATA_SCOPE``).

The cache may be per process (local memory in development) or shared (Redis): a key that
names the data's version is right in either, since the version is read from the database.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from .licences import licensing_version

# The rate-limit scope of every whole-data download (settings.FAIRVILLE_RATE_LIMITS).
OPEN_DATA_SCOPE = "open-data"
# A version is never asked for again once its data changed: let old ones go within a day.
SECONDS = 24 * 60 * 60


def key(request, name, version):
    parts = [
        name,
        get_language(),
        request.scheme,
        request.get_host(),
        *licensing_version(request),
        *version,
    ]
    return "export:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def download(request, name, version, build):
    """``build()`` -> ``(filename, bytes)``, called only when no download of ``name`` is
    kept for ``version`` (a tuple of what the data's content depends on)."""
    cache_key = key(request, name, version)
    kept = cache.get(cache_key)
    if kept is None:
        kept = build()
        cache.set(cache_key, kept, SECONDS)
    return kept
