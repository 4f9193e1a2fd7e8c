"""What a recording page shows for a request: the version and transcript chosen, the time.

Everything is chosen from the address (``?video=en&transcript=fr&t=2530``), so every
state has a link that works without JavaScript and can be cached: the player starts at
``t``, and the transcript opens at the part and paragraph holding that moment. By
default the visitor gets the version and the transcript in the page's language.

``?moment=6000-3fa2c1d0`` is a citable moment (``sessions.moments``): the page starts
the player at that segment, opens its transcript there, highlights it and shows how to
cite and share it.

A long transcript is shown in parts of about ``PART_CHARS`` characters, so that a page
stays within its weight budget whatever the length of the session.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from . import moments
from .captions import format_clock
from .models.recordings import ORIGINAL
from .spans import place_spans, recording_spans

PART_CHARS = 20_000
MAX_SECONDS = 200 * 3600
PLACEHOLDER_POSTER = "event_sessions/img/poster.svg"


@dataclass
class Part:
    number: int
    paragraphs: list
    start: int  # seconds
    end: int

    @property
    def label(self):
        return f"{format_clock(self.start)}–{format_clock(self.end)}"


def split_parts(paragraphs, size=PART_CHARS):
    parts, current, length = [], [], 0
    for paragraph in paragraphs:
        if current and length + len(paragraph.text) > size:
            parts.append(current)
            current, length = [], 0
        current.append(paragraph)
        length += len(paragraph.text)
    if current:
        parts.append(current)
    return [
        Part(number, items, items[0].seconds, items[-1].end_ms // 1000)
        for number, items in enumerate(parts, 1)
    ]


def _int(value, upper):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= upper else None


def _pick(items, wanted, *fallbacks):
    for code in (wanted, *fallbacks):
        for item in items:
            if code and item.language == code:
                return item
    return items[0] if items else None


class Linker:
    """Links to another state of the page, keeping the versions chosen where there is
    a choice (a page with one version does not repeat it in every link)."""

    def __init__(self, videos, video, transcripts, transcript):
        self.state = {}
        if video and len(videos) > 1:
            self.state["video"] = video.language
        if transcript and len(transcripts) > 1:
            self.state["transcript"] = transcript.language

    def __call__(self, **changes):
        query = {**self.state, **changes}
        return "?" + urlencode({key: value for key, value in query.items() if value is not None})


def choose(page, params):
    """The video and transcript asked for (or in the page's language), the exact
    segment of a moment permalink if it still exists, and the start time."""
    language = page.locale.language_code
    video = _pick(page.video_list, params.get("video"), language, ORIGINAL)
    transcripts = page.transcript_list
    transcript = _pick(transcripts, params.get("transcript"), language)
    wanted = moments.parse(params.get("moment"))
    exact = moments.exact_segment(transcripts, wanted) if wanted and transcripts else None
    if exact is not None:
        transcript = next(t for t in transcripts if t.pk == exact.transcript_id)
    seconds = _int(params.get("t"), MAX_SECONDS)
    return video, transcript, wanted, exact, seconds


def open_transcript(transcript, seconds, part_number):
    """The transcript's parts, and the part and paragraph holding ``seconds`` (else the
    part asked for, else the first, with no paragraph in focus)."""
    parts = split_parts(transcript.paragraphs())
    part = focus = None
    if seconds is not None:
        for candidate in parts:
            for paragraph in candidate.paragraphs:
                if paragraph.seconds <= seconds:
                    part, focus = candidate, paragraph
    if part is None:
        number = _int(part_number, len(parts)) or 1
        part = parts[number - 1] if parts else None
    return parts, part, focus


def open_moment(page, transcript, wanted, exact, request, link):
    """(parts, part, paragraph, Moment) of a moment permalink, or None when the
    transcript has no segment at all."""
    parts = split_parts(transcript.paragraphs())
    found = find_moment(parts, wanted, exact)
    if found is None:
        return None
    part, paragraph, segment = found
    segment.current = True
    moment = moments.Moment(
        segment=segment,
        speaker=paragraph.speaker,
        url=request.build_absolute_uri(
            page.get_url(request) + link(moment=moments.moment_id(segment))
        ),
        exact=exact is not None and segment.pk == exact.pk,
    )
    return parts, part, paragraph, moment


def find_moment(parts, wanted, exact):
    """(part, paragraph, segment) of the moment: the exact segment, else the one
    nearest in time in the transcript shown."""
    located = [
        (part, paragraph, segment)
        for part in parts
        for paragraph in part.paragraphs
        for segment in paragraph.segments
    ]
    if exact is not None:
        found = next((item for item in located if item[2].pk == exact.pk), None)
        if found is not None:
            return found
    segment = moments.nearest([item[2] for item in located], wanted[0])
    return next((item for item in located if item[2] is segment), None)


def link_transcript(parts, part, link):
    """Each part's link, and in the part shown each paragraph's time and each
    segment's permalink."""
    for candidate in parts:
        candidate.url = link(part=candidate.number if candidate.number > 1 else None)
    if part is None:
        return
    for paragraph in part.paragraphs:
        paragraph.url = link(t=paragraph.seconds) + "#player"
        paragraph.anchor = f"t-{paragraph.seconds}"
        for segment in paragraph.segments:
            segment.moment_id = moments.moment_id(segment)
            segment.permalink = link(moment=segment.moment_id) + f"#m-{segment.moment_id}"


def caption_tracks(page, video, transcripts, transcript):
    """The self-hosted player's subtitle tracks, one per transcript (a hosted player
    has its own)."""
    if not video or video.hosted:
        return []
    names = dict(settings.LANGUAGES)
    return [
        {
            "language": item.language,
            "label": str(names.get(item.language, item.language)),
            "url": reverse(
                "event_sessions:captions", kwargs={"pk": page.pk, "language": item.language}
            ),
            "default": item == transcript,
        }
        for item in transcripts
    ]


def playback(page, request):
    videos, transcripts = page.video_list, page.transcript_list
    video, transcript, wanted, exact, seconds = choose(page, request.GET)
    link = Linker(videos, video, transcripts, transcript)

    parts, part, focus, moment = [], None, None, None
    if transcript is not None:
        opened = open_moment(page, transcript, wanted, exact, request, link) if wanted else None
        if opened:
            parts, part, focus, moment = opened
            seconds = moment.seconds
        else:
            parts, part, focus = open_transcript(transcript, seconds, request.GET.get("part"))
        link_transcript(parts, part, link)
        if part is not None:
            spans = recording_spans(request, page)
            for span in spans:
                span.seek_url = link(t=span.start) + "#player"
            place_spans(part.paragraphs, spans)
        if focus is not None:
            focus.anchor = f"t-{seconds}"
            focus.current = True
    for chapter in page.chapter_list:
        chapter.url = link(t=chapter.seconds) + "#player"

    return {
        "seconds": seconds,
        "moment": moment,
        **video_context(page, video, videos, seconds, link),
        "captions": caption_tracks(page, video, transcripts, transcript),
        "transcripts": transcript_choices(transcripts, transcript, link),
        "transcript": transcript,
        "parts": parts,
        "part": part,
    }


def video_context(page, video, videos, seconds, link):
    hosted = video.hosted if video else None
    return {
        "videos": [
            {
                "label": item.get_language_display(),
                "url": link(video=item.language),
                "selected": item == video,
            }
            for item in videos
        ],
        "video": video,
        "hosted": hosted,
        "embed_url": hosted.embed_url() if hosted else "",
        "watch_url": hosted.watch_url(seconds or 0) if hosted else "",
        "file_url": video.file.url if video and video.file_id else "",
        "poster_url": None if page.poster_id else static(PLACEHOLDER_POSTER),
    }


def transcript_choices(transcripts, transcript, link):
    names = dict(settings.LANGUAGES)
    return [
        {
            "label": str(names.get(item.language, item.language)),
            "language": item.language,
            "url": link(transcript=item.language) + "#transcript",
            "selected": item == transcript,
        }
        for item in transcripts
    ]
