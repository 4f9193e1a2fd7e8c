#!/usr/bin/env python
"""Small helper for the French catalogues.

    .venv/bin/python scripts/po.py todo sessions          # list what is untranslated or fuzzy
    .venv/bin/python scripts/po.py fill sessions fr.json  # {"msgid": "msgstr", ...}

For plurals, give a list: {"%(n)s seat": ["%(n)s place", "%(n)s places"]}.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {
    "fr": {"Language": "fr", "Plural-Forms": "nplurals=2; plural=(n > 1);"},
    "en": {"Language": "en", "Plural-Forms": "nplurals=2; plural=(n != 1);"},
}


def catalogue(app, language):
    po = polib.pofile(str(ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"))
    po.metadata.update(HEADERS[language], **{"Content-Type": "text/plain; charset=UTF-8"})
    return po


def todo(app):
    po = catalogue(app, "fr")
    for entry in po.untranslated_entries() + po.fuzzy_entries():
        print(json.dumps(entry.msgid, ensure_ascii=False), "(plural)" if entry.msgid_plural else "")


def fill(app, path):
    translations = json.loads(Path(path).read_text())
    for language in ("fr", "en"):
        po = catalogue(app, language)
        if language == "fr":
            for entry in po:
                if entry.msgid not in translations:
                    continue
                value = translations[entry.msgid]
                if entry.msgid_plural:
                    entry.msgstr_plural = dict(
                        enumerate(value if isinstance(value, list) else [value] * 2)
                    )
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
    todo(app)


if __name__ == "__main__":
    command, app, *rest = sys.argv[1:]
    {"todo": todo, "fill": fill}[command](app, *rest)
