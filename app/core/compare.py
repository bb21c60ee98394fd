"""`compare`: the engine's one public entry point."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from app.core.alignment.align import Link, align
from app.core.alignment.profile import Profile, build_profiles
from app.core.classification.changes import row_changes
from app.core.classification.classify import Classifier
from app.core.model import (
    Change,
    ChangeClass,
    CompareOptions,
    Comparison,
    Granularity,
    Piece,
    PieceOp,
    Row,
    RowOp,
    Side,
    Stats,
    WordCounts,
)
from app.core.rowfacts import row_counts, row_span
from app.core.segmentation.languages import DETECT, resolve_language
from app.core.segmentation.quotes import find_quotations
from app.core.segmentation.segment import segment_text
from app.core.serialize import EncodedComparison, json_text_draining
from app.core.worddiff.diff import diff_texts, ratio
from app.core.worddiff.ignored_rows import refines
from app.core.worddiff.normalize import NOTHING, Ignoring
from app.core.worddiff.tokens import tokenize
from app.core.worddiff.wholenumbers import whole_numbers


def compare(
    left: str,
    right: str,
    *,
    granularity: str = "word",
    language: str = "en",
    ignore_typography: bool = False,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
) -> Comparison:
    """Align the sentences of two texts, diff the words of each aligned pair and
    classify each change.

    Only CRLF line ends are turned into LF; the texts are otherwise compared,
    and kept, exactly as given. The ignore options hide differences of
    typography, of case, of punctuation: they stay in the diff (which still
    spells both texts), as changes marked ignored, and count as equal.
    """
    options = CompareOptions(
        granularity=Granularity(granularity),
        language=language,
        ignore_typography=ignore_typography,
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
    )
    return compare_with(left, right, options)


def compare_with(left: str, right: str, options: CompareOptions) -> Comparison:
    """`compare`, for a caller that already holds the options as one value.
    The comparison's options name the language it was computed in: for
    "detect", the one read from the texts."""
    left_side, right_side, rows, stats, options = _compared(left, right, options)
    return Comparison(left_side, right_side, tuple(rows), stats, options)


def compare_encoded(left: str, right: str, options: CompareOptions) -> EncodedComparison:
    """`encoded(compare_with(left, right, options))`, the same, with each
    row let go as soon as it is encoded: the rows of a long comparison and
    their JSON text never both exist whole (half a million one-word rows
    are 260 MB of objects and 100 MB of text)."""
    left_side, right_side, rows, stats, options = _compared(left, right, options)
    text = json_text_draining(left_side, right_side, rows, stats, options)
    return EncodedComparison(left_side.text, right_side.text, options, stats, text)


def _compared(
    left: str, right: str, options: CompareOptions
) -> tuple[Side, Side, list[Row], Stats, CompareOptions]:
    left_text, right_text = (text.replace("\r\n", "\n") for text in (left, right))
    if options.language == DETECT:
        language = resolve_language(options.language, left_text, right_text)
        options = replace(options, language=language, language_detected=True)
    # Read once, by the segmenter and by the classifier.
    quotations = (find_quotations(left_text), find_quotations(right_text))
    left_side = Side(left_text, segment_text(left_text, options.language, quotations[0]))
    right_side = Side(right_text, segment_text(right_text, options.language, quotations[1]))
    # Each segment is read into tokens once: for its profile, and for the word
    # diff of its row.
    tokens = (_segment_tokens(left_side), _segment_tokens(right_side))
    profiles = build_profiles(left_side, right_side, tokens)
    links = align(*profiles)
    # The tokens of segments not diffed on their own are let go before the
    # diffs: a text of many short paragraphs holds a list for each.
    row_tokens = [_row_tokens(link, tokens) for link in links]
    del tokens
    classifier = Classifier(left_side, right_side, quotations, options.language)
    diffs, changes = _diffs_and_changes(links, classifier, profiles, row_tokens, options)
    rows, stats = _rows_and_stats(links, diffs, changes, profiles, options)
    return left_side, right_side, rows, stats, options


def _segment_tokens(side: Side) -> list[list[str]]:
    return [tokenize(side.text[segment.start : segment.end]) for segment in side.segments]


def _rows_and_stats(
    links: Sequence[Link],
    diffs: list[tuple[Piece, ...]],
    all_changes: list[tuple[Change, ...]],
    profiles: tuple[list[Profile], list[Profile]],
    options: CompareOptions,
) -> tuple[list[Row], Stats]:
    """The rows with their word diffs and changes, and the totals over all of them."""
    rows: list[Row] = []
    common = changed = kept = deleted = inserted = 0
    for link, pieces, changes in zip(links, diffs, all_changes, strict=True):
        row_common, row_changed, (row_kept, row_deleted, row_inserted) = row_counts(
            link, pieces, changes, profiles, options.granularity
        )
        op = _op(link, changes, profiles)
        similarity = ratio(row_common, row_changed)
        rows.append(Row(op, link.left, link.right, similarity, pieces, changes))
        common, changed = common + row_common, changed + row_changed
        kept, deleted = kept + row_kept, deleted + row_deleted
        inserted += row_inserted
    by_op = Counter(row.op for row in rows)
    stats = Stats(
        similarity=ratio(common, changed),
        rows={op: by_op.get(op, 0) for op in RowOp},
        words=WordCounts(kept, deleted, inserted),
        classes=_class_counts(rows),
    )
    return rows, stats


def _diffs_and_changes(
    links: Sequence[Link],
    classifier: Classifier,
    profiles: tuple[list[Profile], list[Profile]],
    row_tokens: list[tuple[list[str], list[str]] | None],
    options: CompareOptions,
) -> tuple[list[tuple[Piece, ...]], list[tuple[Change, ...]]]:
    """Each row's word diff, and the changes read in it: the diff without ignore
    options, or the one matched by their keys where that is finer. `row_tokens`
    are the rows' tokens where known (`_row_tokens`)."""
    ignoring = Ignoring(options.ignore_typography, options.ignore_case, options.ignore_punctuation)
    left, right = classifier.sides
    # All diffs, then all changes, then (`_rows_and_stats`) the counts: each
    # pass keeps its own code and data in the processor's caches (measured
    # ~0.6 ms faster on the seed than doing the three row by row). The rows'
    # texts and spans are read as each pass needs them, never all held at once.
    diffs = [
        _row_diff(link, left, right, options, tokens)
        for link, tokens in zip(links, row_tokens, strict=True)
    ]
    all_changes = [
        row_changes(pieces, row_span(link, left, right, profiles), classifier, ignoring)
        for link, pieces in zip(links, diffs, strict=True)
    ]
    if ignoring:
        for at, (link, tokens) in enumerate(zip(links, row_tokens, strict=True)):
            if not all_changes[at]:
                continue  # equal texts: matched by keys, they are equal still
            texts = left.span_text(link.left), right.span_text(link.right)
            keyed = _diff(*texts, options, ignoring, tokens)
            if keyed != diffs[at]:
                span = row_span(link, left, right, profiles)
                keyed_changes = row_changes(keyed, span, classifier, ignoring)
                # An ignore option may hide a difference, never show one more
                # (see `ignored_rows`): the diff matched by keys only where it is finer.
                if refines(keyed_changes, all_changes[at]):
                    diffs[at], all_changes[at] = keyed, keyed_changes
    return diffs, all_changes


def _row_diff(
    link: Link,
    left: Side,
    right: Side,
    options: CompareOptions,
    tokens: tuple[list[str], list[str]] | None,
) -> tuple[Piece, ...]:
    # A row on one side only is one piece, as `diff_texts` makes it: asked
    # without a call for each of the many rows of two unrelated texts.
    if not link.right:
        return (Piece(PieceOp.DELETE, left.span_text(link.left)),)
    if not link.left:
        return (Piece(PieceOp.INSERT, right.span_text(link.right)),)
    return _diff(left.span_text(link.left), right.span_text(link.right), options, NOTHING, tokens)


def _diff(
    left: str,
    right: str,
    options: CompareOptions,
    ignoring: Ignoring,
    tokens: tuple[list[str], list[str]] | None,
) -> tuple[Piece, ...]:
    """One row's diff; by character, a changed number is one change of all of it."""
    pieces = diff_texts(left, right, options.granularity, ignoring, tokens)
    return whole_numbers(pieces) if options.granularity is Granularity.CHAR else pieces


def _row_tokens(
    link: Link, tokens: tuple[list[list[str]], list[list[str]]]
) -> tuple[list[str], list[str]] | None:
    """The tokens of a row of one segment a side: its segments'. (Those of more
    segments, with the space between them, are read from the row's texts.)"""
    if len(link.left) == len(link.right) == 1:
        return tokens[0][link.left[0]], tokens[1][link.right[0]]
    return None


def _class_counts(rows: Sequence[Row]) -> dict[ChangeClass, int]:
    """How many changes, not ignored, have each class: a change of two classes
    counts for both (a misspelt name in an altered quotation is a name change too)."""
    counts = Counter(
        kind
        for row in rows
        for change in row.changes
        if not change.ignored
        for kind in change.classes
    )
    return {kind: counts.get(kind, 0) for kind in ChangeClass}


def _op(
    link: Link, changes: tuple[Change, ...], profiles: tuple[list[Profile], list[Profile]]
) -> RowOp:
    if link.moved:
        return RowOp.MOVED
    if not link.right:
        return RowOp.DELETED
    if not link.left:
        return RowOp.INSERTED
    if len(link.right) > 1:
        return RowOp.SPLIT
    if len(link.left) > 1:
        return RowOp.MERGED
    # One segment a side: the row's texts are the segments', whose keys the
    # profiles already hold.
    if profiles[0][link.left[0]].key == profiles[1][link.right[0]].key:
        return RowOp.EQUAL
    return RowOp.EQUAL if all(change.ignored for change in changes) else RowOp.MODIFIED
