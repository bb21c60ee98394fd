"""Telling the text encoding of bytes, or that they are not text at all.

In order:

1. A byte-order mark (UTF-8, UTF-16, UTF-32) decides; the mark, being an
   encoding signature and not text, is dropped.
2. A known binary signature (PDF, PNG, ZIP...) or a NUL byte: not text.
   (UTF-16 and UTF-32 without a mark are refused here too: their NULs look
   like any binary file's.)
3. Valid UTF-8 is UTF-8, whatever a declaration says: bytes in a legacy
   encoding are almost never valid UTF-8 unless they are plain ASCII, which
   every ASCII-based encoding reads alike.
4. A declared charset (HTTP Content-Type, <meta charset>) if it decodes.
5. charset-normalizer's best guess, if it finds one with little "chaos",
   except that the Windows Western code page (cp1252) wins whenever it
   reads the bytes with no more chaos than that guess: unlabelled legacy
   news copy is nearly always cp1252 or latin-1, and charset-normalizer
   alone reads a short English sentence with curly quotes as Japanese
   (cp932), or Western text as Central European cp1250 ("Genève" became
   "Genčve"). The price: Central European or Turkish text in cp1250 or
   cp1254 that cp1252 reads cleanly comes out with a few wrong letters
   ("ł" as "³"). UTF-16 and UTF-32 are never guessed (only a byte-order
   mark says so).

Decoding is strict: a byte that does not decode is an error, never a
replacement character. Text that decodes but is more than 1% control
characters is refused as binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from app.ingest.errors import InputError

BINARY = "is a binary file, not text"
UNKNOWN_ENCODING = "could not tell its text encoding"

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Binary formats whose first bytes may hold no NUL.
_BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # ZIP, and so .docx, .xlsx, .odt
    b"\xd0\xcf\x11\xe0",  # OLE: .doc, .xls
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
)
# C0 and C1 controls and DEL, except tab, LF, VT, FF and CR, which text has.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01
# charset-normalizer's "chaos" (0 to 1) above which a guess is not trusted.
MAX_CHAOS = 0.1
PREFERRED_LEGACY = "cp1252"
_NEVER_GUESSED = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]
# WHATWG: browsers read pages labelled latin-1 or ASCII as cp1252, which
# only adds printable characters (curly quotes, dashes) in 0x80-0x9F.
_AS_CP1252 = {"iso8859-1", "ascii"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the Python codec that decoded it."""

    text: str
    encoding: str


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """`data` as text (see the module's docstring), or InputError naming `name`."""
    decoded = _decode_by_bom(data, name)
    if decoded is None:
        if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
            raise InputError(name, BINARY)
        _refuse_encoded_surrogates(data, name)
        decoded = _decode(data, "utf-8") or _decode_declared(data, declared) or _guess(data, name)
    if len(_CONTROL.findall(decoded.text)) > MAX_CONTROL_SHARE * len(decoded.text):
        raise InputError(name, BINARY)
    return decoded


def _refuse_encoded_surrogates(data: bytes, name: str) -> None:
    """UTF-8 but for an encoded lone surrogate is broken UTF-8, not another encoding:
    read in a legacy code page it would come out garbled, so it is refused."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return
        raise InputError(
            name, f"is not valid UTF-8: it encodes a lone surrogate at byte {error.start}"
        ) from None


def _decode_by_bom(data: bytes, name: str) -> Decoded | None:
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            decoded = _decode(data, encoding)
            if decoded is None:
                raise InputError(name, f"starts with a {label} byte-order mark but is not {label}")
            return decoded
    return None


def _decode(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), codecs.lookup(encoding).name)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_declared(data: bytes, declared: str | None) -> Decoded | None:
    if not declared:
        return None
    try:
        encoding = codecs.lookup(declared.strip()).name
    except LookupError:
        return None
    if encoding in _AS_CP1252:
        encoding = PREFERRED_LEGACY
    if encoding.startswith(("utf-16", "utf-32")):
        return None  # without a byte-order mark these were refused as binary already
    return _decode(data, encoding)


def _guess(data: bytes, name: str) -> Decoded:
    # Imported here: only text that is neither UTF-8 nor declared needs it.
    from charset_normalizer import from_bytes

    best = from_bytes(
        data, threshold=MAX_CHAOS, enable_fallback=False, cp_exclusion=_NEVER_GUESSED
    ).best()
    western = from_bytes(
        data, threshold=MAX_CHAOS, enable_fallback=False, cp_isolation=[PREFERRED_LEGACY]
    ).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        best = western
    decoded = _decode(data, best.encoding) if best is not None else None
    if decoded is None:
        raise InputError(name, UNKNOWN_ENCODING)
    return decoded
