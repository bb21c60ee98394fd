"""Every URL the app serves or links to, built in one place.

Routes are declared with the `*_PATH` patterns and templates get this module
as the global `urls`, so a link and the route it points at cannot drift
apart. Functions return root-relative paths (what HTML links need);
`absolute` turns one into the full URL for JSON bodies and share links.
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlencode

LIBRARY_PATH = "/"
NEW_PATH = "/new"
COMPARISON_PATH = "/c/{comparison_id}"
COMPARISON_JSON_PATH = "/c/{comparison_id}.json"
API_PREFIX = "/api/"
API_COMPARISONS_PATH = "/api/comparisons"
API_COMPARISON_PATH = "/api/comparisons/{comparison_id}"
STATIC_PREFIX = "/static"
DOCS_PATH = "/docs"
OPENAPI_PATH = "/openapi.json"

DEFAULT_PAGE_SIZE = 20


class View(StrEnum):
    """How the comparison page lays out its rows."""

    SIDE = "side"  # two aligned columns
    INLINE = "inline"  # one column, deletions and insertions inline


def _with_query(path: str, **params: str | int | None) -> str:
    # Parameters at their default (None, "" or 0) are left out, so each page
    # has one canonical URL.
    query = urlencode({name: value for name, value in params.items() if value})
    return f"{path}?{query}" if query else path


def library(q: str = "", offset: int = 0, limit: int = DEFAULT_PAGE_SIZE) -> str:
    return _with_query(
        LIBRARY_PATH, q=q, offset=offset, limit=None if limit == DEFAULT_PAGE_SIZE else limit
    )


def new() -> str:
    return NEW_PATH


def comparison(comparison_id: str, view: View = View.SIDE) -> str:
    path = COMPARISON_PATH.format(comparison_id=comparison_id)
    return _with_query(path, view=None if view is View.SIDE else view.value)


def comparison_json(comparison_id: str) -> str:
    return COMPARISON_JSON_PATH.format(comparison_id=comparison_id)


def row_anchor(number: int) -> str:
    """The id of the row's <tr>: r1, r2, ... in the order of the comparison's rows."""
    return f"r{number}"


def move_origin_anchor(number: int) -> str:
    """The id of the placeholder left where moved row `number` stood in the left text."""
    return f"r{number}-origin"


def fold_anchor(number: int) -> str:
    return f"fold-{number}"


def fragment(anchor: str) -> str:
    return f"#{anchor}"


def api_comparisons(q: str = "", offset: int = 0, limit: int = DEFAULT_PAGE_SIZE) -> str:
    return _with_query(
        API_COMPARISONS_PATH,
        q=q,
        offset=offset,
        limit=None if limit == DEFAULT_PAGE_SIZE else limit,
    )


def api_comparison(comparison_id: str) -> str:
    return API_COMPARISON_PATH.format(comparison_id=comparison_id)


def static(name: str) -> str:
    return f"{STATIC_PREFIX}/{name}"


def docs() -> str:
    return DOCS_PATH


def openapi() -> str:
    return OPENAPI_PATH


def absolute(base_url: str, path: str) -> str:
    """`path` (from the functions above) as a full URL under `base_url`."""
    return base_url.rstrip("/") + path
