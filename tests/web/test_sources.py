"""app.web.comparison.sources: the line under the labels saying where each side came from."""

from __future__ import annotations

from datetime import date

import pytest

from app.store import NO_SOURCE, Source
from app.web.comparison.sources import SourcePart, source_views

LINK = "https://www.courier.test/world/talks"


@pytest.mark.parametrize(
    ("source", "label", "parts"),
    [
        (NO_SOURCE, "Original", None),
        (
            Source(LINK, None, "Talks end", "Jane Doe", date(2025, 3, 1)),
            "Talks end",
            (
                SourcePart("site", "courier.test", href=LINK),
                SourcePart("byline", "By Jane Doe"),
                SourcePart("date", "1 March 2025", datetime="2025-03-01"),
            ),
        ),
        (
            Source(LINK, title="Talks end"),
            "Wire",
            (SourcePart("site", "courier.test", href=LINK), SourcePart("headline", "Talks end")),
        ),
        (Source(author="By Jane Doe"), "Wire", (SourcePart("byline", "By Jane Doe"),)),
        (Source(file_name="draft.docx"), "Draft", (SourcePart("file", "draft.docx"),)),
        (Source(url="javascript:alert(1)"), "Wire", None),
        (
            Source(url="ftp://courier.test/a", file_name="a.txt"),
            "Wire",
            (SourcePart("file", "a.txt"),),
        ),
    ],
    ids=["pasted", "link", "other-label", "byline", "file", "script-link", "ftp-link"],
)
def test_a_sides_source_line(
    source: Source, label: str, parts: tuple[SourcePart, ...] | None
) -> None:
    views = source_views((source, NO_SOURCE), (label, "Copy"))
    if parts is None:
        assert views == ()
    else:
        [view] = views
        assert (view.side, view.label, view.parts) == ("left", label, parts)


def test_only_the_sides_with_a_source_have_a_line() -> None:
    views = source_views((NO_SOURCE, Source(file_name="b.txt")), ("A", "B"))
    assert [(view.side, view.label) for view in views] == [("right", "B")]
