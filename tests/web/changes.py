"""Reading change classes off the JSON twin and the comparison page, for the tests."""

from __future__ import annotations

from typing import Any

from tests.web.html import Element
from tests.web.pages import ShownRow, shown_rows

CLASSES = (
    "typography",
    "spelling",
    "number",
    "quote",
    "name",
    "attribution",
    "negation",
    "wording",
)

# Each class with a pair that has one change of it (and no other), and how
# the panel words one and several.
ONE_OF_EACH: dict[str, tuple[str, str]] = {
    "number": (
        "The deal was signed in 2016 by both sides.",
        "The deal was signed in 2017 by both sides.",
    ),
    "name": (
        "The minister met Anna Berg in Oslo on Friday.",
        "The minister met Maria Lund in Oslo on Friday.",
    ),
    "quote": (
        'He said the talks were "productive and calm" on Friday.',
        'He said the talks were "productive and tense" on Friday.',
    ),
    "negation": (
        "The army has met its goals this year.",
        "The army has not met its goals this year.",
    ),
    "wording": ("Officials were upbeat about a deal.", "Officials were optimistic about a deal."),
    "spelling": (
        "Officials in Kyiv were upbeat about a deal.",
        "Officials in Kiev were upbeat about a deal.",
    ),
    "typography": ("Officials said it’s a good deal.", "Officials said it's a good deal."),
    "attribution": (
        "Officials were upbeat about a deal, the paper said.",
        "Officials were upbeat about a deal, writes Reuters.",
    ),
}
PHRASES = {
    "quote": ("quotation altered", "quotations altered"),
    "number": ("number changed", "numbers changed"),
    "name": ("name changed", "names changed"),
    "attribution": ("attribution changed", "attributions changed"),
    "negation": ("negation or hedge changed", "negations or hedges changed"),
    "wording": ("wording change", "wording changes"),
    "spelling": ("spelling variant", "spelling variants"),
    "typography": ("typography-only change", "typography-only changes"),
}
PANEL_ORDER = (
    "quote",
    "number",
    "name",
    "attribution",
    "negation",
    "wording",
    "spelling",
    "typography",
)


def counted(kind: str, count: int) -> str:
    one, many = PHRASES[kind]
    return f"{count} {one if count == 1 else many}"


def in_rows(count: int) -> str:
    return f"in {count} {'row' if count == 1 else 'rows'}"


def shown_changes(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [change for change in row.get("changes", []) if not change["ignored"]]


def rows_with(document: dict[str, Any], kind: str) -> list[str]:
    """The anchors of the rows with a change of `kind` that is not ignored."""
    return [
        f"r{number}"
        for number, row in enumerate(document["rows"], start=1)
        if any(kind in change["classes"] for change in shown_changes(row))
    ]


def article_rows(page: Element) -> list[ShownRow]:
    """The rows of the table but the placeholders of moved sentences."""
    return [row for row in shown_rows(page) if row.kind != "move-origin"]


def marks(element: Element) -> list[Element]:
    return [mark for mark in element.iter() if mark.tag in ("del", "ins")]


def filters(page: Element) -> dict[str, Element]:
    """The panel's class filters by class (the "All rows" link aside)."""
    panel = page.find("section", "classes")
    return {
        link.get("data-class"): link
        for link in panel.find_all("a", "class-filter")
        if "data-class" in link.attrs
    }
