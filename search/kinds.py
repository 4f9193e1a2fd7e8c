"""The kinds of result on the public search page, and the facets each one carries.

This is the one place that knows the content models; the index, the backends and the view
only know kinds and facets. Any page not registered here is a plain "page" result.
"""

from django.utils.translation import gettext_lazy as _

from .documents import Kind, register  # noqa: F401

# Facets of the search page, in display order, with their labels.
FACETS = {
    "type": _("Type"),
    "lab": _("Lab"),
    "tag": _("Tag"),
    "lever": _("Lever"),
    "year": _("Year"),
}
