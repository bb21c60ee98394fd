"""The /new form: reading the fields and uploads, and what to show back on errors.

An uploaded file wins over the pasted text of its side, and its decoded text
is what goes back into the textarea if the form must be shown again, so the
editor sees what was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from app.core import CompareOptions, Granularity
from app.ingest import InputError, decode_text
from app.service import Problem

TEXT_SUFFIXES = (".txt", ".md")
SIDES = ("left", "right")


@dataclass(frozen=True, slots=True)
class NewComparisonForm:
    title: str = ""
    left_label: str = ""
    right_label: str = ""
    left_text: str = ""
    right_text: str = ""
    granularity: str = Granularity.WORD.value
    ignore_typography: bool = False
    ignore_case: bool = False
    ignore_punctuation: bool = False

    @property
    def options(self) -> CompareOptions:
        return CompareOptions(
            granularity=Granularity(self.granularity),
            ignore_typography=self.ignore_typography,
            ignore_case=self.ignore_case,
            ignore_punctuation=self.ignore_punctuation,
        )


@dataclass(frozen=True, slots=True)
class FormErrors:
    """The problems to show, each next to its field."""

    problems: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.problems)

    def get(self, field: str) -> str | None:
        """The message(s) for `field`, or None; the template puts it beside the field."""
        messages = [problem.message for problem in self.problems if problem.field == field]
        return " ".join(messages) or None

    @staticmethod
    def input_id(field: str) -> str:
        """The id of the input a problem with `field` is about: a side's is its textarea."""
        return f"{field}_text" if field in SIDES else field

    @property
    def status_code(self) -> int:
        return 413 if any(problem.too_large for problem in self.problems) else 400


async def read_new_form(
    request: Request, max_body_bytes: int
) -> tuple[NewComparisonForm, FormErrors]:
    # max_part_size: a textarea may hold a whole text; the body limit is
    # already enforced while the form is read. Leaving the block closes the
    # uploads' temporary files.
    limits = {"max_files": len(SIDES), "max_fields": 16, "max_part_size": max_body_bytes}
    async with request.form(**limits) as form:
        sides = {side: await _side_text(form, side) for side in SIDES}
    problems = [problem for _, problem in sides.values() if problem]
    granularity = _field(form, "granularity") or Granularity.WORD.value
    if granularity not in {g.value for g in Granularity}:
        problems.append(Problem("granularity", "Choose to compare by word or by character."))
        granularity = Granularity.WORD.value
    values = NewComparisonForm(
        title=_field(form, "title"),
        left_label=_field(form, "left_label"),
        right_label=_field(form, "right_label"),
        left_text=sides["left"][0],
        right_text=sides["right"][0],
        granularity=granularity,
        ignore_typography=bool(_field(form, "ignore_typography")),
        ignore_case=bool(_field(form, "ignore_case")),
        ignore_punctuation=bool(_field(form, "ignore_punctuation")),
    )
    return values, FormErrors(tuple(problems))


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _side_text(form: FormData, side: str) -> tuple[str, Problem | None]:
    """The side's text: the uploaded file's if one was chosen, else the pasted text."""
    pasted = _field(form, f"{side}_text")
    upload = form.get(f"{side}_file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return pasted, None
    name = PurePath(upload.filename).name
    if not name.lower().endswith(TEXT_SUFFIXES):
        return pasted, Problem(side, f"{name} is not a .txt or .md file.")
    try:
        return decode_text(await upload.read(), name), None
    except InputError as error:
        return pasted, Problem(side, f"{error}.")
