"""The Arabic catalogues: complete, same msgids as French, placeholders kept, six plural forms.

Arabic is not among the default settings' languages, so these tests read the catalogues and
ask Django's gettext for Arabic directly (translation.override works for any language with
a compiled catalogue); the pages in Arabic are tested under cms.settings.test_ar.
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
PLURAL_FORMS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
)
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


def arabic_catalogues():
    return sorted(ROOT.glob("*/locale/ar/LC_MESSAGES/django.po"))


def keys(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue if not e.obsolete}


def arabic_form(n):
    """Which of the six forms Arabic uses for n (CLDR: zero, one, two, few, many, other)."""
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    if n % 100 >= 11:
        return 4
    return 5


def test_every_app_has_an_arabic_catalogue():
    assert {"cms", "community", "practices", "search", "sessions"} <= set(project_apps())
    missing = [app for app in project_apps() if not po_path(app, "ar").exists()]
    assert not missing, missing


@pytest.mark.parametrize("app", project_apps())
def test_arabic_catalogue_has_every_french_msgid(app):
    """A msgid added to the French catalogue but not to the Arabic one would show in English."""
    french = keys(polib.pofile(str(po_path(app, "fr"))))
    arabic = keys(polib.pofile(str(po_path(app, "ar"))))
    assert french - arabic == set(), f"run `make messages APP={app}` and fill the Arabic"
    assert arabic - french == set()


@pytest.mark.parametrize("path", arabic_catalogues(), ids=str)
def test_arabic_catalogues_are_complete(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "ar"
    assert catalogue.metadata["Plural-Forms"] == PLURAL_FORMS
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated and not fuzzy, {"untranslated": untranslated, "fuzzy": fuzzy}
    for entry in catalogue:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(6)]
            assert all(forms), (entry.msgid, forms)
        else:
            # Copying the English would pass the check above. URL segments stay ASCII.
            words = re.search("[A-Za-z]{2,}", PLACEHOLDER.sub("", entry.msgid))
            if words and not entry.msgid.endswith("/"):
                assert re.search("[\u0600-\u06ff]", entry.msgstr), entry.msgid


@pytest.mark.parametrize("path", arabic_catalogues(), ids=str)
def test_arabic_translations_keep_the_placeholders(path):
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


@pytest.mark.parametrize("path", arabic_catalogues(), ids=str)
def test_arabic_catalogues_say_they_await_review(path):
    assert "review by a native" in " ".join(polib.pofile(str(path)).header.split())


def test_the_readme_says_the_arabic_awaits_review():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert re.search(r"Arabic[^.]*awaits review by a native speaker", readme)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("path", arabic_catalogues(), ids=str)
def test_msgfmt_accepts_the_arabic_catalogues(path):
    """msgfmt --check also compares python-format placeholders and the plural header."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_django_reads_arabic_with_its_six_plural_forms():
    """What a reader sees: Django's gettext in Arabic, each count with its own form."""
    entries = [e for path in arabic_catalogues() for e in polib.pofile(str(path))]
    # The same msgid in two apps is one message once Django merges the catalogues.
    given = {}
    for entry in entries:
        forms = [entry.msgstr_plural[i] for i in range(6)] if entry.msgid_plural else entry.msgstr
        given.setdefault((entry.msgctxt, entry.msgid), []).append(forms)
    plurals = 0
    with translation.override("ar"):
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
                assert shown in [forms[arabic_form(n)] for forms in choices], (entry.msgid, n)
                plurals += 1
    assert plurals
