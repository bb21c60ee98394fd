"""How much reading one file may cost: the same limits for the server and the CLI.

A file is untrusted: a Word document is a ZIP archive whose parts may
inflate a thousandfold, and any document may hold more text than a side may
have. Each limit is checked as early as it can be: sizes from the ZIP's
directory before anything is inflated, the text as it is read (reading
stops as soon as it is past the limit, rather than after building it all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.settings import Settings

# Apache POI's defaults for OOXML packages (ZipSecureFile): a part inflating
# more than 100 times its compressed size is taken for a bomb, unless it is
# small. Real Word parts compress 5 to 20 times.
MAX_COMPRESSION_RATIO = 100
RATIO_GRACE_BYTES = 100 * 1024


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """How much work one PDF may cost.

    max_pages: a PDF with more pages is refused (not cut short: half a
        document compared would mislead).
    timeout: seconds reading one PDF may take, waiting for another upload's
        PDF included.
    """

    max_pages: int = 500
    timeout: float = 20.0

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError("the PDF page limit (max_pages) must be at least 1")
        if not self.timeout > 0:
            raise ValueError("the PDF time limit (timeout) must be more than 0 seconds")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """The limits of reading one file.

    max_text_bytes: the largest text (UTF-8) of one side; a Word document or
        a PDF whose text passes it is refused as soon as it does.
    max_file_bytes: the largest file read from disk (by the CLI; the
        server's uploads are within its request limit, links within the
        fetch limit).
    max_unpacked_bytes: the most a Word document may unpack to, all its parts
        together as its ZIP directory declares them; checked before any part
        is inflated (and a part cannot inflate past its declared size).
    max_compression_ratio: a part read that inflates more than this many
        times its compressed size (and past RATIO_GRACE_BYTES) is refused.
    pdf: how much work a PDF may cost.
    """

    max_text_bytes: int = 2_000_000
    max_file_bytes: int = 10_000_000
    max_unpacked_bytes: int = 64_000_000
    max_compression_ratio: int = MAX_COMPRESSION_RATIO
    pdf: PdfLimits = field(default_factory=PdfLimits)

    def __post_init__(self) -> None:
        for name in ("max_text_bytes", "max_file_bytes", "max_unpacked_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"the limit {name} must be at least 1 byte")
        if self.max_compression_ratio < 1:
            raise ValueError("the limit max_compression_ratio must be at least 1")


def text_too_large(max_text_bytes: int) -> str:
    """The problem of a document whose text is past the limit of one side."""
    return f"its text is too large: more than {max_text_bytes:,} bytes, the limit for one side"


def read_limits(settings: Settings) -> ReadLimits:
    """How much reading one file may cost, from the settings (ValueError if one is
    below its minimum). A file given to the CLI is capped like a linked one."""
    return ReadLimits(
        max_text_bytes=settings.max_text_bytes,
        max_file_bytes=settings.fetch_max_bytes,
        max_unpacked_bytes=settings.docx_max_unpacked_bytes,
        pdf=PdfLimits(max_pages=settings.pdf_max_pages, timeout=settings.pdf_timeout),
    )
