"""Quality gates that run with the suite: checks, migrations, lint, deploy settings, catalogues."""

import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
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


def test_every_app_has_french_and_english_catalogues():
    found = {(path.parts[-5], path.parts[-3]) for path in catalogues()}
    for app in ("cms",):
        assert {(app, "fr"), (app, "en")} <= found


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
