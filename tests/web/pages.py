"""Reading the comparison page the way an editor reads it: rows, cells, marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.web.html import Element, parse, squash


async def get_html(client: httpx.AsyncClient, url: str, status: int = 200) -> Element:
    response = await client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


@dataclass(frozen=True)
class ShownRow:
    """A <tr> of the diff table: its id, kind, and what each cell shows."""

    element: Element

    @property
    def id(self) -> str:
        return self.element.get("id")

    @property
    def kind(self) -> str:
        """The row's kind, from its class row--<kind> (row--paragraph is a flag, not a kind)."""
        (kind,) = {c for c in self.element.classes if c.startswith("row--")} - {"row--paragraph"}
        return kind.removeprefix("row--")

    @property
    def cells(self) -> list[Element]:
        """The cells of the article's text (not the review's)."""
        return [td for td in self.element.find_all("td") if "cell--review" not in td.classes]

    @property
    def review(self) -> Element | None:
        """The row's review cell: its marks, threads and comment form."""
        return self.element.find("td", "cell--review")

    def cell(self, side: str) -> Element:
        return self.element.find("td", f"cell--{side}")

    def marked(self, side: str, tag: str) -> str:
        """The text of the cell's <del> or <ins> marks, joined."""
        return "".join(mark.text for mark in self.cell(side).find_all(tag))

    def note(self) -> Element:
        return self.element.find("span", "note")


def shown_rows(page: Element) -> list[ShownRow]:
    table = page.find("table", "diff")
    return [ShownRow(tr) for tr in table.find_all("tr") if "row" in tr.classes]


def cell_text(cell: Element) -> str:
    """What the cell shows of the article: without the ¶ marker, notes and hidden text."""
    hidden = {"para", "note", "sr-only"}
    parts = [
        child if isinstance(child, str) else _visible_text(child, hidden) for child in cell.children
    ]
    return squash("".join(parts))


def _visible_text(element: Element, hidden: set[str]) -> str:
    if element.classes & hidden:
        return ""
    return "".join(
        child if isinstance(child, str) else _visible_text(child, hidden)
        for child in element.children
    )


def pieces(row: dict[str, Any], op: str) -> str:
    return "".join(text for piece_op, text in row["diff"] if piece_op == op)


def span_text(side: dict[str, Any], indices: list[int]) -> str:
    """The text of the listed segments of a JSON side, one space between them."""
    segments = side["segments"]
    return " ".join(side["text"][segments[i]["start"] : segments[i]["end"]] for i in indices)
