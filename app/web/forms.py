"""The /new form: reading the fields, uploads and links, and what to show back on errors.

Each side's text comes from, in order: an uploaded file (plain text, a web
page reduced to its article, a Word document, a PDF), a link fetched by the server,
the pasted text. What was read goes back into the textarea if the form must
be shown again, so the editor sees what is compared. A blank label defaults
to the article's title or site, a blank title to the right article's title,
else the left one's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from app.core import CompareOptions, Granularity
from app.core.segmentation.languages import DETECT, LANGUAGES
from app.idempotency import KEY_FIELD
from app.ingest import Article, InputError, read_limits, read_upload
from app.naming import article_label, article_source, article_title
from app.problems import InvalidInputError, Problem, input_problem
from app.service import ComparisonService
from app.store import NO_SOURCE, Source, Visibility
from app.web.serving.formdata import read_form
from app.web.serving.links import charge_links, fetcher

SIDES = ("left", "right")
# A side's problem with its file or link is shown by that field, not the text.
SOURCE_FIELDS = {f"{side}_{source}": side for side in SIDES for source in ("file", "url")}
# A problem with sending the form as a whole (the database is away) is shown by its button.
SUBMIT_FIELD = "compare"
# The expiry choices of the forms (the new one and the owner's): the value
# sent, what it says, and days from now (None: never).
EXPIRY_CHOICES: tuple[tuple[str, str, int | None], ...] = (
    ("never", "Never", None),
    ("1", "In 1 day", 1),
    ("7", "In 7 days", 7),
    ("30", "In 30 days", 30),
)
EXPIRY_DAYS = {value: days for value, _, days in EXPIRY_CHOICES}
# The language choices of the new form: the value sent and what it says.
LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = (
    (DETECT, "Detect from the texts"),
    *LANGUAGES.items(),
)


def expiry(choice: str, now: datetime) -> datetime | None:
    """When a form's expiry choice ("7", "never"...) ends, from `now`; None: never."""
    days = EXPIRY_DAYS.get(choice)
    return None if days is None else now + timedelta(days=days)


@dataclass(frozen=True, slots=True)
class NewComparisonForm:
    title: str = ""
    left_label: str = ""
    right_label: str = ""
    left_text: str = ""
    right_text: str = ""
    left_url: str = ""
    right_url: str = ""
    granularity: str = Granularity.WORD.value
    language: str = DETECT
    ignore_typography: bool = False
    ignore_case: bool = False
    ignore_punctuation: bool = False
    visibility: str = Visibility.UNLISTED.value
    expires: str = "never"  # days, or "never": see EXPIRY_DAYS
    csrf_token: str = ""
    # Sent back with the form, so that sending it twice creates one comparison.
    idempotency_key: str = ""
    # Where the left and right texts were read from; not fields of the form.
    sources: tuple[Source, Source] = (NO_SOURCE, NO_SOURCE)

    def expires_at(self, now: datetime) -> datetime | None:
        return expiry(self.expires, now)

    @property
    def options(self) -> CompareOptions:
        return CompareOptions(
            granularity=Granularity(self.granularity),
            language=self.language,
            ignore_typography=self.ignore_typography,
            ignore_case=self.ignore_case,
            ignore_punctuation=self.ignore_punctuation,
        )


@dataclass(frozen=True, slots=True)
class FormErrors:
    """The problems to show, each next to its field; `retry_after` (seconds) if the
    form could not be saved for now (a 503), however right it was."""

    problems: tuple[Problem, ...] = ()
    retry_after: int | None = None

    def __bool__(self) -> bool:
        return bool(self.problems)

    def get(self, field: str) -> str | None:
        """The message(s) for `field`, or None; the template puts it beside the field."""
        messages = [problem.message for problem in self.problems if problem.field == field]
        return " ".join(messages) or None

    @property
    def flagged(self) -> frozenset[str]:
        """The fields with a problem; a side's file or link flags the side too."""
        fields = {problem.field for problem in self.problems}
        return frozenset(fields | {SOURCE_FIELDS[f] for f in fields if f in SOURCE_FIELDS})

    @staticmethod
    def input_id(field: str) -> str:
        """The id of the input a problem with `field` is about: a side's is its textarea."""
        return f"{field}_text" if field in SIDES else field

    @property
    def status_code(self) -> int:
        if self.retry_after is not None:
            return 503
        return 413 if any(problem.too_large for problem in self.problems) else 400


async def read_new_form(
    request: Request, max_body_bytes: int
) -> tuple[NewComparisonForm, FormErrors]:
    # max_part_size: a textarea may hold a whole text; the body limit is
    # already enforced while the form is read. Leaving the block closes the
    # uploads' temporary files.
    limits = {"max_files": len(SIDES), "max_fields": 20, "max_part_size": max_body_bytes}
    service: ComparisonService = request.app.state.service
    async with read_form(request, **limits) as posted:
        form = posted.fields
        charge_links(request, *(_link(form, side) for side in SIDES))
        read = await asyncio.gather(*(_side_text(request, form, side, service) for side in SIDES))
        sides = dict(zip(SIDES, read, strict=True))
    problems = [problem for _, _, problem in sides.values() if problem]
    problems.extend(_not_utf8_problem(name) for name in posted.not_utf8)
    labels = {
        side: _field(form, f"{side}_label") or article_label(article)
        for side, (_, article, _) in sides.items()
        if article is not None
    }
    titles = (
        article_title(article) for _, article, _ in (sides["right"], sides["left"]) if article
    )
    title = _field(form, "title") or next((title for title in titles if title), "")
    granularity = _field(form, "granularity") or Granularity.WORD.value
    if granularity not in {g.value for g in Granularity}:
        problems.append(Problem("granularity", "Choose to compare by word or by character."))
        granularity = Granularity.WORD.value
    language = _field(form, "language") or DETECT
    if language not in dict(LANGUAGE_CHOICES):
        problems.append(Problem("language", "Choose a language, or to detect it."))
        language = DETECT
    visibility = _field(form, "visibility") or Visibility.UNLISTED.value
    if visibility not in {v.value for v in Visibility}:
        problems.append(Problem("visibility", "Choose who may find the comparison."))
        visibility = Visibility.UNLISTED.value
    expires = _field(form, "expires") or "never"
    if expires not in EXPIRY_DAYS:
        problems.append(Problem("expires", "Choose when the comparison expires."))
        expires = "never"
    values = NewComparisonForm(
        title=title,
        left_label=labels.get("left", _field(form, "left_label")),
        right_label=labels.get("right", _field(form, "right_label")),
        left_text=sides["left"][0],
        right_text=sides["right"][0],
        left_url=_field(form, "left_url").strip(),
        right_url=_field(form, "right_url").strip(),
        granularity=granularity,
        language=language,
        ignore_typography=bool(_field(form, "ignore_typography")),
        ignore_case=bool(_field(form, "ignore_case")),
        ignore_punctuation=bool(_field(form, "ignore_punctuation")),
        visibility=visibility,
        expires=expires,
        csrf_token=_field(form, "csrf_token"),
        idempotency_key=_field(form, KEY_FIELD),
        sources=(_source(sides["left"][1]), _source(sides["right"][1])),
    )
    return values, FormErrors(tuple(problems))


def _source(article: Article | None) -> Source:
    return NO_SOURCE if article is None else article_source(article)


def _not_utf8_problem(field: str) -> Problem:
    side = field.removesuffix("_text")
    if side in SIDES:
        message = (
            f"The {side} text was not sent as UTF-8, so it cannot be read exactly: "
            "upload it as a file instead (a file's encoding is detected)."
        )
        return Problem(side, message)
    return Problem(field, f"The {field.replace('_', ' ')} was not sent as UTF-8.")


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _upload(form: FormData, side: str) -> UploadFile | None:
    upload = form.get(f"{side}_file")
    return upload if isinstance(upload, UploadFile) and upload.filename else None


def _link(form: FormData, side: str) -> str:
    """The link the side's text is fetched from: none if a file was uploaded."""
    return "" if _upload(form, side) else _field(form, f"{side}_url").strip()


async def _side_text(
    request: Request, form: FormData, side: str, service: ComparisonService
) -> tuple[str, Article | None, Problem | None]:
    """The side's text and the article it was read from: the uploaded file's if
    one was chosen, else the link's if one was given, else the pasted text.

    A file or link that is refused gives a problem of its own field, and the
    pasted text stays: what it was read as (perhaps megabytes, past the
    limit) is never shown back in the form.
    """
    pasted = _field(form, f"{side}_text")
    upload = _upload(form, side)
    if upload is not None and upload.filename is not None:
        name = PurePath(upload.filename).name
        data = await upload.read()
        limits = read_limits(service.settings)
        try:
            article = await run_in_threadpool(read_upload, data, name, upload.content_type, limits)
        except InputError as error:
            return pasted, None, input_problem(f"{side}_file", error)
        return article.text, article, None
    url = _link(form, side)
    if url:
        try:
            article = await fetcher(request).read(service, side, url)
        except InvalidInputError as error:
            return pasted, None, replace(error.problems[0], field=f"{side}_url")
        return article.text, article, None
    return pasted, None, None
