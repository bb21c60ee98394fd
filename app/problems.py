"""What the use cases refuse in an input, field by field (a 400 or 413 on the web)."""

from __future__ import annotations

from dataclasses import dataclass

from app.ingest import InputError, InputTooLargeError
from app.store import unstorable


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


def input_problem(field: str, error: InputError) -> Problem:
    """A file or link that was not read, as the problem of `field` (413 past a limit)."""
    return Problem(field, f"{error}.", too_large=isinstance(error, InputTooLargeError))


def text_problems(
    side: str, text: str, max_bytes: int, *, by_character: bool = False
) -> list[Problem]:
    """What is wrong with one side's text; `max_bytes` is the limit for the
    comparison's granularity (`by_character`: the lower one of a character diff)."""
    if not text.strip():
        return [Problem(side, f"The {side} text is empty: paste it or upload a file.")]
    unreadable = unstorable(text)
    if unreadable:
        return [Problem(side, f"The {side} text {unreadable}.")]
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        message = (
            f"The {side} text is too large to compare by character: {size:,} bytes, "
            f"and the limit is {max_bytes:,} bytes (UTF-8). Compare by word instead."
            if by_character
            else f"The {side} text is too large: {size:,} bytes, "
            f"and the limit is {max_bytes:,} bytes (UTF-8)."
        )
        return [Problem(side, message, too_large=True)]
    return []


def line_problems(name: str, value: str, max_chars: int) -> list[Problem]:
    label = name.replace("_", " ").capitalize()
    unreadable = unstorable(value)
    if unreadable:
        return [Problem(name, f"{label} {unreadable}.")]
    if len(value) > max_chars:
        return [Problem(name, f"{label} is too long: at most {max_chars} characters.")]
    return []
