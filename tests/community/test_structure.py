"""The arrows point one way: community uses cms, practices and sessions; none uses it."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_other_app_imports_community():
    offenders = {
        str(path.relative_to(ROOT))
        for app in ("cms", "practices", "search", "sessions")
        for path in (ROOT / app).rglob("*.py")
        if any(name.split(".")[0] == "community" for name in imported_modules(path))
    }
    assert not offenders
