"""Choosing the reader for an upload or a file, and refusing other kinds by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import ACCEPTED, InputError, Kind, read_path, read_upload
from app.ingest.upload import choose_kind, parse_content_type
from tests.ingest.samples import ARTICLE_TEXT, WORD_TEXT, article_page, word_document

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = b"<!DOCTYPE html><html><body><p>Hi</p></body></html>"


@pytest.mark.parametrize(
    ("filename", "content_type", "data", "kind"),
    [
        ("a.txt", None, b"text", Kind.TEXT),
        ("A.MD", None, b"text", Kind.TEXT),
        ("a.html", None, b"text", Kind.HTML),
        ("a.htm", "application/octet-stream", b"text", Kind.HTML),
        ("a.docx", None, b"", Kind.DOCX),
        ("a.pdf", None, b"", Kind.PDF),
        ("download", "application/pdf", b"", Kind.PDF),
        ("story", None, b"%PDF-1.7\n", Kind.PDF),
        ("a.txt", "text/html", HTML, Kind.TEXT),  # the name the user chose wins
        ("a.php", "text/html", b"", Kind.HTML),
        ("a.log", "text/plain; charset=utf-8", b"", Kind.TEXT),
        ("download", DOCX_TYPE, b"", Kind.DOCX),
        ("a.aspx", "application/octet-stream", b"\xef\xbb\xbf \n" + HTML, Kind.HTML),
        ("story", None, word_document(), Kind.DOCX),
        ("story", None, b"plain words", Kind.TEXT),
    ],
)
def test_choose_kind(filename: str, content_type: str | None, data: bytes, kind: Kind) -> None:
    assert choose_kind(data, filename, parse_content_type(content_type)[0]) is kind


@pytest.mark.parametrize(
    ("filename", "content_type", "problem"),
    [
        ("notes.odt", "application/vnd.oasis.opendocument.text", f"is not {ACCEPTED}"),
        ("photo.png", None, f"is not {ACCEPTED}"),
        ("old.doc", "application/msword", "is an old Word document (.doc): save it as .docx"),
    ],
)
def test_other_kinds_are_refused_with_what_is_accepted(
    filename: str, content_type: str | None, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_upload(b"\x89PNG\r\n\x1a\n whatever", filename, content_type)
    assert caught.value.name == filename
    assert caught.value.problem.startswith(problem)
    assert all(suffix in ACCEPTED for suffix in (".txt, .md", ".html, .htm", ".docx", ".pdf"))


def test_a_pdf_named_txt_is_a_binary_file() -> None:
    with pytest.raises(InputError, match=r"^report\.txt: is a binary file, not text$"):
        read_upload(b"%PDF-1.4\n1 0 obj", "report.txt", "text/plain")


def test_the_upload_charset_is_used() -> None:
    data = "“Kyiv” café, déjà vu".encode("cp1252")
    article = read_upload(data, "a.txt", "text/plain; charset=windows-1252")
    assert (article.text, article.encoding) == ("“Kyiv” café, déjà vu", "cp1252")


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (None, ("", None)),
        ("", ("", None)),
        ("Text/HTML", ("text/html", None)),
        ('text/plain; format=flowed; charset="ISO-8859-1"', ("text/plain", "ISO-8859-1")),
        ("text/html;charset=", ("text/html", None)),
    ],
)
def test_parse_content_type(value: str | None, parsed: tuple[str, str | None]) -> None:
    assert parse_content_type(value) == parsed


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("story.html", article_page(), ARTICLE_TEXT),
        ("story.docx", word_document(), WORD_TEXT),
        ("story.txt", "Café.\r\n".encode("cp1252"), "Café.\r\n"),
    ],
)
def test_read_path(tmp_path: Path, name: str, data: bytes, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    article = read_path(str(path))
    assert (article.text, article.name) == (text, str(path))


@pytest.mark.parametrize(("name", "problem"), [("missing.txt", "no such file"), ("", "is a dir")])
def test_read_path_names_a_file_it_cannot_read(tmp_path: Path, name: str, problem: str) -> None:
    path = str(tmp_path / name) if name else str(tmp_path)
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.name == path
    assert caught.value.problem.startswith(problem)
