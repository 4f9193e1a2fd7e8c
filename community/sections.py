""" "Follow by email" on the pages of what can be followed (a ``fairville_page_sections``
section): the Dialogues and their recordings, a series and each of its sessions, the
library (with the lever, tag or lab it is filtered on) and a lab's page. Plain links to the
follow form: no script needed.
"""

from cms.fragments import shared
from cms.models.pages import PageSection
from practices.models import LibraryPage
from sessions.models import DialoguesPage, RecordingsIndexPage, SeriesPage, SessionPage

from .models import Topic
from .topics import describe, resolve, series_name

# A library page filtered on many values offers the first few of them.
MAX_FILTERS = 3


def _wanted(request, page):
    # The Dialogues' followers hear of new sessions and of new recordings.
    if isinstance(page, (DialoguesPage, RecordingsIndexPage)):
        return [(Topic.DIALOGUES, None)]
    if isinstance(page, SeriesPage):
        return [(Topic.SERIES, str(page.pk))]
    if not isinstance(page, LibraryPage):
        return []
    match = getattr(request, "routable_resolver_match", None)
    # A lab's page answers under its translated path ("lab") and the English one ("lab_any").
    if match is not None and match.url_name in ("lab", "lab_any"):
        return [(Topic.LAB, match.kwargs.get("code"))]
    filters = [
        (topic, code)
        for topic, name in ((Topic.LEVER, "lever"), (Topic.TAG, "tag"), (Topic.LAB, "lab"))
        for code in request.GET.getlist(name)[:MAX_FILTERS]
    ]
    return [*filters[:MAX_FILTERS], (Topic.LIBRARY, None)]


def follow_section(request, page, context):
    page = page.specific_deferred
    if isinstance(page, SessionPage):
        # A session's visitors are offered its series, whose followers hear of the next
        # sessions. Its parent is read once and kept with the link: the session page
        # costs no query more. A preview's (perhaps a page not yet saved) is never kept.
        if getattr(request, "is_preview", False):
            links = _series_links(page)
        else:
            links = shared("community:session-follow", lambda: _series_links(page), page.pk)
    else:
        links = _follow_links(_wanted(request, page))
    if not links:
        return None
    return PageSection("community/includes/follow_links.html", {"links": links}, order=90)


def _series_links(session):
    """The follow link of ``session``'s series: its parent, in the reader's language, if it
    is live and public (the series page's own link, in one query and public()'s)."""
    from django.urls import reverse

    parent = session.path[: -session.steplen]
    series = SeriesPage.objects.live().public().filter(path=parent).only("title").first()
    if series is None:
        return []
    url = reverse("community:follow_item", args=[Topic.SERIES, series.pk])
    return [{"name": series_name(series), "url": url}]


def _follow_links(wanted):
    codes, pairs = {}, []
    for topic, code in wanted:
        key = resolve(topic, code)  # the library's filters: without a query (topics.known_codes)
        if key is not None:
            codes[(topic, key)] = code
            pairs.append((topic, key))
    if not pairs:
        return []
    # Names and addresses come from content alone, for items that exist: kept in the
    # shared cache (cms.fragments) under the content's version.
    named = tuple((topic, key, codes[(topic, key)]) for topic, key in pairs)
    return shared("community:follow-links", lambda: _links(named), named)


def _links(named):
    from django.urls import reverse
    from django.utils.translation import get_language

    codes = {(topic, key): code for topic, key, code in named}
    links = []
    for item in describe(list(codes), get_language()):
        code = codes[(item["topic"], item["key"])]
        args = [item["topic"]] if code is None else [item["topic"], code]
        name = "community:follow" if code is None else "community:follow_item"
        links.append({"name": item["name"], "url": reverse(name, args=args)})
    return links
