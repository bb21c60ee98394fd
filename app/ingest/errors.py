"""The errors every reader raises: they name the input and the problem."""

from __future__ import annotations


class InputError(ValueError):
    """Input we cannot compare; the message names the input and the problem.

    `name` is the file name, path or URL as the user gave it, so the message
    reads "report.pdf: is a binary file, not text".
    """

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


class InputTooLargeError(InputError):
    """Input past one of the size limits: its text, its file, or what it would
    unpack to. `limit` names the ReadLimits field it is past, so that the CLI
    can name the flag raising it; the web answers 413."""

    def __init__(self, name: str, problem: str, limit: str) -> None:
        super().__init__(name, problem)
        self.limit = limit
