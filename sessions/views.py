from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.licences import licence_for

from .calendars import build_calendar, has_event
from .captions import to_webvtt
from .models import RecordingPage, SeriesPage, SessionPage, Transcript

CALENDAR_TYPE = "text/calendar; charset=utf-8"
# Page ids are 32-bit; a longer number in the URL is simply not a page (SQLite would
# raise OverflowError on it rather than find nothing).
MAX_PAGE_ID = 2**31 - 1


def _page_in_url_language(model, pk, route):
    """The live public page, or a redirect to its version in the URL's language."""
    if pk > MAX_PAGE_ID:
        raise Http404
    page = get_object_or_404(model.objects.live().public().select_related("locale"), pk=pk)
    if page.locale.language_code == get_language():
        return page, None
    translated = page.get_translation_or_none(Locale.get_active())
    if translated is None or not translated.live:
        raise Http404(_("This page does not exist in this language."))
    return None, redirect(reverse(route, kwargs={"pk": translated.pk}))


def session_calendar(request, pk):
    session, response = _page_in_url_language(SessionPage, pk, "event_sessions:session_calendar")
    if response is not None:
        return response
    if not has_event(session):
        raise Http404(_("This session has no confirmed date yet."))
    response = HttpResponse(build_calendar([session], request, session.title), CALENDAR_TYPE)
    filename = f"session-{session.number or session.pk}-{get_language()}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def series_calendar(request, pk):
    series, response = _page_in_url_language(SeriesPage, pk, "event_sessions:series_calendar")
    if response is not None:
        return response
    content = build_calendar(series.sessions(), request, series.title)
    return HttpResponse(content, CALENDAR_TYPE)


def captions(request, pk, language):
    """The self-hosted player's captions in one language, as WebVTT, from the transcript."""
    if pk > MAX_PAGE_ID:
        raise Http404
    page = get_object_or_404(RecordingPage.objects.live().public(), pk=pk)
    transcript = (
        Transcript.objects.filter(
            recording__translation_key=page.translation_key, language=language
        )
        .order_by("pk")
        .first()
    )
    if transcript is None:
        raise Http404(_("There is no transcript in this language."))
    segments = transcript.segments.order_by("start_ms", "position")
    licence = licence_for(transcript, request, parent=transcript.recording)
    note = _("Licence: %(name)s (%(url)s)") % licence.as_dict()
    response = HttpResponse(to_webvtt(segments, note), "text/vtt; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="recording-{page.pk}-{language}.vtt"'
    return response
