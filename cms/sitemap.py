"""sitemap.xml: every live public page of every language, with its translations as
hreflang alternates.

Wagtail's own sitemap lists the descendants of the site's root page only, which is
the French home; the English home is its sibling. This one starts from every
translation of the root page, and leaves out aliases (the same content at another
address) and pages under a privacy restriction.
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Locale, Page


class Sitemap(WagtailSitemap):
    def items(self):
        trees = Q()
        for home in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(trees, alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self.alternates({page.translation_key for page in pages})
        urls, last_mods = [], set()
        for item in pages:
            own_url = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                if url_info["location"] == own_url and len(alternates[item.translation_key]) > 1:
                    url_info = {**url_info, "alternates": alternates[item.translation_key]}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, translation_keys):
        """{translation_key: [{"lang_code", "location"}, ...]} for the live public versions."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        found = defaultdict(list)
        for version in self.items().filter(translation_key__in=translation_keys):
            found[version.translation_key].append(
                {
                    "lang_code": languages[version.locale_id],
                    "location": version.get_full_url(self.request),
                }
            )
        return found
