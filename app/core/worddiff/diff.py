"""Diffing the text of one row, word by word, with diff-match-patch.

Each token (see `tokens`) becomes one character, so the library's Myers diff
and semantic cleanup work on words, numbers and punctuation: a changed span
starts and ends on a token boundary ("toned down" -> "softened" is one
deletion and one insertion, never "to[-ned down-]"). Deterministic: the C++
build (fast-diff-match-patch) is called with `timelimit=0`, so the result never
depends on how loaded the machine is; the caller keeps each diff small by
aligning sentences first.

With ignore options, each token (or character) is encoded by its key
(`normalize.item_keys`: ’ and ' one key, "Chief" and "chief" one key, a
comma none at all), so the diff matches what only ignored differences tell
apart. The matched items are then compared as written: those that differ
become a deletion and an insertion of their own, so the pieces still spell
both texts exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import fast_diff_match_patch

from app.core.model import Granularity, Piece, PieceOp
from app.core.worddiff.normalize import NOTHING, Ignoring, diff_items, item_keys
from app.core.worddiff.tokens import (
    TooManyItemsError,
    count_words,
    encode_pair,
    tokenize,
    word_spans,
)

_OPS = {"=": PieceOp.EQUAL, "-": PieceOp.DELETE, "+": PieceOp.INSERT}


def diff_texts(
    left: str,
    right: str,
    granularity: Granularity = Granularity.WORD,
    ignoring: Ignoring = NOTHING,
    tokens: tuple[list[str], list[str]] | None = None,
) -> tuple[Piece, ...]:
    """Pieces whose EQUAL+DELETE texts give `left` and EQUAL+INSERT give `right`.

    `tokens` are the two texts' tokens (`tokenize`), if the caller has them.
    """
    if left == right:
        return (Piece(PieceOp.EQUAL, left),) if left else ()
    if not left or not right:
        return (Piece(PieceOp.DELETE, left),) if left else (Piece(PieceOp.INSERT, right),)
    if granularity is Granularity.WORD:
        left_tokens, right_tokens = tokens or (tokenize(left), tokenize(right))
        try:
            if ignoring:
                return _keyed_diff(left_tokens, right_tokens, left, right, ignoring)
            return _token_diff(left_tokens, right_tokens)
        except TooManyItemsError:
            pass  # a row of over 137,000 distinct words: fall back to characters
    if ignoring:
        try:
            return _keyed_diff(list(left), list(right), left, right, ignoring)
        except TooManyItemsError:
            pass  # as many distinct characters: diff them as written
    return _char_diff(left, right)


def _raw_diff(left: str, right: str) -> list[tuple[str, str]]:
    """The library's diff: (op, text) for each piece."""
    result: list[tuple[str, str]] = fast_diff_match_patch.diff(
        left, right, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False
    )
    return result


def _raw_counts(left: str, right: str) -> list[tuple[str, int]]:
    """The library's diff as (op, length) for each piece, for strings of encoded items."""
    result: list[tuple[str, int]] = fast_diff_match_patch.diff(
        left, right, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True
    )
    return result


def _char_diff(left: str, right: str) -> tuple[Piece, ...]:
    return _merge(Piece(_OPS[op], text) for op, text in _raw_diff(left, right))


def _token_diff(left_tokens: list[str], right_tokens: list[str]) -> tuple[Piece, ...]:
    encoded_left, encoded_right = encode_pair(left_tokens, right_tokens)
    pieces: list[Piece] = []
    at_left = at_right = 0
    for op, count in _raw_counts(encoded_left, encoded_right):
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


def _keyed_diff(
    left_tokens: list[str], right_tokens: list[str], left: str, right: str, ignoring: Ignoring
) -> tuple[Piece, ...]:
    """The diff of two item lists matched by their keys (see the module's docstring)."""
    left_items, right_items = diff_items(left, left_tokens), diff_items(right, right_tokens)
    left_keys, right_keys = item_keys(left_items, ignoring), item_keys(right_items, ignoring)
    left_kept = [at for at, key in enumerate(left_keys) if key is not None]
    right_kept = [at for at, key in enumerate(right_keys) if key is not None]
    encoded = encode_pair(
        [left_keys[at] for at in left_kept], [right_keys[at] for at in right_kept]
    )
    builder = _PieceBuilder()
    at_left = at_right = kept_left = kept_right = 0
    for op, count in _raw_counts(*encoded):
        if op == "=":
            for left_at, right_at in zip(
                left_kept[kept_left : kept_left + count],
                right_kept[kept_right : kept_right + count],
                strict=True,
            ):
                # The left-out items before the matched pair, then the pair itself.
                builder.pair(
                    "".join(left_items[at_left:left_at]), "".join(right_items[at_right:right_at])
                )
                builder.pair(left_items[left_at], right_items[right_at])
                at_left, at_right = left_at + 1, right_at + 1
            kept_left, kept_right = kept_left + count, kept_right + count
        elif op == "-":
            kept_left += count
            builder.pair("".join(left_items[at_left : left_kept[kept_left - 1] + 1]), "")
            at_left = left_kept[kept_left - 1] + 1
        else:
            kept_right += count
            builder.pair("", "".join(right_items[at_right : right_kept[kept_right - 1] + 1]))
            at_right = right_kept[kept_right - 1] + 1
    builder.pair("".join(left_items[at_left:]), "".join(right_items[at_right:]))
    return builder.pieces()


class _PieceBuilder:
    """Pieces from pairs of left and right texts: equal pairs join the unchanged text,
    the others the current change (written as one deletion, then one insertion)."""

    def __init__(self) -> None:
        self._pieces: list[Piece] = []
        self._equal: list[str] = []
        self._deleted: list[str] = []
        self._inserted: list[str] = []

    def pair(self, left: str, right: str) -> None:
        if left == right:
            if left:
                self._flush_change()
                self._equal.append(left)
            return
        self._flush_equal()
        self._deleted.append(left)
        self._inserted.append(right)

    def pieces(self) -> tuple[Piece, ...]:
        self._flush_equal()
        self._flush_change()
        return tuple(self._pieces)

    def _flush_equal(self) -> None:
        if self._equal:
            self._pieces.append(Piece(PieceOp.EQUAL, "".join(self._equal)))
            self._equal.clear()

    def _flush_change(self) -> None:
        for op, texts in ((PieceOp.DELETE, self._deleted), (PieceOp.INSERT, self._inserted)):
            if "".join(texts):
                self._pieces.append(Piece(op, "".join(texts)))
            texts.clear()


def change_runs(pieces: Sequence[Piece]) -> list[tuple[int, int]]:
    """(start, end) indices of each maximal run of non-equal pieces, in order."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for at, piece in enumerate(pieces):
        if piece.op is PieceOp.EQUAL:
            if start is not None:
                runs.append((start, at))
                start = None
        elif start is None:
            start = at
    if start is not None:
        runs.append((start, len(pieces)))
    return runs


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


def visible_length(text: str) -> int:
    return sum(map(len, text.split()))


def piece_counts(pieces: Sequence[Piece], granularity: Granularity) -> tuple[int, int, int, int]:
    """Non-space characters in common and changed (an equal piece counts once), and
    words (word and number tokens) no change touches on the left and on the right."""
    equal: list[str] = []
    changed: list[str] = []
    for piece in pieces:
        (equal if piece.op is PieceOp.EQUAL else changed).append(piece.text)
    # The texts are joined first, a split per row and not per piece; the equal
    # ones with a space between, so that the words either side of a change
    # stay two words.
    equal_text = " ".join(equal)
    common, changed_length = visible_length(equal_text), visible_length("".join(changed))
    if granularity is Granularity.WORD:
        # Pieces start and end on token boundaries: count the equal ones, once.
        kept = count_words(equal_text)
        return common, changed_length, kept, kept
    kept_left = _untouched_words(pieces, PieceOp.DELETE)
    return common, changed_length, kept_left, _untouched_words(pieces, PieceOp.INSERT)


def ratio(common: int, changed: int) -> float:
    """Share of non-space characters in common: 2 * equal / (left + right)."""
    if not common:
        # One float, not one per row, for the many rows with nothing in common.
        return 0.0 if changed else 1.0
    return round(2 * common / (2 * common + changed), 4)


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
