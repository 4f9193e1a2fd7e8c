"""What the site names in French and English, for the search's bilingual vocabulary.

Tags, labs and levers pair their languages through their translation key; the glossary's
terms are paired the same way. Registered from ``PracticesConfig.ready()`` through
``search.registry`` (search imports no content model).
"""

from collections import defaultdict

from cms.models import Lever
from search.registry import Concept, register_vocabulary

from .models import CaseStudyTag, GlossaryTerm, Lab


def _grouped(rows):
    """``{translation_key: {language: [labels]}}`` from (key, language, labels) rows."""
    grouped = defaultdict(dict)
    for key, language, labels in rows:
        names = grouped[key].setdefault(language, [])
        names.extend(label for label in labels if label and label not in names)
    return grouped


def tag_concepts():
    rows = CaseStudyTag.objects.values_list("translation_key", "locale__language_code", "name")
    for key, labels in _grouped((key, lang, [name]) for key, lang, name in rows).items():
        yield Concept(f"tag-{key}", "tags", labels)


def lab_concepts():
    rows = Lab.objects.values_list("translation_key", "locale__language_code", "name", "city")
    grouped = _grouped((key, lang, [name, city]) for key, lang, name, city in rows)
    for key, labels in grouped.items():
        yield Concept(f"lab-{key}", "labs", labels)


def lever_concepts():
    rows = Lever.objects.values_list("translation_key", "locale__language_code", "name")
    for key, labels in _grouped((key, lang, [name]) for key, lang, name in rows).items():
        yield Concept(f"lever-{key}", "levers", labels)


def glossary_concepts():
    notes = defaultdict(dict)
    rows = []
    for term in GlossaryTerm.objects.select_related("locale"):
        rows.append((term.translation_key, term.locale.language_code, term.labels))
        if term.note:
            notes[term.translation_key][term.locale.language_code] = term.note
    for key, labels in _grouped(rows).items():
        yield Concept(f"glossary-{key}", "glossary", labels, notes.get(key))


def register_search_vocabulary():
    register_vocabulary(tag_concepts, sources=(CaseStudyTag,))
    register_vocabulary(lab_concepts, sources=(Lab,))
    register_vocabulary(lever_concepts, sources=(Lever,))
    register_vocabulary(glossary_concepts, sources=(GlossaryTerm,))
