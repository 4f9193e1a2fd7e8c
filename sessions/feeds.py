"""The archive's feeds of new recordings (RSS and Atom), in the archive's language."""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cms.feeds import LatestPagesFeed

from .models import RecordingPage


class RecordingFeed(LatestPagesFeed):
    model = RecordingPage

    def items(self, archive):
        # Recordings live under their sessions, not under the archive: every one of its language.
        return (
            RecordingPage.objects.live()
            .public()
            .filter(locale_id=archive.locale_id)
            .order_by("-first_published_at", "-pk")[: self.limit]
        )

    def title(self, archive):
        return _("%(archive)s: new recordings") % {"archive": archive.title}

    def description(self, archive):
        return _("The session recordings most recently published, with their transcripts.")

    def item_description(self, item):
        text = " ".join(strip_tags(item.intro).split())
        session = item.session
        label = _("Recording of %(session)s") % {"session": session.label} if session else ""
        return " ".join(part for part in (label + "." if label else "", text) if part)
