"""PDF input: paragraphs rebuilt from the layout, metadata, and bad PDFs refused."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.ingest import InputError, InputTooLargeError, Kind, PdfLimits, ReadLimits, read_upload
from app.ingest.formats import looks_like_pdf
from app.ingest.pdf import ENCRYPTED, NOT_PDF, SCANNED
from app.ingest.pdflayout import Segment, page_lines, paragraphs
from tests.ingest import pdfs


@pytest.mark.parametrize(
    ("make", "text"),
    [
        pytest.param(pdfs.two_columns, pdfs.TWO_COLUMNS_TEXT, id="two-columns"),
        pytest.param(pdfs.hyphenated, pdfs.HYPHENATED_TEXT, id="hyphenated-line-ends"),
        pytest.param(pdfs.running_header_and_footer, pdfs.RUNNING_TEXT, id="running-header-footer"),
        pytest.param(pdfs.flowed, "\n\n".join(pdfs.FLOWED_PARAGRAPHS), id="flowed-two-pages"),
    ],
)
def test_paragraphs_are_rebuilt_from_the_layout(make: Callable[[], bytes], text: str) -> None:
    article = read_upload(make(), "story.pdf")
    assert article.text == text
    assert (article.kind, article.encoding, article.name) == (Kind.PDF, None, "story.pdf")


@pytest.mark.parametrize(
    ("make", "title", "author"),
    [
        pytest.param(pdfs.two_columns, pdfs.TITLE, pdfs.AUTHOR, id="with-metadata"),
        pytest.param(pdfs.hyphenated, None, None, id="without"),
    ],
)
def test_title_and_author_come_from_the_metadata(
    make: Callable[[], bytes], title: str | None, author: str | None
) -> None:
    article = read_upload(make(), "story.pdf")
    assert (article.title, article.author) == (title, author)


@pytest.mark.parametrize(
    ("data", "limits", "problem"),
    [
        *[
            pytest.param(data, PdfLimits(max_pages=pdfs.PAGE_LIMIT), problem, id=bad.id)
            for bad in pdfs.UNREADABLE
            for data, problem in [bad.values]
        ],
        pytest.param(
            pdfs.pages(2), PdfLimits(timeout=1e-9), "took more than 1e-09 seconds", id="slow"
        ),
    ],
)
def test_bad_pdfs_are_refused_by_name(data: bytes, limits: PdfLimits | None, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_upload(data, "report.pdf", "application/pdf", ReadLimits(pdf=limits or PdfLimits()))
    assert caught.value.name == "report.pdf"
    assert caught.value.problem.startswith(problem)


def test_the_refusals_say_what_to_do() -> None:
    assert SCANNED == "This PDF has no text to compare (it is a scan); run OCR on it first"
    assert ENCRYPTED == "This PDF is password-protected"
    assert NOT_PDF == "is not a PDF we can read (it is damaged or incomplete)"


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [("report.pdf", None), ("REPORT.PDF", None), ("download", "application/pdf"), ("x", None)],
)
def test_a_pdf_is_known_by_its_name_type_or_header(filename: str, content_type: str | None) -> None:
    assert read_upload(pdfs.hyphenated(), filename, content_type).kind is Kind.PDF
    assert looks_like_pdf(b"\n\n%PDF-1.4") and not looks_like_pdf(b"PK\x03\x04")


def test_pdfs_read_at_once_from_threads_are_each_read_whole() -> None:
    # PDFium is not thread-safe: without the lock this crashes or mixes pages.
    makers = [pdfs.two_columns, pdfs.hyphenated, pdfs.running_header_and_footer] * 3
    expected = [pdfs.TWO_COLUMNS_TEXT, pdfs.HYPHENATED_TEXT, pdfs.RUNNING_TEXT] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda make: read_upload(make(), "a.pdf").text, makers))
    assert texts == expected


RIGHT_COLUMN = ("right 0 of it.", "right 1 of it.", "Its end.")


def _line(left: float, baseline: float, text: str, size: float = 10.0) -> Segment:
    return Segment(left, baseline, left + 6 * len(text), baseline + size, text)


@pytest.mark.parametrize(
    ("page", "text"),
    [
        pytest.param(
            [
                _line(50, 700, "Title across", 16),
                *[_line(50, 660 - 14 * row, f"left {row} of it") for row in range(3)],
                *[_line(320, 660 - 14 * row, text) for row, text in enumerate(RIGHT_COLUMN)],
                _line(50, 600, "A full-width line that crosses the gutter of the page."),
            ],
            # The left column's last line ends mid-sentence: it runs on to the right one.
            "Title across\n\nleft 0 of it left 1 of it left 2 of it right 0 of it. right 1 "
            "of it. Its end.\n\nA full-width line that crosses the gutter of the page.",
            id="columns-between-full-width-lines",
        ),
        pytest.param(
            [_line(50, 700, "Short line ends."), _line(50, 686, "A long line " * 4)],
            "Short line ends.\n\n" + ("A long line " * 4).strip(),
            id="short-line-ending-a-sentence",
        ),
        pytest.param(
            [_line(50, 700, "One line"), _line(62, 686, "indented next")],
            "One line\n\nindented next",
            id="indented-first-line",
        ),
        pytest.param(
            [_line(50, 700, "COVID-"), _line(50, 686, "19 spread")],
            "COVID-19 spread",
            id="hyphen-before-a-digit-stays",
        ),
    ],
)
def test_layout_rules(page: list[Segment], text: str) -> None:
    assert "\n\n".join(paragraphs([page_lines(page)])) == text


def test_damaged_pdfs_are_read_or_refused_never_an_other_error() -> None:
    rng = random.Random(12)
    originals = [pdfs.two_columns(), pdfs.running_header_and_footer(), pdfs.encrypted()]
    for _ in range(40):
        data = bytearray(rng.choice(originals))
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_upload(bytes(data), "damaged.pdf")
        except InputError as error:
            assert error.name == "damaged.pdf"


def test_reading_stops_once_the_text_is_past_the_limit() -> None:
    size = len(pdfs.TWO_COLUMNS_TEXT.encode())
    within = ReadLimits(max_text_bytes=size)
    assert read_upload(pdfs.two_columns(), "a.pdf", None, within).text == pdfs.TWO_COLUMNS_TEXT
    with pytest.raises(InputTooLargeError, match=r"a\.pdf: its text is too large: more than 100 "):
        read_upload(pdfs.two_columns(), "a.pdf", None, ReadLimits(max_text_bytes=100))
