"""The catalogues of the languages added to French and English (Arabic, German): complete,
the same msgids as French, placeholders kept, each language's plural forms, and each
marked as awaiting review by a native speaker.

Neither language is among the default settings' languages, so these tests read the
catalogues and ask Django's gettext for the language directly (translation.override works
for any language with a compiled catalogue); the pages in them are tested under
cms.settings.test_ar and test_de (tests/languages/).
"""

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)


def arabic_form(n):
    """Which of the six forms Arabic uses for n (CLDR: zero, one, two, few, many, other)."""
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    if n % 100 >= 11:
        return 4
    return 5


class Added:
    """What the checks need to know of one added language."""

    def __init__(self, code, name, plural_forms, form, script=None):
        self.code, self.name = code, name
        self.plural_forms, self.form = plural_forms, form
        self.nplurals = int(re.search(r"nplurals=(\d+)", plural_forms).group(1))
        # A letter of the language's own script, which every translation must have
        # (None: Latin letters, like the msgids).
        self.script = re.compile(script) if script else None

    def __repr__(self):
        return self.code


ADDED = [
    Added(
        "ar",
        "Arabic",
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
        arabic_form,
        "[\u0600-\u06ff]",
    ),
    Added("de", "German", "nplurals=2; plural=(n != 1);", lambda n: 0 if n == 1 else 1),
]
# %(name)s and its variants, %s/%d, {name}, and HTML tags: all must survive translation.
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdfrixX]|%[sdfrixX]|\{[\w.]*\}|</?\w+[^>]*>"
)


def project_apps():
    root = ROOT.resolve()
    paths = [Path(config.path).resolve() for config in apps.get_app_configs()]
    return sorted(p.name for p in paths if root in p.parents and ".venv" not in p.parts)


def po_path(app, language):
    return ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogues():
    return [
        pytest.param(language, path, id=str(path.relative_to(ROOT)))
        for language in ADDED
        for path in sorted(ROOT.glob(f"*/locale/{language.code}/LC_MESSAGES/django.po"))
    ]


def words(text):
    return [word.casefold() for word in re.findall(r"[^\W\d_]{3,}", PLACEHOLDER.sub("", text))]


def copied(language, entry, french):
    """Whether a translation looks like the English msgid or the French left in place."""
    if language.script:
        return not language.script.search(entry.msgstr)
    # In Latin letters, a few words may be the same as in English (Name, Video, Status,
    # Organisation (optional)); a sentence may not, nor may it be the French.
    if len(PLACEHOLDER.sub("", entry.msgid).split()) < 4:
        return False
    english = set(words(entry.msgid))
    own = words(entry.msgstr)
    return entry.msgstr == french or sum(word in english for word in own) > 0.6 * len(own)


def keys(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


@pytest.mark.parametrize("language", ADDED, ids=str)
def test_every_app_has_a_catalogue_in_each_added_language(language):
    assert {"cms", "community", "practices", "search", "sessions"} <= set(project_apps())
    missing = [app for app in project_apps() if not po_path(app, language.code).exists()]
    assert not missing, missing


@pytest.mark.parametrize("app", project_apps())
@pytest.mark.parametrize("language", ADDED, ids=str)
def test_an_added_catalogue_has_every_french_msgid(language, app):
    """A msgid in the French catalogue but not in this one would show in French."""
    french = keys(polib.pofile(str(po_path(app, "fr"))))
    added = keys(polib.pofile(str(po_path(app, language.code))))
    assert french - added == set(), (
        f"run `make messages APP={app}` and fill the {language.name} "
        f"(scripts/po.py fill {app} <map>.json {language.code})"
    )
    assert added - french == set()


@pytest.mark.parametrize(("language", "path"), catalogues())
def test_added_catalogues_are_complete(language, path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == language.code
    assert catalogue.metadata["Plural-Forms"] == language.plural_forms
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated and not fuzzy, {"untranslated": untranslated, "fuzzy": fuzzy}
    app = path.relative_to(ROOT).parts[0]
    french = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(po_path(app, "fr")))}
    left = []
    for entry in catalogue:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(language.nplurals)]
            assert all(forms), (entry.msgid, forms)
            continue
        # URL segments stay ASCII.
        if not re.search("[A-Za-z]{2,}", PLACEHOLDER.sub("", entry.msgid)):
            continue
        if entry.msgid.endswith("/"):
            continue
        if copied(language, entry, french.get((entry.msgctxt, entry.msgid))):
            left.append((entry.msgid, entry.msgstr))
    assert not left, left


@pytest.mark.parametrize(("language", "path"), catalogues())
def test_added_translations_keep_the_placeholders(language, path):
    wrong = []
    for entry in polib.pofile(str(path)):
        expected = Counter(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # The singular msgid may spell the number out; the plural carries every name.
            expected |= Counter(PLACEHOLDER.findall(entry.msgid_plural))
            translations = list(entry.msgstr_plural.values())
        else:
            translations = [entry.msgstr]
        for text in translations:
            if Counter(PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry.msgid, text))
    assert not wrong, wrong


@pytest.mark.parametrize(("language", "path"), catalogues())
def test_added_catalogues_say_they_await_review(language, path):
    header = " ".join(polib.pofile(str(path)).header.split())
    assert f"needs review by a native speaker of {language.name}" in header


@pytest.mark.parametrize("language", ADDED, ids=str)
def test_the_readme_says_each_added_language_awaits_review(language):
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert re.search(rf"{language.name}[^.]*awaits? review by a native speaker", readme)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize(("language", "path"), catalogues())
def test_msgfmt_accepts_the_added_catalogues(language, path):
    """msgfmt --check also compares python-format placeholders and the plural header."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ADDED, ids=str)
def test_django_reads_each_added_language_with_its_plural_forms(language):
    """What a reader sees: Django's gettext in the language, each count with its form."""
    paths = sorted(ROOT.glob(f"*/locale/{language.code}/LC_MESSAGES/django.po"))
    entries = [e for path in paths for e in polib.pofile(str(path))]
    # The same msgid in two apps is one message once Django merges the catalogues.
    given = {}
    for entry in entries:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in range(language.nplurals)]
        else:
            forms = entry.msgstr
        given.setdefault((entry.msgctxt, entry.msgid), []).append(forms)
    plurals = 0
    with translation.override(language.code):
        for entry in entries:
            choices = given[entry.msgctxt, entry.msgid]
            if not entry.msgid_plural:
                if entry.msgctxt:
                    shown = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    shown = translation.gettext(entry.msgid)
                assert shown in choices, (entry.msgid, shown)
                continue
            for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111):
                shown = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                expected = [forms[language.form(n)] for forms in choices]
                assert shown in expected, (entry.msgid, n)
                plurals += 1
    assert plurals
