"""Hostile Word documents, built as streams so that making one costs little memory."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from tests.ingest.samples import word_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:document xmlns:w="{W_NS}"><w:body>'
).encode()
DOCUMENT_END = b"</w:body></w:document>"


def with_part(part: str, chunks: Iterable[bytes]) -> bytes:
    """A real Word document whose `part` is replaced by `chunks`, written as they come."""
    original = zipfile.ZipFile(io.BytesIO(word_document()))
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in original.infolist():
            if entry.filename != part:
                package.writestr(entry, original.read(entry))
        with package.open(part, "w", force_zip64=True) as stream:
            for chunk in chunks:
                stream.write(chunk)
    return data.getvalue()


def document(body: bytes, repeat: int = 1, tail: bytes = DOCUMENT_END) -> bytes:
    """A Word document whose main part is `body` `repeat` times, then `tail`."""
    return with_part("word/document.xml", [DOCUMENT_START, *[body] * repeat, tail])


def zip_bomb(unpacked_bytes: int) -> bytes:
    """A document whose main part inflates about a thousand times: `unpacked_bytes` of spaces."""
    chunk = b" " * (1 << 20)
    return document(chunk, unpacked_bytes // len(chunk))


def words(index: int) -> str:
    """About 100 bytes of text, different for each index (so that a document of
    them compresses like text, not like a bomb)."""
    return " ".join(f"w{index * 7 + k:x}" for k in range(14)) + "."


def paragraph(index: int) -> bytes:
    return f'<w:p><w:r><w:t xml:space="preserve">{words(index)}</w:t></w:r></w:p>'.encode()


def long_document(paragraphs: int, tail: bytes = DOCUMENT_END) -> bytes:
    """A document of `paragraphs` distinct paragraphs, then `tail`."""
    return with_part(
        "word/document.xml", [DOCUMENT_START, *(paragraph(i) for i in range(paragraphs)), tail]
    )


def markup_document(unpacked_bytes: int) -> bytes:
    """A document of `unpacked_bytes` of markup holding no text, compressing like markup."""
    size = len(DOCUMENT_START) + len(DOCUMENT_END)
    chunks = [DOCUMENT_START]
    index = 0
    while size < unpacked_bytes:
        chunk = "".join(f'<w:p w:rsidR="{index + k:08X}"><w:r/></w:p>' for k in range(1000))
        chunks.append(chunk.encode())
        size += len(chunks[-1])
        index += 1000
    return with_part("word/document.xml", [*chunks, DOCUMENT_END])


def billion_laughs(levels: int = 10) -> bytes:
    """The classic entity bomb: each entity ten of the one before, 10**levels "lol"s."""
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    body = f"<w:body><w:p><w:r><w:t>&lol{levels - 1};</w:t></w:r></w:p></w:body>"
    xml = f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{W_NS}">{body}</w:document>'
    return with_part("word/document.xml", [xml.encode()])


def external_entity(path: str) -> bytes:
    """A document whose text would be the file at `path`, were entities resolved."""
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{path}">]>'
    body = "<w:body><w:p><w:r><w:t>Leak: &secret;</w:t></w:r></w:p></w:body>"
    xml = f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{W_NS}">{body}</w:document>'
    return with_part("word/document.xml", [xml.encode()])
