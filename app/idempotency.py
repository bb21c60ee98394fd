"""Creations retried under an idempotency key get the same comparison and owner token.

A creation whose answer is lost (a dropped connection, a proxy's timeout)
would leave its creator without the owner token, which is given once. A
client that sends an `Idempotency-Key` header (the /new form sends a hidden
field) can retry: the same key finds the comparison made, and its token.

Keeping the token to give it again: the store keeps only hashes of owner
tokens. So under the key it keeps the token sealed with the key itself: XOR
with a keystream derived from the key (SHAKE-256), the key being kept only
as a hash. The database alone (a leaked backup) gives no token; the client
holding the key unseals it. Each key seals one token (the key's hash is
unique), so the keystream is never reused. (A server secret would do the
same, but Diptych has none to keep across restarts and workers; and knowing
the key is what proves the retry is the creator's anyway.)

Because whoever knows a key and the texts gets the token, a key must be hard
to guess: 16 to 200 printable ASCII characters (a random UUID is 36). A key
is scoped to the signed-on user when there is one, bound to the request (the
same texts, title, labels and options: another request under a used key is
refused), and forgotten after KEY_LIFETIME, at the next sweep.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.problems import InvalidInputError, Problem
from app.store import ComparisonStore, CreationKey, StoredComparison

KEY_HEADER = "Idempotency-Key"
KEY_FIELD = "idempotency_key"
KEY_LIFETIME = timedelta(days=1)
MIN_KEY_CHARS = 16
MAX_KEY_CHARS = 200
KEY_REUSED = (
    "This idempotency key was already used for a different comparison: send a new key "
    "(a random UUID) with each new comparison."
)


def key_problem(key: str) -> str | None:
    """Why `key` is refused as an idempotency key, or None."""
    if not MIN_KEY_CHARS <= len(key) <= MAX_KEY_CHARS or not all(" " < c <= "~" for c in key):
        return (
            f"The idempotency key must be {MIN_KEY_CHARS} to {MAX_KEY_CHARS} printable ASCII "
            "characters without spaces (a random UUID, for instance)."
        )
    return None


def key_hash(key: str, user: str | None) -> str:
    """What the store keeps of a key: its hash, with the signed-on user it belongs to."""
    return _digest("key", user or "", key)


def request_hash(*parts: object) -> str:
    """A hash of what a creation asked for, to tell a retry from another request."""
    return _digest("request", json.dumps([str(part) for part in parts], ensure_ascii=False))


def seal(token: str, key: str) -> str:
    """The token, sealed with the key (hex)."""
    data = token.encode("utf-8")
    return bytes(a ^ b for a, b in zip(data, _keystream(key, len(data)), strict=True)).hex()


def unseal(sealed: str, key: str) -> str:
    data = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(data, _keystream(key, len(data)), strict=True)).decode()


def _keystream(key: str, length: int) -> bytes:
    return hashlib.shake_256(f"diptych-seal\0{key}".encode()).digest(length)


def _digest(purpose: str, *parts: str) -> str:
    return hashlib.sha256("\0".join(("diptych-idempotency", purpose, *parts)).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class RetryKey:
    """An idempotency key as a creation uses it: the key, its hash, the request's hash."""

    key: str
    key_hash: str
    request_hash: str

    @classmethod
    def of(cls, key: str, user: str | None, *request: object) -> RetryKey:
        """The key of a creation asking for `request`; ValueError if it is refused."""
        problem = key_problem(key)
        if problem is not None:
            raise ValueError(problem)
        return cls(key, key_hash(key, user), request_hash(*request))

    def creation(self, comparison_id: str, token: str, now: datetime) -> CreationKey:
        """What the store keeps of this key for the comparison made, owned by `token`."""
        return CreationKey(
            self.key_hash, comparison_id, self.request_hash, seal(token, self.key), now
        )

    def token(self, saved: CreationKey) -> str:
        """The owner token of the creation saved under this key; ValueError if that
        creation asked for something else."""
        if not hmac.compare_digest(saved.request_hash, self.request_hash):
            raise ValueError(KEY_REUSED)
        return unseal(saved.sealed_token, self.key)


def retry_key(key: str | None, user: str | None, *request: object) -> RetryKey | None:
    """The key of a creation asking for `request`, if it was given one;
    InvalidInputError if the key is refused."""
    if key is None:
        return None
    try:
        return RetryKey.of(key, user, *request)
    except ValueError as error:
        raise InvalidInputError((Problem(KEY_FIELD, str(error)),)) from None


def replayed_creation(
    store: ComparisonStore, retry: RetryKey, saved: CreationKey
) -> tuple[StoredComparison, str] | None:
    """The comparison saved under the key and its owner token; None if it is gone
    since; InvalidInputError if it was made for another request."""
    record = store.get(saved.comparison_id)
    if record is None:
        return None
    try:
        return record, retry.token(saved)
    except ValueError as error:
        raise InvalidInputError((Problem(KEY_FIELD, str(error)),)) from None
