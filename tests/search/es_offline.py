"""Elasticsearch without a cluster: the index's analysers and the request bodies, evaluated
in Python with the semantics Elasticsearch documents for each part the project uses.

It reads the analysis settings and the query bodies the backend would send, never the
project's own analysis code, so it checks what those settings and bodies do to known
text. What it cannot prove (scores, the ranking, edge n-grams, Lucene's token graphs in
every detail) is listed in search/README.md. A setting of a type it does not know fails
loudly instead of being skipped.
"""

import re
import unicodedata

import snowballstemmer

APOSTROPHES = "'’"
# Combining marks (Unicode Mn, Mc, Me) in the ranges text here may hold: Latin diacritics,
# Arabic tashkeel and Quranic marks.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
# Lucene's stop lists behind "_english_" and "_french_" (EnglishAnalyzer's default set;
# FrenchAnalyzer's, Snowball's french_stop.txt).
STOP_WORDS = {
    "_english_": set(
        "a an and are as at be but by for if in into is it no not of on or such that the "
        "their then there these they this to was will with".split()
    ),
    "_french_": set(
        "au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même "
        "mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te "
        "tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant "
        "suis es est sommes êtes sont serai seras sera serons serez seront serais serait "
        "serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent "
        "sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant eu eue "
        "eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait "
        "aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie "
        "aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent ceci cela celà "
        "cet cette ici ils les leurs quel quels quelle quelles sans soi".split()
    ),
}
# The "stemmer" filter's languages: "french" and "german" are Snowball's, "english"
# Porter's; "arabic" is Lucene's light Arabic stemmer (see _arabic_stem), not Snowball's.
STEMMERS = {"french": "french", "english": "porter", "german": "german"}
# arabic_normalization (Lucene's ArabicNormalizationFilter, as its documentation says):
# hamza and madda on alef to a bare alef, alef maqsura to ya, ta marbuta to ha, and the
# harakat (fathatan to sukun) and tatweel removed.
ARABIC_NORMALISATION = str.maketrans(
    {
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
        **{chr(code): None for code in range(0x064B, 0x0653)},
        "\u0640": None,
    }
)
# The light stemmer (Lucene's ArabicStemFilter): the first of these prefixes the word
# starts with goes (wa alone only from a word of 4 letters or more, the others when 2
# letters are left), then each of these suffixes in turn, when 2 letters are left.
ARABIC_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")
# ASCII folding beyond dropping accents (Lucene's ASCIIFoldingFilter).
FOLDED = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o"})


class Analyser:
    """A custom analyser of the index settings, as (position, token) pairs."""

    def __init__(self, settings, name):
        self.settings = settings
        definition = settings["analyzer"][name]
        assert definition["type"] == "custom", definition
        assert definition["tokenizer"] == "whitespace", definition
        self.char_filters = [settings["char_filter"][n] for n in definition.get("char_filter", [])]
        self.filters = [self._filter(n) for n in definition["filter"]]

    def _filter(self, name):
        if name in ("lowercase", "asciifolding", "decimal_digit", "arabic_normalization"):
            return {"type": name}
        return self.settings["filter"][name]

    def __call__(self, text):
        for char_filter in self.char_filters:
            if char_filter["type"] == "mapping":
                for rule in char_filter["mappings"]:
                    source, target = (side.strip() for side in rule.split("=>"))
                    text = text.replace(source, target)
                continue
            assert char_filter["type"] == "pattern_replace", char_filter
            # Java's \p{L} (a letter) and $1, in Python's syntax.
            pattern = char_filter["pattern"].replace(r"\p{L}", r"[^\W\d_]")
            text = re.sub(pattern, char_filter["replacement"].replace("$", "\\"), text)
        tokens = list(enumerate(text.split()))
        for definition in self.filters:
            tokens = getattr(self, "_" + definition["type"])(tokens, definition)
        return tokens

    def _lowercase(self, tokens, _definition):
        return [(position, token.lower()) for position, token in tokens]

    def _asciifolding(self, tokens, _definition):
        def fold(token):
            token = unicodedata.normalize("NFKD", token.translate(FOLDED))
            return "".join(c for c in token if not unicodedata.combining(c))

        return [(position, fold(token)) for position, token in tokens]

    def _elision(self, tokens, definition):
        articles = set(definition["articles"])
        if definition.get("articles_case"):
            articles = {article.lower() for article in articles}
        kept = []
        for position, token in tokens:
            cut = min((token.find(a) for a in APOSTROPHES if a in token), default=-1)
            prefix = token[:cut].lower() if definition.get("articles_case") else token[:cut]
            kept.append((position, token[cut + 1 :] if cut > 0 and prefix in articles else token))
        return kept

    def _word_delimiter_graph(self, tokens, definition):
        assert definition.get("generate_word_parts") and not definition.get("preserve_original")
        out, shift = [], 0
        for position, token in tokens:
            if definition.get("stem_english_possessive") and token[-2:] in ("'s", "’s"):
                token = token[:-2]
            # Letters, digits and combining marks (Lucene counts marks as letters)
            # make parts; anything else delimits them.
            parts = re.findall(rf"(?:[^\W_]|[{MARKS}])+", token)
            for index, part in enumerate(parts):
                out.append((position + shift + index, part))
            if definition.get("catenate_all") and len(parts) > 1:
                out.append((position + shift, "".join(parts)))
            shift += max(len(parts) - 1, 0)
        return out

    def _stop(self, tokens, definition):
        words = definition["stopwords"]
        words = STOP_WORDS[words] if isinstance(words, str) else set(words)
        return [(position, token) for position, token in tokens if token not in words]

    def _decimal_digit(self, tokens, _definition):
        def ascii_digits(token):
            return "".join(
                str(unicodedata.decimal(char)) if char.isdecimal() else char for char in token
            )

        return [(position, ascii_digits(token)) for position, token in tokens]

    def _arabic_normalization(self, tokens, _definition):
        return [(position, token.translate(ARABIC_NORMALISATION)) for position, token in tokens]

    def _stemmer(self, tokens, definition):
        if definition["language"] == "arabic":
            return [(position, _arabic_stem(token)) for position, token in tokens]
        stemmer = snowballstemmer.stemmer(STEMMERS[definition["language"]])
        return [(position, stemmer.stemWord(token)) for position, token in tokens]


def _arabic_stem(word):
    for prefix in ARABIC_PREFIXES:
        needed = 4 if len(prefix) == 1 else len(prefix) + 2
        if word.startswith(prefix) and len(word) >= needed:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return word


class Index:
    """Documents analysed with the mapping's analysers; ``search(query)`` gives the
    documents a query body matches (a set: no scores)."""

    def __init__(self, analysis_settings, mapping, documents):
        self.analysis = analysis_settings
        self.properties = mapping["properties"]
        self.documents = documents
        self._analysers = {}

    def analyse(self, field, text):
        name = self.properties[field]["analyzer"]
        if name not in self._analysers:
            self._analysers[name] = Analyser(self.analysis, name)
        return self._analysers[name](text or "")

    def search(self, query):
        return [doc for doc in self.documents if self.matches(doc, query)]

    def matches(self, doc, query):
        (kind, body), *rest = query.items()
        assert not rest, query
        return getattr(self, "_" + kind)(doc, body)

    def _bool(self, doc, body):
        must = body.get("must", [])
        must = must if isinstance(must, list) else [must]
        must_not = body.get("must_not", [])
        must_not = must_not if isinstance(must_not, list) else [must_not]
        should = body.get("should", [])
        filters = body.get("filter", [])
        if not all(self.matches(doc, q) for q in [*must, *filters]):
            return False
        if any(self.matches(doc, q) for q in must_not):
            return False
        needed = body.get("minimum_should_match", 0 if must or filters else 1)
        return sum(self.matches(doc, q) for q in should) >= (needed if should else 0)

    def _term(self, doc, body):
        ((field, value),) = body.items()
        held = doc.get(field)
        return value in held if isinstance(held, list) else held == value

    def _exists(self, doc, body):
        return doc.get(body["field"]) not in (None, [], "")

    def _multi_match(self, doc, body):
        fields = [field.split("^")[0] for field in body["fields"]]
        for field in fields:
            have = self.analyse(field, doc.get(field))
            wanted = self.analyse(field, body["query"])
            if not wanted:
                continue
            if body.get("type") == "phrase":
                first = wanted[0][0]
                places = {position for position, token in have if token == wanted[0][1]}
                present = set(have)
                if any(
                    all((start + p - first, token) in present for p, token in wanted)
                    for start in places
                ):
                    return True
            elif {token for _p, token in wanted} & {token for _p, token in have}:
                return True
        return False
