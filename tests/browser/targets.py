"""The public pages a browser test should visit: one live page of every page type.

Discovered from the demo data, so a new page type is covered as soon as the demo
has a page of it (and a test fails if it has none).
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, get_page_models

from practices.models import LibraryPage

NOT_FOUND = "/{language}/this-page-does-not-exist/"
# Two filters from two facets, which the demo answers in both languages.
LIBRARY_FILTERS = "?lab=berlin&lever=defendre"
SEARCH_QUERY = "?q=co-production"


def page_types():
    return sorted(
        (model for model in get_page_models() if model.is_creatable and model is not Page),
        key=lambda model: model._meta.label,
    )


def public_pages(language):
    """[(label, path)] for the first live public page of each type, then the 404 page."""
    targets, missing = [], []
    for model in page_types():
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=language, alias_of__isnull=True)
            .order_by("path")
            .first()
        )
        if page is None:
            missing.append(model._meta.label)
        else:
            targets.append((model._meta.label, page.get_url()))
    assert not missing, f"no live {language} demo page of type {missing}: add one to the demo"
    targets.append(("404", NOT_FOUND.format(language=language)))
    return targets


def result_pages(language):
    """[(label, path, selector of a result)]: the library with filters applied, and a page
    of search results, which look different from the bare pages."""
    library = LibraryPage.objects.live().get(locale__language_code=language)
    with translation.override(language):
        search = reverse("search")
    return [
        ("library with filters", f"{library.url}{LIBRARY_FILTERS}", ".case"),
        ("search results", f"{search}{SEARCH_QUERY}", ".search-hit"),
    ]


def forms_with_errors(language):
    """[(label, path, submit button)]: public forms to submit empty, to check their errors.

    The registration form of the first session that takes registrations (the demo's
    example session), the library's form to propose a case study, and the form to follow
    the library by email.
    """
    from practices.models import LibraryPage
    from sessions.models import SessionPage
    from sessions.registration.state import is_open

    sessions = SessionPage.objects.live().public().filter(locale__language_code=language)
    session = next((s for s in sessions.order_by("path") if is_open(s)), None)
    assert session is not None, f"no {language} demo session takes registrations"
    library = LibraryPage.objects.live().get(locale__language_code=language)
    with translation.override(language):
        follow = reverse("community:follow", args=["library"])
        # The proposal route's path is translated: reverse it in the page's language.
        propose = library.url + library.reverse_subpage("propose")
    return [
        ("registration form with errors", session.get_url(), "#registration button"),
        (
            "case-study proposal with errors",
            propose,
            "main form button[type=submit]",
        ),
        ("follow form with errors", follow, "main form button[type=submit]"),
    ]
