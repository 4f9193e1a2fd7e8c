"""The bilingual vocabulary as SKOS, in Turtle, for others to reuse.

One concept scheme per source (tags, labs, levers, glossary); each concept has its
preferred label in each language, its other names as alternative labels, and the
glossary's notes as scope notes. Concepts are named under the export's own address.
"""

from .vocabulary import load

PREFIXES = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix dct: <http://purl.org/dc/terms/> .\n"
)
SCHEME_TITLES = {
    "tags": ("Thèmes", "Themes"),
    "labs": ("Laboratoires Fairville", "Fairville labs"),
    "levers": ("Leviers de la co-production", "Levers of co-production"),
    "glossary": ("Glossaire", "Glossary"),
}


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
        titles = SCHEME_TITLES.get(scheme, (scheme, scheme))
        lines.append(
            f"{iri(base, scheme)} a skos:ConceptScheme ;\n"
            f"    dct:title {literal(titles[0], 'fr')}, {literal(titles[1], 'en')} .\n"
        )
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
