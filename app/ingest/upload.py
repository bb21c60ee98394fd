"""One entry point for files: choose the reader by extension, content type or content.

The extension decides first (a user names files on purpose; browsers derive
the content type from it anyway); an unknown extension falls back on the
content type; then on sniffing (a PDF header, a Word package, or a page
that opens like HTML); a name with no extension at all is read as plain text, whose decoding
refuses binary data. Anything else is refused with the list of what is read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from app.ingest.article import Article, Kind
from app.ingest.errors import InputError, InputTooLargeError
from app.ingest.formats import DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE, looks_like_docx, looks_like_pdf
from app.ingest.limits import ReadLimits
from app.ingest.text import read_file_bytes, text_article

ACCEPTED = (
    "plain text (.txt, .md), a web page (.html, .htm), a Word document (.docx) or a PDF (.pdf)"
)
SUFFIXES = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.TEXT,
    ".markdown": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".docx": Kind.DOCX,
    ".pdf": Kind.PDF,
}
MEDIA_TYPES = {
    "text/plain": Kind.TEXT,
    "text/markdown": Kind.TEXT,
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    DOCX_MEDIA_TYPE: Kind.DOCX,
    PDF_MEDIA_TYPE: Kind.PDF,
}
_HTML_STARTS = (b"<!doctype html", b"<html")


def read_upload(
    data: bytes,
    filename: str,
    content_type: str | None = None,
    limits: ReadLimits | None = None,
) -> Article:
    """The article in an uploaded (or read) file, or InputError naming `filename`.

    `content_type` is the type the browser sent, if any; a charset in it is
    used when the bytes are not UTF-8. A Word document or a PDF is read
    within `limits` (the defaults if None). Blocking, and a PDF is CPU work:
    call it from a worker thread in async code.
    """
    media_type, charset = parse_content_type(content_type)
    kind = choose_kind(data, filename, media_type)
    return read_as(kind, data, filename, charset=charset, limits=limits)


def read_path(path: str, limits: ReadLimits | None = None) -> Article:
    """The article in the file at `path`, not read at all if it is larger than
    `limits.max_file_bytes`; errors name the path as given."""
    limits = limits or ReadLimits()
    return read_upload(read_file_bytes(path, limits.max_file_bytes), path, limits=limits)


def read_as(
    kind: Kind,
    data: bytes,
    name: str,
    *,
    charset: str | None = None,
    source_url: str | None = None,
    limits: ReadLimits | None = None,
) -> Article:
    """`data` read as `kind`, within `limits`; `name` is what errors name."""
    limits = limits or ReadLimits()
    # Each reader is imported when a file of its kind is first read: comparing
    # two text files from the command line starts without lxml or PDFium.
    if kind is Kind.HTML:
        from app.ingest.webpage import html_article

        article = html_article(data, name, charset=charset, source_url=source_url)
    elif kind is Kind.DOCX:
        from app.ingest.word import docx_article

        article = docx_article(data, name, limits)
    elif kind is Kind.PDF:
        from app.ingest.pdf import pdf_article

        article = pdf_article(data, name, limits)
    else:
        article = text_article(data, name, charset)
    size = len(article.text.encode("utf-8"))
    if size > limits.max_text_bytes:
        problem = (
            f"its text is too large: {size:,} bytes, and the limit for one side "
            f"is {limits.max_text_bytes:,} bytes (UTF-8)"
        )
        raise InputTooLargeError(name, problem, "max_text_bytes")
    return replace(article, source_url=source_url) if source_url else article


def choose_kind(data: bytes, filename: str, media_type: str) -> Kind:
    """How to read an upload (see the module's docstring)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix == ".doc":
        raise InputError(filename, "is an old Word document (.doc): save it as .docx and try again")
    kind = MEDIA_TYPES.get(media_type) or sniff(data)
    if kind is not None:
        return kind
    if not suffix:
        return Kind.TEXT
    raise InputError(filename, f"is not {ACCEPTED}")


def sniff(data: bytes) -> Kind | None:
    """Kind.PDF, Kind.DOCX or Kind.HTML if the content says so plainly, else None."""
    if looks_like_pdf(data):
        return Kind.PDF
    if looks_like_docx(data):
        return Kind.DOCX
    start = data[:512].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return Kind.HTML if start.startswith(_HTML_STARTS) else None


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """The media type, lower case ("" if none), and the charset parameter, if any."""
    if not value:
        return "", None
    media_type, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        key, _, content = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = content.strip().strip("\"'") or None
    return media_type.strip().lower(), charset
