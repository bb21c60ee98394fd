"""app.web.urls: one canonical URL per page, and the routes built from the same patterns."""

from __future__ import annotations

import pytest

from app.core import ChangeClass, CompareOptions
from app.web import urls
from app.web.urls import ComparisonAddress, Ignore, View

ID = "0123456789abcdef0123"
TYPOGRAPHY, CASE, PUNCTUATION = Ignore.TYPOGRAPHY, Ignore.CASE, Ignore.PUNCTUATION


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (urls.library(), "/"),
        (urls.library("putin talks"), "/?q=putin+talks"),
        (urls.library("a&b", offset=20), "/?q=a%26b&offset=20"),
        (urls.library(limit=5), "/?limit=5"),
        (urls.new(), "/new"),
        (urls.comparison(ID), f"/c/{ID}"),
        (urls.comparison(ID, View.INLINE), f"/c/{ID}?view=inline"),
        (urls.comparison_json(ID), f"/c/{ID}.json"),
        (urls.comparison(ID, ignore={CASE, TYPOGRAPHY}), f"/c/{ID}?ignore=typography,case"),
        (urls.comparison(ID, ignore=set()), f"/c/{ID}?ignore=none"),
        (urls.comparison(ID, change_class=ChangeClass.QUOTE), f"/c/{ID}?class=quote"),
        (
            urls.comparison(ID, View.INLINE, {PUNCTUATION}, ChangeClass.NAME),
            f"/c/{ID}?view=inline&ignore=punctuation&class=name",
        ),
        (
            urls.comparison_json(ID, {PUNCTUATION, TYPOGRAPHY}),
            f"/c/{ID}.json?ignore=typography,punctuation",
        ),
        (urls.comparison_json(ID, frozenset()), f"/c/{ID}.json?ignore=none"),
        (urls.fragment(urls.row_anchor(12)), "#r12"),
        (urls.fragment(urls.move_origin_anchor(9)), "#r9-origin"),
        (urls.fragment(urls.fold_anchor(3)), "#fold-3"),
        (urls.api_comparisons(), "/api/comparisons"),
        (urls.api_comparisons("x", 40, 20), "/api/comparisons?q=x&offset=40"),
        (urls.api_comparison(ID), f"/api/comparisons/{ID}"),
        (urls.static("diptych.css"), "/static/diptych.css"),
        (urls.absolute("http://example.org/", f"/c/{ID}"), f"http://example.org/c/{ID}"),
    ],
)
def test_urls(url: str, expected: str) -> None:
    assert url == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (None, None),
        ([], frozenset()),
        (["none"], frozenset()),
        ([""], frozenset()),
        (["typography"], {TYPOGRAPHY}),
        (["case,typography"], {TYPOGRAPHY, CASE}),
        (["none", "case", "punctuation"], {CASE, PUNCTUATION}),
        ([" case , case "], {CASE}),
    ],
)
def test_parse_ignore(values: list[str] | None, expected: set[Ignore] | None) -> None:
    assert urls.parse_ignore(values) == expected


@pytest.mark.parametrize("value", ["spaces", "typography,tone", "Case", "all"])
def test_parse_ignore_refuses_unknown_options(value: str) -> None:
    with pytest.raises(ValueError, match="choose from typography, case, punctuation or none"):
        urls.parse_ignore([value])


@pytest.mark.parametrize(
    ("address", "path", "json_path"),
    [
        (ComparisonAddress(ID), f"/c/{ID}", f"/c/{ID}.json"),
        # The stored options need no parameter; other ones (none too) do.
        (
            ComparisonAddress(ID, ignore=frozenset({CASE}), stored_ignore=frozenset({CASE})),
            f"/c/{ID}",
            f"/c/{ID}.json",
        ),
        (
            ComparisonAddress(ID, stored_ignore=frozenset({CASE})),
            f"/c/{ID}?ignore=none",
            f"/c/{ID}.json?ignore=none",
        ),
        (
            ComparisonAddress(ID, View.INLINE, frozenset({CASE}), change_class=ChangeClass.QUOTE),
            f"/c/{ID}?view=inline&ignore=case&class=quote",
            f"/c/{ID}.json?ignore=case",
        ),
    ],
)
def test_comparison_address(address: ComparisonAddress, path: str, json_path: str) -> None:
    assert (address.path(), address.json_path()) == (path, json_path)
    # The Word document takes the same ignore parameter as the JSON twin.
    assert address.docx_path() == json_path.replace(".json", ".docx")


def test_address_links() -> None:
    address = ComparisonAddress(ID, ignore=frozenset({CASE}), change_class=ChangeClass.QUOTE)
    assert address.toggled(CASE) == f"/c/{ID}?class=quote"
    assert address.toggled(TYPOGRAPHY) == f"/c/{ID}?ignore=typography,case&class=quote"
    assert address.filtered(None) == f"/c/{ID}?ignore=case"
    assert address.filtered(ChangeClass.NAME) == f"/c/{ID}?ignore=case&class=name"
    assert address.in_view(View.INLINE) == f"/c/{ID}?view=inline&ignore=case&class=quote"


def test_ignores_of_options() -> None:
    assert urls.ignores_of(CompareOptions()) == frozenset()
    both = CompareOptions(ignore_typography=True, ignore_punctuation=True)
    assert urls.ignores_of(both) == {TYPOGRAPHY, PUNCTUATION}
    assert [option.option for option in Ignore] == [
        "ignore_typography",
        "ignore_case",
        "ignore_punctuation",
    ]
