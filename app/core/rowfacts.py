"""What a row's changes and counts are read from: where it lies in the texts,
and its characters and words in common and changed.

A text of many short paragraphs, its sides unrelated, is hundreds of
thousands of rows of one segment on one side only: those take a shorter
way, with the same result as the general one.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.alignment.align import Link
from app.core.alignment.profile import Profile
from app.core.classification.attribution import VERB_STEMS
from app.core.classification.rowreading import RowSpan
from app.core.model import Change, Granularity, Piece, PieceOp, Side
from app.core.worddiff.diff import change_runs, piece_counts, visible_length

# A row's words: kept, deleted, inserted.
WordTally = tuple[int, int, int]


def row_counts(
    link: Link,
    pieces: tuple[Piece, ...],
    changes: tuple[Change, ...],
    profiles: tuple[list[Profile], list[Profile]],
    granularity: Granularity,
) -> tuple[int, int, WordTally]:
    """A row's non-space characters in common and changed, and its word counts.

    Words are counted once per segment (by the profiles) and once in the
    equal pieces: what is not equal on a side was deleted or inserted.
    Ignored changes count as equal pieces.
    """
    left_words = _word_count(profiles[0], link.left)
    right_words = _word_count(profiles[1], link.right)
    if len(pieces) == 1 and pieces[0].op is not PieceOp.EQUAL and not changes[0].ignored:
        # Nothing in common (a row on one side only): every word changed.
        return 0, visible_length(pieces[0].text), (0, left_words, right_words)
    as_left, as_right = _ignored_as_equal(pieces, changes)
    common, changed, kept_left, kept_right = piece_counts(as_left, granularity)
    if as_right is not as_left:
        kept_right = piece_counts(as_right, granularity)[3]
    return common, changed, (kept_left, left_words - kept_left, right_words - kept_right)


def _word_count(profiles: list[Profile], indices: tuple[int, ...]) -> int:
    if not indices:
        return 0
    if len(indices) == 1:
        return profiles[indices[0]].word_count
    return sum(profiles[i].word_count for i in indices)


def row_span(
    link: Link, left: Side, right: Side, profiles: tuple[list[Profile], list[Profile]]
) -> RowSpan:
    """Where the row's text lies in each whole text; (0, 0) on a side it lacks."""
    if len(link.left) + len(link.right) == 1:
        return _one_segment_span(link, left, right, profiles)
    left_profiles = [profiles[0][i] for i in link.left]
    right_profiles = [profiles[1][j] for j in link.right]
    verbs = frozenset(
        stem
        for profile in left_profiles + right_profiles
        if not VERB_STEMS.isdisjoint(profile.weights)
        for stem in VERB_STEMS.intersection(profile.weights)
    )
    return RowSpan(
        _indices_span(left, link.left),
        _indices_span(right, link.right),
        verbs,
        _same_words(left_profiles, right_profiles),
    )


def _one_segment_span(
    link: Link, left: Side, right: Side, profiles: tuple[list[Profile], list[Profile]]
) -> RowSpan:
    """`row_span` of a row of one segment on one side: its words are the same
    as the other side's (none) only if it has none."""
    on_left = bool(link.left)
    at = link.left[0] if on_left else link.right[0]
    profile = profiles[0 if on_left else 1][at]
    segment = (left if on_left else right).segments[at]
    verbs = (
        frozenset()
        if VERB_STEMS.isdisjoint(profile.weights)
        else VERB_STEMS.intersection(profile.weights)
    )
    span = (segment.start, segment.end)
    return RowSpan(
        span if on_left else (0, 0), (0, 0) if on_left else span, verbs, not profile.word_count
    )


def _same_words(left: list[Profile], right: list[Profile]) -> bool:
    """Whether both sides have the same (stemmed) words as many times."""
    if sum(p.word_count for p in left) != sum(p.word_count for p in right):
        return False
    if len(left) == len(right) == 1:
        return left[0].weights.keys() == right[0].weights.keys()
    return set().union(*(p.weights for p in left)) == set().union(*(p.weights for p in right))


def _indices_span(side: Side, indices: tuple[int, ...]) -> tuple[int, int]:
    if not indices:
        return (0, 0)
    return (side.segments[indices[0]].start, side.segments[indices[-1]].end)


def _ignored_as_equal(
    pieces: tuple[Piece, ...], changes: tuple[Change, ...]
) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """The pieces with each ignored change made one equal piece: of its left text,
    and of its right text."""
    if not any(change.ignored for change in changes):
        return pieces, pieces
    as_left, as_right = list(pieces), list(pieces)
    for (start, end), change in reversed(list(zip(change_runs(pieces), changes, strict=True))):
        if change.ignored:
            run = pieces[start:end]
            as_left[start:end] = [Piece(PieceOp.EQUAL, _side_of(run, PieceOp.DELETE))]
            as_right[start:end] = [Piece(PieceOp.EQUAL, _side_of(run, PieceOp.INSERT))]
    return tuple(as_left), tuple(as_right)


def _side_of(run: Sequence[Piece], op: PieceOp) -> str:
    return "".join(piece.text for piece in run if piece.op is op)
