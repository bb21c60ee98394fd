"""Word documents: paragraphs, headings, tables and tracked changes; broken packages refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from app.ingest import InputError, InputTooLargeError, Kind, ReadLimits, read_upload
from app.ingest.formats import looks_like_docx
from app.ingest.word import NOT_DOCX, docx_article
from tests.ingest import bombs
from tests.ingest.samples import WORD_TEXT, word_document


def test_paragraphs_headings_and_tables_in_order() -> None:
    article = read_upload(word_document(), "story.docx", None)
    assert article.text == WORD_TEXT
    assert (article.kind, article.title, article.author) == (Kind.DOCX, "Peace talks", "Jane Doe")
    assert article.encoding is None


def test_tracked_changes_read_as_accepted_and_content_controls_kept() -> None:
    text = docx_article(word_document(tracked=True), "story.docx").text
    assert text.endswith("\n\nPrices rose slightly in March.\n\nInside a content control.")
    assert "sharply" not in text


def test_no_properties_means_no_metadata() -> None:
    document = docx.Document()
    document.core_properties.author = ""  # python-docx's template says "python-docx"
    document.add_paragraph("Only a paragraph.")
    data = io.BytesIO()
    document.save(data)
    article = docx_article(data.getvalue(), "bare.docx")
    assert (article.text, article.title, article.author) == ("Only a paragraph.", None, None)


def _zip(**parts: bytes) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as package:
        for name, content in parts.items():
            package.writestr(name.replace("__", "/"), content)
    return data.getvalue()


def _empty_document() -> bytes:
    data = io.BytesIO()
    docx.Document().save(data)
    return data.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(b"Just some text, not a package.", NOT_DOCX, id="not-a-zip"),
        pytest.param(_zip(readme__txt=b"hello"), NOT_DOCX, id="zip-without-document"),
        pytest.param(_zip(word__document__xml=b"<not xml"), NOT_DOCX, id="broken-package"),
        pytest.param(_empty_document(), "the document has no text", id="no-text"),
    ],
)
def test_unreadable_documents_are_refused_by_name(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_upload(data, "draft.docx", None)
    assert str(caught.value) == f"draft.docx: {problem}"


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    limits = ReadLimits(max_unpacked_bytes=1000)
    with pytest.raises(InputTooLargeError, match=r"draft\.docx: unpacks to more than 1,000 bytes"):
        docx_article(word_document(), "draft.docx", limits)


def test_looks_like_docx() -> None:
    assert looks_like_docx(word_document())
    assert not looks_like_docx(_zip(readme__txt=b"hello"))
    assert not looks_like_docx(b"PK\x03\x04 truncated")


def _r(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def _p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def _table(*rows: str) -> str:
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in cells) + "</w:tr>"


BODIES = [
    pytest.param(
        _table(_row(_p(_r("A")) + _table(_row(_p(_r("in")))), _p(_r("B")))),
        "A in | B",
        id="nested-table",
    ),
    pytest.param(
        _table(_row(_p(_r("A"), f"<w:r><w:txbxContent>{_p(_r('box'))}</w:txbxContent></w:r>"))),
        "A",
        id="text-box-in-a-cell",
    ),
    pytest.param(
        _table(f"<w:sdt><w:sdtContent>{_row(_p(_r('C')))}</w:sdtContent></w:sdt>"),
        "C",
        id="row-in-a-content-control",
    ),
    pytest.param(f"<w:customXml>{_p(_r('D'))}</w:customXml>", "D", id="custom-xml"),
    pytest.param(
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>x</w:t><w:tab/><w:t>y</w:t><w:br/><w:t>z</w:t></w:r></w:p>",
        "x\ty\nz",
        id="tab-stops-are-not-text",
    ),
    pytest.param(_p(_r("E")) + _p() + _p(_r(" ")) + _p(_r("F")), "E\n\nF", id="spacing-dropped"),
]


@pytest.mark.parametrize(("body", "text"), BODIES)
def test_the_body_as_blocks(body: str, text: str) -> None:
    assert docx_article(bombs.document(body.encode()), "a.docx").text == text
