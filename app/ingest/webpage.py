"""A web page reduced to its article: trafilatura finds the text, we keep its blocks.

trafilatura drops the menus, ads, share buttons, "related stories", comment
threads and footers, and keeps the headline, headings, paragraphs, lists,
block quotes and tables, with the title, byline and date as metadata. It
runs with favor_precision: on full articles that gives the same text as
its balanced default, but on a short news brief the default kept the site
menu ("Home", "World") above the story, and on a page with no article it
gave the menu as the article.

Each block it keeps becomes one block of our text, blocks separated by a
blank line, as plain text: trafilatura's Markdown (include_formatting) would
add "#" and "**" that would show up as differences between two versions.
List items keep trafilatura's "- " marker; a table row is "| a | b |".

Offline and deterministic: extraction works on the string we give it and
never fetches (a URL passed to it only names the page in its metadata); the
date comes from the page's markup only (no guessing from the prose).
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from app.ingest.article import Article, Kind
from app.ingest.encoding import decode_bytes
from app.ingest.errors import InputError

if TYPE_CHECKING:
    from trafilatura.settings import Document

NO_ARTICLE = "the page has no article text we could find"
# Where the HTML standard's prescan looks for <meta charset>; pages with a
# long <head> put it later than its 1,024 bytes, so we look a little further.
_META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def html_article(
    data: bytes, name: str, *, charset: str | None = None, source_url: str | None = None
) -> Article:
    """The article in an HTML page; `charset` is the one HTTP declared, if any."""
    decoded = decode_bytes(data, name, charset or meta_charset(data))
    document = _extract(decoded.text, source_url)
    blocks = _blocks(document)
    if document is None or not blocks:
        raise InputError(name, NO_ARTICLE)
    return Article(
        "\n\n".join(blocks),
        Kind.HTML,
        name,
        title=document.title or None,
        author=document.author or None,
        date=_date(document.date),
        source_url=source_url,
        encoding=decoded.encoding,
    )


def meta_charset(data: bytes) -> str | None:
    """The charset a <meta> element near the top of the page declares, if any."""
    match = _META_CHARSET.search(data, 0, _META_SCAN_BYTES)
    return match.group(1).decode("ascii") if match else None


def _extract(html: str, source_url: str | None) -> Document | None:
    # Imported here: trafilatura takes 150 ms to import, which every CLI run
    # and web worker would pay whether or not it reads a web page.
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    result = bare_extraction(
        html,
        url=source_url,
        favor_precision=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return result if isinstance(result, Document) else None


def _blocks(document: Document | None) -> list[str]:
    from trafilatura.xml import xmltotxt

    if document is None or document.body is None:
        return []
    texts = (xmltotxt(element, include_formatting=False).strip() for element in document.body)
    return [text for text in texts if text]


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
