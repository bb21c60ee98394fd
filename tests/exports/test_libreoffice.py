"""LibreOffice (Debian's libreoffice-writer-nogui, headless) opens the .docx and
reads its revisions, moves and comments: the file it writes back has them,
and accepts to the right text.

Without soffice the test skips, unless CI is set: CI installs it (.ci/run).
Only accept-all is compared after the round trip: LibreOffice writes the mark
of a paragraph that ends in an insertion back as inserted too (its redlines
are ranges that take the paragraph end with them), which only reject-all sees.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.exports import Note
from tests.exports.helpers import CREATED, docx_of, expected
from tests.exports.reader import part, resolved
from tests.support.chromium import in_ci

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "peace-talks"


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        reason = "LibreOffice (soffice) is not installed"
        if in_ci():
            pytest.fail(f"{reason} (CI is set, so it must be)", pytrace=False)
        pytest.skip(reason)
    return found


def round_trip(docx: bytes, folder: Path) -> bytes:
    """The .docx as LibreOffice opens it and writes it back as Word."""
    source = folder / "in.docx"
    source.write_bytes(docx)
    command = [
        _soffice(),
        f"-env:UserInstallation=file://{folder / 'profile'}",
        "--headless",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(folder / "out"),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return (folder / "out" / "in.docx").read_bytes()


def test_libreoffice_opens_the_seed_document_and_keeps_its_revisions(tmp_path: Path) -> None:
    left = (SEED / "original.txt").read_text(encoding="utf-8")
    right = (SEED / "copy.txt").read_text(encoding="utf-8")
    notes = (Note(1, "Ann Editor", CREATED, "Source?"), Note(1, "Bo", CREATED, "Wire.", 0))
    comparison, docx = docx_of(left, right, notes=notes)
    written = round_trip(docx, tmp_path)
    assert resolved(written, accept=True) == expected(comparison.right)
    document = part(written, "word/document.xml").decode()
    assert document.count("<w:ins ") > 100 and document.count("<w:del ") > 100
    comments = part(written, "word/comments.xml").decode()
    assert 'w:author="Ann Editor"' in comments and "Source?" in comments


def test_libreoffice_keeps_a_move(tmp_path: Path) -> None:
    left = "The talks began in Riyadh. Oil prices fell sharply.\n\nMarkets rallied later on."
    right = "Oil prices fell sharply. The talks began in Riyadh.\n\nMarkets rallied later on."
    comparison, docx = docx_of(left, right)
    written = round_trip(docx, tmp_path)
    assert resolved(written, accept=True) == expected(comparison.right)
    assert resolved(written, accept=False) == expected(comparison.left)
    document = part(written, "word/document.xml").decode()
    assert "<w:moveFrom " in document and "<w:moveTo " in document
