"""The one error every reader raises: it names the input and the problem."""

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
