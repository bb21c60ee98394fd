"""`word/document.xml`: the revision stream (`units`) written as WordprocessingML.

Text of both sides is plain runs; text of one side is wrapped in `w:ins`,
`w:del`, `w:moveFrom` or `w:moveTo` (deleted text in `w:delText`); a Break of
one side is a paragraph mark tracked as inserted or deleted (`w:pPr/w:rPr/
w:ins|w:del`), so that accepting or rejecting it joins the paragraphs again.
A tab is `w:tab`, a line break inside a paragraph `w:br`, a lone carriage
return `w:cr`. Characters XML cannot hold (C0 controls) become U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.exports.stream import Break, Item, Kind, Marker, MarkerType, Text

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Characters XML 1.0 cannot hold: the whitespace ones become a space, the others U+FFFD.
_NOT_XML_SPACE = re.compile("[\x0b\x0c\x1c-\x1f]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\ufffe\uffff]")
_CONTROLS = re.compile("([\t\n\r])")
_ELEMENT_OF = {"\t": "<w:tab/>", "\n": "<w:br/>", "\r": "<w:cr/>"}
_WRAPPER = {
    Kind.INSERTED: "w:ins",
    Kind.DELETED: "w:del",
    Kind.MOVED_FROM: "w:moveFrom",
    Kind.MOVED_TO: "w:moveTo",
}
_MOVE_RANGES = {
    MarkerType.MOVE_FROM_START: "w:moveFromRangeStart",
    MarkerType.MOVE_FROM_END: "w:moveFromRangeEnd",
    MarkerType.MOVE_TO_START: "w:moveToRangeStart",
    MarkerType.MOVE_TO_END: "w:moveToRangeEnd",
}


def escaped(text: str) -> str:
    """`text` fit for XML content or a double-quoted attribute."""
    text = _NOT_XML.sub("\ufffd", _NOT_XML_SPACE.sub(" ", text))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def word_date(moment: datetime) -> str:
    """A w:date: ISO 8601 in UTC, to the second."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class DocumentWriter:
    """Writes the body; `comments` maps a row number to the ids of the comments on it."""

    author: str
    date: str
    comments: Mapping[int, list[int]]
    paragraphs: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    next_id: int = 1
    open_ranges: dict[tuple[MarkerType, int], int] = field(default_factory=dict)

    def write(self, items: Iterable[Item]) -> str:
        for item in items:
            if isinstance(item, Text):
                self.current.append(self._run(item))
            elif isinstance(item, Break):
                self._end_paragraph(item.kind)
            else:
                self.current.append(self._marker(item))
        self._end_paragraph(Kind.SAME)
        return "".join(self.paragraphs)

    def _revision(self) -> str:
        """The attributes of a new revision: its id, author and date."""
        self.next_id += 1
        return f'w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"'

    def _run(self, item: Text) -> str:
        deleted = item.kind in (Kind.DELETED, Kind.MOVED_FROM)
        run = f"<w:r>{_run_content(item.text, 'w:delText' if deleted else 'w:t')}</w:r>"
        if item.kind is Kind.SAME:
            return run
        wrapper = _WRAPPER[item.kind]
        return f"<{wrapper} {self._revision()}>{run}</{wrapper}>"

    def _end_paragraph(self, kind: Kind) -> None:
        mark = ""
        if kind is not Kind.SAME:
            tag = "w:ins" if kind is Kind.INSERTED else "w:del"
            mark = f"<w:pPr><w:rPr><{tag} {self._revision()}/></w:rPr></w:pPr>"
        self.paragraphs.append(f"<w:p>{mark}{''.join(self.current)}</w:p>")
        self.current = []

    def _marker(self, marker: Marker) -> str:
        if marker.type is MarkerType.ROW_START:
            ids = self.comments.get(marker.number, [])
            return "".join(f'<w:commentRangeStart w:id="{k}"/>' for k in ids)
        if marker.type is MarkerType.ROW_END:
            ids = self.comments.get(marker.number, [])
            return "".join(
                f'<w:commentRangeEnd w:id="{k}"/><w:r><w:commentReference w:id="{k}"/></w:r>'
                for k in ids
            )
        tag = _MOVE_RANGES[marker.type]
        if tag.endswith("Start"):
            self.next_id += 1
            self.open_ranges[(marker.type, marker.number)] = self.next_id
            return (
                f'<{tag} w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}" '
                f'w:name="move{marker.number}"/>'
            )
        start = (
            MarkerType.MOVE_FROM_START
            if marker.type is MarkerType.MOVE_FROM_END
            else MarkerType.MOVE_TO_START
        )
        return f'<{tag} w:id="{self.open_ranges.pop((start, marker.number))}"/>'


def _run_content(text: str, text_tag: str) -> str:
    parts: list[str] = []
    for piece in _CONTROLS.split(text):
        if piece in _ELEMENT_OF:
            parts.append(_ELEMENT_OF[piece])
        elif piece:
            parts.append(f'<{text_tag} xml:space="preserve">{escaped(piece)}</{text_tag}>')
    return "".join(parts)


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NAMESPACE}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
        'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
        "</w:body></w:document>"
    )
