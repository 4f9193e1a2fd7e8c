"""Byte ranges of documents, so that a self-hosted recording plays and seeks everywhere.

Wagtail's document view sends a whole file for every request. Browsers fetch video in
ranges (``Range: bytes=...``): Safari plays nothing without a 206 answer, and every
browser seeking far into a long recording would otherwise wait for the file to
download up to that point. This hook answers range requests itself, after Wagtail's
own ``before_serve_document`` hooks (collection privacy) have passed; a request without
a range is left to Wagtail. One range per request, as browsers ask for media, and at most
``PART`` bytes of it: Wagtail takes only a plain ``HttpResponse`` from the hook, held in
memory, and a browser asks for the rest of an open range ("bytes=0-") as it plays.
With object storage, the view redirects to the bucket, which answers ranges itself
(docs/deploy.md), at an address signed for a short time (``redirect_to_bucket``).
"""

import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect

RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
PART = 4 * 1024 * 1024
# Positions past this (an exabyte) are past the end of any file: read no more digits
# (Python refuses int() past 4,300 digits, and reads fewer in quadratic time).
LARGEST = 10**18


def serve_range(document, request):
    header = request.headers.get("Range")
    if not header or request.method != "GET" or not served_here(document):
        return None
    etag = f'"{document.file_hash}"' if document.file_hash else None
    if "If-Range" in request.headers and request.headers["If-Range"] != etag:
        return None  # the file changed since the browser's first part: all of it, again
    match = RANGE.fullmatch(header.strip())
    if match is None:
        return None  # several ranges, or not bytes: RFC 9110 lets a server send it all
    size = document.file.size
    bounds = byte_range(*match.groups(), size)
    if bounds is None:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return secure(response)
    start, end = bounds
    end = min(end, start + PART - 1)
    with document.file.open("rb") as handle:
        handle.seek(start)
        part = handle.read(end - start + 1)
    response = HttpResponse(part, status=206, content_type=document.content_type)
    response["Content-Range"] = f"bytes {start}-{start + len(part) - 1}/{size}"
    response["Content-Length"] = str(len(part))
    response["Content-Disposition"] = document.content_disposition
    if etag:
        response["ETag"] = etag
    return secure(response)


def redirect_to_bucket(document, request):
    """After Wagtail's privacy check: the bucket's signed, expiring address of the file.

    Wagtail would redirect to the object's permanent address, which works only if the
    bucket lets anyone read documents, private ones included, for ever, at a guessable
    name. Documents of a restricted collection get a short lifetime (the link is good for
    one download, or a few minutes of video), public ones a long one: the bucket
    gives no public read on documents at all.
    """
    sign = getattr(document.file.storage, "signed_url", None)
    if sign is None or served_here(document):
        return None
    if document.collection.get_view_restrictions().exists():
        seconds = settings.FAIRVILLE_PRIVATE_DOCUMENT_URL_SECONDS
    else:
        seconds = settings.FAIRVILLE_DOCUMENT_URL_SECONDS
    url = sign(
        document.file.name,
        seconds,
        ResponseContentType=document.content_type,
        ResponseContentDisposition=document.content_disposition,
    )
    response = HttpResponseRedirect(url)
    # The address is the visitor's pass to the file: no cache may keep or share it.
    response["Cache-Control"] = "private, no-store"
    return response


def served_here(document):
    """Whether Wagtail would send the file itself rather than redirect to its storage's
    address (which answers ranges on its own), as ``wagtail.documents.views.serve`` does."""
    method = getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None)
    if method is not None:
        return method == "serve_view"
    try:
        return bool(document.file.path)
    except NotImplementedError:
        return False


def byte_range(first, last, size):
    """``(first, last)`` byte positions asked for ("bytes=first-last"), or None if none of
    the file is."""
    if not first:  # "bytes=-500": the last 500 bytes
        if not last or _position(last) == 0 or size == 0:
            return None
        return max(size - _position(last), 0), size - 1
    first = _position(first)
    last = min(_position(last), size - 1) if last else size - 1
    if first > last:
        return None
    return first, last


def _position(digits):
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else LARGEST


def secure(response):
    # As Wagtail's own view: an uploaded file may run nothing and is never sniffed.
    if getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True):
        response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Accept-Ranges"] = "bytes"
    return response
