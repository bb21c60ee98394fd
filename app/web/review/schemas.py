"""The API's bodies for comments and marks, as pydantic models (they make /docs)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.review import MAX_BODY_CHARS
from app.store import MAX_NAME_CHARS

MarkStateName = Literal["accepted", "queried", "correct", "unchecked"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CommentIn(_Strict):
    row: int | None = Field(
        default=None, ge=1, description="The row (from 1, as on the page); not for a reply."
    )
    change: int | None = Field(
        default=None, ge=0, description="The change of the row (its index in `changes`)."
    )
    body: str = Field(description=f"Plain text, at most {MAX_BODY_CHARS:,} characters.")
    author: str = Field(
        default="",
        description=(
            f"Who writes, at most {MAX_NAME_CHARS} characters; behind a sign-on proxy, "
            "the signed-on person (this field is then ignored)."
        ),
    )
    reply_to: str | None = Field(
        default=None, description="The id of the thread's first comment, for a reply."
    )


class CommentPatch(_Strict):
    body: str | None = Field(default=None, description="A new body (the author's token needed).")
    resolved: bool | None = Field(
        default=None, strict=True, description="Resolve (true) or reopen (false) the thread."
    )
    by: str = Field(default="", description="Who resolves or reopens.")


class CommentOut(BaseModel):
    id: str
    row: int
    change: int | None
    author: str
    created: str = Field(description="ISO 8601, UTC.")
    edited: str | None = Field(description="When the body was last edited, or null.")
    body: str
    resolved: bool = Field(description="For a thread's first comment: is the thread resolved.")
    resolved_by: str | None
    reply_to: str | None = Field(description="The thread this replies to, or null.")
    replies: list[CommentOut] = Field(default=[], description="A thread's replies, oldest first.")


class CommentCreated(CommentOut):
    token: str | None = Field(
        description=(
            "Give it as X-Comment-Token to edit or delete the comment; null behind a "
            "sign-on proxy (the signed-on author may)."
        )
    )


class MarkIn(_Strict):
    row: int = Field(ge=1, description="The row (from 1).")
    change: int | None = Field(
        default=None, ge=0, description="The change; null for a whole inserted/deleted/moved row."
    )
    state: MarkStateName = Field(description="`unchecked` takes a mark back.")
    reviewer: str = Field(default="", description="Who marks (ignored behind a sign-on proxy).")


class MarkOut(BaseModel):
    row: int
    change: int | None
    state: MarkStateName
    reviewer: str
    created: str = Field(description="ISO 8601, UTC.")


class MarksOut(BaseModel):
    current: list[MarkOut] = Field(description="The mark that counts for each change.")
    history: list[MarkOut] = Field(description="Every mark given, oldest first.")


class ComparisonPatch(_Strict):
    visibility: Literal["listed", "unlisted"] | None = None
    expires_at: datetime | None = Field(
        default=None,
        description="An ISO 8601 instant in the future with its offset (UTC: Z); null: never.",
    )
