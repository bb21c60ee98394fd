"""Plain text: read from a path, or decoded from bytes.

`decode_text` and `read_text_file` are the strict UTF-8 readers the CLI, the
seeds and the /new form have used from the start: UTF-8 (a byte-order mark,
being an encoding signature and not text, is dropped) or an error. They are
kept exactly as they were; `text_article` is the reader that detects the
encoding (see app.ingest.encoding).

Either way the text is kept exactly: no normalisation, no trimming. The
engine turns CRLF into LF itself.
"""

from __future__ import annotations

from pathlib import Path

from app.ingest.article import Article, Kind
from app.ingest.encoding import decode_bytes
from app.ingest.errors import InputError, InputTooLargeError


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise InputError(name, "is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    _require_text(text, name)
    return text


def read_text_file(path: str) -> str:
    return decode_text(read_file_bytes(path), path)


def read_file_bytes(path: str, max_bytes: int | None = None) -> bytes:
    """The file's bytes, or InputError naming `path` and why it cannot be read
    (InputTooLargeError if it is larger than `max_bytes`: no more than that is read)."""
    try:
        with Path(path).open("rb") as file:
            # One byte past the limit tells a larger file (a pipe has no size).
            data = file.read() if max_bytes is None else file.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(path, f"is larger than {max_bytes:,} bytes", "max_file_bytes")
    return data


def text_article(data: bytes, name: str, charset: str | None = None) -> Article:
    """Plain text in any encoding we can tell; `charset` is a declared one, if any."""
    decoded = decode_bytes(data, name, charset)
    _require_text(decoded.text, name)
    return Article(decoded.text, Kind.TEXT, name, encoding=decoded.encoding)


def _require_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(name, "is empty" if not text else "holds only whitespace")
