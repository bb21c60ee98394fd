"""The text of a Word document's main part, read as a stream of XML events.

A paragraph's text is its runs' <w:t> text (deleted text is <w:delText>, so
it is left out), tabs and line breaks as "\\t" and "\\n"; runs inside tracked
deletions and text boxes (drawn shapes, placed outside the flow of the
text) are skipped. Every paragraph or table row is one block; a row is its
cells' text joined by " | ", a cell its paragraphs' joined by " " (a table
nested in a cell reads as part of the cell). Content controls (<w:sdt>) and
tracked insertions are read like what they wrap.

Why events and not a tree: a part of 100 MB makes a tree of gigabytes. The
events keep only the open elements' names, and the text read so far, which
stops at the per-side limit (InputTooLargeError as soon as it is past).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.ingest.errors import InputTooLargeError
from app.ingest.limits import text_too_large

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _RUN, _TEXT = f"{_W}p", f"{_W}r", f"{_W}t"
_TABLE, _ROW, _CELL = f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_FIXED_TEXT = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_SKIPPED = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent"})


class BodyText:
    """An lxml parser target: feed it the main part, then `blocks` holds its text.

    Raises InputTooLargeError (naming `name`) once the text read passes
    `max_text_bytes`.
    """

    def __init__(self, name: str, max_text_bytes: int) -> None:
        self.name = name
        self.max_text_bytes = max_text_bytes
        self.blocks: list[str] = []
        self._size = 0
        self._parents: list[str] = []  # the open elements' tags
        self._skipped = 0  # open skipped containers
        self._tables = 0  # open tables; rows and cells count at the outermost
        self._paragraphs = 0  # open paragraphs; the outermost collects the text
        self._parts: list[str] = []  # the open paragraph's text
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._text: list[str] | None = None  # the open <w:t>'s data

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        parent = self._parents[-1] if self._parents else ""
        self._parents.append(tag)
        if tag in _SKIPPED:
            self._skipped += 1
        elif self._skipped:
            return
        elif tag == _PARAGRAPH:
            self._paragraphs += 1
        elif tag == _TABLE:
            self._tables += 1
        elif tag == _ROW and self._tables == 1:
            self._row = []
        elif tag == _CELL and self._tables == 1:
            self._cell = []
        elif parent == _RUN and self._paragraphs:
            if tag == _TEXT:
                self._text = []
            elif tag in _FIXED_TEXT:
                self._add(_FIXED_TEXT[tag])

    def data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def end(self, tag: str) -> None:
        self._parents.pop()
        if tag in _SKIPPED:
            self._skipped -= 1
        elif self._skipped:
            return
        elif tag == _TEXT and self._text is not None:
            self._add("".join(self._text))
            self._text = None
        elif tag == _PARAGRAPH:
            self._paragraphs -= 1
            if not self._paragraphs:
                self._end_paragraph()
        elif tag == _TABLE:
            self._tables -= 1
        elif tag == _CELL and self._tables == 1 and self._cell is not None:
            if self._row is not None:
                self._row.append(" ".join(self._cell))
            self._cell = None
        elif tag == _ROW and self._tables == 1 and self._row is not None:
            self._block(" | ".join(self._row))
            self._row = None

    def close(self) -> list[str]:
        return self.blocks

    def _add(self, text: str) -> None:
        self._size += len(text.encode("utf-8"))
        if self._size > self.max_text_bytes:
            raise InputTooLargeError(
                self.name, text_too_large(self.max_text_bytes), "max_text_bytes"
            )
        self._parts.append(text)

    def _end_paragraph(self) -> None:
        text = "".join(self._parts)
        self._parts = []
        if self._cell is not None:
            if text.strip():
                self._cell.append(text)
        elif not self._tables:
            self._block(text)

    def _block(self, text: str) -> None:
        # Empty paragraphs are spacing, not text.
        if text.strip():
            self.blocks.append(text)
