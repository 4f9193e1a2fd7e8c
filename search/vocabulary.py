"""The multilingual vocabulary: what the site names in each language, to translate queries.

The apps register where their concepts come from (``registry.register_vocabulary``, from
their ``AppConfig.ready()``): tags, labs and levers, whose versions in each language
share a translation key, and the glossary that editors keep. Each label is analysed as
a query is (folded, elided, stop words dropped, stemmed), so that ``habitants``,
``Habitant·e·s`` and ``habitant`` are one key.

"Include results in other languages" searches each language with its own analysis; in
each language, each run of the query's words that names a concept in another language is
searched as itself *or* as the concept's names in that language (``translate``):
``habitants marseille`` searches English for (habitants OR residents) AND marseille.
The words are read in the reader's language first, then in the others: a reader of the
English pages who types ``logement`` (people here write in both) finds the English pages
on housing as well as the French ones. Words the vocabulary does not know (names,
places) are searched as typed.

The vocabulary is built once and kept in the shared cache until a source changes.
"""

from dataclasses import dataclass

from django.core.cache import cache

from . import analysis
from .query import And, Not, Or, Words
from .registry import VOCABULARIES

CACHE_KEY = "search:vocabulary:1"


@dataclass
class Vocabulary:
    concepts: dict  # code -> Concept
    keys: dict  # language -> {label key: (concept codes)}
    longest: int  # the most words in a label key


def word_key(raw, language):
    """The key of one typed word: its stem, or None for a stop word or nothing."""
    found = analysis.words(raw, language)
    if not found:
        return None
    word = found[0]
    if not word.is_compound and analysis.is_stop_word(word.joined, language):
        return None
    # "habitant·e·s" keeps its stem "habitant" as its only part; "co-production" is
    # known by its joined form, as "coproduction" and "co production" are.
    form = word.parts[0] if len(word.parts) == 1 else word.joined
    return analysis.stem(form, language)


def label_key(label, language):
    keys = (word_key(raw, language) for raw in analysis.WORD_RE.findall(label))
    return tuple(key for key in keys if key)


def build():
    concepts, keys = {}, {}
    for source in VOCABULARIES:
        for concept in source():
            concepts[concept.code] = concept
            for language, labels in concept.labels.items():
                for label in labels:
                    key = label_key(label, language)
                    if key:
                        codes = keys.setdefault(language, {}).setdefault(key, [])
                        if concept.code not in codes:
                            codes.append(concept.code)
    longest = max((len(key) for found in keys.values() for key in found), default=0)
    return Vocabulary(concepts, keys, longest)


def load():
    vocabulary = cache.get(CACHE_KEY)
    if vocabulary is None:
        vocabulary = build()
        cache.set(CACHE_KEY, vocabulary, None)
    return vocabulary


def forget():
    """A source changed: rebuild on next use, and no cached result may outlive it."""
    from . import results_cache

    cache.delete(CACHE_KEY)
    results_cache.written()


def translate(tree, sources, target, vocabulary=None):
    """``tree`` for a search in ``target``, typed in one of ``sources`` (languages, the
    reader's first): each run of words that names a concept becomes those words or the
    concept's names in ``target``, the words read in the first source other than
    ``target`` where they name one."""
    vocabulary = vocabulary or load()
    target = analysis.base_language(target)
    bases = dict.fromkeys(analysis.base_language(source) for source in sources)
    readings = [
        (source, vocabulary.keys[source])
        for source in bases
        if source != target and vocabulary.keys.get(source)
    ]
    if tree is None or not readings:
        return tree
    return _Translator(vocabulary, readings, target).node(tree)


class _Translator:
    def __init__(self, vocabulary, readings, target):
        self.vocabulary, self.readings, self.target = vocabulary, readings, target

    def node(self, node):
        if isinstance(node, Words):
            for source, keys in self.readings:
                translated = self.words(node, source, keys)
                if translated is not node:
                    return translated
            return node
        if isinstance(node, Not):
            return Not(self.node(node.child))
        return type(node)(tuple(self.node(child) for child in node.children))

    def names(self, keys, key, phrase):
        """The names in the target language of the concepts ``key`` names in ``keys``
        (a source language's), as query nodes."""
        found = []
        for code in keys.get(key, ()):
            for label in self.vocabulary.concepts[code].labels.get(self.target, ()):
                words = tuple(analysis.WORD_RE.findall(label))
                node = Words(words, phrase=phrase and len(words) > 1)
                if words and node not in found:
                    found.append(node)
        return found

    def either(self, typed, names):
        """``typed`` or ``names``, without a name that holds every typed word: it finds
        nothing more than they do, and would only add its other words to what the
        snippets highlight ("Marseille" is also the lab "Fairville Lab Marseille")."""
        typed_key = frozenset(label_key(" ".join(typed.words), self.target))
        kept = [typed]
        for node in names:
            key = frozenset(label_key(" ".join(node.words), self.target))
            if node not in kept and not (typed_key and not typed.phrase and typed_key <= key):
                kept.append(node)
        return Or(tuple(kept))

    def words(self, node, source, known):
        """``node`` read in ``source`` (whose label keys are ``known``), or itself when
        none of its words names a concept there."""
        raw = node.words
        keys = [word_key(word, source) for word in raw]
        if node.phrase:
            names = self.names(known, tuple(key for key in keys if key), phrase=True)
            return self.either(node, names) if names else node
        parts, pending, start = [], [], 0
        while start < len(raw):
            match = None
            if keys[start] is not None:
                # The longest run of words from here that names a concept.
                for end in range(min(len(raw), start + self.vocabulary.longest * 2), start, -1):
                    if keys[end - 1] is None:
                        continue
                    names = self.names(known, tuple(key for key in keys[start:end] if key), False)
                    if names:
                        match = end, names
                        break
            if match is None:
                pending.append(start)
                start += 1
                continue
            end, names = match
            if pending:
                parts.append(pending)
                pending = []
            parts.append(self.either(Words(tuple(raw[start:end])), names))
            start = end
        if not parts:
            return node
        if pending:
            parts.append(pending)
        # The words left as typed are names and places, searched as they are; the source
        # language's stop words among them ("Université de Sheffield") are not words of
        # the target's texts, and would make a page written there fail the whole query.
        parts = [
            part if isinstance(part, Or) else Words(tuple(raw[i] for i in part if keys[i]))
            for part in parts
        ]
        parts = [part for part in parts if isinstance(part, Or) or part.words]
        return parts[0] if len(parts) == 1 else And(tuple(parts))
