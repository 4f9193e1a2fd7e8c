"""schema.org ``Event`` data for a session page, as JSON-LD.

Built from the same attributes the page displays, so that search engines and the
visitor read the same facts. Only public information goes in: the location of an
online session is its public page, never a meeting link.
"""

from django.utils.html import strip_tags
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


def event_data(page, request, citation=None):
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
    if citation is not None:
        # An Event is no creative work: what "cite this" says (authors, licence, DOI) is
        # about the page describing it.
        data["subjectOf"] = {
            "@type": "WebPage",
            "name": citation.title,
            "url": citation.url,
            **citation.schema_org(),
        }
    return data


def iso_duration(seconds):
    """Seconds -> ISO 8601, e.g. 'PT1H58M30S'."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{seconds}S" if seconds or text == "PT" else "")


def video_data(page, request, playback, poster_url, citation=None):
    """schema.org ``VideoObject`` for a recording page: what a visitor watches and reads.

    The thumbnail is the site's own poster; ``embedUrl`` is given for a hosted video only
    (the privacy-enhanced player), ``contentUrl`` for a file served by the site. The
    transcript is the one shown, in full; the Event is the session it records.
    """
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": page.title,
        "url": url,
        "thumbnailUrl": [request.build_absolute_uri(poster_url)],
        "inLanguage": page.locale.language_code,
    }
    description = " ".join(strip_tags(normalize_newlines(page.intro)).split())
    session = page.session
    data["description"] = (
        description
        or page.search_description
        or (_("Recording of %(session)s") % {"session": session.label} if session else page.title)
    )
    moment = page.recorded_at or page.first_published_at
    if moment:
        data["uploadDate"] = moment.isoformat()
    if page.duration:
        data["duration"] = iso_duration(page.duration_seconds)
    video = playback["video"]
    if playback["hosted"]:
        data["embedUrl"] = playback["hosted"].embed_url().split("?")[0]
    elif video is not None and video.file_id:
        data["contentUrl"] = request.build_absolute_uri(video.file.url)
        data["encodingFormat"] = video.mime_type
    transcript = playback["transcript"]
    if transcript is not None and playback["part"] is not None:
        # The part shown on the page (all of it for most sessions): a page stays in budget.
        data["transcript"] = "\n".join(paragraph.text for paragraph in playback["part"].paragraphs)
    if session is not None:
        event = event_data(session, request)
        event.pop("@context", None)
        data["recordedAt"] = event
    people = [{"@type": "Person", "name": person.name} for person in page.speaker_list]
    if people:
        data["actor"] = people
    chapters = [
        {
            "@type": "Clip",
            "name": chapter.title,
            "startOffset": chapter.seconds,
            "url": f"{url}?t={chapter.seconds}",
        }
        for chapter in page.chapter_list
    ]
    if chapters:
        data["hasPart"] = chapters
    if citation is not None:
        # Authors, publisher, licence and DOI: the same facts as "cite this".
        data.update(citation.schema_org())
    return data
