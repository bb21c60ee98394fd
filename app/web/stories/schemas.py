"""The stories API's request and response bodies (they make /docs).

Only shapes and types are checked here; what each version may hold (not
empty, not too large, at most 50 of them, the story's total) is checked by
the story service, which names the version (413 for sizes, else 422).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from app.web.schemas import _Strict


class VersionIn(_Strict):
    """One version: its text, or a link to fetch it from (exactly one)."""

    text: str | None = Field(default=None, description="The article text, UTF-8.")
    url: str | None = Field(
        default=None, max_length=2048, description="An http(s) link, fetched by the server."
    )
    label: str = Field(default="", description='e.g. "11:02 update"; default "Version N".')
    published: datetime | date | None = Field(
        default=None,
        description="When it was published: a date (2026-03-21) or an instant with its offset.",
    )

    @model_validator(mode="after")
    def _text_or_url(self) -> VersionIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text and url")
        return self

    @field_validator("published", mode="before")
    @classmethod
    def _date_or_instant(cls, value: object) -> object:
        # A bare date would otherwise be read as that day's midnight, and refused
        # for want of an offset.
        if isinstance(value, str) and "T" not in value and " " not in value.strip():
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        return value

    @field_validator("published")
    @classmethod
    def _utc(cls, value: datetime | date | None) -> datetime | date | None:
        if isinstance(value, datetime):
            if value.utcoffset() is None:
                raise ValueError("give the instant with its offset, e.g. 2026-03-21T11:02:00Z")
            return value.astimezone(UTC)
        return value


class StoryCreateRequest(_Strict):
    title: str = Field(default="", description="Defaults to the last version's first line.")
    versions: list[VersionIn] = Field(
        description="2 to 50 versions, in their order; one equal to the one before is kept once."
    )
    base: int | None = Field(
        default=None,
        description=(
            "Make it one source and its copies: every version is compared with version "
            "`base` (from 0). Absent: a timeline, each version compared with the one before."
        ),
    )
    visibility: Literal["unlisted", "listed"] = Field(
        default="unlisted",
        description="`unlisted`: reachable only by its link; `listed`: also in the library.",
    )
    expires_at: datetime | None = Field(
        default=None, description="When it is deleted, with its comparisons (ISO 8601, offset)."
    )

    @field_validator("expires_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("give the instant with its offset, e.g. 2026-12-31T12:00:00Z")
        return None if value is None else value.astimezone(UTC)


class DuplicateOut(BaseModel):
    version: int = Field(description="The version given (from 0) that was dropped...")
    same_as: int = Field(description="...being the same text as this one just before it.")


class StoryCreateResponse(BaseModel):
    id: str
    url: str = Field(description="The story's page, as a path from the server root.")
    json_url: str = Field(description="Its JSON twin.")
    api_url: str = Field(description="The story in the API, to GET or DELETE.")
    owner_token: str = Field(description="Needed to delete the story (X-Owner-Token); given once.")
    versions: int = Field(description="How many versions were kept.")
    duplicates: list[DuplicateOut] = Field(
        description="Versions kept once, being equal to the one before."
    )
