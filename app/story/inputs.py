"""What a new story is made of, and what is refused in it, version by version.

Versions are numbered from 0 where a program reads them (`base`, the JSON's
`version`) and from 1 where a person does ("Version 3"); each problem names
both, with the version's label, and is a 413 if it is about size, else a 422.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.identifiers import normalise_newlines
from app.naming import MAX_LABEL_CHARS, MAX_TITLE_CHARS
from app.problems import Problem, line_problems, text_problems
from app.store import MAX_VERSIONS, MIN_VERSIONS, NO_SOURCE, Source, unstorable

ALL_SAME = "Every version is the same text: nothing changed."


@dataclass(frozen=True, slots=True)
class VersionInput:
    """One version as given: its text (read from a link or file if so), label,
    time of publication and where it came from."""

    text: str
    label: str = ""
    published: date | datetime | None = None
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Version `version` was the same text as `same_as` just before it: kept once."""

    version: int
    same_as: int


def version_field(index: int) -> str:
    """The field a problem with version `index` is about (the form's fieldset too)."""
    return f"versions.{index}"


def version_name(index: int, label: str) -> str:
    # A label that could not be stored is not repeated either (a lone surrogate
    # cannot even be sent back as UTF-8).
    named = f" “{label}”" if label.strip() and not unstorable(label) else ""
    return f"Version {index + 1}{named} (versions[{index}])"


def story_problems(
    title: str,
    versions: Sequence[VersionInput],
    base: int | None,
    max_text_bytes: int,
    max_story_bytes: int,
) -> list[Problem]:
    """Everything refused in a new story, each problem naming its version."""
    problems = [*line_problems("title", title, MAX_TITLE_CHARS), *_count_problems(versions)]
    for index, version in enumerate(versions[:MAX_VERSIONS]):
        problems += version_problems(index, version, max_text_bytes)
    problems += _total_problems(versions, max_story_bytes)
    if base is not None and not 0 <= base < min(len(versions), MAX_VERSIONS):
        message = f"The base must be one of the versions, 0 to {len(versions) - 1}; it is {base}."
        problems.append(Problem("base", message))
    return problems


def version_problems(index: int, version: VersionInput, max_text_bytes: int) -> list[Problem]:
    """What is refused in version `index` by itself: its text and label."""
    name = version_name(index, version.label)
    field = version_field(index)
    problems = [
        Problem(field, problem.message.replace(f"The {name} text", name), problem.too_large)
        for problem in text_problems(name, version.text, max_text_bytes)
    ]
    problems += [
        Problem(field, f"{name}: {problem.message}")
        for problem in line_problems("label", version.label, MAX_LABEL_CHARS)
    ]
    return problems


def _count_problems(versions: Sequence[VersionInput]) -> list[Problem]:
    given = len(versions)
    if given < MIN_VERSIONS:
        message = f"A story needs at least {MIN_VERSIONS} versions; {given} given."
        return [Problem("versions", message)]
    if given > MAX_VERSIONS:
        extra = version_name(MAX_VERSIONS, versions[MAX_VERSIONS].label)
        message = (
            f"{extra} is one too many: a story holds at most {MAX_VERSIONS} versions, "
            f"and {given} were given."
        )
        return [Problem(version_field(MAX_VERSIONS), message, too_large=True)]
    return []


def _total_problems(versions: Sequence[VersionInput], max_story_bytes: int) -> list[Problem]:
    total = 0
    for index, version in enumerate(versions):
        total += len(version.text.encode("utf-8", "surrogatepass"))
        if total > max_story_bytes:
            message = (
                f"The story is too large: the versions up to "
                f"{version_name(index, version.label)} come to {total:,} bytes, "
                f"and a story's limit is {max_story_bytes:,} bytes (UTF-8)."
            )
            return [Problem(version_field(index), message, too_large=True)]
    return []


def without_repeats(
    versions: Sequence[VersionInput],
) -> tuple[list[VersionInput], list[int], tuple[Duplicate, ...]]:
    """The versions with each one equal to the one before dropped; for each version
    given, the position of the one kept for it; and what was dropped."""
    kept: list[VersionInput] = []
    position: list[int] = []
    dropped: list[Duplicate] = []
    for index, version in enumerate(versions):
        text = normalise_newlines(version.text)
        if kept and text == normalise_newlines(kept[-1].text):
            dropped.append(Duplicate(index, index - 1))
        else:
            kept.append(version)
        position.append(len(kept) - 1)
    return kept, position, tuple(dropped)
