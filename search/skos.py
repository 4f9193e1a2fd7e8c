"""The multilingual vocabulary as SKOS, in Turtle, for others to reuse.

One concept scheme per source (tags, labs, levers, glossary), titled in each of the site's
languages that has a translation of the title; each concept has its preferred label in
each language it is named in, its other names as alternative labels, and the glossary's
notes as scope notes. Concepts are named under the export's own address.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from .vocabulary import load

PREFIXES = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix dct: <http://purl.org/dc/terms/> .\n"
)
SCHEME_TITLES = {
    "tags": gettext_noop("Themes"),
    "labs": gettext_noop("Fairville labs"),
    "levers": gettext_noop("Levers of co-production"),
    "glossary": gettext_noop("Glossary"),
}
# The language of the msgids: a title is in it when no catalogue translates it.
MSGID_LANGUAGE = "en"  # language data: the msgids are written in English


def scheme_titles(scheme):
    """``[(language, title)]`` in each site language that has the title translated."""
    msgid = SCHEME_TITLES.get(scheme)
    if msgid is None:
        return [(MSGID_LANGUAGE, scheme)]
    with translation.override(settings.LANGUAGE_CODE):
        source = gettext(msgid)
    titles = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            text = gettext(msgid)
        # Without a translation, gettext gives the source language's (Django's fallback)
        # or the English msgid: not a title in this language.
        if language in (MSGID_LANGUAGE, settings.LANGUAGE_CODE) or text not in (msgid, source):
            titles.append((language, text))
    return titles


def literal(text, language):
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"@{language}'


def iri(base, fragment):
    # Codes are a scheme name and a UUID or slug: letters, digits and hyphens.
    safe = "".join(char for char in fragment if char.isalnum() or char in "-_")
    return f"<{base}#{safe}>"


def turtle(base):
    """The vocabulary as a Turtle document, concepts named ``<base>#code``."""
    vocabulary = load()
    concepts = sorted(vocabulary.concepts.values(), key=lambda concept: concept.code)
    schemes = sorted({concept.scheme for concept in concepts})
    lines = [PREFIXES]
    for scheme in schemes:
        titles = ", ".join(literal(title, language) for language, title in scheme_titles(scheme))
        lines.append(f"{iri(base, scheme)} a skos:ConceptScheme ;\n    dct:title {titles} .\n")
    for concept in concepts:
        statements = [f"skos:inScheme {iri(base, concept.scheme)}"]
        for language, labels in sorted(concept.labels.items()):
            if not labels or not language:
                continue
            statements.append(f"skos:prefLabel {literal(labels[0], language)}")
            statements.extend(f"skos:altLabel {literal(label, language)}" for label in labels[1:])
        for language, note in sorted((concept.notes or {}).items()):
            statements.append(f"skos:scopeNote {literal(note, language)}")
        body = " ;\n    ".join(statements)
        lines.append(f"{iri(base, concept.code)} a skos:Concept ;\n    {body} .\n")
    return "\n".join(lines)
