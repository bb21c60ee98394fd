"""The collector and the large jobs: what they leave it, when it is held off.

The page of a long pair, or its comparison, is millions of objects; what
of them only the collector can free is walked in passes that hold the
interpreter lock and stall every other request (bench/stall.py measures
the seed page meanwhile).
"""

from __future__ import annotations

import gc
import pickle
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import cast

import pytest

from app.collector import collector_held_off
from app.core import CompareOptions
from app.engine_pool import EnginePool, engine_result
from app.web import urls
from app.web.comparison import large_pages
from app.web.comparison.variants import Shown
from app.web.exports import downloads, reports
from app.web.serving.rendering import Renderer, templates_environment


@dataclass
class Row:
    text: str


@pytest.fixture
def collector_off() -> Iterator[None]:
    # Off, so that only reference counts can free what the test watches.
    was_on = gc.isenabled()
    gc.disable()
    yield
    if was_on:
        gc.enable()


TEMPLATES = [
    pytest.param("{{ row.text }}", id="plain"),
    pytest.param(
        "{% macro cell(r) %}<td>{{ r.text }}</td>{% endmacro %}{{ cell(row) }}", id="macro"
    ),
    pytest.param(
        "{% macro cell(r) %}{{ caller() }}{% endmacro %}"
        "{% call cell(row) %}{{ row.text }}{% endcall %}",
        id="call-block",
    ),
]


@pytest.mark.parametrize("source", TEMPLATES)
def test_what_a_template_rendered_is_freed_when_it_ends(
    tmp_path: Path, collector_off: None, source: str
) -> None:
    (tmp_path / "page.html").write_text(source)
    renderer = Renderer(templates_environment(tmp_path))
    row = Row("<kept>")
    watched = weakref.ref(row)
    assert renderer.render("page.html", row=row).endswith(
        "&lt;kept&gt;</td>" if "td" in source else "&lt;kept&gt;"
    )
    del row
    assert watched() is None


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_the_collector_is_off_inside_any_large_job_and_on_after_the_last(jobs: int) -> None:
    assert gc.isenabled()
    holds = [collector_held_off() for _ in range(jobs)]
    for hold in holds:
        hold.__enter__()
        assert not gc.isenabled()
    for ended, hold in enumerate(holds, start=1):
        hold.__exit__(None, None, None)
        # Off while any job still runs, on again when the last one ends.
        assert gc.isenabled() is (ended == jobs)


def test_a_collector_turned_off_before_is_left_off(collector_off: None) -> None:
    with collector_held_off():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_engine_leaves_no_cycles_for_the_collector(collector_off: None) -> None:
    # Why holding the collector off while it computes loses nothing.
    seeds = Path(__file__).resolve().parents[1] / "seeds" / "peace-talks"
    left, right = ((seeds / name).read_text() for name in ("original.txt", "copy.txt"))
    gc.collect()
    record = engine_result("0" * 64, left, right, CompareOptions())
    assert record.similarity > 0
    del record
    assert gc.collect() == 0


@pytest.mark.parametrize(
    ("module", "job", "inner", "arguments"),
    [
        (large_pages, "engine_page", "render_comparison", 4),
        (large_pages, "engine_document", "document_page", 1),
        (downloads, "engine_docx", "docx_page", 1),
        (reports, "engine_report", "render_report", 2),
    ],
)
def test_an_engine_process_renders_a_large_page_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, job: str, inner: str, arguments: int
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(module, inner, lambda *_: seen.append(gc.isenabled()))
    getattr(module, job)("record", *([None] * arguments))
    assert seen == [False]
    assert gc.isenabled()


class Engines:
    """Stands in for the pool's processes: says whether the server's
    collector was on while it was waited for."""

    def __init__(self) -> None:
        self.collector_on: list[bool] = []

    def run(self, key: object, call: object) -> str:
        self.collector_on.append(gc.isenabled())
        return "engine"


@pytest.mark.parametrize(
    ("large", "ignore", "made_by"),
    [
        pytest.param(True, None, "engine", id="large-own-view"),
        pytest.param(True, frozenset({urls.Ignore.CASE}), "engine", id="large-other-view"),
        pytest.param(False, None, "here", id="small-own-view"),
        pytest.param(False, frozenset({urls.Ignore.CASE}), "here", id="small-other-view"),
    ],
)
def test_a_large_view_is_made_in_an_engine_process_and_never_decoded_here(
    monkeypatch: pytest.MonkeyPatch,
    large: bool,
    ignore: frozenset[urls.Ignore] | None,
    made_by: str,
) -> None:
    record = engine_result("0" * 64, "One sentence.", "One sentence, changed.", CompareOptions())
    monkeypatch.setattr(large_pages, "LARGE_JSON_CHARS", 0 if large else 10**12)
    variant = engine_result("1" * 64, record.left_text, record.right_text, CompareOptions())
    showing = Shown(
        record,
        record.comparison_json if ignore is None else variant.comparison_json,
        record.engine_version,
        ignore or frozenset(),
        frozenset(),
    )
    engines = Engines()
    job = (("page", record.id), lambda: "unused")
    made = large_pages.made_where_cheapest(cast(EnginePool, engines), showing, job, lambda: "here")
    assert made == made_by
    # Waiting for an engine process, the server collects as always.
    assert engines.collector_on == ([True] if made_by == "engine" else [])
    # What the engine process is sent crosses as texts: nothing decoded here.
    assert pickle.loads(pickle.dumps(showing)) == showing
    assert b"rows" in pickle.dumps(showing)
    assert showing.comparison_json._value is None
