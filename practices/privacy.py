"""Which pages a visitor may see, read once and kept: the sections editors restricted.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is
called; a case study page called it twice (its sessions, its discussions) and a
recording page once. Here the restricted paths are those routing keeps
(``cms.routing.restricted_paths``, in the shared cache under the content version):
saving or deleting a restriction, and moving or deleting a page, forget them.
"""

from django.db.models import Q

from cms.routing import restricted_paths


def public(pages):
    """``pages.public()``: the pages outside every restricted section."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages


def is_public(page):
    return not any(page.path.startswith(path) for path in restricted_paths())
