"""The static "service unavailable" pages the load balancer serves when no Django process
can answer (a worker killed mid-request, every worker busy restarting): written from the
catalogues by ``manage.py error_pages DIRECTORY`` at each release.

``503.<code>.html`` for each configured language, which the load balancer picks from the
address's language prefix, and ``503.html`` in every language for other addresses
(docs/deploy.md shows nginx's configuration). A language whose catalogue does not
translate the message gets no page of its own (Django would give it the source
language's words under its code): its addresses get ``503.html``, where each text is
marked with the language it is written in.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from cms import languages

# The msgids of templates/503.html, which Django serves when the database is away.
TITLE = gettext_noop("Service temporarily unavailable")
TEXT = gettext_noop("The site is temporarily unavailable. Please try again in a few moments.")


def versions():
    """[{code, dir, title, text}]: the message in each configured language that has it in
    its own words, the source first."""
    found = []
    for code in languages.codes():
        with translation.override(code):
            title, text = gettext(TITLE), gettext(TEXT)
            direction = "rtl" if translation.get_language_bidi() else "ltr"
        if all(version["text"] != text for version in found):
            found.append({"code": code, "dir": direction, "title": title, "text": text})
    return found


def render(versions):
    return render_to_string(
        "503-static.html",
        {"versions": versions, "title": " · ".join(version["title"] for version in versions)},
    )


def static_pages():
    """{file name: HTML} of every static 503 page."""
    found = versions()
    pages = {f"503.{version['code']}.html": render([version]) for version in found}
    pages["503.html"] = render(found)
    return pages
