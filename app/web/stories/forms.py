"""The /stories/new form: versions added one by one, reordered and removed by
post-backs, so that it works without JavaScript.

Each version is a fieldset (label, time, link, text, file). The buttons
other than "Create" post the form back and get it again changed: one more
blank version, a version moved up or down, or removed. An uploaded file is
read on every post-back and its text put in the version's textarea, so it
is not lost; a link is fetched only when the story is created.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from app.ingest import InputError, read_limits, read_upload
from app.naming import article_label, article_source
from app.problems import InvalidInputError, Problem
from app.service import ComparisonService
from app.store import MAX_VERSIONS, NO_SOURCE, Source, Visibility
from app.story import VersionInput
from app.story.inputs import version_field
from app.web.forms import EXPIRY_DAYS
from app.web.serving.formdata import read_form

BLANK_VERSIONS = 3
FIELDS_PER_VERSION = 6


@dataclass(frozen=True, slots=True)
class VersionFields:
    label: str = ""
    published: str = ""
    text: str = ""
    url: str = ""
    source: Source = NO_SOURCE  # where an uploaded file's text came from

    @property
    def blank(self) -> bool:
        return not (self.text.strip() or self.url.strip())


@dataclass(frozen=True, slots=True)
class StoryForm:
    title: str = ""
    versions: tuple[VersionFields, ...] = (VersionFields(),) * BLANK_VERSIONS
    base: str = ""  # "" for a timeline, else the base's number from 1
    visibility: str = Visibility.UNLISTED.value
    expires: str = "never"
    csrf_token: str = ""
    action: str = "create"  # or add, up:N, down:N, remove:N (N from 0)

    def changed(self) -> StoryForm:
        """The form after its post-back `action` (the same form for "create")."""
        versions = list(self.versions)
        verb, _, number = self.action.partition(":")
        index = int(number) if number.isdigit() and int(number) < len(versions) else None
        if verb == "add" and len(versions) < MAX_VERSIONS:
            versions.append(VersionFields())
        elif verb == "remove" and index is not None and len(versions) > 1:
            del versions[index]
        elif index is not None and verb in ("up", "down"):
            other = index - 1 if verb == "up" else index + 1
            if 0 <= other < len(versions):
                versions[index], versions[other] = versions[other], versions[index]
        return replace(self, versions=tuple(versions))

    @property
    def base_index(self) -> int | None:
        return int(self.base) - 1 if self.base.isdigit() and int(self.base) > 0 else None


async def read_story_form(
    request: Request, max_body_bytes: int, service: ComparisonService
) -> tuple[StoryForm, tuple[Problem, ...]]:
    limits = {
        "max_files": MAX_VERSIONS + 1,
        "max_fields": (MAX_VERSIONS + 1) * FIELDS_PER_VERSION + 10,
        "max_part_size": max_body_bytes,
    }
    async with read_form(request, **limits) as posted:
        fields = posted.fields
        count = min(_count(fields), MAX_VERSIONS + 1)
        read = [await _version(fields, index, service) for index in range(count)]
    problems = [problem for _, problem in read if problem]
    problems += [Problem("form", f"The {name} was not sent as UTF-8.") for name in posted.not_utf8]
    form = StoryForm(
        title=_field(fields, "title"),
        versions=tuple(version for version, _ in read),
        base=_field(fields, "base").strip(),
        visibility=_choice(fields, "visibility", {v.value for v in Visibility}, "unlisted"),
        expires=_choice(fields, "expires", set(EXPIRY_DAYS), "never"),
        csrf_token=_field(fields, "csrf_token"),
        action=_field(fields, "action") or "create",
    )
    return form, tuple(problems)


def _count(fields: FormData) -> int:
    numbers = [name.split("_", 1)[1] for name in fields if name.startswith("label_")]
    return max((int(n) + 1 for n in numbers if n.isdigit()), default=0)


async def _version(
    fields: FormData, index: int, service: ComparisonService
) -> tuple[VersionFields, Problem | None]:
    given = VersionFields(
        label=_field(fields, f"label_{index}"),
        published=_field(fields, f"published_{index}").strip(),
        text=_field(fields, f"text_{index}"),
        url=_field(fields, f"url_{index}").strip(),
    )
    upload = fields.get(f"file_{index}")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return given, None
    data = await upload.read()
    name = PurePath(upload.filename).name
    try:
        limits = read_limits(service.settings)
        article = await run_in_threadpool(read_upload, data, name, upload.content_type, limits)
    except InputError as error:
        return given, Problem(version_field(index), f"Version {index + 1}: {error}.")
    label = given.label or article_label(article)
    source = article_source(article)
    return replace(given, label=label, text=article.text, url="", source=source), None


def story_versions(form: StoryForm, service: ComparisonService) -> list[VersionInput]:
    """The versions filled in, links fetched (blocking); InvalidInputError names
    each version whose link or time cannot be read."""
    versions: list[VersionInput] = []
    problems: list[Problem] = []
    for index, fields in enumerate(form.versions):
        if fields.blank:
            continue
        try:
            versions.append(_version_input(index, fields, service))
        except InvalidInputError as error:
            problems += error.problems
    if problems:
        raise InvalidInputError(tuple(problems))
    return versions


def _version_input(index: int, fields: VersionFields, service: ComparisonService) -> VersionInput:
    published = _published(index, fields.published)
    if not fields.url:
        return VersionInput(fields.text, fields.label, published, fields.source)
    field = version_field(index)
    try:
        article = service.read_link(field, fields.url)
    except InvalidInputError as error:
        message = f"Version {index + 1}: {error.problems[0].message}"
        raise InvalidInputError((Problem(field, message),)) from None
    label = fields.label or article_label(article)
    return VersionInput(article.text, label, published, article_source(article))


def _published(index: int, value: str) -> date | datetime | None:
    if not value:
        return None
    try:
        if "T" not in value:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        message = f"Version {index + 1}: the time must read 2026-03-21 or 2026-03-21T10:15."
        raise InvalidInputError((Problem(version_field(index), message),)) from None
    # A browser's datetime-local has no offset: the form says it is UTC.
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def _field(fields: FormData, name: str) -> str:
    value = fields.get(name)
    return value if isinstance(value, str) else ""


def _choice(fields: FormData, name: str, allowed: set[str], default: str) -> str:
    value = _field(fields, name)
    return value if value in allowed else default
