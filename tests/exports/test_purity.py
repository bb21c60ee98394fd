"""app/exports is pure like the engine: it imports only the standard library's
data and zip modules, the engine and itself (no web, store or file access);
and the engine never imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import app.core
import app.exports

EXPORTS_DIR = Path(app.exports.__file__).parent
CORE_DIR = Path(app.core.__file__).parent
STANDARD = frozenset(
    {"__future__", "bisect", "collections.abc", "dataclasses", "datetime", "enum", "io", "re"}
    | {"itertools", "zipfile"}
)


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
    return found


def test_exports_import_only_the_engine_and_the_standard_library() -> None:
    for path in sorted(EXPORTS_DIR.glob("*.py")):
        others = {
            module
            for module in imported(path)
            if module not in STANDARD and not module.startswith(("app.core", "app.exports"))
        }
        assert others == set(), path.name


def test_the_engine_never_imports_the_exports() -> None:
    for path in sorted(CORE_DIR.glob("*.py")):
        assert not any(m.startswith("app.exports") for m in imported(path)), path.name
