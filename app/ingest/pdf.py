"""PDF documents: the text of every page, as paragraphs, and the title and author.

PDFium (through pypdfium2) opens the file and gives each page's text as
boxed segments; app.ingest.pdflayout turns them into paragraphs (columns,
running headers and footers, hyphens at line ends). The title and author
come from the document's information dictionary.

PDFium is not thread-safe, not even across documents, and the form reads
uploads in a thread pool: one lock lets one thread into it at a time. A
C call cannot be interrupted, so the time limit is checked between pages
(each page's lines are built in that loop, so they count too), and the page
limit keeps the rest of the work bounded.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from app.ingest.article import Article, Kind
from app.ingest.errors import InputError, InputTooLargeError
from app.ingest.limits import ReadLimits, text_too_large
from app.ingest.pdflayout import Segment, page_lines, paragraphs

if TYPE_CHECKING:
    import pypdfium2

NOT_PDF = "is not a PDF we can read (it is damaged or incomplete)"
SCANNED = "This PDF has no text to compare (it is a scan); run OCR on it first"
ENCRYPTED = "This PDF is password-protected"
_PDFIUM = threading.Lock()
# PDFium replaces a hyphen it takes for a line-end hyphenation with U+0002
# (U+FFFE in a whole page's text); pdflayout decides about hyphens itself,
# so it gets the hyphen back.
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})


def pdf_article(data: bytes, name: str, limits: ReadLimits | None = None) -> Article:
    """The PDF's text and metadata, or InputError naming `name` (InputTooLargeError
    as soon as its text is past the limit of one side)."""
    limits = limits or ReadLimits()
    deadline = time.monotonic() + limits.pdf.timeout
    if not _PDFIUM.acquire(timeout=limits.pdf.timeout):
        raise InputError(name, "the server is busy reading other PDFs: try again in a moment")
    try:
        pages, metadata = _read(data, name, limits, deadline)
    finally:
        _PDFIUM.release()
    text = "\n\n".join(paragraphs(pages))
    if not text.strip():
        raise InputError(name, SCANNED)
    return Article(
        text,
        Kind.PDF,
        name,
        title=metadata.get("Title", "").strip() or None,
        author=metadata.get("Author", "").strip() or None,
    )


def _read(
    data: bytes, name: str, limits: ReadLimits, deadline: float
) -> tuple[list[list[Segment]], dict[str, str]]:
    # Imported here: pypdfium2 loads PDFium's shared library, which every
    # CLI run would pay whether or not it reads a PDF.
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        encrypted = getattr(error, "err_code", None) == pypdfium2.raw.FPDF_ERR_PASSWORD
        raise InputError(name, ENCRYPTED if encrypted else NOT_PDF) from None
    try:
        if len(document) > limits.pdf.max_pages:
            raise InputError(
                name, f"has {len(document):,} pages; at most {limits.pdf.max_pages:,} are read"
            )
        pages = []
        text_bytes = 0
        for index in range(len(document)):
            if time.monotonic() > deadline:
                raise InputError(name, f"took more than {limits.pdf.timeout:g} seconds to read")
            segments = _segments(document, index)
            text_bytes += sum(len(segment.text.encode("utf-8")) for segment in segments)
            if text_bytes > limits.max_text_bytes:
                problem = text_too_large(limits.max_text_bytes)
                raise InputTooLargeError(name, problem, "max_text_bytes")
            pages.append(page_lines(segments))
        return pages, document.get_metadata_dict(skip_empty=True)
    except pypdfium2.PdfiumError:
        raise InputError(name, NOT_PDF) from None
    finally:
        document.close()


def _segments(document: pypdfium2.PdfDocument, index: int) -> list[Segment]:
    """The page's text segments, as PDFium groups characters into rectangles."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        segments = []
        for rect in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(rect)
            text = textpage.get_text_bounded(left, bottom, right, top)
            bottom, top = _type_height(textpage, (left, bottom, right, top))
            segments.append(Segment(left, bottom, right, top, text.translate(_PDFIUM_HYPHENS)))
        return segments
    finally:
        textpage.close()
        page.close()


def _type_height(textpage: pypdfium2.PdfTextPage, rect: tuple[float, ...]) -> tuple[float, float]:
    """The bottom and top of the type in `rect`: PDFium's rectangle fits the
    glyphs, so "negoti-" (a descender) would be taller than "ations"."""
    left, bottom, right, top = rect
    index = textpage.get_index((left + right) / 2, (bottom + top) / 2, right - left, top - bottom)
    if index is None or index < 0:
        return bottom, top
    _, loose_bottom, _, loose_top = textpage.get_charbox(index, loose=True)
    return loose_bottom, loose_top
