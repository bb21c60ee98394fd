"""The .docx as a file: python-docx opens it, revisions carry the right author
and date, comments and must-correct marks become Word comments, ignored
differences are no revisions."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from xml.etree import ElementTree

import docx as python_docx
import pytest

from app.core import CompareOptions
from app.exports import Note
from tests.exports.helpers import CREATED, INFO, docx_of, expected
from tests.exports.reader import W, part, resolved

LEFT = "Putin has toned down his demands.\n\nThe talks resume on Monday in Riyadh."
RIGHT = "Putin has softened his demands.\n\nThe talks resume on Tuesday in Riyadh."
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def test_python_docx_opens_it_and_reads_the_paragraphs() -> None:
    _, docx = docx_of(LEFT, RIGHT)
    document = python_docx.Document(io.BytesIO(docx))
    assert len(document.paragraphs) == 2
    # python-docx reads the runs of a paragraph itself: the unchanged text.
    assert document.paragraphs[0].text == "Putin has  his demands."
    assert document.core_properties.title == INFO.title
    assert document.styles["Normal"].type is not None


def test_every_revision_has_the_right_label_as_author_and_the_creation_time() -> None:
    _, docx = docx_of(LEFT, RIGHT)
    root = ElementTree.fromstring(part(docx, "word/document.xml"))
    revisions = [e for tag in ("ins", "del") for e in root.iter(f"{W}{tag}")]
    assert len(revisions) == 4
    for revision in revisions:
        assert revision.get(f"{W}author") == INFO.author
        assert revision.get(f"{W}date") == "2026-03-21T09:30:00Z"
    ids = [e.get(f"{W}id") for e in revisions]
    assert len(set(ids)) == len(ids)


def test_words_are_tracked_word_by_word() -> None:
    _, docx = docx_of(LEFT, RIGHT)
    root = ElementTree.fromstring(part(docx, "word/document.xml"))
    deleted = ["".join(t.text or "" for t in e.iter(f"{W}delText")) for e in root.iter(f"{W}del")]
    inserted = ["".join(t.text or "" for t in e.iter(f"{W}t")) for e in root.iter(f"{W}ins")]
    assert deleted == ["toned down", "Monday"]
    assert inserted == ["softened", "Tuesday"]


def test_comments_replies_and_must_correct_marks_become_word_comments() -> None:
    later = datetime(2026, 3, 22, 8, 0, tzinfo=UTC)
    notes = (
        Note(1, "Ann Editor", CREATED, "Who said <softened>?\nCheck the wire."),
        Note(1, "Bo Desk", later, "The Telegraph did.", parent=0),
        Note(2, "Ann Editor", later, "Must be corrected: 'Monday' became 'Tuesday'"),
    )
    _, docx = docx_of(LEFT, RIGHT, notes=notes)
    comments = ElementTree.fromstring(part(docx, "word/comments.xml"))
    found = [
        (c.get(f"{W}id"), c.get(f"{W}author"), c.get(f"{W}date"), _comment_text(c))
        for c in comments.iter(f"{W}comment")
    ]
    assert found == [
        ("0", "Ann Editor", "2026-03-21T09:30:00Z", "Who said <softened>?\nCheck the wire."),
        ("1", "Bo Desk", "2026-03-22T08:00:00Z", "The Telegraph did."),
        ("2", "Ann Editor", "2026-03-22T08:00:00Z", "Must be corrected: 'Monday' became 'Tuesday'"),
    ]
    document = ElementTree.fromstring(part(docx, "word/document.xml"))
    paragraphs = list(document.iter(f"{W}p"))
    # Each comment is anchored on its row's paragraph: start, end and reference.
    for comment_id, paragraph in (("0", 0), ("1", 0), ("2", 1)):
        inside = paragraphs[paragraph]
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            assert any(e.get(f"{W}id") == comment_id for e in inside.iter(f"{W}{tag}")), tag
    threads = ElementTree.fromstring(part(docx, "word/commentsExtended.xml"))
    ids = [c.find(f"{W}p").get(f"{W14}paraId") for c in comments.iter(f"{W}comment")]  # type: ignore[union-attr]
    parents = {e.get(f"{W15}paraId"): e.get(f"{W15}paraIdParent") for e in threads}
    assert parents == {ids[0]: None, ids[1]: ids[0], ids[2]: None}
    assert python_docx.Document(io.BytesIO(docx)).paragraphs[1].text.startswith("The talks")


def _comment_text(comment: ElementTree.Element) -> str:
    parts: list[str] = []
    for element in comment.iter():
        if element.tag == f"{W}t":
            parts.append(element.text or "")
        elif element.tag == f"{W}br":
            parts.append("\n")
    return "".join(parts)


def test_a_document_without_comments_has_no_comment_parts() -> None:
    _, docx = docx_of(LEFT, RIGHT)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = set(package.namelist())
    assert "word/comments.xml" not in names
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names


@pytest.mark.parametrize(
    ("options", "left", "right"),
    [
        (CompareOptions(ignore_case=True), "The Talks resume.", "the talks resume."),
        (CompareOptions(ignore_punctuation=True), "Talks, resume today.", "Talks resume today!"),
        (
            CompareOptions(ignore_typography=True),
            "He said “yes” — twice.",
            'He said "yes" - twice.',
        ),
    ],
    ids=["case", "punctuation", "typography"],
)
def test_ignored_differences_are_not_revisions(
    options: CompareOptions, left: str, right: str
) -> None:
    comparison, docx = docx_of(left, right, options)
    assert all(change.ignored for row in comparison.rows for change in row.changes)
    document = part(docx, "word/document.xml").decode()
    assert "<w:ins " not in document and "<w:del " not in document
    # The file shows the right side's text there, whichever way it is resolved.
    assert resolved(docx, accept=True) == resolved(docx, accept=False) == expected(comparison.right)


def test_an_ignored_difference_beside_a_real_one() -> None:
    options = CompareOptions(ignore_case=True)
    _, docx = docx_of("The Talks resume on Monday.", "the talks resume on Tuesday.", options)
    assert resolved(docx, accept=True) == ["the talks resume on Tuesday."]
    assert resolved(docx, accept=False) == ["the talks resume on Monday."]


@pytest.mark.parametrize("options", [CompareOptions(), CompareOptions(ignore_case=True)])
def test_another_form_of_whitespace_is_a_revision_even_under_an_ignore_option(
    options: CompareOptions,
) -> None:
    left, right = "the talks  resume.\u00a0Today\tagain.", "the talks resume. Today again."
    comparison, docx = docx_of(left, right, options)
    document = part(docx, "word/document.xml").decode()
    assert '<w:delText xml:space="preserve">  </w:delText>' in document
    assert re.search(r"<w:del [^>]*><w:r><w:tab/></w:r></w:del>", document)
    assert re.search(r"<w:del [^>]*><w:r><w:delText [^>]*>\u00a0</w:delText>", document)
    assert resolved(docx, accept=False) == expected(comparison.left)
    assert resolved(docx, accept=True) == expected(comparison.right)


def test_an_ignored_change_shows_its_right_form_whitespace_included() -> None:
    """The one exception to exact reject-all: a change the options ignore is no
    revision, so both resolutions show its right form, the spaces in it too."""
    _, docx = docx_of("The  talks resume.", "the talks resume.", CompareOptions(ignore_case=True))
    assert resolved(docx, accept=False) == resolved(docx, accept=True) == ["the talks resume."]


def test_the_same_comparison_gives_the_same_bytes() -> None:
    assert docx_of(LEFT, RIGHT)[1] == docx_of(LEFT, RIGHT)[1]


def test_a_note_on_a_row_the_comparison_lacks_is_left_out() -> None:
    notes = (
        Note(9, "Ann", CREATED, "Nowhere."),
        Note(1, "Bo", CREATED, "Here."),
        Note(1, "Cy", CREATED, "Agreed.", parent=1),
    )
    _, docx = docx_of(LEFT, RIGHT, notes=notes)
    comments = ElementTree.fromstring(part(docx, "word/comments.xml"))
    assert [c.get(f"{W}author") for c in comments.iter(f"{W}comment")] == ["Bo", "Cy"]
    threads = ElementTree.fromstring(part(docx, "word/commentsExtended.xml"))
    assert [e.get(f"{W15}paraIdParent") for e in threads] == [None, "00000001"]


def test_a_resolved_thread_is_marked_done() -> None:
    notes = (Note(1, "Ann", CREATED, "Fixed?", done=True), Note(2, "Bo", CREATED, "Open."))
    _, docx = docx_of(LEFT, RIGHT, notes=notes)
    threads = ElementTree.fromstring(part(docx, "word/commentsExtended.xml"))
    assert [e.get(f"{W15}done") for e in threads] == ["1", "0"]
