"""The library's feeds of new case studies (RSS and Atom), in the library's language."""

from django.utils.translation import gettext as _

from cms.feeds import LatestPagesFeed

from .models import CaseStudyPage


class CaseStudyFeed(LatestPagesFeed):
    model = CaseStudyPage

    def title(self, library):
        return _("%(library)s: new case studies") % {"library": library.title}

    def description(self, library):
        return _("The case studies most recently added to the %(library)s.") % {
            "library": library.title
        }

    def item_description(self, item):
        return item.summary

    def item_categories(self, item):
        return [item.city]
