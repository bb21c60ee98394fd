"""app/core is pure: no web, database, network or file access, checked on its source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import app.core

CORE_PACKAGE = "app.core"
CORE_DIR = Path(app.core.__file__).parent
CORE_FILES = sorted(CORE_DIR.rglob("*.py"))

# Pure standard library modules, the two text libraries, and the engine itself.
ALLOWED_MODULES = frozenset(
    {
        "__future__",
        "bisect",
        "collections",
        "collections.abc",
        "dataclasses",
        "enum",
        "functools",
        "heapq",
        "itertools",
        "json",  # the comparison JSON as text: encoding only, no files
        "math",
        "operator",
        "re",
        "string",
        "typing",
        "unicodedata",
        "zlib",  # crc32: a hash of a word that is the same in every process
        "fast_diff_match_patch",
        "sentencex",
    }
)
# Builtins that reach files, the terminal or arbitrary code.
FORBIDDEN_CALLS = frozenset(
    {"open", "__import__", "exec", "eval", "compile", "input", "breakpoint", "print"}
)


def is_allowed(module: str) -> bool:
    return module in ALLOWED_MODULES or module == CORE_PACKAGE or module.startswith("app.core.")


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _import_problems(node: ast.AST, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [f"import {a.name}" for a in node.names if not is_allowed(a.name)]
    if isinstance(node, ast.ImportFrom):
        module = _absolute(node, package)
        if is_allowed(module):
            return []
        # `from app import core` names a module: judge `app.core`, not `app`.
        return [
            f"from {module or '.'} import {a.name}"
            for a in node.names
            if not is_allowed(f"{module}.{a.name}" if module else a.name)
        ]
    return []


def purity_problems(source: str, package: str = CORE_PACKAGE) -> list[str]:
    """Imports outside the allow-list and calls of forbidden builtins in `source`."""
    problems: list[str] = []
    for node in ast.walk(ast.parse(source)):
        problems.extend(_import_problems(node, package))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FORBIDDEN_CALLS
        ):
            problems.append(f"call of {node.func.id}()")
    return problems


def test_core_modules_are_found() -> None:
    names = {path.relative_to(CORE_DIR).as_posix() for path in CORE_FILES}
    # The pipeline's stages, in the order a comparison runs through them.
    assert {
        "__init__.py",
        "compare.py",
        "segmentation/segment.py",
        "alignment/align.py",
        "worddiff/diff.py",
        "classification/classify.py",
        "model.py",
        "serialize.py",
    } <= names


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.relative_to(CORE_DIR).as_posix())
def test_core_module_imports_only_the_allow_list(path: Path) -> None:
    assert purity_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import fastapi",
        "import starlette.responses",
        "from jinja2 import Environment",
        "import sqlite3",
        "import psycopg",
        "import httpx",
        "import os",
        "import os.path",
        "import sys",
        "import io",
        "from pathlib import Path",
        "import importlib",
        "import app.web",
        "from app.store import save",
        "from app import cli",
        "from app import web, core",
        "from .. import web",
        "from ..store import save",
        "def f():\n    import fastapi",
        "try:\n    import httpx\nexcept ImportError:\n    pass",
        "with open('x.txt') as f:\n    pass",
        "__import__('os')",
        "print('debug')",
    ],
)
def test_checker_rejects(source: str) -> None:
    assert purity_problems(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "from __future__ import annotations",
        "import re",
        "from collections.abc import Iterator, Sequence",
        "import fast_diff_match_patch",
        "import sentencex",
        "from app.core.model import Segment",
        "from app.core import compare",
        "from app import core",
        "from . import model",
        "from .tokens import tokenize",
        "text = 'open(x) is only a string here'",
        "def f(file: object) -> None:\n    file.open()",
    ],
)
def test_checker_accepts(source: str) -> None:
    assert purity_problems(source) == []


def test_importing_the_engine_loads_no_web_or_database_module() -> None:
    forbidden = ("fastapi", "starlette", "jinja2", "sqlite3", "psycopg", "httpx")
    ours = ("app.web", "app.store", "app.cli", "app.ingest")
    script = (
        "import sys, app.core\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {forbidden!r}"
        f" or m.startswith({ours!r})]\n"
        "print(','.join(sorted(bad)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=CORE_DIR.parents[1],
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("line", ["import fastapi", "from app.web import routes"])
def test_checker_catches_a_forbidden_import_added_to_a_real_module(line: str) -> None:
    source = (CORE_DIR / "compare.py").read_text(encoding="utf-8")
    assert purity_problems(f"{source}\n{line}\n") == [line]
