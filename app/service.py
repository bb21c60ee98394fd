"""The use cases behind the pages, the API and the seeds: create, get, list,
change, delete and sweep comparisons. (Comments and marks: `app.review`.)

No web framework here: the web layer turns `InvalidInputError` into a 400 or 413
and `Outcome` into a status, so every entry point validates the same way.

A comparison has a random id of its own; the engine's result it shows is
addressed by a hash of the texts, options and engine version
(`content_address`), so the same pair with the same options is computed and
stored once however many comparisons are made of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum
from ipaddress import ip_network

from app.core import ENGINE_VERSION, CompareOptions, Granularity
from app.engine_pool import Engine, engine_result
from app.idempotency import KEY_LIFETIME, RetryKey, replayed_creation, retry_key
from app.identifiers import content_address, looks_like_id, new_comparison_id
from app.ingest import (
    Article,
    FetchPolicy,
    InputError,
    fetch_article,
    read_limits,
)
from app.naming import MAX_LABEL_CHARS, MAX_TITLE_CHARS, clean_line, default_title
from app.problems import InvalidInputError, Problem, input_problem, line_problems, text_problems
from app.revisions import LastRevisions
from app.settings import Settings
from app.store import (
    NO_SOURCE,
    ComparisonStore,
    Source,
    StoredComparison,
    StoreUnavailableError,
    Summary,
    Visibility,
    hash_token,
    new_token,
    token_matches,
)
from app.store.faults import BUSY

DEFAULT_LEFT_LABEL = "Original"
DEFAULT_RIGHT_LABEL = "Copy"
MAX_LIST_LIMIT = 100
# Far past any library, and within the 64-bit integers the databases take.
MAX_LIST_OFFSET = 1_000_000_000


@dataclass(frozen=True, slots=True)
class Created:
    """The outcome of `create`: the comparison and its owner's token, given once."""

    record: StoredComparison
    owner_token: str
    replayed: bool = False  # a retry under an idempotency key: made before, not now


@dataclass(frozen=True, slots=True)
class Requester:
    """Who asks: the owner token they hold (cookie or header) and their sign-on name."""

    token: str | None = None
    user: str | None = None

    def owns(self, owner: str | None, owner_token_hash: str) -> bool:
        """Whether they are `owner` (by sign-on) or hold the token of that hash."""
        if self.user is not None and owner is not None:
            return self.user == owner
        return bool(self.token) and token_matches(self.token or "", owner_token_hash)


@dataclass(frozen=True, slots=True)
class OwnerChanges:
    """What an owner changes: visibility, and expiry (`never_expires` clears it)."""

    visibility: Visibility | None = None
    expires_at: datetime | None = None
    never_expires: bool = False


@dataclass(frozen=True, slots=True)
class LibraryPage:
    items: tuple[Summary, ...]
    total: int
    limit: int
    offset: int
    search: str


class Outcome(Enum):
    DONE = "done"
    NOT_FOUND = "not found"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class ComparisonService:
    store: ComparisonStore
    settings: Settings
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    last_revisions: LastRevisions = field(default_factory=LastRevisions)
    # Where the engine runs: in the calling thread, or the server's EnginePool.
    engine: Engine = engine_result

    def create(
        self,
        title: str,
        left_text: str,
        left_label: str,
        right_text: str,
        right_label: str,
        options: CompareOptions | None = None,
        sources: tuple[Source, Source] = (NO_SOURCE, NO_SOURCE),
        visibility: Visibility = Visibility.UNLISTED,
        expires_at: datetime | None = None,
        owner: str | None = None,
        idempotency_key: str | None = None,
    ) -> Created:
        """Store a new comparison of the two texts, the engine run only if no
        comparison of the same texts and options was computed before.

        Blank labels and title get defaults; `sources` say where the left and
        right texts came from (`article_source`). Raises InvalidInputError with
        every problem of the input at once. Blocking: the engine may run.
        With `idempotency_key`, a creation retried under the same key gets the
        first one's comparison and token (`replayed`): see app.idempotency.
        """
        options = options or CompareOptions()
        texts, labels = (left_text, right_text), (left_label, right_label)
        retry = retry_key(idempotency_key, owner, title, texts, labels, options, visibility)
        found = None if retry is None else self.store.creation_key(retry.key_hash)
        replayed = (
            None if retry is None or found is None else replayed_creation(self.store, retry, found)
        )
        if replayed is not None:
            return Created(*replayed, replayed=True)
        record = self.new_record(
            new_comparison_id(), title, texts, labels, options, sources, expires_at
        )
        token = new_token()
        record = replace(
            record, owner_token_hash=hash_token(token), visibility=visibility, owner=owner
        )
        if retry is None:
            self.store.put(record)
            return Created(record, token)
        return self._put_keyed(record, token, retry)

    def _put_keyed(self, record: StoredComparison, token: str, retry: RetryKey) -> Created:
        saved = self.store.put_keyed(record, retry.creation(record.id, token, self.clock()))
        if saved.comparison_id == record.id:
            return Created(record, token)
        # Another attempt under the key came first: its creation is the answer.
        replayed = replayed_creation(self.store, retry, saved)
        if replayed is None:  # and it was deleted since (which forgot the key): try again
            raise StoreUnavailableError(BUSY)
        return Created(*replayed, replayed=True)

    def seed(
        self, title: str, left_text: str, left_label: str, right_text: str, right_label: str
    ) -> bool:
        """Store a seed pair, listed and owned by nobody, unless it is stored; whether
        it was new. Its id is its content address, so loading it again finds it."""
        options = CompareOptions()
        seed_id = content_address(left_text, right_text, options)
        stored = self.store.get(seed_id)
        if stored is not None:
            # Made unlisted by the migration (or its owner): listed again, the
            # one write a restart does; every other start-up writes nothing.
            if stored.visibility is not Visibility.LISTED:
                self.store.update(seed_id, visibility=Visibility.LISTED)
            return False
        record = self.new_record(
            seed_id,
            title,
            (left_text, right_text),
            (left_label, right_label),
            options,
            (NO_SOURCE, NO_SOURCE),
            None,
            # At start-up, before serving: no pool to start for it.
            engine=engine_result,
        )
        return self.store.put(replace(record, visibility=Visibility.LISTED))

    def new_record(
        self,
        new_id: str,
        title: str,
        texts: tuple[str, str],
        labels: tuple[str, str],
        options: CompareOptions,
        sources: tuple[Source, Source],
        expires_at: datetime | None,
        engine: Engine | None = None,
    ) -> StoredComparison:
        """A comparison of `texts` to store under `new_id`, unlisted and owned by
        nobody yet; InvalidInputError with every problem. Blocking: the engine
        runs unless the result is stored already."""
        left_label = clean_line(labels[0]) or DEFAULT_LEFT_LABEL
        right_label = clean_line(labels[1]) or DEFAULT_RIGHT_LABEL
        title = clean_line(title)
        problems = self.problems(
            title, texts[0], left_label, texts[1], right_label, options.granularity
        )
        problems += self._expiry_problems(expires_at)
        if problems:
            raise InvalidInputError(problems)
        result_id = content_address(texts[0], texts[1], options, ENGINE_VERSION)
        # The engine runs only for a result not stored yet; a stored one brings
        # its texts and JSON, and everything else is this comparison's own.
        result = self.store.get_result(result_id) or (engine or self.engine)(
            result_id, texts[0], texts[1], options
        )
        return replace(
            result,
            id=new_id,
            owner_token_hash=hash_token(new_token()),
            title=title or default_title(texts[1]),
            left_label=left_label,
            right_label=right_label,
            created_at=self.clock(),
            left_source=sources[0],
            right_source=sources[1],
            expires_at=expires_at,
            owner=None,
            revision=0,
        )

    def _expiry_problems(self, expires_at: datetime | None) -> tuple[Problem, ...]:
        if expires_at is not None and expires_at <= self.clock():
            return (Problem("expires_at", "The expiry time must be in the future."),)
        return ()

    def get(self, comparison_id: str) -> StoredComparison | None:
        """The comparison, expired or not (`is_expired`), or None."""
        return self.store.get(comparison_id) if looks_like_id(comparison_id) else None

    def revision(self, comparison_id: str) -> tuple[int, datetime | None] | None:
        """The comparison's revision and expiry, or None (a cheap look-up)."""
        return self.store.revision(comparison_id) if looks_like_id(comparison_id) else None

    def live_revision(self, comparison_id: str) -> int | None:
        """The revision of the comparison, unless it is missing or expired (None).

        While the store is unavailable, the revision read last stands in (see
        app.revisions), so that a kept page is still served; with none read,
        StoreUnavailableError.
        """
        try:
            found = self.revision(comparison_id)
        except StoreUnavailableError:
            found = self.last_revisions.get(comparison_id)
            if found is None:
                raise
        else:
            self.last_revisions.note(comparison_id, found)
        if found is None or (found[1] is not None and found[1] <= self.clock()):
            return None
        return found[0]

    def expired_at(self, comparison_id: str) -> datetime | None:
        """When `comparison_id` expired, if it did (swept or not yet); else None."""
        if not looks_like_id(comparison_id):
            return None
        found = self.store.revision(comparison_id)
        if found is not None:
            expires_at = found[1]
            return expires_at if expires_at is not None and expires_at <= self.clock() else None
        return self.store.expired_at(comparison_id)

    def list(self, search: str = "", limit: int = 20, offset: int = 0) -> LibraryPage:
        """A page of the library: the listed comparisons that have not expired."""
        if "\x00" in search:
            raise InvalidInputError((Problem("q", "the search must not contain NUL characters"),))
        limit = max(1, min(limit, MAX_LIST_LIMIT))
        offset = max(0, offset)
        now = self.clock()
        items = self.store.list(search=search, limit=limit, offset=offset, now=now)
        total = self.store.count(search=search, now=now)
        return LibraryPage(tuple(items), total, limit, offset, search.strip())

    def is_owner(self, record: StoredComparison, requester: Requester) -> bool:
        """Whether `requester` holds the owner token, or is the signed-on owner."""
        return requester.owns(record.owner, record.owner_token_hash)

    def change(self, comparison_id: str, requester: Requester, changes: OwnerChanges) -> Outcome:
        """Change visibility or expiry, for the owner; InvalidInputError for a past expiry."""
        outcome = self._owned(comparison_id, requester)
        if outcome is not Outcome.DONE:
            return outcome
        problems = self._expiry_problems(changes.expires_at)
        if problems:
            raise InvalidInputError(problems)
        self.store.update(
            comparison_id,
            visibility=changes.visibility,
            expires_at=changes.expires_at,
            clear_expiry=changes.never_expires,
        )
        return Outcome.DONE

    def delete(self, comparison_id: str, requester: Requester) -> Outcome:
        """Delete the comparison with its comments and marks, for the owner."""
        outcome = self._owned(comparison_id, requester)
        if outcome is Outcome.DONE:
            self.store.delete(comparison_id)
        return outcome

    def _owned(self, comparison_id: str, requester: Requester) -> Outcome:
        record = self.get(comparison_id)
        if record is None or record.is_expired(self.clock()):
            return Outcome.NOT_FOUND
        return Outcome.DONE if self.is_owner(record, requester) else Outcome.FORBIDDEN

    def sweep(self) -> int:
        """Delete every expired comparison with its texts, comments and marks, and
        the idempotency keys past their lifetime; how many comparisons went."""
        now = self.clock()
        self.store.forget_keys(now - KEY_LIFETIME)
        return self.store.sweep(now)

    def read_link(self, side: str, url: str) -> Article:
        """The article `url` points to, fetched within the settings' policy.

        Blocking: run it in a worker thread from async code. Raises
        InvalidInputError (a 400) for `side` if the link is not fetched.
        """
        try:
            return fetch_article(url.strip(), fetch_policy(self.settings))
        except InputError as error:
            raise InvalidInputError((input_problem(side, error),)) from None

    def problems(
        self,
        title: str,
        left_text: str,
        left_label: str,
        right_text: str,
        right_label: str,
        granularity: Granularity = Granularity.WORD,
    ) -> tuple[Problem, ...]:
        """Everything `create` would refuse in this input, field by field."""
        by_character = granularity is Granularity.CHAR
        # A character diff costs more than a word diff: its texts have their own limit.
        limit = self.settings.max_text_bytes
        if by_character:
            limit = min(limit, self.settings.max_char_text_bytes)
        return (
            *text_problems("left", left_text, limit, by_character=by_character),
            *text_problems("right", right_text, limit, by_character=by_character),
            *line_problems("title", title, MAX_TITLE_CHARS),
            *line_problems("left_label", left_label, MAX_LABEL_CHARS),
            *line_problems("right_label", right_label, MAX_LABEL_CHARS),
        )


# Every address: with fetch_allow_private, only the scheme and the caps limit a link.
EVERY_NETWORK = (ip_network("0.0.0.0/0"), ip_network("::/0"))


def fetch_policy(settings: Settings) -> FetchPolicy:
    """How far fetching a link may go, from the fetch_* settings."""
    return FetchPolicy(
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        allowed_networks=EVERY_NETWORK if settings.fetch_allow_private else (),
        read_limits=read_limits(settings),
    )
