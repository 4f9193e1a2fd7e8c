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
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


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
