"""What a file is: the media types of the documents read, and the signatures
that tell them apart without reading them.

Kept apart from the readers so that telling a file's kind costs neither
PDFium nor lxml: a command comparing two text files never loads them.
"""

from __future__ import annotations

import io
import zipfile

PDF_MEDIA_TYPE = "application/pdf"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Where a Word document's main part is, unless its relationships say otherwise.
DOCX_MAIN_PART = "word/document.xml"


def looks_like_pdf(data: bytes) -> bool:
    """Whether `data` has a PDF header (the format allows it within the first 1 KiB)."""
    return b"%PDF-" in data[:1024]


def looks_like_docx(data: bytes) -> bool:
    """Whether `data` is a ZIP holding a Word document's main part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return DOCX_MAIN_PART in package.namelist()
    except zipfile.BadZipFile:
        return False
