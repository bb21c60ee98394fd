"""PDFs the tests make with fpdf2, each with the text it should be read as.

Lines are placed one by one with `FPDF.text` (x, baseline y in mm from the
top left), so each layout is exactly what a test says: where the columns
stand, where a line breaks and in which order the file holds the lines.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from fpdf import FPDF
from PIL import Image

from app.ingest.pdf import ENCRYPTED, NOT_PDF, SCANNED

TITLE = "Ceasefire talks resume in Geneva"
AUTHOR = "Jane Doe"
PITCH = 6.0  # mm between baselines: 11 pt type with ordinary leading

# Two columns, written to the file row by row across both (as some layout
# programs do): reading the file's order would interleave them.
LEFT_COLUMN = (
    "The delegations met on Monday",
    "morning and talked until late",
    "in the evening about a truce.",
)
RIGHT_COLUMN = (
    "Officials said the next round",
    "would start in two weeks if",
    "both capitals agreed to it.",
)
TWO_COLUMNS_TEXT = "\n\n".join((TITLE, " ".join(LEFT_COLUMN), " ".join(RIGHT_COLUMN)))

# Line ends: a split word, a compound spelled with its hyphen elsewhere, a
# hyphen before a capital; then a second paragraph after a blank line.
HYPHENATED_LINES = (
    "The negoti-",
    "ations were long, and the well-known mediator, a",
    "well-",
    "known figure of Franco-",
    "German talks, stayed calm.",
)
SECOND_PARAGRAPH = "A second paragraph follows the first."
HYPHENATED_TEXT = (
    "The negotiations were long, and the well-known mediator, a well-known figure of "
    f"Franco-German talks, stayed calm.\n\n{SECOND_PARAGRAPH}"
)

# Three pages with a running header and footer; the paragraph on page 2 runs
# on to page 3 (its last line there ends mid-sentence).
RUNNING_PAGES = (
    ("First page: the summit opened in Geneva.",),
    ("Second page: delegates argued over the text and", "the order of the"),
    ("agenda until midnight.", "Third page: a communique followed."),
)
RUNNING_TEXT = (
    "First page: the summit opened in Geneva.\n\n"
    "Second page: delegates argued over the text and the order of the agenda until "
    "midnight.\n\nThird page: a communique followed."
)


# Paragraphs set by fpdf2 itself, justified and ragged in turn, across pages
# (some of their lines end with a full stop, mid-paragraph).
FLOWED_PARAGRAPHS = tuple(
    f"{number}. Officials said the talks, held in a well-known hotel by the lake, would "
    "go on all week. Delegations exchanged drafts. They argued over the wording of the "
    f"final communique{'.' * (number % 3)} and met again at {number} o'clock."
    for number in range(1, 31)
)


def flowed() -> bytes:
    pdf = new_pdf()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for number, paragraph in enumerate(FLOWED_PARAGRAPHS):
        pdf.multi_cell(0, 5.5, paragraph, align="J" if number % 2 else "L")
        pdf.ln(3)
    return bytes(pdf.output())


def new_pdf(title: str | None = None, author: str | None = None) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    return pdf


def lines_at(pdf: FPDF, x: float, top: float, lines: Sequence[str]) -> None:
    for row, line in enumerate(lines):
        pdf.text(x, top + row * PITCH, line)


def two_columns() -> bytes:
    pdf = new_pdf(TITLE, AUTHOR)
    pdf.add_page()
    pdf.set_font("Helvetica", size=18)
    pdf.text(20, 25, TITLE)
    pdf.set_font("Helvetica", size=11)
    for row, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
        pdf.text(20, 45 + row * PITCH, left)
        pdf.text(110, 45 + row * PITCH, right)
    return bytes(pdf.output())


def hyphenated() -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    lines_at(pdf, 20, 30, HYPHENATED_LINES)
    lines_at(pdf, 20, 30 + (len(HYPHENATED_LINES) + 1) * PITCH, (SECOND_PARAGRAPH,))
    return bytes(pdf.output())


def running_header_and_footer() -> bytes:
    pdf = new_pdf()
    for number, lines in enumerate(RUNNING_PAGES, start=1):
        pdf.add_page()
        pdf.text(20, 12, "The Courier · Morning edition")
        lines_at(pdf, 20, 40, lines)
        pdf.text(95, 285, f"Page {number} of {len(RUNNING_PAGES)}")
        pdf.text(190, 285, str(number))
    return bytes(pdf.output())


def scan() -> bytes:
    """A page that is only a picture, as a scanner makes it."""
    picture = io.BytesIO()
    Image.new("L", (200, 280), color=235).save(picture, format="PNG")
    pdf = new_pdf()
    pdf.add_page()
    pdf.image(picture, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def encrypted() -> bytes:
    pdf = new_pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.text(20, 30, "Confidential.")
    return bytes(pdf.output())


def pages(count: int) -> bytes:
    pdf = new_pdf()
    for number in range(count):
        pdf.add_page()
        pdf.text(20, 30, f"Page {number} says something different: {'x' * number}.")
    return bytes(pdf.output())


def truncated() -> bytes:
    data = running_header_and_footer()
    return data[: len(data) // 2]


# PDFs the form, the CLI and read_upload refuse, read with at most PAGE_LIMIT pages.
PAGE_LIMIT = 2
UNREADABLE = [
    pytest.param(scan(), SCANNED, id="scan"),
    pytest.param(encrypted(), ENCRYPTED, id="encrypted"),
    pytest.param(truncated(), NOT_PDF, id="truncated"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", NOT_PDF, id="header-only"),
    pytest.param(pages(3), "has 3 pages; at most 2 are read", id="too-many-pages"),
]
