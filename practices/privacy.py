"""Which pages a visitor may see, read once and kept: the sections editors restricted.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is
called; a case study page called it twice (its sessions, its discussions) and a
recording page once. Here the restricted paths are kept in the shared cache
(``cms.fragments.shared``): saving or deleting a restriction, and moving or deleting a
page, replace the page cache's version, which forgets them.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from cms.fragments import shared


def restricted_paths():
    """The tree paths of the restricted pages (each restricts its whole section)."""

    def build():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    return shared("practices:restricted-paths", build)


def public(pages):
    """``pages.public()``: the pages outside every restricted section."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages


def is_public(page):
    return not any(page.path.startswith(path) for path in restricted_paths())
