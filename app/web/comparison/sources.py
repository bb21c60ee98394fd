"""Where each side came from, as the comparison page's header shows it.

Under the labels, one line per side that has a source, its parts joined by
" · ": the site, linked to the article ("courier.test"); the article's own
headline when the label says something else; its byline; its date; the
uploaded file's name. A pasted text has no source and no line.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from app.naming import site_name
from app.store import Source

# Only these become links: a stored address is shown, never followed, otherwise.
LINK_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class SourcePart:
    kind: str  # "site", "headline", "byline", "date" or "file", for the CSS class
    text: str
    href: str | None = None  # the site's link to the article
    datetime: str | None = None  # the date's ISO 8601 form, for <time>


@dataclass(frozen=True, slots=True)
class SourceView:
    side: str  # "left" or "right"
    label: str  # the side's label, naming the line for screen readers
    parts: tuple[SourcePart, ...]


def source_views(sources: tuple[Source, Source], labels: tuple[str, str]) -> tuple[SourceView, ...]:
    """The header's source lines: one per side with something to show, left first."""
    views = (
        SourceView(side, label, _parts(source, label))
        for side, source, label in zip(("left", "right"), sources, labels, strict=True)
    )
    return tuple(view for view in views if view.parts)


def _parts(source: Source, label: str) -> tuple[SourcePart, ...]:
    parts: list[SourcePart] = []
    if source.url and urlsplit(source.url).scheme in LINK_SCHEMES:
        parts.append(SourcePart("site", site_name(source.url) or source.url, href=source.url))
    # A label that is the headline (the default) is not said twice.
    if source.title and source.title not in label:
        parts.append(SourcePart("headline", source.title))
    if source.author:
        byline = source.author
        parts.append(SourcePart("byline", byline if byline.startswith("By ") else f"By {byline}"))
    if source.published:
        day = source.published
        parts.append(SourcePart("date", f"{day.day} {day:%B %Y}", datetime=day.isoformat()))
    if source.file_name:
        parts.append(SourcePart("file", source.file_name))
    return tuple(parts)
