"""app.naming: default labels from an article, and the source kept of each side."""

from __future__ import annotations

from datetime import date

import pytest

from app.ingest import Article, Kind
from app.naming import MAX_URL_CHARS, article_label, article_source, shorten
from app.store import Source

LINK = "https://www.courier.test/world/geneva-talks?ref=home"


def link_article(
    title: str | None = None, author: str | None = None, published: date | None = None
) -> Article:
    return Article("Text.", Kind.HTML, LINK, title, author, published, source_url=LINK)


@pytest.mark.parametrize(
    ("article", "label"),
    [
        (link_article(title="Geneva talks end", author="Jane Doe"), "Geneva talks end"),
        (link_article(title="  Geneva\n talks  end "), "Geneva talks end"),
        (link_article(), "courier.test"),
        (Article("Text.", Kind.HTML, "story.html", title="Geneva talks end"), "Geneva talks end"),
        (Article("Text.", Kind.TEXT, "story.txt"), ""),
        (link_article(title="word " * 40), shorten("word " * 40, 80)),
    ],
    ids=["title", "title-cleaned", "site", "upload-title", "nothing", "long"],
)
def test_a_blank_label_defaults_to_the_title_or_the_site(article: Article, label: str) -> None:
    assert article_label(article) == label
    assert len(article_label(article)) <= 80


@pytest.mark.parametrize(
    ("article", "source"),
    [
        (
            link_article(
                title="Geneva talks end", author="By Jane  Doe", published=date(2025, 3, 21)
            ),
            Source(LINK, None, "Geneva talks end", "By Jane Doe", date(2025, 3, 21)),
        ),
        (Article("Text.", Kind.DOCX, "draft.docx", title=" "), Source(file_name="draft.docx")),
        (Article("Text.", Kind.TEXT, "a\x00b.txt", author="x\x00"), Source()),
        (link_article(title="Café \udcff"), Source(url=LINK)),
    ],
    ids=["link", "upload", "nul-dropped", "surrogate-dropped"],
)
def test_the_source_keeps_what_can_be_stored_and_shown(article: Article, source: Source) -> None:
    assert article_source(article) == source


def test_an_overlong_link_is_not_kept() -> None:
    url = "https://courier.test/" + "a" * MAX_URL_CHARS
    assert article_source(Article("Text.", Kind.HTML, url, source_url=url)).url is None
