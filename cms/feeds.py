"""RSS and Atom feeds of the newest pages of one type, in one language (Django syndication).

An app subclasses ``LatestPagesFeed`` with its page ``model`` and what an entry says, and
serves it from a route of the page the entries live under::

    class CaseStudyFeed(LatestPagesFeed):
        model = CaseStudyPage

        def item_description(self, item):
            return item.summary

    @path("feed/rss/", name="feed_rss")
    def feed_rss_route(self, request):
        return CaseStudyFeed(self, "rss")(request)

Only live pages an anonymous visitor may see, in the parent page's language: a feed is
public. Entries carry only what the subclass chooses to say (a public summary); a feed
under /fr/ or /en/ is cached like any page (cms/pagecache.py) and forgotten on publish.
Link feeds from the pages' head with ``{% include "includes/feed_links.html" %}``.

Each feed and each entry names its licence (``cms.licences``): Atom as
``<link rel="license">`` and ``<rights>``, RSS as ``<creativeCommons:license>``.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .licences import licence_for, site_licence

# The RSS module that names an item's licence by its address (read by feed readers and
# the Creative Commons tools); Atom has rel="license" links (RFC 4946).
CC_RSS = "http://backend.userland.com/creativeCommonsRssModule"


class LicensedRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:creativeCommons": CC_RSS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("creativeCommons:license", self.feed["licence_url"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("creativeCommons:license", item["licence_url"])


class LicensedAtomFeed(Atom1Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("link", "", {"rel": "license", "href": self.feed["licence_url"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("link", "", {"rel": "license", "href": item["licence_url"]})


FEED_TYPES = {"rss": LicensedRssFeed, "atom": LicensedAtomFeed}


class LatestPagesFeed(Feed):
    model = None
    limit = 20

    def __init__(self, parent, kind="rss"):
        super().__init__()
        self.parent = parent
        self.feed_type = FEED_TYPES[kind]

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        # Django reads the feed's language from this attribute, not from a method.
        self.language = self.parent.locale.language_code
        return self.parent

    def items(self, parent):
        return (
            self.model.objects.live()
            .public()
            .descendant_of(parent)
            .filter(locale_id=parent.locale_id)
            .order_by("-first_published_at", "-pk")[: self.limit]
        )

    def title(self, parent):
        return parent.title

    def link(self, parent):
        return parent.get_url(self.request)

    def description(self, parent):
        return parent.search_description or parent.title

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def feed_copyright(self, parent):
        return site_licence(self.request).name

    def feed_extra_kwargs(self, parent):
        return {"licence_url": site_licence(self.request).url}

    def item_copyright(self, item):
        return licence_for(item, self.request).name

    def item_extra_kwargs(self, item):
        return {"licence_url": licence_for(item, self.request).url}
