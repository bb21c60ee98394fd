"""`tracked_changes_docx`: a comparison as a Word document (.docx) whose tracked
changes, against the left text, are the comparison's changes.

The package holds the parts a word processor needs and no more: the document,
its styles (a plain body font), its settings (revisions shown), its core
properties (title and creation time), and, when there are comments, the
comments and their threads. It is written directly (zipfile and strings),
with fixed timestamps in the zip, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from app.core import Comparison
from app.exports.notes import Note, comments_extended_xml, comments_xml
from app.exports.units import revision_stream
from app.exports.wordml import DocumentWriter, document_xml, escaped, word_date

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the document says besides the texts: its title, and who made the
    revisions when (the right side's label, the comparison's creation time)."""

    title: str
    author: str
    created: datetime


def tracked_changes_docx(
    comparison: Comparison, info: DocumentInfo, notes: Sequence[Note] = ()
) -> bytes:
    """The .docx file: the right text, tracked against the left one, with `notes` as comments."""
    notes = _on_rows(notes, len(comparison.rows))
    by_row: dict[int, list[int]] = {}
    for index, note in enumerate(notes):
        by_row.setdefault(note.row, []).append(index)
    writer = DocumentWriter(escaped(info.author or "Diptych"), word_date(info.created), by_row)
    parts = {
        "word/document.xml": document_xml(writer.write(revision_stream(comparison))),
        "word/styles.xml": _STYLES,
        "word/settings.xml": _SETTINGS,
        "docProps/core.xml": _core(info),
    }
    if notes:
        parts["word/comments.xml"] = comments_xml(notes)
        parts["word/commentsExtended.xml"] = comments_extended_xml(notes)
    parts["[Content_Types].xml"] = _content_types(bool(notes))
    parts["_rels/.rels"] = _PACKAGE_RELS
    parts["word/_rels/document.xml.rels"] = _document_rels(bool(notes))
    return _zipped(parts)


def _on_rows(notes: Sequence[Note], rows: int) -> tuple[Note, ...]:
    """The notes on rows the comparison has (a comment Word cannot anchor would
    stand nowhere), replies renumbered to their thread's new place."""
    kept: list[Note] = []
    moved_to: dict[int, int] = {}
    for index, note in enumerate(notes):
        if 1 <= note.row <= rows:
            moved_to[index] = len(kept)
            parent = moved_to.get(note.parent) if note.parent is not None else None
            kept.append(replace(note, parent=parent))
    return tuple(kept)


def _zipped(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        # [Content_Types].xml first, as Office writes it.
        for name in sorted(parts, key=lambda name: name != "[Content_Types].xml"):
            entry = zipfile.ZipInfo(name, _ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(entry, parts[name].encode("utf-8"))
    return buffer.getvalue()


def _content_types(with_comments: bool) -> str:
    overrides = {
        "/word/document.xml": f"{_WORD_TYPE}.document.main+xml",
        "/word/styles.xml": f"{_WORD_TYPE}.styles+xml",
        "/word/settings.xml": f"{_WORD_TYPE}.settings+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    if with_comments:
        overrides["/word/comments.xml"] = f"{_WORD_TYPE}.comments+xml"
        overrides["/word/commentsExtended.xml"] = f"{_WORD_TYPE}.commentsExtended+xml"
    entries = "".join(
        f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{entries}</Types>"
    )


def _document_rels(with_comments: bool) -> str:
    targets = [("styles", "styles.xml"), ("settings", "settings.xml")]
    if with_comments:
        targets.append(("comments", "comments.xml"))
    entries = [
        f'<Relationship Id="rId{k}" Type="{_RELATIONSHIPS}/{kind}" Target="{target}"/>'
        for k, (kind, target) in enumerate(targets, start=1)
    ]
    if with_comments:
        entries.append(
            '<Relationship Id="rIdThreads" '
            'Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" '
            'Target="commentsExtended.xml"/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{"".join(entries)}</Relationships>'
    )


def _core(info: DocumentInfo) -> str:
    moment = word_date(info.created)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escaped(info.title)}</dc:title><dc:creator>Diptych</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        "</cp:coreProperties>"
    )


_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:styles {_W}><w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:cs="Georgia" w:eastAsia="Georgia"/>'
    '<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style></w:styles>"
)
# Revisions on and shown: the file opens as a document under review.
_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings {_W}><w:trackRevisions/><w:defaultTabStop w:val="720"/></w:settings>'
)
