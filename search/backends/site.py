"""The public site search's values, shared by every engine: what is asked, what comes back."""

from dataclasses import dataclass, field

from .. import analysis, vocabulary
from ..query import AllOf, Term, Words, parse, terms


@dataclass
class SiteQuery:
    """A search of the public site: text, languages, facet filters, and the page wanted."""

    text: str
    languages: tuple
    filters: dict = field(default_factory=dict)
    offset: int = 0
    limit: int = 10
    # The reader's language, when the query's known terms are to be translated (from it
    # first, then from the other languages searched: search.vocabulary); "" searches
    # every language as typed.
    translate_from: str = ""


def search_order(site_query):
    """The languages searched, in the order a merge prefers them at an equal place: the
    reader's first (the language the query is translated from), then as asked."""
    languages = site_query.languages
    return tuple(sorted(languages, key=lambda language: language != site_query.translate_from))


def site_trees(site_query):
    """The query's tree for each language searched (in ``search_order``), translated where
    asked."""
    tree = parse(site_query.text)
    languages = search_order(site_query)
    if not site_query.translate_from or tree is None:
        return dict.fromkeys(languages, tree)
    # Read in the reader's language first, then in the others searched.
    sources = (site_query.translate_from, *languages)
    return {language: vocabulary.translate(tree, sources, language) for language in languages}


def merge_ranked(rankings):
    """One ranking from several languages' own (each best first, given in the order of
    ``search_order``): by place within its language, then by that order. Each language is
    ranked with its own analysis and statistics, so scores are not comparable across
    languages (a French bm25 or ts_rank against an English one says nothing); a page's
    place among its own language's hits is. The engines' SQL orders hits this way too."""
    merged = []
    for place in range(max((len(ranking) for ranking in rankings), default=0)):
        merged.extend(ranking[place] for ranking in rankings if place < len(ranking))
    return merged


@dataclass
class SiteHit:
    id: int
    score: float
    content_type_id: int
    object_id: str
    kind: str
    language: str
    title: str
    text: str
    # A page's own row, when the engine read it with the hit (all its link needs).
    url_path: str | None = None
    locale_id: int | None = None


@dataclass
class SiteResults:
    hits: list
    total: int
    facets: dict  # facet -> Counter(value -> count)
    terms: dict  # language -> folded words of the query, for highlighting
    searchable: bool = True  # False when nothing was left to search (only stop words)
    labels: dict = field(default_factory=dict)  # facet -> value -> stored FacetValue.labels


EMPTY = SiteResults(hits=[], total=0, facets={}, terms={}, searchable=False)


def autocomplete_plan(tree, language):
    """Every word of the query as a prefix of a title word: no stemming, stop words kept."""
    words = []

    def visit(node):
        if isinstance(node, Words):
            for raw in node.words:
                words.extend(analysis.autocomplete_words(raw, language))
        elif hasattr(node, "children"):
            for child in node.children:
                visit(child)

    visit(tree)
    words = words[-6:]
    if not words:
        return None
    return AllOf(tuple(Term(word) for word in words)) if len(words) > 1 else Term(words[0])


def plan_terms(plans):
    """Per language, the folded words of the query, for highlighting."""
    return {language: set(terms(node)) for language, node in plans.items() if node is not None}
