"""Inside Django: what the load will ask for, and the stage set for the scenarios.

Usage (with the rehearsal's production environment): plan.py OUT.json EDITOR_PASSWORD.
Writes the URLs of every kind of public page in both languages, real words for the
search, the example session's registration URLs; moves the example session to
tomorrow, so that its 24-hour reminders fall due during the run; creates an editor
and a draft of a page for them to publish.
"""

import json
import os
import re
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from cms.models.pages import HomePage, StandardPage  # noqa: E402
from cms.pagecache import invalidate  # noqa: E402
from practices.models import CaseStudyPage, Lab  # noqa: E402
from practices.models.library import LibraryPage  # noqa: E402
from sessions.demo import EXAMPLE_SLUG  # noqa: E402
from sessions.models import RecordingPage, SeriesPage, SessionPage  # noqa: E402
from sessions.models.archive import RecordingsIndexPage  # noqa: E402

KINDS = {
    "home": HomePage,
    "series": SeriesPage,
    "session": SessionPage,
    "recording": RecordingPage,
    "recordings-index": RecordingsIndexPage,
    "library": LibraryPage,
    "case-study": CaseStudyPage,
}


def urls_by_kind(language):
    locale = Locale.objects.get(language_code=language)
    found = {}
    for kind, model in KINDS.items():
        pages = model.objects.live().public().filter(locale=locale)
        found[kind] = [page.url for page in pages[:30] if page.url]
    libraries = LibraryPage.objects.live().public().filter(locale=locale)
    with translation.override(language):
        found["lab"] = [
            library.lab_url(lab)
            for library in libraries
            for lab in Lab.objects.filter(locale=locale)
        ]
        found["feed"] = [url for library in libraries for _, _, url in library.feed_links()]
        for index in RecordingsIndexPage.objects.live().public().filter(locale=locale):
            found["feed"] += [url for _, _, url in index.feed_links()]
        found["calendar"] = [
            reverse("event_sessions:session_calendar", args=[page.pk])
            for page in SessionPage.objects.live().public().filter(locale=locale)
            if page.starts_at  # a session still to be dated has no calendar file
        ]
        found["search"] = [reverse("search")]
        found["suggestions"] = [reverse("search_suggestions")]
    found["api"] = [
        f"/api/v2/{endpoint}/?locale={language}"
        for endpoint in ("sessions", "recordings", "case-studies")
    ]
    return found


def search_words(language):
    locale = Locale.objects.get(language_code=language)
    words = set()
    for title in Page.objects.live().public().filter(locale=locale).values_list("title", flat=True):
        words.update(word.lower() for word in re.findall(r"\w{6,}", title))
    return sorted(words)[:80]


def stage_example_session():
    """The example session, moved to tomorrow: its 24-hour reminders are due now."""
    home = SessionPage.objects.filter(slug=EXAMPLE_SLUG).order_by("pk").first()
    starts = timezone.now() + timedelta(hours=23)
    SessionPage.objects.filter(translation_key=home.translation_key).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2), reminder_hours="24"
    )
    invalidate()
    register = {}
    for page in SessionPage.objects.filter(translation_key=home.translation_key, live=True):
        with translation.override(page.locale.language_code):
            register[page.locale.language_code] = {
                "page": page.url,
                "register": reverse("event_sessions:register", args=[page.pk]),
            }
    return {"home_id": home.pk, "capacity": home.capacity, "urls": register}


def double_opt_in():
    """Whether a registration waits for the link of a confirmation email."""
    try:
        reverse("event_sessions:confirm", args=["token"])
    except NoReverseMatch:
        return False
    return True


def stage_editor(password):
    user, _ = get_user_model().objects.get_or_create(
        username="rehearsal-editor", defaults={"email": "editor@example.org"}
    )
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    page = StandardPage.objects.live().filter(locale__language_code="fr").first().specific
    page.title = f"{page.title} (rehearsal edit)"
    page.save_revision(user=user)  # a draft, published by the editor during the run
    return {"username": user.username, "page_id": page.pk, "page_url": page.url}


def main():
    out, password = sys.argv[1], sys.argv[2]
    plan = {
        "pages": {language: urls_by_kind(language) for language in ("fr", "en")},
        "words": {language: search_words(language) for language in ("fr", "en")},
        "example": stage_example_session(),
        "editor": stage_editor(password),
        "double_opt_in": double_opt_in(),
    }
    Path(out).write_text(json.dumps(plan, indent=1))


if __name__ == "__main__":
    main()
