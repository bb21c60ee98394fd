"""The API's request and response bodies, as pydantic models (they make /docs).

Only shapes and types are checked here (a failure is a 422); what the texts
may hold (not empty, not too large) is checked by the service, the same for
the API and the form (400 or 413).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.core.segmentation.languages import DETECT, LANGUAGES
from app.store import unstorable
from app.web.review.schemas import CommentOut, MarkOut


class _Strict(BaseModel):
    # A misspelt field ("granularty") is an error, not silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceInput(_Strict):
    """Where a text side came from, shown under its label; every field optional."""

    url: str | None = Field(
        default=None, max_length=2048, pattern=r"^https?://", description="The article's link."
    )
    title: str | None = Field(default=None, max_length=200, description="Its headline.")
    author: str | None = Field(default=None, max_length=200, description="Its byline.")
    published: date | None = Field(default=None, description="Its date (2025-03-21).")

    @field_validator("url", "title", "author")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        problem = unstorable(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value


class SideInput(_Strict):
    """One side: its text, or a link to fetch it from (exactly one of the two)."""

    text: str | None = Field(default=None, description="The article text, UTF-8.")
    url: str | None = Field(
        default=None,
        max_length=2048,
        description=(
            "An http(s) link to the article, fetched by the server (instead of text); "
            "the page is reduced to its article."
        ),
    )
    label: str = Field(
        default="",
        description=(
            'Shown above the column, e.g. "Original — The Hill"; for a link, '
            "defaults to the article's title, byline and date."
        ),
    )

    source: SourceInput | None = Field(
        default=None,
        description=(
            "For a text: where it came from. A blank label defaults to its title. "
            "(A link's source is read from the page.)"
        ),
    )

    @model_validator(mode="after")
    def _text_or_url(self) -> SideInput:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text and url")
        if self.url is not None and self.source is not None:
            raise ValueError("a link's source is read from the page: give source only with text")
        return self


class OptionsInput(_Strict):
    granularity: Literal["word", "char"] = Field(
        default="word", description="Mark changed words, or changed characters (for typo hunting)."
    )
    language: str = Field(
        default=DETECT,
        pattern=r"^(?:[a-z]{2,3}|detect)$",
        description=(
            "Language code for sentence splitting, quotation marks and the names of dates "
            f"({', '.join(LANGUAGES)} are fully covered), or 'detect' to read it from the texts."
        ),
    )
    # Strict: "yes" or 1 is a 422, not silently read as true.
    ignore_typography: bool = Field(
        default=False,
        strict=True,
        description="Neither mark nor count differences of quote marks, dashes, ellipses, spacing.",
    )
    ignore_case: bool = Field(
        default=False, strict=True, description="Neither mark nor count differences of case."
    )
    ignore_punctuation: bool = Field(
        default=False,
        strict=True,
        description="Neither mark nor count differences of punctuation.",
    )


class CreateRequest(_Strict):
    title: str = Field(
        default="",
        description=(
            "Defaults to the right article's title (for a link or a web page), "
            "else the left one's, else the first line of the right text."
        ),
    )
    left: SideInput = Field(description="The original.")
    right: SideInput = Field(description="The copy or new version.")
    options: OptionsInput = OptionsInput()
    visibility: Literal["unlisted", "listed"] = Field(
        default="unlisted",
        description="`unlisted`: reachable only by its link; `listed`: also in the library.",
    )
    expires_at: datetime | None = Field(
        default=None,
        description=(
            "When it is deleted with its comments and marks: an ISO 8601 instant in the "
            "future with its offset (2026-12-31T12:00:00Z); null or absent: never."
        ),
    )

    @field_validator("expires_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("give the instant with its offset, e.g. 2026-12-31T12:00:00Z")
        return value.astimezone(UTC)


class CreateResponse(BaseModel):
    id: str
    url: str = Field(description="The comparison page, as a path from the server root.")
    json_url: str = Field(description="Its JSON twin, as a path from the server root.")
    api_url: str = Field(description="The comparison in the API, to GET, PATCH or DELETE.")
    owner_token: str = Field(
        description=(
            "Needed to change or delete the comparison (X-Owner-Token); given once. "
            "Keep it secret: whoever holds it owns the comparison."
        )
    )
    delete_token: str = Field(description="The owner token, by its former name.")
    visibility: Literal["unlisted", "listed"]
    expires_at: str | None = Field(description="ISO 8601, UTC; null: never.")


class Labels(BaseModel):
    left: str
    right: str


class SummaryOut(BaseModel):
    id: str
    title: str
    labels: Labels
    created: str = Field(description="ISO 8601, UTC.")
    similarity: float
    row_counts: dict[str, int]
    words_added: int
    words_removed: int
    engine_version: str
    url: str
    json_url: str
    api_url: str


class ListResponse(BaseModel):
    comparisons: list[SummaryOut] = Field(description="Newest first.")
    total: int
    limit: int
    offset: int
    q: str
    next: str | None
    previous: str | None


class ErrorDetail(BaseModel):
    status: int
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class SegmentOut(BaseModel):
    start: int
    end: int
    paragraph: int
    kind: Literal["sentence", "heading", "piece"]


class SideOut(BaseModel):
    text: str
    segments: list[SegmentOut]


ClassName = Literal[
    "typography", "spelling", "number", "quote", "name", "attribution", "negation", "wording"
]


class ChangeOut(BaseModel):
    class_: ClassName = Field(alias="class", description="The primary class.")
    classes: list[ClassName] = Field(description="Every class of the change, primary first.")
    left: tuple[int, int] | None = Field(description="[start, end] in the left text, or null.")
    right: tuple[int, int] | None = Field(description="[start, end] in the right text, or null.")
    ignored: bool = Field(description="Differs only in what the ignore options ignore.")


class RowOut(BaseModel):
    op: Literal["equal", "modified", "split", "merged", "moved", "inserted", "deleted"]
    left: list[int]
    right: list[int]
    similarity: float
    diff: list[tuple[Literal["equal", "delete", "insert"], str]]
    changes: list[ChangeOut] = Field(
        default=[],
        description=(
            "The k-th run of non-equal pieces of diff is changes[k]; none before engine 1.1."
        ),
    )


class WordsOut(BaseModel):
    equal: int
    deleted: int
    inserted: int


class StatsOut(BaseModel):
    similarity: float
    rows: dict[str, int]
    words: WordsOut
    classes: dict[str, int] = Field(
        default={},
        description="Changes (not ignored) of each class; absent before engine 1.1.",
    )


class OptionsOut(BaseModel):
    granularity: Literal["word", "char"]
    language: str = Field(description="The language the texts were compared in.")
    language_detected: bool = Field(
        default=False, description="Whether that language was detected from the texts."
    )
    ignore_typography: bool = False
    ignore_case: bool = False
    ignore_punctuation: bool = False


class SourceOut(BaseModel):
    """Where a side came from; only what is known is present ({} for a pasted text)."""

    url: str | None = Field(default=None, description="The link it was fetched from.")
    file_name: str | None = Field(default=None, description="The uploaded file's name.")
    title: str | None = Field(default=None, description="The article's own headline.")
    author: str | None = Field(default=None, description="Its byline.")
    published: str | None = Field(default=None, description="Its date, ISO 8601 (2025-03-21).")


class Sources(BaseModel):
    left: SourceOut
    right: SourceOut


class WarningOut(BaseModel):
    code: Literal["unrelated_texts"] = Field(
        description="unrelated_texts: the texts share almost no sentences."
    )
    message: str


class ComparisonDocument(BaseModel):
    """A stored comparison: the engine's JSON (schema 1) and what the library knows of it."""

    id: str
    url: str
    title: str
    labels: Labels
    sources: Sources
    created: str = Field(description="ISO 8601, UTC.")
    visibility: Literal["unlisted", "listed"]
    expires_at: str | None = Field(description="ISO 8601, UTC; null: never.")
    engine_version: str
    warnings: list[WarningOut] = Field(
        default=[],
        description="What to check about the pair before reading on (shown atop the page).",
    )
    comments: list[CommentOut] = Field(
        default=[], description="Threads oldest first, with replies (absent on an ignore variant)."
    )
    marks: list[MarkOut] = Field(default=[], description="The mark that counts for each change.")
    review: dict[str, dict[str, int]] = Field(
        default={},
        description=(
            "Per class (and `moved`): total markable changes and how many are accepted, "
            "queried, correct (to be corrected), unchecked."
        ),
    )
    schema_: int = Field(alias="schema")
    options: OptionsOut
    left: SideOut
    right: SideOut
    rows: list[RowOut]
    stats: StatsOut


ResponsesDoc = dict[int | str, dict[str, Any]]

ERROR_RESPONSES: ResponsesDoc = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (400, "Bad input: an empty text, a NUL character, a link that is not fetched..."),
        (401, "Behind a sign-on proxy: the request did not come through it."),
        (403, "Not the owner (or author), or a request from another site's page."),
        (404, "No comparison (or comment) with that id."),
        (410, "The comparison expired; its texts, comments and marks are deleted."),
        (413, "A text or the whole request is too large."),
        (
            422,
            "Malformed JSON, a field of the wrong type, or a comment or mark that "
            "cannot be taken (no such row, empty or too long).",
        ),
        (
            429,
            "Too many creations, comments or links from this client in the last minute "
            "(Retry-After says when to try again), or the comparison holds the most "
            "comments allowed.",
        ),
        (
            503,
            "The database is busy, down, read-only or out of disk, every engine process "
            "is busy, or the server is out of memory: nothing was saved; try again after "
            "the Retry-After header's seconds.",
        ),
    )
}


def documented(extra: ResponsesDoc | None = None) -> ResponsesDoc:
    """The OpenAPI `responses` of a route: `extra` and the error statuses."""
    return {**(extra or {}), **ERROR_RESPONSES}
