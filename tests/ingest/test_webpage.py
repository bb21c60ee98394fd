"""Web pages reduced to their article: text, paragraphs, metadata, offline."""

from __future__ import annotations

import datetime

import pytest

from app.ingest import InputError, Kind, read_upload
from app.ingest.webpage import NO_ARTICLE, html_article, meta_charset
from tests.ingest.samples import (
    ARTICLE_BLOCKS,
    ARTICLE_TEXT,
    BOILERPLATE,
    HEADLINE,
    NO_ARTICLE_PAGE,
    article_page,
)


@pytest.mark.usefixtures("no_network")
def test_the_article_is_kept_and_the_clutter_dropped() -> None:
    article = read_upload(article_page(), "story.html", "text/html")
    assert article.text == ARTICLE_TEXT
    for clutter in BOILERPLATE:
        assert clutter not in article.text
    assert (article.kind, article.name, article.encoding) == (Kind.HTML, "story.html", "utf-8")


@pytest.mark.usefixtures("no_network")
def test_metadata_is_kept_apart_from_the_text() -> None:
    article = read_upload(article_page(), "story.html", None)
    assert article.title == HEADLINE
    assert article.author == "Jane Doe"
    assert article.date == datetime.date(2024, 3, 5)
    assert article.source_url is None
    assert "Jane Doe" not in article.text


def test_paragraphs_are_separated_by_a_blank_line_for_the_engine() -> None:
    from app.core.segmentation.segment import paragraph_spans

    text = read_upload(article_page(), "story.html", None).text
    assert [text[start:end] for start, end in paragraph_spans(text)] == list(ARTICLE_BLOCKS)


def test_a_short_brief_loses_its_menu() -> None:
    page = (
        b"<html><body><header><nav><ul><li><a href='/'>Home</a></li>"
        b"<li><a href='/world'>World</a></li></ul></nav></header>"
        b"<article><h1>Fire in Leeds</h1><p>A fire broke out in a warehouse on Monday.</p>"
        b"<p>No one was hurt, police said.</p></article>"
        b"<footer><p>All rights reserved.</p></footer></body></html>"
    )
    assert read_upload(page, "brief.html", None).text == (
        "Fire in Leeds\n\nA fire broke out in a warehouse on Monday.\n\n"
        "No one was hurt, police said."
    )


def test_extraction_is_deterministic() -> None:
    first = read_upload(article_page(), "a.html", None)
    assert all(read_upload(article_page(), "a.html", None) == first for _ in range(3))


@pytest.mark.parametrize(
    ("charset", "meta", "declared"),
    [
        pytest.param("cp1252", "windows-1252", None, id="meta-windows-1252"),
        pytest.param("cp1252", "iso-8859-1", None, id="meta-latin-1"),
        pytest.param("cp1252", None, "windows-1252", id="http-charset"),
        pytest.param("cp1252", None, None, id="undeclared-detected"),
        pytest.param("utf-8", "iso-8859-1", None, id="utf-8-despite-meta"),
    ],
)
def test_legacy_pages_are_decoded_right(
    charset: str, meta: str | None, declared: str | None
) -> None:
    article = html_article(article_page(charset, meta), "story.htm", charset=declared)
    assert article.text == ARTICLE_TEXT  # curly quotes and "Genève" intact


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<META CHARSET=Windows-1252>", "Windows-1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "iso-8859-1"),
        (b"<title>No declaration</title>", None),
    ],
)
def test_meta_charset(head: bytes, charset: str | None) -> None:
    assert meta_charset(b"<html><head>" + head + b"</head>") == charset


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(NO_ARTICLE_PAGE, NO_ARTICLE, id="menu-only"),
        pytest.param(b"<html><body></body></html>", NO_ARTICLE, id="empty-body"),
        pytest.param(b"", NO_ARTICLE, id="empty-file"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "is a binary file, not text", id="png"),
    ],
)
def test_a_page_without_an_article_is_an_error(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_upload(data, "page.html", "text/html")
    assert str(caught.value) == f"page.html: {problem}"
