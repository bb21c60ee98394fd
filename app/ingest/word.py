"""Word documents (.docx): the body's paragraphs, headings and tables, in order.

python-docx opens the package and gives the core properties (title,
author), but its Paragraph.text leaves out runs inside tracked insertions
(<w:ins>) and content controls (<w:sdt>), which editors' copy is full of. So
the text is read from the XML here: a paragraph's text is its runs' <w:t>
text (deleted text is <w:delText>, so it is left out), tabs and line breaks
as "\t" and "\n"; runs inside tracked deletions and text boxes (drawn
shapes, placed outside the flow of the text) are skipped.

Every paragraph, heading or table row is one block, blocks separated by a
blank line; empty paragraphs (spacing) are dropped. A table row is its
cells' text joined by " | ". Headers, footers, footnotes and comments are
not the article and are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from app.ingest.article import Article, Kind
from app.ingest.errors import InputError

if TYPE_CHECKING:
    from docx.document import Document

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_DOCX = "is not a Word document (.docx) we can read"
# A .docx is a ZIP: refuse one that would unpack to more than this (a
# "zip bomb"), since python-docx reads its parts into memory.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_SKIPPED_CONTAINERS = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent"}


def looks_like_docx(data: bytes) -> bool:
    """Whether `data` is a ZIP holding a Word document's main part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


def docx_article(data: bytes, name: str) -> Article:
    """The document's text and core properties, or InputError naming `name`."""
    document = _open(data, name)
    blocks = [text for text in _blocks(document.element.body) if text.strip()]
    if not blocks:
        raise InputError(name, "the document has no text")
    properties = document.core_properties
    return Article(
        "\n\n".join(blocks),
        Kind.DOCX,
        name,
        title=properties.title or None,
        author=properties.author or None,
    )


def _open(data: bytes, name: str) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(entry.file_size for entry in package.infolist())
    except zipfile.BadZipFile:
        raise InputError(name, NOT_DOCX) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(name, f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
    # Imported here: python-docx takes 60 ms to import.
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    # A damaged or foreign package fails in many ways inside python-docx and
    # lxml (KeyError, ValueError, XMLSyntaxError...): each means the same.
    except Exception:
        raise InputError(name, NOT_DOCX) from None


def _blocks(container: Any) -> Iterator[str]:
    """The text of each paragraph and table row directly in `container`, in order."""
    for child in container:
        if child.tag == f"{_W}p":
            yield _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                yield " | ".join(_cell_text(cell) for cell in row.iterchildren(f"{_W}tc"))
        elif child.tag == f"{_W}sdt":  # a content control wrapping paragraphs
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _blocks(content)


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(*_RUN_TEXT):
        # <w:tab> also marks tab stops in the paragraph's properties: only
        # those in a run are text.
        if node.getparent().tag != f"{_W}r" or _skipped(node, paragraph):
            continue
        fixed = _RUN_TEXT[node.tag]
        parts.append(fixed if fixed is not None else node.text or "")
    return "".join(parts)


def _skipped(node: Any, paragraph: Any) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in _SKIPPED_CONTAINERS:
            return True
    return False


def _cell_text(cell: Any) -> str:
    paragraphs = (_paragraph_text(p) for p in cell.iter(f"{_W}p"))
    return " ".join(text for text in paragraphs if text.strip())
