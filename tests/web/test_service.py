"""app.service: content addressing, defaults, validation and deletion, without the web."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import ENGINE_VERSION, CompareOptions, Granularity, compare
from app.core.serialize import comparison_to_json
from app.naming import default_title
from app.service import (
    ComparisonService,
    DeleteOutcome,
    InvalidInputError,
    comparison_id,
)
from app.settings import Settings
from app.store import open_store
from app.web.cache import LruCache
from app.web.urls import Ignore
from app.web.variants import Variant, shown, stored_options, variant_of
from tests.web.corpus import OIL, SENATE

WORD = CompareOptions()
CHAR = CompareOptions(granularity=Granularity.CHAR)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ComparisonService]:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    yield ComparisonService(
        store,
        Settings(max_text_bytes=200),
        clock=lambda: datetime(2025, 3, 14, 9, 26, tzinfo=UTC),
    )
    store.close()


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ((SENATE, OIL, WORD), (SENATE, OIL, WORD), True),
        ((SENATE, OIL, WORD), (SENATE, OIL, CompareOptions(language="en")), True),
        ((SENATE + "\r\n" + OIL, OIL, WORD), (SENATE + "\n" + OIL, OIL, WORD), True),
        ((SENATE, OIL, WORD), (SENATE, OIL, CHAR), False),
        ((SENATE, OIL, WORD), (SENATE, OIL, CompareOptions(language="de")), False),
        ((SENATE, OIL, WORD), (OIL, SENATE, WORD), False),
        ((SENATE, OIL, WORD), (SENATE + " ", OIL, WORD), False),
        (("ab", "c", WORD), ("a", "bc", WORD), False),
    ],
)
def test_comparison_id_is_content_addressed(
    first: tuple[str, str, CompareOptions], second: tuple[str, str, CompareOptions], same: bool
) -> None:
    assert (comparison_id(*first) == comparison_id(*second)) is same
    assert len(comparison_id(*first)) == 20
    assert set(comparison_id(*first)) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Budget passes\nThe Senate passed it.", "Budget passes"),
        ("\n\n   # Budget   passes  \nBody", "Budget passes"),
        (
            "word " * 30,
            "word word word word word word word word word word word word word word word…",
        ),
        ("x" * 100, "x" * 79 + "…"),
    ],
)
def test_default_title(text: str, title: str) -> None:
    assert default_title(text) == title
    assert len(default_title(text)) <= 80


def test_create_stores_once_and_hands_out_one_token(service: ComparisonService) -> None:
    created = service.create("", SENATE, "  ", f"Budget\n\n{SENATE}", "Copy — Telegraph")
    assert created.is_new and created.delete_token
    record = created.record
    assert (record.title, record.left_label, record.right_label) == (
        "Budget",
        "Original",
        "Copy — Telegraph",
    )
    assert record.created_at == datetime(2025, 3, 14, 9, 26, tzinfo=UTC)
    again = service.create("Other", SENATE, "", f"Budget\n\n{SENATE}", "")
    assert (again.is_new, again.delete_token, again.record.title) == (False, None, "Budget")
    assert service.list().total == 1


def test_delete_outcomes(service: ComparisonService) -> None:
    created = service.create("", SENATE, "", OIL, "")
    record_id = created.record.id
    assert service.delete(record_id, None) is DeleteOutcome.FORBIDDEN
    assert service.delete(record_id, "wrong") is DeleteOutcome.FORBIDDEN
    assert service.delete(record_id, created.delete_token) is DeleteOutcome.DELETED
    assert service.delete(record_id, created.delete_token) is DeleteOutcome.NOT_FOUND
    assert service.get(record_id) is None


@pytest.mark.parametrize(
    ("left", "right", "title", "fields", "too_large"),
    [
        ("", OIL, "", ["left"], False),
        ("", " \n", "", ["left", "right"], False),
        ("x" * 201, OIL, "", ["left"], True),
        (SENATE, "ü" * 101, "", ["right"], True),
        (SENATE, OIL, "a\x00b", ["title"], False),
        (SENATE, "bad \udc80 text", "", ["right"], False),
    ],
)
def test_problems_name_the_field(
    service: ComparisonService,
    left: str,
    right: str,
    title: str,
    fields: list[str],
    too_large: bool,
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        service.create(title, left, "", right, "")
    assert [problem.field for problem in raised.value.problems] == fields
    assert raised.value.too_large is too_large
    assert service.list().total == 0


def test_list_clamps_paging_and_refuses_nul(service: ComparisonService) -> None:
    page = service.list("", limit=1000, offset=-5)
    assert (page.limit, page.offset) == (100, 0)
    with pytest.raises(InvalidInputError):
        service.list("a\x00")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(left=st.text(max_size=60), right=st.text(max_size=60), title=st.text(max_size=20))
def test_any_input_is_stored_or_refused_with_reasons(
    service: ComparisonService, left: str, right: str, title: str
) -> None:
    try:
        created = service.create(title, left, "", right, "")
    except InvalidInputError as error:
        assert error.problems
    else:
        assert service.get(created.record.id) is not None


CURLY = "Officials said it’s a good deal."
STRAIGHT = "Officials said it's a good deal."
IGNORE_TYPOGRAPHY = CompareOptions(ignore_typography=True)


def test_ignore_options_are_compared_and_addressed(service: ComparisonService) -> None:
    plain = service.create("", CURLY, "", STRAIGHT, "").record
    ignoring = service.create("", CURLY, "", STRAIGHT, "", IGNORE_TYPOGRAPHY).record
    assert ignoring.id == comparison_id(CURLY, STRAIGHT, IGNORE_TYPOGRAPHY) != plain.id
    assert ignoring.options == {"granularity": "word", "language": "en", "ignore_typography": True}
    assert [row["op"] for row in ignoring.comparison["rows"]] == ["equal"]
    assert [row["op"] for row in plain.comparison["rows"]] == ["modified"]
    assert stored_options(ignoring) == IGNORE_TYPOGRAPHY
    assert stored_options(plain) == CompareOptions()


def test_a_variant_is_the_stored_pair_or_computed(service: ComparisonService) -> None:
    record = service.create("", CURLY, "", STRAIGHT, "").record
    cache = LruCache[Variant](4)
    plain = shown(service, cache, record, None)
    assert (plain.comparison, plain.ignore, plain.stored_ignore) == (
        record.comparison,
        frozenset(),
        frozenset(),
    )
    assert shown(service, cache, record, frozenset()).comparison is record.comparison
    variant_id = comparison_id(CURLY, STRAIGHT, IGNORE_TYPOGRAPHY)
    computed = variant_of(service, record, variant_id, IGNORE_TYPOGRAPHY)
    expected = compare(CURLY, STRAIGHT, ignore_typography=True)
    assert computed == Variant(comparison_to_json(expected), ENGINE_VERSION)
    assert shown(service, cache, record, frozenset({Ignore.TYPOGRAPHY})).comparison == (
        computed.comparison
    )
    assert len(cache) == 1
    assert service.list().total == 1  # a variant is not stored
    stored = replace(
        service.create("", CURLY, "", STRAIGHT, "", IGNORE_TYPOGRAPHY).record,
        engine_version="0.9-stored",
    )
    service.store.delete(stored.id)
    service.store.put(stored)
    assert variant_of(service, record, variant_id, IGNORE_TYPOGRAPHY).engine_version == (
        "0.9-stored"
    )
