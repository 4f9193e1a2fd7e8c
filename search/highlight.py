"""Snippets: the passage of a result that best matches the query, with the words marked.

A word is marked when it analyses to a term of the query (so "habitantes" is marked for
``habitant``, and "co-production" for ``coproduction``). Candidates are found with one
accent- and case-insensitive regular expression over the text, then checked with the
same analysis as the index; only the ten or so results of a page are highlighted.
"""

import re
import unicodedata
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
WORD_END_RE = re.compile(rf"(?:[^\W_]|[{re.escape(JOINER_CHARS)}](?=[^\W_]))*+")


@lru_cache(maxsize=1)
def _variants():
    """Each base letter with the accented letters that fold to it, both cases."""
    variants = {}
    for code in range(0x250):
        char = chr(code)
        base = analysis.fold(char)
        if len(base) == 1 and base.isalpha():
            variants.setdefault(base, set()).update({char, char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


def _pattern(prefix):
    variants = _variants()
    return "".join(
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
    alternation = "|".join(_pattern(prefix) for prefix in prefixes)
    return re.compile(rf"(?<![^\W_])(?:{alternation})"), frozenset(stems)


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
    return char.isalnum()


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


def snippet(text, terms, language, length=SNIPPET_LENGTH):
    """An HTML-safe passage of ``text`` around its best matches, words in ``<mark>``."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    # The passage is chosen among the first matches: a common word can match hundreds of
    # times in a long text, and words further on rarely make a better passage.
    spans = find(text, terms, language, limit=SNIPPET_MATCHES) if terms else []
    if not spans:
        return _cut(text, 0, length, [])
    # The window holding the most matches, started a little before its first one.
    best, best_count, after = spans[0][0], 0, 0
    for index, (start, _) in enumerate(spans):
        # spans[index:after] are the matches in the window that starts with this one.
        after = max(after, index)
        while after < len(spans) and spans[after][0] < start + length - 40:
            after += 1
        if after - index > best_count:
            best, best_count = start, after - index
    begin = max(0, best - 40)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < best else begin
    if len(spans) == SNIPPET_MATCHES:
        # The search stopped early: mark every match of the passage.
        passage = find(text[begin : begin + length], terms, language)
        spans = [(begin + start, begin + end) for start, end in passage]
    return _cut(text, begin, length, spans)


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
