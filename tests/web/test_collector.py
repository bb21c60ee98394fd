"""What a render leaves to the garbage collector: nothing it would have to walk.

The page of a long pair is millions of objects; whatever of it only the
collector can free is walked in passes that hold the interpreter lock and
stall every other request (bench/stall.py measures the seed page meanwhile).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.web.serving.collector import LARGE_JSON_CHARS, collector_held_off
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
    ("sizes", "off_inside"),
    [
        ((10,), False),
        ((LARGE_JSON_CHARS,), True),
        ((LARGE_JSON_CHARS, 10), True),
        ((LARGE_JSON_CHARS, LARGE_JSON_CHARS), True),
    ],
)
def test_the_collector_is_off_inside_any_large_render_and_on_after_the_last(
    sizes: tuple[int, ...], off_inside: bool
) -> None:
    assert gc.isenabled()
    with collector_held_off(sizes[0]):
        if len(sizes) > 1:
            with collector_held_off(sizes[1]):
                assert gc.isenabled() is not off_inside
        assert gc.isenabled() is not off_inside
    assert gc.isenabled()


def test_a_collector_turned_off_before_is_left_off(collector_off: None) -> None:
    with collector_held_off(LARGE_JSON_CHARS):
        assert not gc.isenabled()
    assert not gc.isenabled()
