"""The collector and the large jobs: what they leave it, when it is held off.

The page of a long pair, or its comparison, is millions of objects; what
of them only the collector can free is walked in passes that hold the
interpreter lock and stall every other request (bench/stall.py measures
the seed page meanwhile).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from app.collector import collector_held_off
from app.core import CompareOptions
from app.engine_pool import engine_result
from app.web.comparison import large_pages
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


@pytest.mark.parametrize(
    ("large", "off_inside"),
    [
        ((False,), False),
        ((True,), True),
        ((True, False), True),
        ((False, True), True),
        ((True, True), True),
    ],
)
def test_the_collector_is_off_inside_any_large_job_and_on_after_the_last(
    large: tuple[bool, ...], off_inside: bool
) -> None:
    assert gc.isenabled()
    with collector_held_off(large[0]):
        if len(large) > 1:
            with collector_held_off(large[1]):
                assert gc.isenabled() is not off_inside
        assert gc.isenabled() is not (off_inside and large[0])
    assert gc.isenabled()


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
        (large_pages, "stored_page", "render_comparison", 4),
        (large_pages, "stored_document", "document_page", 1),
        (downloads, "stored_docx", "docx_page", 1),
        (reports, "stored_report", "render_report", 2),
    ],
)
def test_an_engine_process_renders_a_large_page_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, job: str, inner: str, arguments: int
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(module, inner, lambda *_: seen.append(gc.isenabled()))
    monkeypatch.setattr(module, "stored_shown", lambda record: record)
    getattr(module, job)("record", *([None] * arguments))
    assert seen == [False]
    assert gc.isenabled()
