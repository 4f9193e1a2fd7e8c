"""What a visitor typed, as a small query tree that every engine compiles safely.

The search box is not a query language: quotes make a phrase and a leading ``-`` excludes a
word; everything else (``*``, ``NEAR(``, ``AND``, parentheses, emoji) is text, and text is
reduced to words by :mod:`search.analysis`. Engines never see the raw string, only words
made of letters and digits, so no input can produce a syntax error in FTS5, tsquery or the
Elasticsearch DSL. Wagtail's own query objects (``PlainText``, ``Phrase``, ``And``, ``Or``,
``Not``...) convert to the same tree, so ``queryset.search()`` shares the compilers.
"""

import re
import unicodedata
from dataclasses import dataclass

from modelsearch import query as wagtail_query

from . import analysis

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

# Lone surrogates cannot be encoded, NUL is refused by PostgreSQL, and control characters
# are never meant: all are removed before anything else looks at the text.
UNSAFE_RE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUOTES_RE = re.compile(r"[\"“”«»]")


def clean(text, max_length=MAX_QUERY_LENGTH):
    """The text of a query, safe to echo and to store: no unencodable characters, trimmed."""
    if not isinstance(text, str):
        return ""
    text = UNSAFE_RE.sub("", unicodedata.normalize("NFC", UNSAFE_RE.sub("", text)))
    text = " ".join(text.split())
    if len(text) > max_length:
        cut = text[:max_length]
        # Trim at a word boundary, not in the middle of a word.
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return text


@dataclass(frozen=True)
class Words:
    """Consecutive words that must all appear; a quoted phrase must appear in this order."""

    words: tuple
    phrase: bool = False


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


def parse(text):
    """A visitor's search string as a tree (language-independent until compiled)."""
    text = clean(text)
    clauses = []
    pending = []
    budget = MAX_WORDS

    def flush():
        if pending:
            clauses.append(Words(tuple(pending)))
            pending.clear()

    quoted = QUOTES_RE.split(text)
    if len(quoted) % 2 == 0:
        # An unbalanced quote is punctuation.
        quoted = [" ".join(quoted)]
    for position, chunk in enumerate(quoted):
        if position % 2:
            found = analysis.WORD_RE.findall(chunk)[:budget]
            budget -= len(found)
            if found:
                flush()
                clauses.append(Words(tuple(found), phrase=True))
            continue
        for token in chunk.split():
            found = analysis.WORD_RE.findall(token)[:budget]
            budget -= len(found)
            if token.startswith("-") and found:
                flush()
                clauses.append(Not(Words(tuple(found), phrase=len(found) > 1)))
            else:
                pending.extend(found)
    flush()
    return And(tuple(clauses)) if clauses else None


def from_wagtail(query):
    """Wagtail's query objects as a tree; None for MatchAll (handled by the caller)."""
    if isinstance(query, wagtail_query.MatchAll):
        return None
    if isinstance(query, (wagtail_query.PlainText, wagtail_query.Fuzzy)):
        found = analysis.WORD_RE.findall(clean(query.query_string))[:MAX_WORDS]
        if not found:
            return None
        if query.operator == "or":
            return Or(tuple(Words((word,)) for word in found))
        return And((Words(tuple(found)),))
    if isinstance(query, wagtail_query.Phrase):
        found = analysis.WORD_RE.findall(clean(query.query_string))[:MAX_WORDS]
        return And((Words(tuple(found), phrase=True),)) if found else None
    if isinstance(query, wagtail_query.Boost):
        return from_wagtail(query.subquery)
    if isinstance(query, (wagtail_query.And, wagtail_query.Or)):
        children = tuple(
            child for child in (from_wagtail(sub) for sub in query.subqueries) if child is not None
        )
        if not children:
            return None
        return And(children) if isinstance(query, wagtail_query.And) else Or(children)
    if isinstance(query, wagtail_query.Not):
        child = from_wagtail(query.subquery)
        return Not(child) if child is not None else None
    raise TypeError(f"Unsupported search query: {query!r}")


# The tree compiled for one language: what each engine turns into its own syntax.
# Terms are folded words; the SQLite compiler stems them, PostgreSQL and Elasticsearch
# stem them with their own configuration of the same Snowball algorithm.


@dataclass(frozen=True)
class Term:
    word: str


@dataclass(frozen=True)
class Seq:
    """Terms next to each other, in order."""

    terms: tuple


@dataclass(frozen=True)
class AllOf:
    children: tuple


@dataclass(frozen=True)
class AnyOf:
    children: tuple


@dataclass(frozen=True)
class Exclude:
    """Matches what ``keep`` matches and ``drop`` does not."""

    keep: object
    drop: object


def plan(tree, language):
    """Compile a tree for one language; None when nothing searchable is left.

    A compound matches its joined form or its parts side by side, so "bien-être" finds
    "bien être"; "co-production", "co production" and "coproduction" all index the joined
    form, so they find each other through it. Stop words are dropped, as they
    were from the documents.
    """
    if tree is None:
        return None
    if isinstance(tree, Words):
        return _plan_words(tree, language)
    if isinstance(tree, Not):
        return None  # Only meaningful inside an And: see below.
    children = [child for child in tree.children]
    positive = [plan(child, language) for child in children if not isinstance(child, Not)]
    positive = [child for child in positive if child is not None]
    if isinstance(tree, Or):
        return _combine(AnyOf, positive)
    negative = [plan(child.child, language) for child in children if isinstance(child, Not)]
    negative = [child for child in negative if child is not None]
    keep = _combine(AllOf, positive)
    if keep is None or not negative:
        return keep
    return Exclude(keep, _combine(AnyOf, negative))


def _plan_words(node, language):
    found = analysis.words(" ".join(node.words), language)
    if node.phrase:
        terms = []
        for word in found:
            terms.extend(analysis.word_forms(word, language))
        if len(terms) > 1:
            return Seq(tuple(Term(term) for term in terms))
        return Term(terms[0]) if terms else None
    clauses = []
    for word in found:
        if not word.is_compound:
            if not analysis.is_stop_word(word.joined, language):
                clauses.append(Term(word.joined))
            continue
        parts = [part for part in word.parts if not analysis.is_stop_word(part, language)]
        joined = Term(word.joined)
        if len(word.parts) == 2 and word.parts[0] in analysis.SEPARABLE_PREFIXES:
            # Documents carry the joined form for every spelling of these ("co production"
            # included), and matching the parts too would rank them above "coproduction".
            clauses.append(joined)
            continue
        if len(parts) > 1:
            clauses.append(AnyOf((joined, Seq(tuple(Term(part) for part in parts)))))
        else:
            clauses.append(AnyOf((joined, Term(parts[0]))) if parts else joined)
    return _combine(AllOf, clauses)


def _combine(kind, children):
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    return kind(tuple(children))


def terms(node):
    """Every term of a plan, for highlighting."""
    if isinstance(node, Term):
        yield node.word
    elif isinstance(node, Seq):
        for term in node.terms:
            yield term.word
    elif isinstance(node, (AllOf, AnyOf)):
        for child in node.children:
            yield from terms(child)
    elif isinstance(node, Exclude):
        yield from terms(node.keep)
