"""schema.org data as a ``<script type="application/ld+json">`` element."""

import json

from django.utils.safestring import mark_safe

# Same escapes as Django's json_script: the data cannot close the <script> element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """The JSON-LD script element for ``data`` (built as data, serialised by json.dumps)."""
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
