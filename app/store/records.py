"""What the store keeps: one saved comparison, and the summary the library page lists.

A `StoredComparison` is everything needed to show a saved comparison again
without re-running the engine. It joins two things the store keeps apart:

- the engine's result (both texts, the options, the comparison JSON, schema 1,
  see `app.core.serialize`, and the engine version that produced it), kept
  once under `result_id`, a hash of the texts, options and engine version,
  however many comparisons use it;
- what a person created and shares: the comparison's own random `id`, title,
  labels, sources, visibility, expiry and owner. Two desks comparing the
  same pair get two comparisons over one result.

The store is handed only a hash of the owner token, never the token itself.

The summary fields (similarity, rows by kind, words added and removed) repeat
numbers that are inside the comparison JSON; they are kept in their own
columns so that the library page never parses the big JSON. Each side's
`Source` (the link or file it was read from, and the article's own title,
byline and date) is kept beside the comparison, outside its id.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Self

from app.core.model import Comparison
from app.core.serialize import EncodedComparison, JsonObject, encoded
from app.store.json_text import JsonText

_TOKEN_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Summary:
    """One line of the library page: a saved comparison without its texts.

    `row_counts` maps a row kind (a `RowOp` value such as "modified") to how
    many rows of that kind the comparison has; kinds with no rows may be absent.
    """

    id: str
    title: str
    left_label: str
    right_label: str
    created_at: datetime
    similarity: float
    row_counts: dict[str, int]
    words_added: int
    words_removed: int
    engine_version: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where one side's text came from, as far as the input told us.

    url: the http(s) link it was fetched from (after redirects).
    file_name: the name of the uploaded file.
    title, author, published: what the web page or Word document says of
        itself (its headline, byline and publication date).

    Every field is optional: a pasted text has none. A source is not part of
    the comparison's id, so the same two texts read from other links are the
    same comparison, shown with the sources it was first stored with.
    """

    url: str | None = None
    file_name: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None

    def __post_init__(self) -> None:
        for name in ("url", "file_name", "title", "author"):
            value = getattr(self, name)
            if value is not None:
                _check_text(name, value)

    def as_json(self) -> dict[str, str]:
        """The known fields, the date as ISO 8601 ("2025-03-21"); {} for a pasted text."""
        fields = {
            "url": self.url,
            "file_name": self.file_name,
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
        }
        return {name: value for name, value in fields.items() if value is not None}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Self:
        published = data.get("published")
        return cls(
            url=data.get("url"),
            file_name=data.get("file_name"),
            title=data.get("title"),
            author=data.get("author"),
            published=date.fromisoformat(published) if published else None,
        )


NO_SOURCE = Source()


class Visibility(StrEnum):
    """Who finds a comparison: `unlisted` only by its link, `listed` also in the library."""

    UNLISTED = "unlisted"
    LISTED = "listed"


@dataclass(frozen=True, slots=True)
class StoredComparison:
    """A saved comparison, exactly as the web layer put it and gets it back.

    `created_at` must be timezone-aware UTC. No text field may hold NUL
    (PostgreSQL text cannot, and both backends must accept the same records)
    or lone surrogates (they cannot be encoded as UTF-8). Frozen: fields can't
    be reassigned, but the dicts inside are shared with the caller and must
    not be mutated either.
    """

    id: str
    title: str
    left_label: str
    right_label: str
    left_text: str
    right_text: str
    options: JsonObject
    # The comparison JSON as text, decoded when `comparison` is first read.
    comparison_json: JsonText
    engine_version: str
    created_at: datetime
    owner_token_hash: str
    similarity: float
    row_counts: dict[str, int]
    words_added: int
    words_removed: int
    left_source: Source = NO_SOURCE
    right_source: Source = NO_SOURCE
    # The engine result's content address; "" means the comparison's own id
    # (as for the comparisons stored before results were kept apart).
    result_id: str = ""
    visibility: Visibility = Visibility.UNLISTED
    expires_at: datetime | None = None
    # The person who created it, when a sign-on proxy names people.
    owner: str | None = None
    # Bumped by the store on every change of the comparison or its review,
    # so that what is rendered of it can be kept until the next change.
    revision: int = 0

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("id must not be empty")
        if not self.result_id:
            object.__setattr__(self, "result_id", self.id)
        for name in ("id", "title", "left_label", "right_label", "left_text", "right_text"):
            _check_text(name, getattr(self, name))
        _check_text("engine_version", self.engine_version)
        for moment in (self.created_at, self.expires_at):
            if moment is not None and moment.utcoffset() != timedelta(0):
                raise ValueError("created_at and expires_at must be timezone-aware UTC datetimes")
        if not _TOKEN_HASH.fullmatch(self.owner_token_hash):
            raise ValueError("owner_token_hash must be a sha256 hex digest (see hash_token)")
        if self.owner is not None:
            _check_text("owner", self.owner)
        if not math.isfinite(self.similarity):
            raise ValueError("similarity must be a finite number")
        if self.words_added < 0 or self.words_removed < 0:
            raise ValueError("word counts must not be negative")

    @property
    def comparison(self) -> JsonObject:
        """The comparison JSON (schema 1, see `app.core.serialize`)."""
        return self.comparison_json.value

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def summary(self) -> Summary:
        return Summary(
            id=self.id,
            title=self.title,
            left_label=self.left_label,
            right_label=self.right_label,
            created_at=self.created_at,
            similarity=self.similarity,
            row_counts=self.row_counts,
            words_added=self.words_added,
            words_removed=self.words_removed,
            engine_version=self.engine_version,
        )


def unstorable(text: str) -> str | None:
    """Why a record could not hold `text` ("contains a NUL character"), or None."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (it holds a lone surrogate)"
    return None


def _check_text(name: str, value: str) -> None:
    problem = unstorable(value)
    if problem:
        raise ValueError(f"{name} {problem}")


def build_record(
    *,
    id: str,
    title: str,
    left_label: str,
    right_label: str,
    comparison: Comparison | EncodedComparison,
    engine_version: str,
    created_at: datetime,
    owner_token_hash: str,
    options: dict[str, Any] | None = None,
    sources: tuple[Source, Source] = (NO_SOURCE, NO_SOURCE),
    result_id: str = "",
) -> StoredComparison:
    """A record for `comparison` (or its encoding, as an engine process hands
    it on), its texts, JSON and summary fields taken from it.

    `options` defaults to the comparison's own options; pass more to keep
    settings the engine doesn't know about (they are stored, not interpreted).
    `sources` are the left and right sides' sources. Visibility, expiry and
    owner are set with `dataclasses.replace`.
    """
    if isinstance(comparison, Comparison):
        comparison = encoded(comparison)
    stats = comparison.stats
    return StoredComparison(
        id=id,
        title=title,
        left_label=left_label,
        right_label=right_label,
        left_text=comparison.left_text,
        right_text=comparison.right_text,
        options=comparison.options.as_dict() if options is None else options,
        comparison_json=JsonText(comparison.json_text),
        engine_version=engine_version,
        created_at=created_at,
        owner_token_hash=owner_token_hash,
        similarity=stats.similarity,
        row_counts={op.value: count for op, count in stats.rows.items()},
        words_added=stats.words.inserted,
        words_removed=stats.words.deleted,
        left_source=sources[0],
        right_source=sources[1],
        result_id=result_id,
    )


def new_token() -> str:
    """A fresh random secret (an owner or author token) to give once (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The sha256 hex digest of a token, which is what the store keeps.

    A plain fast hash is enough here (no salt, no key stretching) because the
    tokens are long random strings, not passwords a user picked.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, token_hash: str) -> bool:
    """Whether `token` is the one whose hash is `token_hash`, in constant time.

    `hmac.compare_digest` takes as long for a near miss as for a wild guess, so
    response times don't reveal how much of a guessed hash was right.
    """
    # Bytes, not str: compare_digest refuses non-ASCII str instead of saying False.
    return hmac.compare_digest(hash_token(token).encode(), token_hash.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class CreationKey:
    """A creation made under an idempotency key.

    key_hash: the hash of the key (and of who sent it); never the key.
    comparison_id: the comparison created.
    request_hash: the hash of what was asked, so that the key reused for another
        request is told apart.
    sealed_token: the owner token, sealed with the key.
    """

    key_hash: str
    comparison_id: str
    request_hash: str
    sealed_token: str
    created_at: datetime
