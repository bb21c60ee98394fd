"""Turning the bytes a user gives us into the text we compare, or a clear error.

The text is decoded as UTF-8 (a byte-order mark, being an encoding signature
and not text, is dropped) and otherwise kept exactly: no normalisation, no
trimming. The engine turns CRLF into LF itself.
"""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Input we cannot compare; the message names the input and the problem."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise InputError(name, "is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    if not text.strip():
        raise InputError(name, "is empty" if not text else "holds only whitespace")
    return text


def read_text_file(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    return decode_text(data, path)
