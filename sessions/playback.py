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
from functools import cached_property
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
# Part numbers past it are not kept apart (an address can ask for any number).
MAX_PART_KEY = 50
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


class Playback:
    """What the recording page shows for a request (``playback(page, request)``), read by
    the template (``p.parts``) and by code (``playback["part"]``) alike.

    The choice of version and transcript is made at once (two queries): it is what the
    page's kept parts are keyed on (``state``). Opening the transcript (all its segments,
    the parts, each segment's permalink) and the chapters' links are made only when read,
    so a render whose parts are kept (cms ``fragment``) never makes them.
    """

    def __init__(self, page, request):
        self.page, self.request = page, request
        self.video_list, self.transcript_list = page.video_list, page.transcript_list
        video, transcript, wanted, exact, seconds = choose(page, request.GET)
        self.video, self.transcript, self.wanted, self.exact = video, transcript, wanted, exact
        self.asked_seconds = seconds
        self.link = Linker(self.video_list, video, self.transcript_list, transcript)
        self.part_asked = request.GET.get("part")

    def __getitem__(self, name):
        return getattr(self, name)

    @property
    def state(self):
        """The versions chosen, as the page's links carry them ("video=en&transcript=fr")."""
        return urlencode(sorted(self.link.state.items()))

    @property
    def part_key(self):
        """The part asked for, as far as it can change what is shown (1 when none)."""
        return _int(self.part_asked, MAX_PART_KEY) or 1

    @property
    def focused(self):
        """A time or a moment was asked for: the page is opened there, for this address."""
        return self.wanted is not None or self.asked_seconds is not None

    @cached_property
    def opened(self):
        """(parts, part shown, paragraph in focus, Moment or None, seconds)."""
        transcript, seconds = self.transcript, self.asked_seconds
        if transcript is None:
            return [], None, None, None, seconds
        link = self.link
        opened = None
        if self.wanted:
            opened = open_moment(self.page, transcript, self.wanted, self.exact, self.request, link)
        if opened:
            parts, part, focus, moment = opened
            seconds = moment.seconds
        else:
            moment = None
            parts, part, focus = open_transcript(transcript, seconds, self.part_asked)
        link_transcript(parts, part, link)
        if part is not None:
            spans = recording_spans(self.request, self.page)
            for span in spans:
                span.seek_url = link(t=span.start) + "#player"
            place_spans(part.paragraphs, spans)
        if focus is not None:
            focus.anchor = f"t-{seconds}"
            focus.current = True
        return parts, part, focus, moment, seconds

    @property
    def parts(self):
        return self.opened[0]

    @property
    def part(self):
        return self.opened[1]

    @property
    def moment(self):
        return self.opened[3] if self.wanted else None

    @property
    def seconds(self):
        return self.opened[4] if self.wanted else self.asked_seconds

    @cached_property
    def chapters(self):
        chapters = self.page.chapter_list
        for chapter in chapters:
            chapter.url = self.link(t=chapter.seconds) + "#player"
        return chapters

    @cached_property
    def _video(self):
        return video_context(self.page, self.video, self.video_list, self.seconds, self.link)

    @property
    def videos(self):
        """Each version offered: its label, its link, whether it is the one shown."""
        return self._video["videos"]

    @property
    def hosted(self):
        return self._video["hosted"]

    @property
    def embed_url(self):
        return self._video["embed_url"]

    @property
    def watch_url(self):
        return self._video["watch_url"]

    @property
    def file_url(self):
        return self._video["file_url"]

    @property
    def poster_url(self):
        return self._video["poster_url"]

    @cached_property
    def captions(self):
        return caption_tracks(self.page, self.video, self.transcript_list, self.transcript)

    @cached_property
    def transcripts(self):
        return transcript_choices(self.transcript_list, self.transcript, self.link)


def playback(page, request):
    return Playback(page, request)


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
