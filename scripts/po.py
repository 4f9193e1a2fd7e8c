#!/usr/bin/env python
"""Small helper for the catalogues (French by default; another language with a trailing
code: ``ar``, ``de``).

    .venv/bin/python scripts/po.py todo sessions             # list what is untranslated or fuzzy
    .venv/bin/python scripts/po.py fill sessions fr.json     # {"msgid": "msgstr", ...}
    .venv/bin/python scripts/po.py todo sessions ar          # the same for the Arabic catalogue
    .venv/bin/python scripts/po.py fill sessions ar.json ar
    .venv/bin/python scripts/po.py dump sessions ar          # untranslated msgids as JSON

For plurals, give a list: {"%(n)s seat": ["%(n)s place", "%(n)s places"]}; Arabic has six
forms (zero, one, two, few 3-10, many 11-99, other), in that order; German two (one, other).
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {
    "fr": {"Language": "fr", "Plural-Forms": "nplurals=2; plural=(n > 1);"},
    "en": {"Language": "en", "Plural-Forms": "nplurals=2; plural=(n != 1);"},
    "ar": {
        "Project-Id-Version": "Fairville Dialogues",
        "Language-Team": "Arabic (awaiting review by a native speaker)",
        "Language": "ar",
        "Plural-Forms": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    },
    "de": {
        "Project-Id-Version": "Fairville Dialogues",
        "Language-Team": "German (awaiting review by a native speaker)",
        "Language": "de",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    },
}
NPLURALS = {"fr": 2, "en": 2, "ar": 6, "de": 2}
# Languages translated without a native speaker: the note is kept at the top of each of
# their catalogues (tests/cms/test_added_catalogues.py checks it).
AWAITING_REVIEW = {"ar": "Arabic", "de": "German"}
REVIEW_NOTE = (
    "{name} translation of the Fairville Dialogues interface.\n"
    "AWAITING REVIEW: written without a native speaker; it needs review by a native\n"
    "speaker of {name} before it is relied upon."
)


def catalogue(app, language):
    po = polib.pofile(str(ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"))
    po.metadata.update(HEADERS[language], **{"Content-Type": "text/plain; charset=UTF-8"})
    if language in AWAITING_REVIEW:
        po.header = REVIEW_NOTE.format(name=AWAITING_REVIEW[language])
        po.metadata_is_fuzzy = False
    return po


def todo(app, language="fr"):
    po = catalogue(app, language)
    for entry in po.untranslated_entries() + po.fuzzy_entries():
        print(json.dumps(entry.msgid, ensure_ascii=False), "(plural)" if entry.msgid_plural else "")


def dump(app, language="fr"):
    po = catalogue(app, language)
    entries = po.untranslated_entries() + po.fuzzy_entries()
    todo_map = {e.msgid: e.msgid_plural or "" for e in entries}
    print(json.dumps(todo_map, ensure_ascii=False, indent=0))


def fill(app, path, language="fr"):
    translations = json.loads(Path(path).read_text())
    # The English catalogue is saved too (its headers), as it always was for French.
    for lang in (language, "en") if language == "fr" else (language,):
        po = catalogue(app, lang)
        if lang != "en":
            for entry in po:
                if entry.msgid not in translations:
                    continue
                value = translations[entry.msgid]
                if entry.msgid_plural:
                    forms = value if isinstance(value, list) else [value] * NPLURALS[lang]
                    entry.msgstr_plural = dict(enumerate(forms))
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                # A fuzzy match leaves its old msgid behind; msgfmt refuses a plural's
                # previous msgid_plural without it, so drop all three.
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
        po.save()
    todo(app, language)


if __name__ == "__main__":
    command, app, *rest = sys.argv[1:]
    {"todo": todo, "fill": fill, "dump": dump}[command](app, *rest)
