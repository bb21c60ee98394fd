"""app.service: content addressing, comparisons over shared results, defaults,
validation, ownership, expiry and deletion, without the web."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.core
import app.engine_pool
from app.core import ENGINE_VERSION, CompareOptions, Granularity, compare
from app.core.serialize import comparison_to_json
from app.identifiers import content_address, looks_like_id
from app.naming import default_title
from app.problems import InvalidInputError
from app.service import ComparisonService, Outcome, OwnerChanges, Requester
from app.settings import Settings
from app.store import JsonText, Visibility, open_store
from app.web.comparison.variants import Variant, shown, stored_options, variant_of
from app.web.serving.cache import LruCache
from app.web.urls import Ignore
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
def test_results_are_content_addressed(
    first: tuple[str, str, CompareOptions], second: tuple[str, str, CompareOptions], same: bool
) -> None:
    assert (content_address(*first) == content_address(*second)) is same
    versioned = (content_address(*first, "2.0"), content_address(*second, "2.0"))
    assert (versioned[0] == versioned[1]) is same
    assert versioned[0] != content_address(*first) != content_address(*first, "2.1")
    assert len(content_address(*first)) == 20
    assert set(content_address(*first)) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    ("candidate", "looks"),
    [
        ("0123456789abcdef0123", True),  # a content address: the ids made before
        ("MNgqI7Dxosg7qbXOkMEfuA", True),  # a random id: 22 URL-safe characters
        ("MNgqI7Dxosg7qbXOkMEf", True),
        ("short", False),
        ("MNgqI7Dxosg7qbXOkMEfuA1", False),
        ("MNgqI7Dxosg7qbXO/MEfuA", False),
        ("MNgqI7Dxosg7qbXO MEfuA", False),
    ],
)
def test_looks_like_id(candidate: str, looks: bool) -> None:
    assert looks_like_id(candidate) is looks


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


def test_two_desks_get_two_comparisons_over_one_engine_run(
    service: ComparisonService, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[tuple[str, str]] = []
    real = app.core.compare_encoded

    def counted(left: str, right: str, options: CompareOptions) -> Any:
        runs.append((left, right))
        return real(left, right, options)

    monkeypatch.setattr(app.engine_pool, "compare_encoded", counted)
    first = service.create("", SENATE, "  ", f"Budget\n\n{SENATE}", "Copy — Telegraph")
    record = first.record
    assert (record.title, record.left_label, record.right_label) == (
        "Budget",
        "Original",
        "Copy — Telegraph",
    )
    assert record.created_at == datetime(2025, 3, 14, 9, 26, tzinfo=UTC)
    assert record.visibility is Visibility.UNLISTED
    second = service.create("Other desk", SENATE, "Wire", f"Budget\n\n{SENATE}", "Ours")
    assert second.record.id != record.id and second.owner_token != first.owner_token
    assert (second.record.title, second.record.left_label) == ("Other desk", "Wire")
    assert second.record.result_id == record.result_id
    assert len(runs) == 1  # the engine ran once for both
    stored = [service.get(record.id), service.get(second.record.id)]
    assert [r.title if r else None for r in stored] == ["Budget", "Other desk"]
    assert service.list().total == 0  # unlisted, both


def test_owner_changes_and_deletes(service: ComparisonService) -> None:
    created = service.create("", SENATE, "", OIL, "")
    record_id = created.record.id
    owner, stranger = Requester(created.owner_token), Requester("wrong")
    listed = OwnerChanges(visibility=Visibility.LISTED)
    assert service.change(record_id, stranger, listed) is Outcome.FORBIDDEN
    assert service.change(record_id, owner, listed) is Outcome.DONE
    assert service.list().total == 1
    assert service.delete(record_id, Requester()) is Outcome.FORBIDDEN
    assert service.delete(record_id, stranger) is Outcome.FORBIDDEN
    assert service.delete(record_id, owner) is Outcome.DONE
    assert service.delete(record_id, owner) is Outcome.NOT_FOUND
    assert service.get(record_id) is None
    assert not service.store.has_result(created.record.result_id)  # texts gone too


def test_a_signed_on_owner_owns_by_name(service: ComparisonService) -> None:
    created = service.create("", SENATE, "", OIL, "", owner="ann")
    assert service.delete(created.record.id, Requester(user="bob")) is Outcome.FORBIDDEN
    assert service.delete(created.record.id, Requester(user="ann")) is Outcome.DONE


def test_expiry_must_be_in_the_future_and_expired_ones_are_swept(
    service: ComparisonService,
) -> None:
    now = service.clock()
    with pytest.raises(InvalidInputError) as raised:
        service.create("", SENATE, "", OIL, "", expires_at=now)
    assert [problem.field for problem in raised.value.problems] == ["expires_at"]
    soon = service.create("", SENATE, "", OIL, "", expires_at=now + timedelta(days=1)).record
    kept = service.create("", SENATE, "", OIL, "", visibility=Visibility.LISTED).record
    later = ComparisonService(service.store, service.settings, lambda: now + timedelta(days=2))
    assert later.expired_at(soon.id) == soon.expires_at
    assert later.sweep() == 1
    assert later.get(soon.id) is None
    assert later.expired_at(soon.id) == soon.expires_at  # still known as expired: a 410
    assert later.expired_at(kept.id) is None
    assert service.store.has_result(kept.result_id)  # the other comparison still uses it


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
    assert ignoring.result_id == content_address(CURLY, STRAIGHT, IGNORE_TYPOGRAPHY, ENGINE_VERSION)
    assert ignoring.result_id != plain.result_id
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
    variant_id = content_address(CURLY, STRAIGHT, IGNORE_TYPOGRAPHY, ENGINE_VERSION)
    computed = variant_of(service, record, variant_id, IGNORE_TYPOGRAPHY)
    expected = compare(CURLY, STRAIGHT, ignore_typography=True)
    assert computed == Variant(JsonText.of(comparison_to_json(expected)), ENGINE_VERSION)
    assert shown(service, cache, record, frozenset({Ignore.TYPOGRAPHY})).comparison == (
        computed.comparison
    )
    assert len(cache) == 1
    assert not service.store.has_result(variant_id)  # a variant is not stored
    stored = replace(
        service.create("", CURLY, "", STRAIGHT, "", IGNORE_TYPOGRAPHY).record,
        engine_version="0.9-stored",
    )
    service.store.delete(stored.id)
    service.store.put(stored)
    assert variant_of(service, record, variant_id, IGNORE_TYPOGRAPHY).engine_version == (
        "0.9-stored"
    )
