"""What a recording page shows for a request: the version and transcript chosen, the time.

Everything is chosen from the address (``?video=en&transcript=fr&t=2530``), so every
state has a link that works without JavaScript and can be cached: the player starts at
``t``, and the transcript opens at the part and paragraph holding that moment. By
default the visitor gets the version and the transcript in the page's language.

A long transcript is shown in parts of about ``PART_CHARS`` characters, so that a page
stays within its weight budget whatever the length of the session.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from .captions import format_clock
from .models.recordings import ORIGINAL

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


def playback(page, request):
    language = page.locale.language_code
    params = request.GET
    seconds = _int(params.get("t"), MAX_SECONDS)

    videos = page.video_list
    video = _pick(videos, params.get("video"), language, ORIGINAL)
    transcripts = page.transcript_list
    transcript = _pick(transcripts, params.get("transcript"), language)

    state = {}
    if video and len(videos) > 1:
        state["video"] = video.language
    if transcript and len(transcripts) > 1:
        state["transcript"] = transcript.language

    def link(**changes):
        query = {**state, **changes}
        return "?" + urlencode({key: value for key, value in query.items() if value is not None})

    parts, part, focus = [], None, None
    if transcript is not None:
        paragraphs = transcript.paragraphs()
        parts = split_parts(paragraphs)
        if seconds is not None:
            for candidate in parts:
                for paragraph in candidate.paragraphs:
                    if paragraph.seconds <= seconds:
                        part, focus = candidate, paragraph
        if part is None:
            number = _int(params.get("part"), len(parts)) or 1
            part = parts[number - 1] if parts else None
            focus = None
        for candidate in parts:
            candidate.url = link(part=candidate.number if candidate.number > 1 else None)
        if part is not None:
            for paragraph in part.paragraphs:
                paragraph.url = link(t=paragraph.seconds) + "#player"
                paragraph.anchor = f"t-{paragraph.seconds}"
            if focus is not None:
                focus.anchor = f"t-{seconds}"
                focus.current = True

    hosted = video.hosted if video else None
    names = dict(settings.LANGUAGES)
    captions = []
    if video and not hosted:
        for item in transcripts:
            captions.append(
                {
                    "language": item.language,
                    "label": str(names.get(item.language, item.language)),
                    "url": reverse(
                        "event_sessions:captions",
                        kwargs={"pk": page.pk, "language": item.language},
                    ),
                    "default": item == transcript,
                }
            )
    for chapter in page.chapter_list:
        chapter.url = link(t=chapter.seconds) + "#player"

    return {
        "seconds": seconds,
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
        "captions": captions,
        "transcripts": [
            {
                "label": str(names.get(item.language, item.language)),
                "language": item.language,
                "url": link(transcript=item.language) + "#transcript",
                "selected": item == transcript,
            }
            for item in transcripts
        ],
        "transcript": transcript,
        "parts": parts,
        "part": part,
        "poster_url": None if page.poster_id else static(PLACEHOLDER_POSTER),
    }
