"""Ids: the content address of an engine result, and a comparison's random id."""

from __future__ import annotations

import hashlib
import json
import re
import secrets

from app.core import CompareOptions

# Content addresses: hex, 80 bits (collisions need ~2^40 pairs). Comparison
# ids made since they are random: 128 bits, URL-safe (`secrets`). Ids made
# before are content addresses and keep working.
ADDRESS_LENGTH = 20
_ID = re.compile(r"[A-Za-z0-9_-]{20,22}")


def normalise_newlines(text: str) -> str:
    # The engine compares (and keeps) texts with LF line ends; hashing the same
    # form makes a pasted text (browsers send CRLF) and an uploaded file agree.
    return text.replace("\r\n", "\n")


def content_address(
    left_text: str, right_text: str, options: CompareOptions, engine_version: str | None = None
) -> str:
    """The content address of a result: the same texts, options and engine
    version, the same address. Without `engine_version`, the address the
    comparisons stored before engine results were kept apart had as ids
    (and seed pairs still have, so that loading them again finds them).

    Options at their default are left out of the hash, so that an option the
    engine gains later (with a default) does not change the addresses.
    """
    defaults = CompareOptions().as_dict()
    chosen = {
        name: value for name, value in options.as_dict().items() if value != defaults.get(name)
    }
    canonical = json.dumps(
        {
            "left": normalise_newlines(left_text),
            "right": normalise_newlines(right_text),
            "options": chosen,
            **({"engine": engine_version} if engine_version else {}),
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # surrogatepass: invalid text is refused by `validate` before storing, but
    # hashing it must not be what fails.
    digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:ADDRESS_LENGTH]


def new_comparison_id() -> str:
    return secrets.token_urlsafe(16)


def looks_like_id(candidate: str) -> bool:
    """Whether `candidate` could be an id, so junk never reaches the database."""
    return _ID.fullmatch(candidate) is not None
