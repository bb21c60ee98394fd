"""Word documents (.docx): the body's paragraphs, headings and tables, in order,
and the title and author of the core properties.

A .docx is a ZIP archive (an OPC package) and an untrusted one: it is read
within ReadLimits. Before any part is inflated, the sizes its directory
declares are checked (all parts together, and the compression ratio of each
part read); a part cannot inflate past its declared size (zipfile stops
there and checks the CRC). Only the parts needed are inflated, as streams:
the package relationships, the main part (its text read by
app.ingest.wordtext, which stops at the per-side limit) and the core
properties. The XML parser resolves no entities, loads no DTD and fetches
nothing; a part with a DTD is refused outright (OPC forbids DTDs in a
package, and they are what entity bombs are made of).

Every paragraph, heading or table row is one block, blocks separated by a
blank line; empty paragraphs (spacing) are dropped. Headers, footers,
footnotes and comments are not the article and are not read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from typing import Any

from lxml import etree

from app.ingest.article import Article, Kind
from app.ingest.errors import InputError, InputTooLargeError
from app.ingest.formats import DOCX_MAIN_PART
from app.ingest.limits import RATIO_GRACE_BYTES, ReadLimits
from app.ingest.wordtext import BodyText

NOT_DOCX = "is not a Word document (.docx) we can read"
HAS_DTD = "holds a DTD (document type declaration), which a Word document never has"
CORE_PART = "docProps/core.xml"
_CHUNK_BYTES = 64 * 1024
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_TYPE = "/officeDocument"
_CORE_TYPE = "/metadata/core-properties"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PROPERTIES = {f"{_DC}title": "title", f"{_DC}creator": "author"}


def docx_article(data: bytes, name: str, limits: ReadLimits | None = None) -> Article:
    """The document's text and core properties, or InputError naming `name`
    (InputTooLargeError past a limit). A MemoryError is not a format error:
    it is raised as it is."""
    limits = limits or ReadLimits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_unpacked_size(package, name, limits)
            main, core = _parts(package, name, limits)
            body = BodyText(name, limits.max_text_bytes)
            blocks: list[str] = _parse(package, main, name, limits, body)
            properties: dict[str, str] = (
                _parse(package, core, name, limits, _CoreProperties()) if core else {}
            )
    except (InputError, MemoryError):
        raise
    # A damaged or foreign package fails in many ways inside zipfile, zlib and
    # lxml (BadZipFile, KeyError, EOFError, XMLSyntaxError...): each means the same.
    except Exception:
        raise InputError(name, NOT_DOCX) from None
    if not blocks:
        raise InputError(name, "the document has no text")
    return Article(
        "\n\n".join(blocks),
        Kind.DOCX,
        name,
        title=properties.get("title") or None,
        author=properties.get("author") or None,
    )


def _check_unpacked_size(package: zipfile.ZipFile, name: str, limits: ReadLimits) -> None:
    unpacked = sum(entry.file_size for entry in package.infolist())
    if unpacked > limits.max_unpacked_bytes:
        raise InputTooLargeError(
            name, f"unpacks to more than {limits.max_unpacked_bytes:,} bytes", "max_unpacked_bytes"
        )


def _parts(package: zipfile.ZipFile, name: str, limits: ReadLimits) -> tuple[str, str | None]:
    """The main part and the core properties' part (None if it has none), as the
    package relationships name them; the usual names if it has none."""
    names = set(package.namelist())
    found: dict[str, str] = {}
    if "_rels/.rels" in names:
        found = _parse(package, "_rels/.rels", name, limits, _PackageRelationships())
    main = found.get(_MAIN_TYPE, DOCX_MAIN_PART)
    core = found.get(_CORE_TYPE, CORE_PART)
    return main, core if core in names else None


def _parse(package: zipfile.ZipFile, part: str, name: str, limits: ReadLimits, target: Any) -> Any:
    """`target`'s result for the XML part, fed as it inflates, after its ratio is checked."""
    entry = package.getinfo(part)
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size > RATIO_GRACE_BYTES and ratio > limits.max_compression_ratio:
        raise InputTooLargeError(
            name,
            f"{part} would inflate {ratio:,.0f} times (more than "
            f"{limits.max_compression_ratio} is taken for a ZIP bomb and not unpacked)",
            "max_compression_ratio",
        )
    parser = etree.XMLParser(
        target=_NoDtd(name, target), resolve_entities=False, no_network=True, load_dtd=False
    )
    with package.open(entry) as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            parser.feed(chunk)
    return parser.close()


class _NoDtd:
    """A parser target passing events on to `target`, refusing any DTD."""

    def __init__(self, name: str, target: Any) -> None:
        self.name = name
        self.start = target.start
        self.end = target.end
        self.data = target.data
        self.close = target.close

    def doctype(self, *_: object) -> None:
        raise InputError(self.name, HAS_DTD)


class _PackageRelationships:
    """The targets of the package's relationships, by the end of their type."""

    def __init__(self) -> None:
        self.targets: dict[str, str] = {}

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if tag != _RELATIONSHIPS or attrib.get("TargetMode") == "External":
            return
        kind, target = attrib.get("Type", ""), attrib.get("Target", "")
        for ending in (_MAIN_TYPE, _CORE_TYPE):
            if kind.endswith(ending) and ending not in self.targets:
                # Targets of package relationships are relative to the root.
                self.targets[ending] = posixpath.normpath(target.lstrip("/"))

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> dict[str, str]:
        return self.targets


class _CoreProperties:
    """The title and author (dc:title, dc:creator) of the core properties."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self._open: list[str] | None = None
        self._depth = 0

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        self._depth += 1
        if self._depth == 2 and tag in _PROPERTIES:
            self._open = []

    def end(self, tag: str) -> None:
        self._depth -= 1
        if self._depth == 1 and self._open is not None:
            self.values[_PROPERTIES[tag]] = "".join(self._open)
            self._open = None

    def data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def close(self) -> dict[str, str]:
        return self.values
