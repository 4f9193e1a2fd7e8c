"""Licences and citations on a page: ``{% load citation_tags %}``."""

from django import template

from cms.citation import FORMATS
from cms.licences import licence_for

register = template.Library()

FORMAT_NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


@register.inclusion_tag("includes/citation_meta.html")
def citation_meta(citation):
    """Highwire ``citation_*`` meta tags, which Zotero and Google Scholar read."""
    return {"tags": citation.highwire() if citation else []}


@register.inclusion_tag("includes/cite_this.html", takes_context=True)
def cite_this(context, citation, downloads=None):
    """The formatted reference, the licence (``rel="license"``) and the downloads.

    ``downloads``: where ``bibtex/``, ``ris/`` and ``csl-json/`` are, the page's
    ``cite/`` by default.
    """
    request = context.get("request")
    if downloads is None:
        page = context.get("page")
        downloads = f"{page.get_url(request)}cite/" if page is not None else ""
    links = [(FORMAT_NAMES[fmt], f"{downloads}{fmt}/", FORMATS[fmt][0]) for fmt in FORMATS]
    return {"citation": citation, "links": links if downloads else []}


@register.inclusion_tag("includes/licence.html")
def licence_notice(licence, label=None):
    """A licence, linked; not ``rel="license"`` (that is the page's, in "cite this")."""
    return {"licence": licence, "label": label}


@register.simple_tag(takes_context=True)
def licence_of(context, obj, parent=None):
    """The licence that applies to ``obj`` (its own, ``parent``'s, or the site's)."""
    return licence_for(obj, context.get("request"), parent=parent)
