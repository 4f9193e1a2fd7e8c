"""Case studies discussed in recordings: each side's links, in the reader's language,
in a constant number of queries however many links there are.

Rows are translatable for their note (``CaseStudyDiscussion``): a page shows, for each
link, the row in its own language if an editor translated it, else the source's; the
other page in the reader's language, or in its own if it was never translated; nothing
when that page is not live and public.
"""

from django.utils.translation import gettext as _

from sessions.models import RecordingPage, SessionPage
from sessions.spans import Span

from .models import CaseStudyDiscussion, CaseStudyPage
from .privacy import public


def _one_per_link(rows, locale_id):
    """The row in this language for each link, else the first (source) row."""
    chosen = {}
    for row in rows:
        kept = chosen.get(row.translation_key)
        if kept is None or (row.locale_id == locale_id and kept.locale_id != locale_id):
            chosen[row.translation_key] = row
    return sorted(chosen.values(), key=lambda row: (row.start, row.pk))


def _in_language(model, keys, locale_id):
    """{translation_key: the live public page in this language; or, where the page was
    never translated into it, in another language}. A page unpublished in the reader's
    language is not replaced by another language's."""
    translated = set(
        model.objects.filter(translation_key__in=keys, locale_id=locale_id).values_list(
            "translation_key", flat=True
        )
    )
    pages = {}
    for page in public(model.objects.live().filter(translation_key__in=keys)).order_by("pk"):
        key = page.translation_key
        if page.locale_id == locale_id or (key not in translated and key not in pages):
            pages[key] = page
    return pages


def discussed_in(page, request):
    """Where this case study was discussed: [{recording, session, row, url}], by time."""
    rows = _one_per_link(
        CaseStudyDiscussion.objects.filter(case_study__translation_key=page.translation_key)
        .select_related("recording", "locale")
        .order_by("pk"),
        page.locale_id,
    )
    if not rows:
        return []
    recordings = _in_language(
        RecordingPage, {row.recording.translation_key for row in rows}, page.locale_id
    )
    parents = {recording.path[: -recording.steplen] for recording in recordings.values()}
    sessions = {session.path: session for session in SessionPage.objects.filter(path__in=parents)}
    found = []
    for row in rows:
        recording = recordings.get(row.recording.translation_key)
        if recording is None:
            continue
        found.append(
            {
                "row": row,
                "recording": recording,
                "session": sessions.get(recording.path[: -recording.steplen]),
                "url": f"{recording.get_url(request)}?t={row.seconds}#player",
            }
        )
    return sorted(found, key=lambda item: (item["recording"].path, item["row"].start))


def recording_spans(request, recording):
    """The sessions app's hook: the case studies discussed in this recording."""
    rows = _one_per_link(
        CaseStudyDiscussion.objects.filter(recording__translation_key=recording.translation_key)
        .select_related("case_study", "locale")
        .order_by("pk"),
        recording.locale_id,
    )
    if not rows:
        return []
    cases = _in_language(
        CaseStudyPage, {row.case_study.translation_key for row in rows}, recording.locale_id
    )
    spans = []
    for row in rows:
        case = cases.get(row.case_study.translation_key)
        if case is not None:
            spans.append(
                Span(
                    row.seconds,
                    row.end_seconds,
                    _("Case study"),
                    case.title,
                    case.get_url(request),
                    row.note,
                    row.locale.language_code if row.locale_id != recording.locale_id else "",
                )
            )
    return spans
