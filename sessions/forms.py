"""The session editing form: times typed in the session's own time zone."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from sessions.timefmt import DEFAULT_TIME_ZONE

TIME_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _zone(name):
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


class SessionPageForm(WagtailAdminPageForm):
    """Start and end are wall-clock times in the session's zone, whatever the editor's own.

    Django reads a typed datetime in the editor's time zone (their admin profile or
    the site's). A session in Paris typed by an editor in London must still mean
    15h in Paris, so the typed wall-clock time is re-read in the session's zone, and
    stored times are shown back in that zone.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(self.instance.time_zone)
        for name in TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = _zone(cleaned.get("time_zone") or self.instance.time_zone)
        for name in TIME_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_naive(value).replace(tzinfo=zone)
        # A new page is not in the tree yet, so the model cannot see its series.
        number = cleaned.get("number")
        if number is not None and not self.instance.path and self.parent_page is not None:
            clash = self.instance.number_clash(self.parent_page, number)
            if clash is not None:
                self.add_error("number", clash)
        return cleaned
