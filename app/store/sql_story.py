"""The stories' queries, shared by both backends: a story, its versions and the
pairwise comparisons made of them.

Every write to a story first bumps its revision, which also takes its row
lock: two workers adding the same pair (or a version) to one story queue on
PostgreSQL, and the second finds what the first added (SQLite has one writer).
"""

from __future__ import annotations

import builtins
import json
from abc import abstractmethod
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from app.core.serialize import dump_json
from app.store.dbapi import Cursor
from app.store.records import Source, StoredComparison, Visibility
from app.store.sql_base import SqlBase
from app.store.story_records import (
    StoredStory,
    StoryMode,
    StoryPair,
    StoryPlace,
    StorySummary,
    StoryVersion,
    published_text,
    published_value,
)

_STORY_COLUMNS = (
    "id",
    "title",
    "mode",
    "base",
    "created_at",
    "owner_token_hash",
    "owner",
    "visibility",
    "expires_at",
    "revision",
)
_VERSION_COLUMNS = ("position", "label", "added_at", "chars", "published", "source")
_LISTED = "visibility = 'listed' AND (expires_at IS NULL OR expires_at > ?)"


_STORY_OF = """
    SELECT s.id, s.title, s.mode, s.base,
        (SELECT count(*) FROM story_versions n WHERE n.story_id = s.id),
        p.left_position, p.right_position, l.label, r.label
    FROM story_pairs p
    JOIN stories s ON s.id = p.story_id
    JOIN story_versions l ON l.story_id = p.story_id AND l.position = p.left_position
    JOIN story_versions r ON r.story_id = p.story_id AND r.position = p.right_position
    WHERE p.comparison_id = ?"""


class StoryQueries(SqlBase):
    @abstractmethod
    def _insert_record(self, cursor: Cursor, record: StoredComparison) -> bool: ...

    @abstractmethod
    def _delete(self, cursor: Cursor, comparison_id: str) -> bool: ...

    def put_story(
        self,
        story: StoredStory,
        texts: tuple[str, ...],
        pairs: Iterable[tuple[StoredComparison, StoryPair]] = (),
    ) -> bool:
        """Save a new story, its versions (`texts` in their order) and its first
        pairs with their comparisons, at once; False if its id is taken."""
        if len(texts) != len(story.versions):
            raise ValueError("one text per version")
        with self._session(write=True) as cursor:
            cursor.execute(
                f"INSERT INTO stories ({', '.join(_STORY_COLUMNS)})"
                f" VALUES ({', '.join('?' for _ in _STORY_COLUMNS)}) ON CONFLICT (id) DO NOTHING",
                self._story_row(story),
            )
            if cursor.rowcount != 1:
                return False
            for version, text in zip(story.versions, texts, strict=True):
                self._insert_version(cursor, story.id, version, text)
            self._insert_pairs(cursor, story.id, pairs)
            return True

    def add_story_version(self, story_id: str, version: StoryVersion, text: str) -> bool:
        """Append `version` (its position the next one); False if the story is gone
        or already has a version there."""
        with self._session(write=True) as cursor:
            if not self._bump_story(cursor, story_id):
                return False
            cursor.execute("SELECT count(*) FROM story_versions WHERE story_id = ?", (story_id,))
            if int(cursor.fetchone()[0]) != version.position:
                return False
            self._insert_version(cursor, story_id, version, text)
            return True

    def add_story_pairs(
        self, story_id: str, pairs: Iterable[tuple[StoredComparison, StoryPair]]
    ) -> bool:
        """Save the pairs the story does not have yet, each with its comparison;
        False if the story is gone."""
        with self._session(write=True) as cursor:
            if not self._bump_story(cursor, story_id):
                return False
            self._insert_pairs(cursor, story_id, pairs)
            return True

    def get_story(self, story_id: str) -> StoredStory | None:
        """The story and its versions (without their texts), expired or not; or None."""
        with self._session(write=False) as cursor:
            cursor.execute(
                f"SELECT {', '.join(_STORY_COLUMNS)} FROM stories WHERE id = ?", (story_id,)
            )
            row = cursor.fetchone()
            if row is None:
                return None
            cursor.execute(
                f"SELECT {', '.join(_VERSION_COLUMNS)} FROM story_versions"
                " WHERE story_id = ? ORDER BY position",
                (story_id,),
            )
            versions = tuple(self._version(found) for found in cursor.fetchall())
        return self._story(row, versions)

    def story_texts(self, story_id: str) -> builtins.list[str]:
        """The texts of the story's versions, in order."""
        with self._session(write=False) as cursor:
            cursor.execute(
                "SELECT text FROM story_versions WHERE story_id = ? ORDER BY position", (story_id,)
            )
            return [str(row[0]) for row in cursor.fetchall()]

    def story_pairs(self, story_id: str) -> builtins.list[StoryPair]:
        with self._session(write=False) as cursor:
            cursor.execute(
                "SELECT left_position, right_position, comparison_id, digest FROM story_pairs"
                " WHERE story_id = ? ORDER BY left_position, right_position",
                (story_id,),
            )
            rows = cursor.fetchall()
        return [StoryPair(int(a), int(b), str(c), json.loads(d)) for a, b, c, d in rows]

    def story_revision(self, story_id: str) -> tuple[int, datetime | None] | None:
        with self._session(write=False) as cursor:
            cursor.execute("SELECT revision, expires_at FROM stories WHERE id = ?", (story_id,))
            row = cursor.fetchone()
        return None if row is None else (int(row[0]), self._time_or_none(row[1]))

    def story_of(self, comparison_id: str) -> StoryPlace | None:
        """Where comparison `comparison_id` sits in its story, or None."""
        with self._session(write=False) as cursor:
            cursor.execute(_STORY_OF, (comparison_id,))
            row = cursor.fetchone()
        if row is None:
            return None
        story_id, title, mode, base, versions, left, right, left_label, right_label = row
        return StoryPlace(
            str(story_id),
            str(title),
            StoryMode(mode),
            int(base),
            int(versions),
            int(left),
            int(right),
            str(left_label),
            str(right_label),
        )

    def list_stories(self, now: datetime, limit: int = 50, offset: int = 0) -> list[StorySummary]:
        """The listed stories not expired by `now`, newest first."""
        with self._session(write=False) as cursor:
            cursor.execute(
                "SELECT s.id, s.title, s.mode, s.created_at,"
                " (SELECT count(*) FROM story_versions v WHERE v.story_id = s.id)"
                f" FROM stories s WHERE {_LISTED}"
                " ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?",
                (self._encode_time(now), limit, offset),
            )
            rows = cursor.fetchall()
        return [
            StorySummary(str(i), str(t), StoryMode(m), int(n), self._decode_time(c))
            for i, t, m, c, n in rows
        ]

    def count_stories(self, now: datetime) -> int:
        with self._session(write=False) as cursor:
            cursor.execute(
                f"SELECT count(*) FROM stories WHERE {_LISTED}", (self._encode_time(now),)
            )
            return int(cursor.fetchone()[0])

    def delete_story(self, story_id: str) -> bool:
        """Delete the story, its versions and pairs, and the comparisons it made
        (their results too, unless another comparison uses them)."""
        with self._session(write=True) as cursor:
            return self._delete_story(cursor, story_id)

    def sweep_stories(self, now: datetime) -> int:
        """Delete the stories expired by `now` as `delete_story` does, noting their
        ids for `expired_at`; how many."""
        with self._session(write=True) as cursor:
            cursor.execute(
                "SELECT id, expires_at FROM stories WHERE expires_at <= ?",
                (self._encode_time(now),),
            )
            expired = cursor.fetchall()
            for story_id, expired_at in expired:
                self._note_expired(cursor, story_id, expired_at)
                self._delete_story(cursor, story_id)
        return len(expired)

    def _delete_story(self, cursor: Cursor, story_id: str) -> bool:
        cursor.execute("SELECT comparison_id FROM story_pairs WHERE story_id = ?", (story_id,))
        made = [str(row[0]) for row in cursor.fetchall()]
        cursor.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        if cursor.rowcount != 1:
            return False
        for comparison_id in made:
            self._delete(cursor, comparison_id)
        return True

    def _bump_story(self, cursor: Cursor, story_id: str) -> bool:
        cursor.execute("UPDATE stories SET revision = revision + 1 WHERE id = ?", (story_id,))
        return cursor.rowcount == 1

    def _insert_version(
        self, cursor: Cursor, story_id: str, version: StoryVersion, text: str
    ) -> None:
        cursor.execute(
            "INSERT INTO story_versions (story_id, position, label, added_at, chars, published,"
            " source, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                version.position,
                version.label,
                self._encode_time(version.added_at),
                version.chars,
                published_text(version.published),
                dump_json(version.source.as_json()),
                text,
            ),
        )

    def _insert_pairs(
        self, cursor: Cursor, story_id: str, pairs: Iterable[tuple[StoredComparison, StoryPair]]
    ) -> None:
        for record, pair in pairs:
            cursor.execute(
                "SELECT 1 FROM story_pairs WHERE story_id = ? AND left_position = ?"
                " AND right_position = ?",
                (story_id, pair.left, pair.right),
            )
            if cursor.fetchone() is not None:
                continue  # another worker added it first: keep theirs
            self._insert_record(cursor, record)
            cursor.execute(
                "INSERT INTO story_pairs (story_id, left_position, right_position, comparison_id,"
                " digest) VALUES (?, ?, ?, ?, ?)",
                (story_id, pair.left, pair.right, record.id, dump_json(pair.digest)),
            )

    def _story_row(self, story: StoredStory) -> tuple[object, ...]:
        return (
            story.id,
            story.title,
            story.mode.value,
            story.base,
            self._encode_time(story.created_at),
            story.owner_token_hash,
            story.owner,
            story.visibility.value,
            None if story.expires_at is None else self._encode_time(story.expires_at),
            story.revision,
        )

    def _story(self, row: tuple[Any, ...], versions: tuple[StoryVersion, ...]) -> StoredStory:
        story_id, title, mode, base, created, token_hash, owner, visibility, expires, rev = row
        return StoredStory(
            id=story_id,
            title=title,
            mode=StoryMode(mode),
            base=int(base),
            created_at=self._decode_time(created),
            owner_token_hash=token_hash,
            versions=versions,
            visibility=Visibility(visibility),
            expires_at=self._time_or_none(expires),
            owner=owner,
            revision=int(rev),
        )

    def _version(self, row: tuple[Any, ...]) -> StoryVersion:
        position, label, added_at, chars, published, source = row
        return StoryVersion(
            position=int(position),
            label=label,
            added_at=self._decode_time(added_at),
            chars=int(chars),
            published=published_value(published),
            source=Source.from_json(json.loads(source)),
        )
