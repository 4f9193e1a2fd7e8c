"""Snippets: the passage of a result that best matches the query, with the words marked.

The passage is the sentence that best matches, and what follows it in the same line of
the indexed text (lines are paragraphs and fields: a page's tags, levers and lab are not
in that text at all, see ``search.documents``).

A word is marked when it analyses to a term of the query (so "habitantes" is marked for
``habitant``, and "co-production" for ``coproduction``). Candidates are found with one
accent- and case-insensitive regular expression over the text, then checked with the
same analysis as the index; only the ten or so results of a page are highlighted.
"""

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import analysis

SNIPPET_LENGTH = 260
SNIPPET_MATCHES = 12
# Longer runs of letters and joiners ("a-a-a-...") are not words anyone searched for:
# they are never marked, nor analysed (nor kept in the analysis cache).
MAX_WORD_LENGTH = 100
JOINER_CHARS = "-‐‑'’·"
# The rest of a word from a position: letters and digits, and joiners between them.
# Possessive (*+): no way back is kept per character, so a long chain costs linear time
# and memory (the plain * grew faster than the text past 100,000 characters).
# Where a sentence ends: after . ! ? ; or : and a space.
SENTENCE_END_RE = re.compile(r"(?<=[.!?;:…])\s+")
WORD_END_RE = re.compile(rf"(?:[^\W_]|[{analysis.MARKS}]|[{re.escape(JOINER_CHARS)}](?=[^\W_]))*+")
# Arabic attaches articles and prepositions to the word (للإسكان): a stem is looked for
# anywhere in a word, and the vowel marks and tatweel that may sit between its letters
# are skipped.
INFIX_LANGUAGES = frozenset({"ar"})
ARABIC_SKIP = f"[{analysis.MARKS}\u0640]*"


@lru_cache(maxsize=1)
def _variants():
    """Each base letter with the accented letters that fold to it, both cases."""
    variants = {}
    for code in [*range(0x250), *range(0x621, 0x6D4)]:
        char = chr(code)
        base = analysis.fold(char)
        if len(base) == 1 and base.isalpha():
            variants.setdefault(base, set()).update({char, char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


def _pattern(prefix, infix=False):
    variants = _variants()
    return (ARABIC_SKIP if infix else "").join(
        f"[{re.escape(variants[char])}]" if char in variants else re.escape(char) for char in prefix
    )


@lru_cache(maxsize=256)
def _matcher(terms, language):
    """A regex finding where a query term's word may start, and the stems to confirm it."""
    stems = {analysis.stem(term, language) for term in terms}
    prefixes = set()
    for term in terms:
        stem = analysis.stem(term, language)
        prefixes.add(stem[:-1] if len(stem) > 3 else stem)
        # A joined form ("coproduction") also appears written as parts ("co-production").
        for prefix in analysis.SEPARABLE_PREFIXES:
            if term.startswith(prefix) and len(term) > len(prefix) + 2:
                prefixes.add(term[len(prefix) : len(prefix) + 4])
    prefixes = sorted((p for p in prefixes if p), key=len, reverse=True)
    if not prefixes:
        return None, frozenset()
    if analysis.base_language(language) in INFIX_LANGUAGES:
        alternation = "|".join(_pattern(prefix, infix=True) for prefix in prefixes)
        return re.compile(alternation), frozenset(stems)
    alternation = "|".join(_pattern(prefix) for prefix in prefixes)
    return re.compile(rf"(?<![^\W_])(?:{alternation})"), frozenset(stems)


# A page's snippets fold the same few matched words again and again.
_fold = lru_cache(maxsize=50_000)(analysis.fold)


@lru_cache(maxsize=50_000)
def _word_stems(raw, language):
    stems = set()
    for word in analysis.words(raw, language):
        stems.update(analysis.stem(form, language) for form in (*word.parts, word.joined))
    return frozenset(stems)


def _word_bounds(text, position):
    start = position
    while start > 0 and (
        _is_letter(text[start - 1])
        or (text[start - 1] in JOINER_CHARS and start > 1 and _is_letter(text[start - 2]))
    ):
        start -= 1
    return start, WORD_END_RE.match(text, position).end()


def _is_letter(char):
    return char.isalnum() or unicodedata.combining(char)


def find(text, terms, language, limit=None):
    """(start, end) of every word of ``text`` that matches a term (the first ``limit``)."""
    pattern, stems = _matcher(frozenset(terms), language)
    if pattern is None:
        return []
    found = []
    last_end = -1
    for match in pattern.finditer(text):
        if match.start() < last_end:
            continue
        start, end = _word_bounds(text, match.start())
        # Every later candidate inside this word has the same bounds: one look per word,
        # or a long joined chain is walked again from each of its letters (quadratic).
        last_end = end
        if end - start <= MAX_WORD_LENGTH and _word_stems(text[start:end], language) & stems:
            found.append((start, end))
            if len(found) == limit:
                break
    return found


def _sentences(line):
    """Start offsets of the sentences of ``line``."""
    return [0, *(match.end() for match in SENTENCE_END_RE.finditer(line))]


def snippet(text, terms, language, length=SNIPPET_LENGTH):
    """An HTML-safe passage of ``text`` around its best matches, words in ``<mark>``.

    The passage starts at the beginning of the sentence that holds its first match, and
    stays within one line of the text (a paragraph, a field, a contributor): a snippet
    never runs one field's words into another's.
    """
    text = unicodedata.normalize("NFC", text)
    lines = [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]
    # ((words of the sentence, of the passage, matches), -order, line number, begin, spans)
    best = None
    found_count, order = 0, 0
    for number, line in enumerate(lines if terms else ()):
        # The passage is chosen among the first matches: a common word can match hundreds
        # of times in a long text, and words further on rarely make a better passage.
        spans = find(line, terms, language, limit=SNIPPET_MATCHES - found_count)
        if not spans:
            continue
        found_count += len(spans)
        starts = _sentences(line)
        folded = [_fold(line[a:b]) for a, b in spans]
        # Only the sentences that hold a match are candidates, in order: spans are sorted
        # and apart, so a sentence's own matches are a run of them, and so are those of the
        # passage it starts.
        first_index = 0
        while first_index < len(spans):
            sentence = bisect_right(starts, spans[first_index][0]) - 1
            begin = starts[sentence]
            following = starts[sentence + 1] if sentence + 1 < len(starts) else len(line)
            last_index = first_index
            while last_index < len(spans) and spans[last_index][0] < following:
                last_index += 1
            own = set(folded[first_index:last_index])
            first = spans[first_index][0]
            if first - begin > length - 60:
                # A long sentence: start a little before its first match, on a word.
                begin = max(begin, first - 40)
                space = line.find(" ", begin)
                begin = space + 1 if 0 <= space < first else begin
            end_index = first_index
            while end_index < len(spans) and spans[end_index][1] <= begin + length:
                end_index += 1
            words = set(folded[first_index:end_index])
            inside = end_index - first_index
            score = ((len(own), len(words), inside), -order, number, begin, spans)
            order += 1
            if best is None or score[:2] > best[:2]:
                best = score
            first_index = last_index
        if found_count >= SNIPPET_MATCHES:
            break
    if best is None:
        # Nothing to show around: the text's first line (its lead, or first paragraph).
        return _cut(lines[0] if lines else "", 0, length, [])
    _, _, number, begin, spans = best
    line = lines[number]
    if found_count >= SNIPPET_MATCHES:
        # The search stopped early: mark every match of the passage.
        passage = find(line[begin : begin + length], terms, language)
        spans = [(begin + start, begin + end) for start, end in passage]
    cut = _cut(line, begin, length, spans)
    if begin == 0 and number:
        return mark_safe("…" + cut)  # noqa: S308 (_cut escapes every piece of text)
    return cut


def highlight(text, terms, language):
    """All of ``text`` (a title), HTML-safe, with matching words marked."""
    return _cut(text, 0, len(text), find(text, terms, language) if terms else [], ellipsis=False)


def _cut(text, begin, length, spans, ellipsis=True):
    end = min(len(text), begin + length)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    parts = ["…" if begin and ellipsis else ""]
    cursor = begin
    for start, stop in spans:
        if stop <= begin or start < cursor:
            continue
        if start >= end:
            break
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    parts.append(escape(text[cursor:end]))
    if end < len(text) and ellipsis:
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped above)
