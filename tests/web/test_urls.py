"""app.web.urls: one canonical URL per page, and the routes built from the same patterns."""

from __future__ import annotations

import pytest

from app.web import urls
from app.web.urls import View

ID = "0123456789abcdef0123"


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
