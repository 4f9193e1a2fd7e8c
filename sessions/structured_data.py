"""schema.org ``Event`` data for a session page, as JSON-LD.

Built from the same attributes the page displays, so that search engines and the
visitor read the same facts. Only public information goes in: the location of an
online session is its public page, never a meeting link.
"""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from cms.models import SiteSettings

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    # schema.org has no "to be confirmed"; the date is given to the month only.
    "tbc": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
# Same escapes as Django's json_script: the data cannot close the <script> element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def event_data(page, request):
    url = page.get_full_url(request)
    site_settings = SiteSettings.for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "eventAttendanceMode": SCHEMA + "OnlineEventAttendanceMode",
        "eventStatus": SCHEMA + EVENT_STATUS[page.status],
        "location": {"@type": "VirtualLocation", "url": url},
        "organizer": {
            "@type": "Organization",
            "name": _("The Fairville project"),
            "url": site_settings.project_url,
        },
        "inLanguage": list(page.languages),
    }
    description = " ".join(strip_tags(normalize_newlines(page.intro)).split())
    if description or page.search_description:
        data["description"] = description or page.search_description
    if page.has_time:
        data["startDate"] = page.starts_at.astimezone(page.zone).isoformat()
        data["endDate"] = page.ends_at.astimezone(page.zone).isoformat()
    elif page.provisional_month:
        data["startDate"] = page.provisional_month.strftime("%Y-%m")
    performers = {}
    for contributor in page.contributor_list:
        person = contributor.person
        entry = {"@type": "Person", "name": person.name}
        if person.organisation_id:
            entry["affiliation"] = {"@type": "Organization", "name": person.organisation.name}
        performers.setdefault(person.pk, entry)
    if performers:
        data["performer"] = list(performers.values())
    return data


def json_ld(data):
    """The ``<script type="application/ld+json">`` element for ``data``."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
