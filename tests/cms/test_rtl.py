"""Right-to-left readiness that needs no third language configured: the style sheets
use logical properties only, and every page says its direction."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = sorted(path for path in ROOT.glob("*/static/**/*.css") if ".venv" not in path.parts)
# A physical side: in Arabic it is the wrong one. margin-inline-start, inset-inline-end,
# text-align: start... follow the page's direction.
PHYSICAL = re.compile(
    r"(?<![\w-])(?:(?:margin|padding|border|inset)-(?:left|right)\b"
    r"|(?:left|right)\s*:"
    r"|(?:text-align|float|clear)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius)"
)


def test_the_project_has_style_sheets():
    assert {path.name for path in STYLESHEETS} >= {"site.css"}


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_style_sheets_use_logical_properties(path):
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PHYSICAL.search(line)
    ]
    assert not found, found


def test_the_pattern_catches_physical_sides():
    for line in ("margin-left: 1rem", "a { left: 0; }", "text-align: right", "padding-right:0"):
        assert PHYSICAL.search(line), line
    for line in ("margin-inline-start: 1rem", "inset-inline-start: 0", "text-align: start"):
        assert not PHYSICAL.search(line), line


def test_a_passage_in_another_language_keeps_its_direction():
    template = Template(
        '{% load cms_tags %}<p lang="ar" dir="{{ "ar"|text_dir }}"></p>'
        '<p lang="fr" dir="{{ "fr"|text_dir }}"></p>'
    )
    assert template.render(Context()) == '<p lang="ar" dir="rtl"></p><p lang="fr" dir="ltr"></p>'


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/", "/en/"])
def test_pages_say_their_direction(client, path):
    html = client.get(path).content.decode()
    assert f'<html lang="{path.strip("/")}" dir="ltr">' in html
