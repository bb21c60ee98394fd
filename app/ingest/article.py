"""What a reader gives back: the text to compare and what we learnt on the way."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What the input was read as."""

    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Article:
    """One side of a comparison, read from a file, an upload or a link.

    text: what the engine compares. Plain text is kept exactly as decoded
        (CRLF included: the engine turns it into LF). A web page's or a Word
        document's text is its paragraphs and headings, each one a block,
        blocks separated by a blank line (so the engine's paragraph
        segmentation cannot join two of them); a line break inside a
        paragraph stays a single newline.
    kind: what it was read as.
    name: the file name, path or URL as given; what errors name.
    title, author: from the page's metadata and byline, the Word
        document's core properties or the PDF's document information; None
        when the source has none.
    date: the publication date a web page gives in its markup, else None.
    source_url: for a fetched link, the URL the article came from after
        redirects; else None.
    encoding: the codec the bytes were decoded with (a Python codec name,
        "utf-8", "utf-8-sig", "cp1252"...); None for a Word document or a PDF.
    """

    text: str
    kind: Kind
    name: str
    title: str | None = None
    author: str | None = None
    date: datetime.date | None = None
    source_url: str | None = None
    encoding: str | None = None
