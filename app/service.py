"""The use cases behind the pages, the API and the seeds: create, get, list, delete.

No web framework here: the web layer turns `InvalidInputError` into a 400 or 413
and `DeleteOutcome` into a status, so every entry point validates the same
way. Comparisons are addressed by a hash of their content (`comparison_id`),
so the same pair with the same options is computed and stored once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from ipaddress import ip_network

from app.core import ENGINE_VERSION, CompareOptions, compare_with
from app.ingest import Article, FetchPolicy, InputError, fetch_article
from app.naming import MAX_LABEL_CHARS, MAX_TITLE_CHARS, clean_line, default_title
from app.settings import Settings
from app.store import (
    NO_SOURCE,
    ComparisonStore,
    Source,
    StoredComparison,
    Summary,
    build_record,
    delete_token_matches,
    hash_delete_token,
    new_delete_token,
    unstorable,
)

ID_LENGTH = 20
DEFAULT_LEFT_LABEL = "Original"
DEFAULT_RIGHT_LABEL = "Copy"
MAX_LIST_LIMIT = 100
# Far past any library, and within the 64-bit integers the databases take.
MAX_LIST_OFFSET = 1_000_000_000


def normalise_newlines(text: str) -> str:
    # The engine compares (and keeps) texts with LF line ends; hashing the same
    # form makes a pasted text (browsers send CRLF) and an uploaded file agree.
    return text.replace("\r\n", "\n")


def comparison_id(left_text: str, right_text: str, options: CompareOptions) -> str:
    """The content address of a comparison: the same texts and options, the same id.

    Options at their default are left out of the hash, so that an option the
    engine gains later (with a default) does not change the ids of the
    comparisons already stored.
    """
    defaults = CompareOptions().as_dict()
    chosen = {
        name: value for name, value in options.as_dict().items() if value != defaults.get(name)
    }
    canonical = json.dumps(
        {
            "left": normalise_newlines(left_text),
            "right": normalise_newlines(right_text),
            "options": chosen,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # surrogatepass: invalid text is refused by `validate` before storing, but
    # hashing it must not be what fails.
    digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:ID_LENGTH]


def looks_like_id(candidate: str) -> bool:
    """Whether `candidate` could be an id, so junk never reaches the database."""
    return len(candidate) == ID_LENGTH and all(c in "0123456789abcdef" for c in candidate)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input; `field` names it ("left", "title"...)."""

    field: str
    message: str
    too_large: bool = False


class InvalidInputError(ValueError):
    """The input cannot be compared; `problems` says what, field by field."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems

    @property
    def too_large(self) -> bool:
        return any(problem.too_large for problem in self.problems)


@dataclass(frozen=True, slots=True)
class Created:
    """The outcome of `create`: the token is set only for a newly stored comparison."""

    record: StoredComparison
    is_new: bool
    delete_token: str | None


@dataclass(frozen=True, slots=True)
class LibraryPage:
    items: tuple[Summary, ...]
    total: int
    limit: int
    offset: int
    search: str


class DeleteOutcome(Enum):
    DELETED = "deleted"
    NOT_FOUND = "not found"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class ComparisonService:
    store: ComparisonStore
    settings: Settings
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def create(
        self,
        title: str,
        left_text: str,
        left_label: str,
        right_text: str,
        right_label: str,
        options: CompareOptions | None = None,
        sources: tuple[Source, Source] = (NO_SOURCE, NO_SOURCE),
    ) -> Created:
        """Store the comparison of the two texts unless the same one is stored already.

        Blank labels and title get defaults; `sources` say where the left and
        right texts came from (`article_source`). Raises InvalidInputError with
        every problem of the input at once.
        """
        options = options or CompareOptions()
        left_label = clean_line(left_label) or DEFAULT_LEFT_LABEL
        right_label = clean_line(right_label) or DEFAULT_RIGHT_LABEL
        title = clean_line(title)
        problems = self.problems(title, left_text, left_label, right_text, right_label)
        if problems:
            raise InvalidInputError(problems)
        new_id = comparison_id(left_text, right_text, options)
        existing = self.store.get(new_id)
        if existing is not None:
            return Created(existing, is_new=False, delete_token=None)
        token = new_delete_token()
        record = build_record(
            id=new_id,
            title=title or default_title(right_text),
            left_label=left_label,
            right_label=right_label,
            comparison=compare_with(left_text, right_text, options),
            engine_version=ENGINE_VERSION,
            created_at=self.clock(),
            delete_token_hash=hash_delete_token(token),
            sources=sources,
        )
        return self._put(record, token)

    def _put(self, record: StoredComparison, token: str) -> Created:
        if self.store.put(record):
            return Created(record, is_new=True, delete_token=token)
        # Another request stored the same pair between our get and put: theirs
        # is kept, and only its creator holds its token.
        stored = self.store.get(record.id)
        return Created(stored or record, is_new=False, delete_token=None)

    def get(self, comparison_id: str) -> StoredComparison | None:
        return self.store.get(comparison_id) if looks_like_id(comparison_id) else None

    def exists(self, comparison_id: str) -> bool:
        return looks_like_id(comparison_id) and self.store.exists(comparison_id)

    def list(self, search: str = "", limit: int = 20, offset: int = 0) -> LibraryPage:
        if "\x00" in search:
            raise InvalidInputError((Problem("q", "the search must not contain NUL characters"),))
        limit = max(1, min(limit, MAX_LIST_LIMIT))
        offset = max(0, offset)
        items = self.store.list(search=search, limit=limit, offset=offset)
        total = self.store.count(search=search)
        return LibraryPage(tuple(items), total, limit, offset, search.strip())

    def delete(self, comparison_id: str, token: str | None) -> DeleteOutcome:
        record = self.get(comparison_id)
        if record is None:
            return DeleteOutcome.NOT_FOUND
        if not token or not delete_token_matches(token, record.delete_token_hash):
            return DeleteOutcome.FORBIDDEN
        self.store.delete(record.id)
        return DeleteOutcome.DELETED

    def read_link(self, side: str, url: str) -> Article:
        """The article `url` points to, fetched within the settings' policy.

        Blocking: run it in a worker thread from async code. Raises
        InvalidInputError (a 400) for `side` if the link is not fetched.
        """
        try:
            return fetch_article(url.strip(), fetch_policy(self.settings))
        except InputError as error:
            raise InvalidInputError((Problem(side, f"{error}."),)) from None

    def problems(
        self, title: str, left_text: str, left_label: str, right_text: str, right_label: str
    ) -> tuple[Problem, ...]:
        """Everything `create` would refuse in this input, field by field."""
        return (
            *_text_problems("left", left_text, self.settings.max_text_bytes),
            *_text_problems("right", right_text, self.settings.max_text_bytes),
            *_line_problems("title", title, MAX_TITLE_CHARS),
            *_line_problems("left_label", left_label, MAX_LABEL_CHARS),
            *_line_problems("right_label", right_label, MAX_LABEL_CHARS),
        )


def _text_problems(side: str, text: str, max_bytes: int) -> list[Problem]:
    if not text.strip():
        return [Problem(side, f"The {side} text is empty: paste it or upload a file.")]
    unreadable = unstorable(text)
    if unreadable:
        return [Problem(side, f"The {side} text {unreadable}.")]
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        message = (
            f"The {side} text is too large: {size:,} bytes, "
            f"and the limit is {max_bytes:,} bytes (UTF-8)."
        )
        return [Problem(side, message, too_large=True)]
    return []


def _line_problems(name: str, value: str, max_chars: int) -> list[Problem]:
    label = name.replace("_", " ").capitalize()
    unreadable = unstorable(value)
    if unreadable:
        return [Problem(name, f"{label} {unreadable}.")]
    if len(value) > max_chars:
        return [Problem(name, f"{label} is too long: at most {max_chars} characters.")]
    return []


# Every address: with fetch_allow_private, only the scheme and the caps limit a link.
EVERY_NETWORK = (ip_network("0.0.0.0/0"), ip_network("::/0"))


def fetch_policy(settings: Settings) -> FetchPolicy:
    """How far fetching a link may go, from the fetch_* settings."""
    return FetchPolicy(
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        allowed_networks=EVERY_NETWORK if settings.fetch_allow_private else (),
    )
