"""How text becomes index terms, the same way for documents and queries.

Every engine sees the same words: this module turns text into *words*, and the engine
turns words into terms (SQLite: Snowball stems computed here; PostgreSQL: its own
``french_unaccent``/``english_unaccent`` configurations; Elasticsearch: its analysers, which
follow the same steps). The steps, in order:

1. Unicode NFC, casefold, diacritics removed (``société`` = ``societe``; ``œ`` = ``oe``).
   Arabic is normalised as readers write it: short vowels and other marks (tashkeel) and
   the stretching tatweel removed, hamza and madda carriers to their bare letter (``أ إ آ
   ٱ`` = ``ا``, ``ؤ`` = ``و``, ``ئ`` = ``ي``), alef maqsura to ya (``ى`` = ``ي``), a word's
   final ha and ta marbuta to one letter (``مدرسه`` = ``مدرسة``), Arabic-Indic digits to
   ASCII.
2. French elision (``l'habitat``, ``d’une``, ``qu'on``) and the English possessive ``'s``.
3. Compounds: ``co-production`` gives its parts *and* the joined word (``co production
   coproduction``), so that all three spellings meet. A short list of prefixes that are also
   written apart (``co production``, ``socio economique``) joins the same way. Inclusive
   writing (``habitant·e·s``) keeps the stem and the joined word.
4. Stop words of the language are dropped (documents and queries alike).
5. Snowball stemming of the language (``habitants`` = ``habitant``, ``neighbourhoods`` =
   ``neighbourhood``, ``المدن`` = ``مدن``, ``Genossenschaften`` = ``Genossenschaft``).
   Arabic has no stop list: PostgreSQL ships none, and every engine must drop the same
   words. German's umlauts and ß are folded before it (``Häuser`` = ``hauser``, ``Straße``
   = ``strasse``), which Snowball's German stemmer expects as well.

Analysing 20,000 documents means millions of words but only tens of thousands of distinct
ones, so each distinct word is analysed once per language and cached.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Combining marks that are written inside a word and are not letters for ``\w``: Arabic
# tashkeel and Quranic marks (no precomposed forms exist: NFC leaves them apart), and the
# combining diacritics of decomposed Latin text NFC could not compose.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
# A word: letters, digits and marks, possibly joined by hyphens, apostrophes or a middle dot.
_LETTERS = rf"(?:[^\W_]|[{MARKS}])+"
WORD_RE = re.compile(rf"{_LETTERS}(?:[-‐‑'’·]{_LETTERS})*")
JOINERS_RE = re.compile(r"[-‐‑'’·]")
APOSTROPHES = "'’"

# Letters that do not decompose under NFKD but that readers type without their mark.
EXTRA_FOLDS = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# Arabic letters that NFKD leaves alone, after it has taken the hamza and madda off their
# carriers (and undone presentation forms): what Lucene's and Snowball's Arabic
# normalisations do, so that every engine meets the same word.
ARABIC_FOLDS = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ى": "ي",  # alef maqsura
        "ـ": None,  # tatweel
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # extended (Persian, Urdu)
    }
)

FRENCH_ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu".split())

# Prefixes that people also write as a separate word: "co production" = "co-production".
SEPARABLE_PREFIXES = frozenset(
    "co anti auto bio eco inter intra micro multi pluri post pre semi socio sub super trans "
    "ultra extra neo mini mono poly hyper peri quasi pseudo".split()
)

# Snowball's stop lists (as shipped with PostgreSQL), folded.
_STOP_WORDS = {
    "fr": """au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me
        même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
        tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant
        étante étants étantes suis es est sommes êtes sont serai seras sera serons serez seront
        serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes
        fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent
        ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura
        aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez
        avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions
        eussiez eussent""",
    "en": """i me my myself we our ours ourselves you your yours yourself yourselves he him
        his himself she her hers herself it its itself they them their theirs themselves what
        which who whom this that these those am is are was were be been being have has had
        having do does did doing a an the and but if or because as until while of at by for
        with about against between into through during before after above below to from up
        down in out on off over under again further then once here there when where why how
        all any both each few more most other some such no nor not only own same so than too
        very s t can will just don should now""",
    "de": """aber alle allem allen aller alles als also am an ander andere anderem anderen
        anderer anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit
        dann der den des dem die das daß derselbe derselben denselben desselben demselben
        dieselbe dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer
        dessen dich dir du dies diese diesem diesen dieser dieses doch dort durch ein eine
        einem einen einer eines einig einige einigem einigen einiger einiges einmal er ihn ihm
        es etwas euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte
        hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem
        ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein
        keine keinem keinen keiner keines können könnte machen man manche manchem manchen
        mancher manches mein meine meinem meinen meiner meines mit muss musste nach nicht
        nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst
        sich sie ihnen sind so solche solchem solchen solcher solches soll sollte sondern sonst
        über um und uns unse unsem unsen unser unses unter viel vom von vor während war waren
        warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie
        wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen""",
}

STEMMERS = {"fr": "french", "en": "english", "ar": "arabic", "de": "german"}

# Ta marbuta (ة) is often written as a plain ha (ه) at the end of a word. Both become ة, not
# ه as in Lucene's normaliser: Snowball's Arabic stemmer takes ة off as a suffix but keeps
# a ه after the article ("المدرسه" -> مدرسه, "المدرسة" and "مدرسة" -> مدرس).
FINAL_HA_RE = re.compile(r"(?<=[\u0620-\u064a\u066e-\u06d3])\u0647(?![^\W_])")


def fold(text):
    """Casefold and remove diacritics: what a reader types without accents (or tashkeel)."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(EXTRA_FOLDS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return FINAL_HA_RE.sub("ة", text.translate(ARABIC_FOLDS))


STOP_WORDS = {
    language: frozenset(fold(word) for word in words.split())
    for language, words in _STOP_WORDS.items()
}


def base_language(language):
    """'fr-ca' -> 'fr'; an unknown language analyses without stop words or stemming."""
    return (language or "").split("-")[0].lower()


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the text, folded: its parts, and the parts written together.

    A plain word has one part equal to its joined form. "co-production" has the parts
    ("co", "production") and the joined form "coproduction"; "habitant·e·s" has the part
    "habitant" and the joined form "habitantes".
    """

    parts: tuple
    joined: str

    @property
    def is_compound(self):
        return len(self.parts) > 1 or self.joined != self.parts[0]


@lru_cache(maxsize=200_000)
def _word(raw, language):
    """The folded word for one raw word after elision, or None if nothing is left."""
    pieces = [piece for piece in JOINERS_RE.split(raw) if piece]
    if len(pieces) > 1 and any(char in raw for char in APOSTROPHES):
        if language == "fr" and fold(pieces[0]) in FRENCH_ELISIONS:
            pieces = pieces[1:]
        elif language == "en" and fold(pieces[-1]) == "s":
            pieces = pieces[:-1]
    parts = [_singular(folded, language) for folded in (fold(piece) for piece in pieces) if folded]
    if not parts:
        return None
    joined = "".join(parts)
    # Stray letters of inclusive writing ("habitant·e·s") are not parts of their own.
    meaningful = tuple(part for part in parts if len(part) > 1 or part.isdigit()) or (parts[0],)
    return Word(meaningful, joined)


def unelided(raw, language):
    """One raw word as written, without what ``_word`` elides: the French article
    ("d'habitants": habitants) or the English possessive ("city's": city)."""
    pieces = re.split(f"[{APOSTROPHES}]", raw)
    if len(pieces) > 1:
        language = base_language(language)
        if language == "fr" and fold(pieces[0]) in FRENCH_ELISIONS:
            return raw[len(pieces[0]) + 1 :]
        if language == "en" and fold(pieces[-1]) == "s":
            return raw[: -len(pieces[-1]) - 1]
    return raw


def _singular(word, language):
    # French Snowball stems some plurals apart from their singular ("potagers" -> potager,
    # "potager" -> potag); dropping the plural s first makes both meet, on every engine.
    if language == "fr" and len(word) > 3 and word[-1] == "s" and word[-2] != "s":
        return word[:-1]
    return word


def words(text, language):
    """The words of ``text`` in ``language``, with separable prefixes joined to the next word."""
    language = base_language(language)
    found = []
    for match in WORD_RE.finditer(unicodedata.normalize("NFC", text)):
        word = _word(match.group(), language)
        if word is None:
            continue
        if (
            found
            and not word.is_compound
            and not found[-1].is_compound
            and found[-1].parts[0] in SEPARABLE_PREFIXES
        ):
            first = found[-1].parts[0]
            found[-1] = Word((first, word.parts[0]), first + word.parts[0])
            continue
        found.append(word)
    return found


def is_stop_word(word, language):
    return word in STOP_WORDS.get(base_language(language), ())


@lru_cache(maxsize=8)
def _stemmer(language):
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


_stem_caches = {}


def stem(word, language):
    """The Snowball stem of a folded word (cached: stemming in Python costs ~40 µs)."""
    language = base_language(language)
    cache = _stem_caches.setdefault(language, {})
    try:
        return cache[word]
    except KeyError:
        pass
    stemmer = _stemmer(language)
    result = stemmer.stemWord(word) if stemmer else word
    if len(cache) > 500_000:
        cache.clear()
    cache[word] = result
    return result


def word_forms(word, language):
    """The folded forms a word contributes to an index, stop words dropped.

    A compound gives its parts, then its joined form: "co-production" -> co, production,
    coproduction. Parts that are stop words are dropped ("bien-être" keeps both).
    """
    if not word.is_compound:
        return [] if is_stop_word(word.parts[0], language) else [word.parts[0]]
    forms = [part for part in word.parts if not is_stop_word(part, language)]
    forms.append(word.joined)
    return forms


@lru_cache(maxsize=300_000)
def _token(raw, language, stemmed):
    """What one raw word contributes to an index: (forms, the word, is it a prefix)."""
    word = _word(raw, language)
    if word is None:
        return (), None, False
    forms = word_forms(word, language)
    if stemmed:
        forms = [stem(form, language) for form in forms]
    prefix = not word.is_compound and word.parts[0] in SEPARABLE_PREFIXES
    return tuple(forms), word, prefix


def _index(text, language, stemmed):
    # The hot path of indexing: millions of words, so each distinct raw word is analysed
    # once (cached) and only a separable prefix needs a look at its neighbour. The result
    # is the same as word_forms() over words().
    language = base_language(language)
    result = []
    previous = None  # a separable prefix waiting for the next word
    for raw in WORD_RE.findall(unicodedata.normalize("NFC", text)):
        forms, word, prefix = _token(raw, language, stemmed)
        if word is None:
            continue
        if previous is not None and not word.is_compound:
            joined = word_forms(Word((previous, word.parts[0]), previous + word.parts[0]), language)
            if not is_stop_word(previous, language):
                joined = joined[1:]  # the prefix itself is already in the result
            if stemmed:
                joined = [stem(form, language) for form in joined]
            result.extend(joined)
            previous = None
            continue
        result.extend(forms)
        previous = word.parts[0] if prefix else None
    return result


def index_words(text, language):
    """The folded, unstemmed words of a text for an index, in order (PostgreSQL, ES)."""
    return _index(text, language, stemmed=False)


def index_terms(text, language):
    """The stemmed terms of a text, in order, separated by spaces (the SQLite FTS5 index)."""
    return " ".join(_index(text, language, stemmed=True))


def autocomplete_words(text, language):
    """Folded words of a title for prefix matching: no stemming, stop words kept."""
    result = []
    for word in words(text, language):
        result.extend(word.parts)
        if word.is_compound:
            result.append(word.joined)
    return result
