"""The changes of a row: where each one is, what class it is, whether it is ignored.

A change is one maximal run of non-equal pieces of the row's diff (the k-th
run is the k-th change), or a whole inserted or deleted row. It is ignored
when it only makes a whitespace run longer, shorter or of other characters
(rows that differ only so are equal anyway), or when its sides differ in
nothing the comparison's ignore options do not ignore (`ignored_form`).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.classification.classify import Classifier, Edit
from app.core.classification.rowreading import RowReading, RowSpan
from app.core.model import Change, ChangeClass, Piece, PieceOp
from app.core.worddiff.normalize import Ignoring, ignored_form


def row_changes(
    pieces: Sequence[Piece], row: RowSpan, classifier: Classifier, ignoring: Ignoring
) -> tuple[Change, ...]:
    """The changes of a row whose sides span `row.left` and `row.right` of the two texts."""
    reading = classifier.row(row)
    if row.left[0] == row.left[1] or row.right[0] == row.right[1]:
        return _whole_row(reading, classifier, ignoring) if pieces else ()
    changes: list[Change] = []
    at_left, at_right = row.left[0], row.right[0]
    at, count = 0, len(pieces)
    while at < count:
        if pieces[at].op is PieceOp.EQUAL:
            at_left += len(pieces[at].text)
            at_right += len(pieces[at].text)
            at += 1
            continue
        start, left_start, right_start = at, at_left, at_right
        while at < count and pieces[at].op is not PieceOp.EQUAL:
            if pieces[at].op is PieceOp.DELETE:
                at_left += len(pieces[at].text)
            else:
                at_right += len(pieces[at].text)
            at += 1
        edit = Edit(
            (left_start, at_left),
            (right_start, at_right),
            _word_ending(pieces[start - 1].text) if start > 0 else "",
            _word_starting(pieces[at].text) if at < count else "",
        )
        changes.append(_change(edit, reading, classifier, ignoring))
    return tuple(changes)


def _whole_row(row: RowReading, classifier: Classifier, ignoring: Ignoring) -> tuple[Change, ...]:
    on_left = row.span.left[0] < row.span.left[1]
    span = row.span.left if on_left else row.span.right
    ignored = False
    if ignoring:
        text = (classifier.left_text if on_left else classifier.right_text)[span[0] : span[1]]
        ignored = not ignored_form(text, ignoring)
    # Positional: half a million rows of two unrelated texts are whole rows.
    classes = classifier.classify_row(row)
    return (
        Change(classes, span, None, ignored) if on_left else Change(classes, None, span, ignored),
    )


def _change(edit: Edit, row: RowReading, classifier: Classifier, ignoring: Ignoring) -> Change:
    left = classifier.left_text[edit.left[0] : edit.left[1]]
    right = classifier.right_text[edit.right[0] : edit.right[1]]
    classes = classifier.classify(edit, row, left, right)
    return Change(
        classes=classes,
        left=edit.left if left else None,
        right=edit.right if right else None,
        ignored=_is_ignored(edit, left, right, classes, ignoring),
    )


def _is_ignored(
    edit: Edit, left: str, right: str, classes: tuple[ChangeClass, ...], ignoring: Ignoring
) -> bool:
    if _spacing_form(left, right, edit.before, edit.after):
        return True
    if not ignoring:
        return False
    if ignoring.typography and classes == (ChangeClass.TYPOGRAPHY,):
        return True
    return ignored_form(edit.before + left + edit.after, ignoring) == ignored_form(
        edit.before + right + edit.after, ignoring
    )


def spacing_form_change(pieces: Sequence[Piece], start: int, end: int) -> bool:
    """Whether the change of `pieces[start:end]` (a run of non-equal pieces) only
    makes a whitespace run longer, shorter or of other characters: ignored even
    with no option on, though the texts differ there."""
    left = "".join(p.text for p in pieces[start:end] if p.op is PieceOp.DELETE)
    right = "".join(p.text for p in pieces[start:end] if p.op is PieceOp.INSERT)
    before = _word_ending(pieces[start - 1].text) if start > 0 else ""
    after = _word_starting(pieces[end].text) if end < len(pieces) else ""
    return _spacing_form(left, right, before, after)


def _spacing_form(left: str, right: str, before: str, after: str) -> bool:
    # A whitespace run made longer, shorter or of other characters is no
    # difference even with no option on (rows that differ only so are equal);
    # whitespace added or dropped between two marks or words is.
    return not (left.strip() or right.strip()) and bool((left and right) or not (before and after))


def _word_ending(text: str) -> str:
    """The last word of an unchanged piece, if it runs on into the change after it."""
    return "" if text[-1].isspace() else text.rsplit(None, 1)[-1]


def _word_starting(text: str) -> str:
    """The first word of an unchanged piece, if the change before it runs on into it."""
    return "" if text[0].isspace() else text.split(None, 1)[0]
