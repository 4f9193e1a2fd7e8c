"""WebVTT and SRT, the caption formats meeting tools export: read them, and write WebVTT.

A parser of our own rather than a library: the import must name the file and the line of
every mistake, in the editor's language, and accept what real exports contain (a byte
order mark, Windows line ends, hours past 99, cue settings, voice tags, overlapping cues)
while refusing what would silently lose words (a missing blank line between cues, a
timing line that is not one, a cue that ends before it starts).

Times are whole milliseconds. Text keeps its line breaks; tags are removed, entities
decoded, and a WebVTT voice tag (``<v Name>``) becomes the cue's speaker.
"""

import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

BOM = "\ufeff"
# Hours have two or more digits (WebVTT: optional; SRT: required); minutes and seconds two.
# Hours stop at six digits (over a century): a longer number is not a time, and Python
# refuses to read one of more than 4,300 digits.
_TIME = r"(?:(\d{2,6}):)?([0-5]\d):([0-5]\d)[.,](\d{3})"
TIME_RE = re.compile(rf"^{_TIME}$")
TIMING_RE = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+(.*))?$")
# A tag ends at its ">" and holds no "<": each "<" is then read past once, not once per
# "<" before it (a line of 20,000 "<" took quadratic time).
VOICE_RE = re.compile(r"<v(?:\.[^ \t<>]*)?[ \t]+([^<>]*)>")
TAG_RE = re.compile(r"</?[^<>]*>")
CHAPTER_LINE_RE = re.compile(
    r"^\s*((?:\d{1,6}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*(?:[-–—:|]\s*)?(.+)$"
)
BLOCK_RE = re.compile(r"^(NOTE|STYLE|REGION)(\s|$)")
MAX_TEXT = 5000
# A cue's raw lines, tags and entities included, are refused past this length before any
# regular expression reads them; real cues are a few hundred characters.
MAX_RAW_TEXT = 4 * MAX_TEXT


class CaptionError(ValueError):
    """A file the import cannot read: its name, the line (from 1), and what is wrong."""

    def __init__(self, name, line, message):
        self.name, self.line, self.message = name, line, message
        if line:
            text = _("%(file)s, line %(line)s: %(problem)s")
        else:
            text = _("%(file)s: %(problem)s")
        super().__init__(text % {"file": name, "line": line, "problem": message})


@dataclass
class Cue:
    start: int  # milliseconds
    end: int
    text: str
    speaker: str = ""
    line: int = 0  # where it starts in its file, for messages


def parse_time(text):
    """'01:02:03.450', '02:03.450' or '01:02:03,450' -> milliseconds, or None."""
    match = TIME_RE.match(text.strip())
    return _ms(*match.groups()) if match else None


def _ms(hours, minutes, seconds, millis):
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def format_time(ms, separator="."):
    """Milliseconds -> 'HH:MM:SS.mmm' (hours grow past two digits when needed)."""
    seconds, millis = divmod(int(ms), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def format_clock(seconds):
    """Seconds -> what a reader sees: '42:10', or '1:45:10' past the hour."""
    seconds = int(seconds)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _lines(content, name):
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as error:
            line = content[: error.start].count(b"\n") + 1
            raise CaptionError(name, line, _("the file is not UTF-8 text.")) from None
    if content.startswith(BOM):
        content = content[1:]
    if "\x00" in content:
        raise CaptionError(
            name,
            content[: content.index("\x00")].count("\n") + 1,
            _("the file holds a NUL character."),
        )
    return content.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _blocks(lines):
    """(first line number, [lines]) for each run of non-blank lines."""
    block, start = [], 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _clean_text(lines):
    speaker = ""
    out = []
    for line in lines:
        voice = VOICE_RE.search(line)
        if voice and not speaker:
            speaker = " ".join(html.unescape(voice.group(1)).split())
        text = html.unescape(TAG_RE.sub("", line)).replace("\u00a0", " ")
        text = " ".join(text.split())
        if text:
            out.append(text)
    return "\n".join(out), speaker


def _timing(name, number, line):
    match = TIMING_RE.match(line.strip())
    if not match:
        raise CaptionError(
            name,
            number,
            _("“%(line)s” is not a cue timing (expected e.g. 00:01:02.000 --> 00:01:05.500).")
            % {"line": line.strip()[:80]},
        )
    groups = match.groups()
    start, end = _ms(*groups[0:4]), _ms(*groups[4:8])
    if end < start:
        raise CaptionError(
            name,
            number,
            _("the cue ends (%(end)s) before it starts (%(start)s).")
            % {"start": format_time(start), "end": format_time(end)},
        )
    return start, end


def _cue(name, number, timing_line, payload, payload_number):
    start, end = _timing(name, number, timing_line)
    for offset, line in enumerate(payload):
        if "-->" in line:
            raise CaptionError(
                name,
                payload_number + offset,
                _("a cue timing inside a cue's text: is a blank line missing before it?"),
            )
    if sum(len(line) for line in payload) > MAX_RAW_TEXT:
        raise CaptionError(name, number, _("the cue's text is too long (over 5,000 characters)."))
    text, speaker = _clean_text(payload)
    if len(text) > MAX_TEXT:
        raise CaptionError(name, number, _("the cue's text is too long (over 5,000 characters)."))
    return Cue(start, end, text, speaker[:100], number)


def parse_webvtt(content, name="captions.vtt"):
    """The cues of a WebVTT file, in time order; ``CaptionError`` on the first mistake."""
    lines = _lines(content, name)
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise CaptionError(name, 1, _("a WebVTT file must start with “WEBVTT”."))
    cues = []
    blocks = iter(_blocks(lines))
    header_start, header = next(blocks, (1, [first]))
    for offset, line in enumerate(header[1:], 1):
        if "-->" in line:
            raise CaptionError(
                name, header_start + offset, _("a blank line is missing after the header.")
            )
    for start, block in blocks:
        if BLOCK_RE.match(block[0]) and "-->" not in block[0]:
            continue  # a comment, a style sheet or a region: nothing to read
        if "-->" in block[0]:
            timing_at, payload_at = 0, 1
        elif len(block) > 1 and "-->" in block[1]:
            timing_at, payload_at = 1, 2  # an identifier first
        else:
            raise CaptionError(
                name,
                start + (1 if len(block) > 1 else 0),
                _("a cue timing was expected here (e.g. 00:01:02.000 --> 00:01:05.500)."),
            )
        cue = _cue(
            name, start + timing_at, block[timing_at], block[payload_at:], start + payload_at
        )
        if cue.text:
            cues.append(cue)
    return _in_order(cues)


def parse_srt(content, name="captions.srt"):
    """The cues of a SubRip file, in time order; ``CaptionError`` on the first mistake."""
    lines = _lines(content, name)
    cues = []
    for start, block in _blocks(lines):
        if not block[0].strip().isdigit():
            raise CaptionError(
                name, start, _("a cue number was expected here, then its timing line.")
            )
        if len(block) < 2:
            raise CaptionError(name, start + 1, _("the cue's timing line is missing."))
        cue = _cue(name, start + 1, block[1], block[2:], start + 2)
        if cue.text:
            cues.append(cue)
    if not cues and any(line.strip() for line in lines):
        raise CaptionError(name, 1, _("no cue found."))
    return _in_order(cues)


def _in_order(cues):
    # Overlapping cues (two people at once) are kept; order by start, then file order.
    return sorted(cues, key=lambda cue: (cue.start, cue.line))


def parse_captions(content, name):
    """WebVTT or SRT, told apart by the header (WebVTT's is required), not by the name."""
    raw = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    if raw.lstrip(BOM).startswith("WEBVTT") or name.lower().endswith(".vtt"):
        return parse_webvtt(content, name)
    return parse_srt(content, name)


def parse_chapters(content, name="chapters.txt"):
    """Chapters as [(start ms, title)]: a WebVTT chapters file, or lines 'MM:SS Title'.

    The second form is what video descriptions use: '0:00 Welcome', '1:02:03 - Questions'.
    """
    raw = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    if raw.lstrip(BOM).startswith("WEBVTT"):
        chapters = [(cue.start, " ".join(cue.text.split())) for cue in parse_webvtt(content, name)]
    else:
        chapters = []
        for number, line in enumerate(_lines(content, name), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            match = CHAPTER_LINE_RE.match(line)
            start = _chapter_time(match.group(1)) if match else None
            if start is None:
                raise CaptionError(
                    name,
                    number,
                    _("“%(line)s” is not a chapter (expected e.g. “12:30 Questions”).")
                    % {"line": line.strip()[:80]},
                )
            chapters.append((start, match.group(2).strip()[:255]))
    if not chapters:
        raise CaptionError(name, 0, _("no chapter found."))
    starts = [start for start, _title in chapters]
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise CaptionError(name, 0, _("the chapters must be in time order, each at its own time."))
    return chapters


def _chapter_time(text):
    parts = re.split(r"[.,]", text)
    clock = parts[0].split(":")
    if len(clock) == 2:
        clock.insert(0, "0")
    hours, minutes, seconds = (int(part) for part in clock)
    if minutes > 59 and hours or seconds > 59:
        return None
    millis = int((parts[1] + "00")[:3]) if len(parts) > 1 else 0
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def to_webvtt(cues, note=""):
    """A WebVTT file for ``cues`` (objects with start, end, text and speaker), with an
    optional ``note`` (a NOTE block, which players do not show: the licence)."""
    out = ["WEBVTT", ""]
    if note:
        out += ["NOTE " + " ".join(note.replace("-->", "->").split()), ""]
    for cue in cues:
        out.append(f"{format_time(cue.start)} --> {format_time(cue.end)}")
        text = _escape_cue_text(cue.text)
        if cue.speaker:
            text = f"<v {_escape_cue_text(cue.speaker)}>{text}"
        out.extend(text.split("\n"))
        out.append("")
    return "\n".join(out)


def _escape_cue_text(text):
    # "-->" cannot appear in cue text; "&", "<" and ">" are escaped as WebVTT requires.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("--&gt;", "-- &gt;")
