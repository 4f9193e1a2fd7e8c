"""Quality gates that run with the suite: checks, migrations, lint, deploy settings, catalogues."""

import ast
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret",
    "ALLOWED_HOSTS": "dialogues.example.org",
    "DATABASE_URL": "postgres://fairville@db.example.org/fairville",
    "WAGTAILADMIN_BASE_URL": "https://dialogues.example.org",
}


def manage(*args, env=None):
    # The browser tests allow sync ORM calls beside Playwright's loop; production must not.
    unwanted = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [str(ruff), "check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without_required_variables(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


def catalogues():
    return sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))


def project_apps():
    """The directories of the project's own apps (not those installed in the venv)."""
    root = ROOT.resolve()
    paths = [Path(config.path).resolve() for config in apps.get_app_configs()]
    return sorted(p.name for p in paths if root in p.parents and ".venv" not in p.parts)


def test_every_app_has_french_and_english_catalogues():
    found = {(path.parts[-5], path.parts[-3]) for path in catalogues()}
    assert {"cms", "practices", "search", "sessions"} <= set(project_apps())
    for app in project_apps():
        assert {(app, "fr"), (app, "en")} <= found, app


@pytest.mark.parametrize("path", [p for p in catalogues() if p.parts[-3] == "fr"], ids=str)
def test_french_catalogues_are_complete(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated and not fuzzy, {"untranslated": untranslated, "fuzzy": fuzzy}


APPS = ("cms", "practices", "search", "sessions")


def places(pattern):
    """Files of the apps (code and templates, not migrations) whose text matches ``pattern``."""
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                if re.search(pattern, path.read_text(encoding="utf-8")):
                    found.add(str(path.relative_to(ROOT)))
    return found


def test_lever_coverage_has_one_home():
    # "A lever also matches its entry points": a second copy drifts from the first.
    assert places(r"parent__code|parent\.code") == {"cms/models/taxonomy.py"}


def test_json_ld_has_one_home():
    # Escaping JSON inside a <script> element is easy to get subtly wrong in a second copy.
    assert places(r"ld\+json|u003[cC]") == {"cms/jsonld.py"}


def test_a_case_studys_years_have_one_home():
    # The importer allowed start years up to 2100 while the model refused future ones.
    assert places(r"\b(1899|1900|2100)\b") == {"practices/models/case_studies.py"}


def test_a_registrants_answers_are_listed_once():
    # The public form, the admin's edit form and the export read Registration.ANSWERS.
    assert places(r'"organisation",\s+"role",\s+"country"') == {"sessions/models/registration.py"}


def request_attribute_writes(paths):
    """(file, line, attribute) of each attribute set on a request: ``request.x = ...``,
    ``request.x += ...``, ``setattr(request, ...)``, on any name ending in ``request``."""

    def is_request(node):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        return name.endswith("request")

    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and is_request(part.value):
                        found.append((path.name, part.lineno, part.attr))
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "setattr"
                and node.args
                and is_request(node.args[0])
            ):
                found.append((path.name, node.lineno, "setattr"))
    return found


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_state_rides_on_the_request():
    # A view hands state on through context and arguments: an attribute set on the request
    # is read far away, by whatever happens to look for it (issue 14).
    assert request_attribute_writes(app_modules()) == []


def test_the_request_check_finds_planted_writes(tmp_path):
    (tmp_path / "planted.py").write_text(
        "request.form = form\n"
        "self.request._cache = {}\n"
        "request.count += 1\n"
        "setattr(request, 'x', 1)\n"
        "seen = request.form\n"
        "context['request'] = request\n",
        encoding="utf-8",
    )
    found = request_attribute_writes([tmp_path / "planted.py"])
    assert [line for _name, line, _attr in found] == [1, 2, 3, 4]


# Absolute dates still to come in the tests: true today, false once the date has passed
# (a session "upcoming" on a fixed day is past the day after). Dates relative to today,
# or a clock passed in or stopped (tests/clock.py), do not expire. A date that is never
# compared with the clock may stay if its line says "clock-independent".
MONTHS = {
    name: number
    for names in (
        "January February March April May June July August September October November December",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    )
    for number, name in enumerate(names.split(), 1)
}
MONTH = "|".join(MONTHS)
DATES = [
    re.compile(r"\bdate(?:time)?\(\s*(?P<y>\d{4}),\s*(?P<m>\d{1,2}),\s*(?P<d>\d{1,2})"),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<month>{MONTH}) (?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<month>{MONTH}) (?P<y>\d{{4}})\b"),
]


def future_dates(directory, today):
    """(file, line number, text) of each absolute date after ``today`` in the .py files."""
    found = []
    for path in sorted(directory.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if "clock-independent" in line:
                continue
            for pattern in DATES:
                for match in pattern.finditer(line):
                    parts = match.groupdict()
                    month = MONTHS.get(parts.get("month")) or int(parts.get("m") or 0)
                    try:
                        moment = date(int(parts["y"]), month, int(parts.get("d") or 1))
                    except ValueError:
                        continue
                    if moment > today:
                        found.append((path.name, number, match.group(0)))
    return found


def test_no_test_depends_on_a_date_still_to_come():
    assert future_dates(ROOT / "tests", date.today()) == []


def test_the_date_detector_finds_a_planted_future_date(tmp_path):
    next_year = date.today().year + 1
    (tmp_path / "test_planted.py").write_text(
        f"start = datetime({next_year}, 3, 18, 15)\n"
        f'typed = "{next_year}-03-18 15:00"\n'
        f'shown = "18 March {next_year}, 3-5 pm"\n'
        f'french = "18 mars {next_year}"\n'
        f'month = "March {next_year}, date and time to be confirmed"\n'
        f"past = date({next_year - 2}, 3, 18)\n"
        f"fixed = date({next_year}, 3, 18)  # clock-independent: formatting only\n",
        encoding="utf-8",
    )
    found = future_dates(tmp_path, date.today())
    assert [number for _name, number, _text in found] == [1, 2, 3, 3, 4, 4, 5]


# Languages come from settings (cms/settings/languages.py, cms/languages.py): no "fr" or
# "en" in the apps' code outside settings, migrations and demo content. Kept here: modules
# whose very subject is one language's rules (its stop words and stemmer, its analyser,
# its date conventions), keyed by its code. A line that declares language data may say
# so with "# language data: <why>".
LANGUAGE_DATA = {
    "search/analysis.py": "stop words, elisions and stemmers of each language",
    "search/backends/postgres.py": "the text-search configuration of each language",
    "search/backends/elasticsearch.py": "the analyser of each language",
    "sessions/timefmt.py": "each language's way of writing dates and times",
}
LANGUAGE_LITERAL = re.compile(r"""^(fr|en)$|lang=["'](fr|en)["']|^/(fr|en)/""")


def language_literals(paths):
    """(file, line, text) of each string that names French or English by code: "fr", "en",
    lang="fr" or a path that starts with /fr/, outside docstrings."""
    found = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and LANGUAGE_LITERAL.search(node.value)
                and "# language data:" not in lines[node.lineno - 1]
            ):
                found.append((str(path), node.lineno, node.value[:40]))
    return found


def language_code_paths():
    for app in (*APPS, "community"):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if (
                "migrations" in path.parts
                or relative.startswith("cms/settings/")
                or "demo" in path.stem
                or relative in LANGUAGE_DATA
            ):
                continue
            yield path


def test_no_language_is_named_in_the_code():
    assert language_literals(language_code_paths()) == []


def test_the_language_check_finds_planted_literals(tmp_path):
    (tmp_path / "planted.py").write_text(
        '"""/fr/ and /en/: a docstring may name them."""\n'
        'LANGUAGES = ("fr", "en")\n'
        "x = f\"{literal(title, 'fr')}\"\n"
        "html = '<html lang=\"en\">'\n"
        'url = "/en/library/"\n'
        'ok = ("french", "fr-ca is a variant", "prefix")\n'
        'STOP = {"fr": "le la"}  # language data: stop words\n',
        encoding="utf-8",
    )
    found = language_literals([tmp_path / "planted.py"])
    assert sorted(line for _name, line, _text in found) == [2, 2, 3, 4, 5]
