"""Names for what is compared: default titles and labels, and what is kept of
where each side came from (`Source`).

A blank title defaults to the right article's own title, else the left
one's, else the first line of the right text that is no banner ("LATEST
NEWS:"); a blank label to its article's title or site. Every line is
cleaned (one line, single spaces) and shortened on a word boundary to a
length the page can show.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.ingest import Article
from app.store import Source, unstorable

MAX_TITLE_CHARS = 200
MAX_LABEL_CHARS = 80
MAX_BYLINE_CHARS = 200
MAX_URL_CHARS = 2048
# A default title is one of the text's first lines, never one far into it.
_TITLE_LINES_READ = 5
_BANNER_MAX_WORDS = 3


def clean_line(value: str) -> str:
    """`value` on one line, runs of whitespace as one space, trimmed."""
    return " ".join(value.split())


def default_title(text: str, max_chars: int = 80) -> str:
    """The first non-blank line of `text` that is no banner, shortened on a word
    boundary (the first line, if all of the first few are banners)."""
    lines = [clean_line(line.strip().lstrip("#")) for line in text.splitlines() if line.strip()]
    first_lines = lines[:_TITLE_LINES_READ]
    title = next((line for line in first_lines if not is_banner(line)), lines[0] if lines else "")
    return shorten(title, max_chars) or "Untitled comparison"


def is_banner(line: str) -> bool:
    """Whether a line is a page's banner or kicker rather than a headline: it
    announces what follows ("LATEST NEWS:", "Updated:"), or is a few words
    in capitals ("BREAKING", "ADVERTISEMENT")."""
    if line.endswith(":") or not any(character.isalnum() for character in line):
        return True
    has_letters = any(character.isalpha() for character in line)
    return has_letters and len(line.split()) <= _BANNER_MAX_WORDS and line.upper() == line


def article_label(article: Article) -> str:
    """A blank label's default: the article's title, or for a link its site
    ("thehill.com"); "" if it says neither. Its byline and date are in its source."""
    name = clean_line(article.title or "")
    if not name and article.source_url:
        name = site_name(article.source_url)
    return shorten(name, MAX_LABEL_CHARS)


def site_name(url: str) -> str:
    """The host a link points to, without "www.": "thehill.com"."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def article_source(article: Article) -> Source:
    """Where `article` came from and what it says of itself, fit to store and show:
    lines cleaned and shortened, and what the store could not keep left out."""
    url = article.source_url
    return Source(
        url=url if url and len(url) <= MAX_URL_CHARS and not unstorable(url) else None,
        file_name=None if url else _metadata(article.name, MAX_LABEL_CHARS),
        title=_metadata(article.title, MAX_TITLE_CHARS),
        author=_metadata(article.author, MAX_BYLINE_CHARS),
        published=article.date,
    )


def _metadata(value: str | None, max_chars: int) -> str | None:
    line = clean_line(value or "")
    return shorten(line, max_chars) if line and not unstorable(line) else None


def article_title(article: Article) -> str:
    """The article's own title, fit for a comparison's title; "" if it has none."""
    title = clean_line(article.title or "")
    return shorten(title, MAX_TITLE_CHARS) if title else ""


def shorten(line: str, max_chars: int) -> str:
    """`line` cut on a word boundary to at most `max_chars` characters, with an ellipsis."""
    if len(line) <= max_chars:
        return line
    cut = line[: max_chars - 1].rsplit(" ", 1)[0] or line[: max_chars - 1]
    return cut.rstrip(" ,;:.-·") + "…"
