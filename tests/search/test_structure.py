"""search/ owns the registry; the apps register their content: search imports no model of theirs."""

import ast
from pathlib import Path

from django.conf import settings

SEARCH = Path(settings.BASE_DIR) / "search"
CONTENT_APPS = ("cms", "practices", "sessions")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            # "from cms import models" names a module too.
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def is_content_model(module):
    app, _, rest = module.partition(".")
    if app not in CONTENT_APPS:
        return False
    # cms's non-model helpers (rate limits...) are shared by every app; models are not.
    return app != "cms" or rest == "models" or rest.startswith("models.")


def test_search_imports_no_content_model():
    found = {
        f"{path.relative_to(SEARCH.parent)}: {module}"
        for path in SEARCH.rglob("*.py")
        for module in imported_modules(path)
        if is_content_model(module)
    }
    assert not found, sorted(found)


def test_the_apps_register_their_kinds_of_result():
    from search.registry import KINDS, LABELS, PAGE_DEPENDENTS

    assert list(KINDS) == ["session", "recording", "transcript", "case_study", "lab"]
    assert set(LABELS) == {"type", "lab", "tag", "lever"}
    assert PAGE_DEPENDENTS
