"""Typos forgiven: "Did you mean …" and autocomplete that survives one wrong letter.

Both read the index's own vocabulary in the reader's language (the engine's
``vocabulary``: FTS5's ``fts5vocab`` over the public words on SQLite, a table of the
public words and their documents, counted at indexing, on PostgreSQL), never a
dictionary: a suggestion is a word some public page of that language contains. A word
is corrected only when the index does not know it; its candidates are the known words
within a small edit distance (one edit up to five letters, two beyond; a swap of two
neighbours is one edit), and the one chosen weighs each candidate's document frequency
(the pages that contain the word itself, on both engines) against its distance (a
frequent word one edit away beats a rare one, a word two edits away needs to be far
more frequent).

Candidates are looked up by their first two letters, and by the swapped or skipped
second letter: typos on the very first letter are not corrected, which keeps the
look-up to a few hundred words whatever the size of the site.
"""

import re
from collections import Counter

from . import analysis
from .query import Not, Words, clean, parse

# A candidate one edit further must be this many times more frequent to win.
DISTANCE_PENALTY = 20
MIN_LENGTH = 4  # shorter words are too ambiguous to correct
# Autocomplete's correction weighs each start by the documents of its words, counted up
# to this many each: past it, a word is frequent, and how much more does not matter (a
# start of a few common words is not outweighed by one very common word).
PREFIX_FREQUENCY_CAP = 100


def max_distance(word):
    return 1 if len(word) <= 5 else 2


def distance(a, b, limit):
    """The optimal string alignment distance of ``a`` and ``b`` (insertions, deletions,
    substitutions and swaps of neighbours), or ``limit + 1`` once it is over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        lowest = i
        for j, other in enumerate(b, 1):
            cost = 0 if char == other else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous2 is not None
                and j > 1
                and char == b[j - 2]
                and a[i - 2] == other
                and previous2[j - 2] + 1 < value
            ):
                value = previous2[j - 2] + 1
            current[j] = value
            lowest = min(lowest, value)
        if lowest > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def prefixes(word):
    """Where a word's candidates start: its first two letters, swapped, or the second
    skipped (a letter typed twice or one too many)."""
    found = {word[:2], word[1::-1]}
    if len(word) > 2:
        found.add(word[0] + word[2])
    return sorted(found)


def best(candidates, frequencies):
    """The most likely intended word among ``candidates`` {word: distance}."""
    scored = [
        (frequencies.get(candidate, 0) / DISTANCE_PENALTY**found, candidate)
        for candidate, found in candidates.items()
        if frequencies.get(candidate, 0) > 0
    ]
    return max(scored)[1] if scored else None


def correct_word(word, language, engine):
    """A better-known word for ``word`` (folded), or None if it is known or no candidate."""
    if len(word) < MIN_LENGTH or word.isdigit():
        return None
    vocabulary = engine.vocabulary(language, prefixes(word))
    limit = max_distance(word)
    candidates = {}
    for candidate in vocabulary:
        if candidate == word:
            continue
        found = distance(word, candidate, limit)
        if found <= limit:
            candidates[candidate] = found
    frequencies = engine.frequencies(language, [word, *candidates], vocabulary)
    if frequencies.get(word):
        return None
    return best(candidates, frequencies)


def did_you_mean(text, language, engine):
    """The query with its unknown words corrected, or None when nothing is corrected."""
    text = clean(text)
    corrected = text
    changed = False
    for raw in _searched_words(parse(text)):
        found = analysis.words(raw, language)
        if len(found) != 1 or found[0].is_compound:
            continue
        word = found[0].joined
        if analysis.is_stop_word(word, language):
            continue
        replacement = correct_word(word, language, engine)
        if replacement:
            if raw[:1].isupper():
                replacement = replacement.capitalize()
            corrected = re.sub(rf"(?<!\w){re.escape(raw)}(?!\w)", replacement, corrected, count=1)
            changed = True
    return corrected if changed and corrected != text else None


def written_as(suggestion, typed, texts, language):
    """``suggestion`` with each word it corrected (not in ``typed``) written as ``texts``
    write it (the suggested page's titles and snippets): the index keeps its words folded,
    so a correction has no accents ("cooperatvie" becomes "cooperative", which the French
    pages write "coopérative"). A form that folds to the word exactly wins over one that
    only meets it once analysed (a plural), then the most frequent; without one, the word
    stays as it was."""
    forms = Counter()
    for text in texts:
        for match in analysis.WORD_RE.finditer(text):
            raw = match.group()
            found = analysis.words(raw, language)
            if len(found) == 1 and not found[0].is_compound:
                forms[(found[0].joined, analysis.unelided(raw, language).lower())] += 1
    kept = {match.group() for match in analysis.WORD_RE.finditer(typed)}

    def written(match):
        raw = match.group()
        found = analysis.words(raw, language)
        if raw in kept or len(found) != 1 or found[0].is_compound:
            return raw
        ranked = [
            (analysis.fold(form) == analysis.fold(raw), count, form)
            for (joined, form), count in forms.items()
            if joined == found[0].joined
        ]
        if not ranked:
            return raw
        form = max(ranked)[2]
        # The case is the reader's (did_you_mean keeps it): "Marsielle", "Marseille".
        return form.capitalize() if raw[:1].isupper() else form

    return analysis.WORD_RE.sub(written, suggestion)


def _searched_words(tree):
    """The words a query searches for (not those it excludes), in order."""
    if tree is None or isinstance(tree, Not):
        return
    if isinstance(tree, Words):
        yield from tree.words
        return
    for child in tree.children:
        yield from _searched_words(child)


def correct_prefix(text, language, engine):
    """``text`` with its last word, a prefix being typed, corrected by one edit to the
    most frequent known word that starts that way; None when there is none."""
    text = clean(text, max_length=100)
    matches = list(analysis.WORD_RE.finditer(text))
    if not matches:
        return None
    match = matches[-1]
    found = analysis.autocomplete_words(match.group(), language)
    if len(found) != 1 or len(found[0]) < 3:
        return None
    typed = found[0]
    vocabulary = engine.vocabulary(language, prefixes(typed))
    if any(word.startswith(typed) for word in vocabulary):
        return None
    choices = {}
    for word in vocabulary:
        for length in (len(typed), len(typed) + 1, len(typed) - 1):
            start = word[:length]
            if len(start) == length and distance(typed, start, 1) <= 1:
                choices.setdefault(start, []).append(word)
                break
    if not choices:
        return None
    frequencies = engine.frequencies(
        language,
        {word for words in choices.values() for word in words},
        vocabulary,
        cap=PREFIX_FREQUENCY_CAP,
    )
    start = max(
        choices, key=lambda start: (sum(frequencies.get(word, 0) for word in choices[start]), start)
    )
    if not any(frequencies.get(word, 0) for word in choices[start]):
        return None
    return text[: match.start()] + start
