"""An independent reader of the .docx files the exports write: it shares no
code with the writer, only the WordprocessingML vocabulary.

It reads `word/document.xml` as Word would, applying every revision (accept
all) or undoing every one (reject all):

- a run inside `w:ins` or `w:moveTo` is kept on accept, dropped on reject;
  one inside `w:del` or `w:moveFrom` the other way round;
- a paragraph mark tracked as inserted (`w:pPr/w:rPr/w:ins` or `w:moveTo`)
  is dropped on reject, one tracked as deleted (`w:del`, `w:moveFrom`) on
  accept: the paragraph then runs on into the next one;
- `w:t` and `w:delText` are text, `w:tab` a tab, `w:br` a line feed, `w:cr`
  a carriage return.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ADDED = {f"{W}ins", f"{W}moveTo"}
REMOVED = {f"{W}del", f"{W}moveFrom"}
CHARACTERS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\r"}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def as_xml(text: str) -> str:
    """`text` as XML can hold it: a C0 control that is whitespace as a space, another as U+FFFD."""
    return NOT_XML.sub(lambda found: " " if found.group().isspace() else "\ufffd", text)


@dataclass(frozen=True)
class Paragraph:
    # (text, revision) pieces; revision "added", "removed" or "" for neither.
    pieces: tuple[tuple[str, str], ...]
    mark: str


def part(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read(name)


def paragraphs(docx: bytes) -> list[Paragraph]:
    root = ElementTree.fromstring(part(docx, "word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    return [_paragraph(p) for p in body.iter(f"{W}p")]


def _paragraph(element: ElementTree.Element) -> Paragraph:
    mark = ""
    marks = element.find(f"{W}pPr/{W}rPr")
    if marks is not None:
        for child in marks:
            mark = _revision(child.tag) or mark
    pieces: list[tuple[str, str]] = []
    _runs(element, "", pieces)
    return Paragraph(tuple(pieces), mark)


def _runs(element: ElementTree.Element, revision: str, pieces: list[tuple[str, str]]) -> None:
    """The runs under `element`, in order, each with the revision wrapping it."""
    for child in element:
        if child.tag == f"{W}r":
            pieces.append((_run_text(child), revision))
        elif child.tag != f"{W}pPr":
            _runs(child, _revision(child.tag) or revision, pieces)


def _revision(tag: str) -> str:
    return "added" if tag in ADDED else "removed" if tag in REMOVED else ""


def _run_text(run: ElementTree.Element) -> str:
    text: list[str] = []
    for child in run:
        if child.tag in (f"{W}t", f"{W}delText"):
            text.append(child.text or "")
        elif child.tag in CHARACTERS:
            text.append(CHARACTERS[child.tag])
    return "".join(text)


def resolved(docx: bytes, accept: bool) -> list[str]:
    """The paragraphs' texts once every revision is accepted (or rejected)."""
    dropped = "removed" if accept else "added"
    texts: list[str] = []
    current = ""
    found = paragraphs(docx)
    for index, paragraph in enumerate(found):
        current += "".join(text for text, revision in paragraph.pieces if revision != dropped)
        if paragraph.mark != dropped or index == len(found) - 1:
            texts.append(current)
            current = ""
    return texts


def side_paragraphs(text: str, segments: list[tuple[int, int, int]], xml: bool = True) -> list[str]:
    """A side's text as the docx holds it: each paragraph the engine found (its
    segments' (start, end, paragraph)), from its first segment to its last, with
    the characters XML cannot hold replaced (`as_xml`, unless not `xml`); an empty
    text one empty paragraph."""
    spans: dict[int, tuple[int, int]] = {}
    for start, end, number in segments:
        spans[number] = (spans.get(number, (start, end))[0], end)
    found = [text[start:end] for start, end in spans.values()]
    if xml:
        found = [as_xml(paragraph) for paragraph in found]
    return found or [""]
