"""Which licence applies, and how it is shown.

A case study, a recording or a transcript may name its own licence (a ``licence``
foreign key to ``cms.Licence``); otherwise the site's default applies (site settings),
and failing that CC BY 4.0. A transcript without its own licence has its recording's.
"""

from wagtail.models import Site

from cms.models import Licence, SiteSettings


def site_licence(request=None, site=None):
    """The site's default licence (site settings, else CC BY 4.0)."""
    if request is not None:
        settings = SiteSettings.for_request(request)
    else:
        site = site or Site.objects.filter(is_default_site=True).first()
        settings = SiteSettings.for_site(site) if site else None
    if settings is not None and settings.default_licence_id:
        return settings.default_licence
    return Licence.fallback()


def licence_for(obj, request=None, site=None, parent=None):
    """The licence of ``obj`` (a page or a transcript): its own, else its ``parent``'s
    own (a transcript's recording), else the site's."""
    for holder in (obj, parent):
        if holder is not None and getattr(holder, "licence_id", None):
            return holder.licence
    return site_licence(request, site)


def site_doi(request=None):
    """The open data's DOI from the site settings, or ''."""
    if request is not None:
        return SiteSettings.for_request(request).doi
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).doi if site else ""


def licensing_version(request):
    """What changes the licences and DOI an export names: the site's default and DOI, and
    every licence's text (a case study or a transcript may name any of them)."""
    settings = SiteSettings.for_request(request)
    licences = Licence.objects.order_by("pk").values_list("pk", "name", "url", "spdx_id")
    return (settings.default_licence_id, settings.doi, tuple(licences))
