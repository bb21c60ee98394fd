"""Diffing the text of one row, word by word, with diff-match-patch.

Each token (see `tokens`) becomes one character, so the library's Myers diff
and semantic cleanup work on words, numbers and punctuation: a changed span
starts and ends on a token boundary ("toned down" -> "softened" is one
deletion and one insertion, never "to[-ned down-]"). Deterministic: the C++
build (fast-diff-match-patch) is called with `timelimit=0`, so the result never
depends on how loaded the machine is; the caller keeps each diff small by
aligning sentences first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import fast_diff_match_patch

from app.core.model import Granularity, Piece, PieceOp
from app.core.tokens import TooManyItemsError, count_words, encode_pair, tokenize, word_spans

_OPS = {"=": PieceOp.EQUAL, "-": PieceOp.DELETE, "+": PieceOp.INSERT}


def diff_texts(
    left: str, right: str, granularity: Granularity = Granularity.WORD
) -> tuple[Piece, ...]:
    """Pieces whose EQUAL+DELETE texts give `left` and EQUAL+INSERT give `right`."""
    if left == right:
        return (Piece(PieceOp.EQUAL, left),) if left else ()
    if not left or not right:
        return (Piece(PieceOp.DELETE, left),) if left else (Piece(PieceOp.INSERT, right),)
    if granularity is Granularity.WORD:
        try:
            return _token_diff(left, right)
        except TooManyItemsError:
            pass  # a row of over 137,000 distinct words: fall back to characters
    return _char_diff(left, right)


def _raw_diff(left: str, right: str, counts_only: bool) -> list[tuple[str, object]]:
    result: list[tuple[str, object]] = fast_diff_match_patch.diff(
        left, right, timelimit=0, checklines=False, cleanup="Semantic", counts_only=counts_only
    )
    return result


def _char_diff(left: str, right: str) -> tuple[Piece, ...]:
    return _merge(Piece(_OPS[op], str(text)) for op, text in _raw_diff(left, right, False))


def _token_diff(left: str, right: str) -> tuple[Piece, ...]:
    left_tokens, right_tokens = tokenize(left), tokenize(right)
    encoded_left, encoded_right = encode_pair(left_tokens, right_tokens)
    pieces: list[Piece] = []
    at_left = at_right = 0
    for op, count in _raw_diff(encoded_left, encoded_right, True):
        assert isinstance(count, int)
        if op == "+":
            text = "".join(right_tokens[at_right : at_right + count])
            at_right += count
        else:
            text = "".join(left_tokens[at_left : at_left + count])
            at_left += count
            if op == "=":
                at_right += count
        pieces.append(Piece(_OPS[op], text))
    # No merge pass: the library's cleanup already joined neighbours of one op.
    return tuple(pieces)


def _merge(pieces: Iterable[Piece]) -> tuple[Piece, ...]:
    """Join neighbours of the same op and drop empty pieces."""
    merged: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].op is piece.op:
            merged[-1] = Piece(piece.op, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return tuple(merged)


def side_text(pieces: Iterable[Piece], side: PieceOp) -> str:
    """The left (side=DELETE) or right (side=INSERT) text the pieces encode."""
    return "".join(piece.text for piece in pieces if piece.op in (PieceOp.EQUAL, side))


def _visible_length(text: str) -> int:
    return sum(map(len, text.split()))


def visible_counts(pieces: Iterable[Piece]) -> tuple[int, int]:
    """Non-space characters (in common, changed): an equal piece counts once."""
    common = changed = 0
    for piece in pieces:
        length = _visible_length(piece.text)
        if piece.op is PieceOp.EQUAL:
            common += length
        else:
            changed += length
    return common, changed


def ratio(common: int, changed: int) -> float:
    """Share of non-space characters in common: 2 * equal / (left + right)."""
    total = 2 * common + changed
    return round(2 * common / total, 4) if total else 1.0


def similarity(pieces: Iterable[Piece]) -> float:
    return ratio(*visible_counts(pieces))


def kept_words(pieces: Sequence[Piece], granularity: Granularity) -> tuple[int, int]:
    """Words (word and number tokens) no change touches, on the left and on the right."""
    if granularity is Granularity.WORD:
        # Pieces start and end on token boundaries: count the equal ones, once.
        kept = count_words(" ".join(piece.text for piece in pieces if piece.op is PieceOp.EQUAL))
        return kept, kept
    return _untouched_words(pieces, PieceOp.DELETE), _untouched_words(pieces, PieceOp.INSERT)


def _untouched_words(pieces: Sequence[Piece], side: PieceOp) -> int:
    """Words of one side's text lying wholly inside equal pieces ("Schmi" of
    "Schmitt" -> "Schmidt" is part of a changed word, not a kept one)."""
    text_parts: list[str] = []
    changed: list[tuple[int, int]] = []
    at = 0
    for piece in pieces:
        if piece.op in (PieceOp.EQUAL, side):
            if piece.op is side:
                changed.append((at, at + len(piece.text)))
            text_parts.append(piece.text)
            at += len(piece.text)
    return sum(
        1
        for word in word_spans("".join(text_parts))
        if not any(start < word[1] and word[0] < end for start, end in changed)
    )
