"""`compare`: the engine's one public entry point."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.core.align import Link, align
from app.core.model import (
    CompareOptions,
    Comparison,
    Granularity,
    Row,
    RowOp,
    Side,
    Stats,
    WordCounts,
)
from app.core.profile import build_profiles, exact_key
from app.core.segment import segment_text
from app.core.worddiff import diff_texts, kept_words, ratio, visible_counts


def compare(
    left: str, right: str, *, granularity: str = "word", language: str = "en"
) -> Comparison:
    """Align the sentences of two texts and diff the words of each aligned pair.

    Only CRLF line ends are turned into LF; the texts are otherwise compared,
    and kept, exactly as given.
    """
    options = CompareOptions(granularity=Granularity(granularity), language=language)
    left_side = _side(left, options)
    right_side = _side(right, options)
    left_profiles, right_profiles = build_profiles(left_side, right_side)
    links = align(left_profiles, right_profiles)
    word_totals = ([p.word_count for p in left_profiles], [p.word_count for p in right_profiles])
    rows, stats = _rows_and_stats(links, left_side, right_side, word_totals, options)
    return Comparison(left_side, right_side, rows, stats, options)


def _side(text: str, options: CompareOptions) -> Side:
    text = text.replace("\r\n", "\n")
    return Side(text, segment_text(text, options.language))


def _rows_and_stats(
    links: Sequence[Link],
    left: Side,
    right: Side,
    word_totals: tuple[list[int], list[int]],
    options: CompareOptions,
) -> tuple[tuple[Row, ...], Stats]:
    """The rows with their word diffs, and the totals over all of them.

    Words are counted once per segment (by the profiles) and once in the
    equal pieces: what is not equal on a side was deleted or inserted.
    """
    rows: list[Row] = []
    common = changed = 0
    words = WordCounts()
    for link in links:
        left_text, right_text = left.span_text(link.left), right.span_text(link.right)
        pieces = diff_texts(left_text, right_text, options.granularity)
        row_common, row_changed = visible_counts(pieces)
        op = _op(link, left_text, right_text)
        rows.append(Row(op, link.left, link.right, ratio(row_common, row_changed), pieces))
        common, changed = common + row_common, changed + row_changed
        kept_left, kept_right = kept_words(pieces, options.granularity)
        left_words = sum(word_totals[0][i] for i in link.left)
        right_words = sum(word_totals[1][j] for j in link.right)
        words += WordCounts(kept_left, left_words - kept_left, right_words - kept_right)
    by_op = Counter(row.op for row in rows)
    stats = Stats(
        similarity=ratio(common, changed),
        rows={op: by_op.get(op, 0) for op in RowOp},
        words=words,
    )
    return tuple(rows), stats


def _op(link: Link, left_text: str, right_text: str) -> RowOp:
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
    return RowOp.EQUAL if exact_key(left_text) == exact_key(right_text) else RowOp.MODIFIED
