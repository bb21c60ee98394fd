"""Word comments: `word/comments.xml`, and `word/commentsExtended.xml`, which
threads replies under the comment they answer (Word 2013 and later; an older
reader shows each reply as a comment of its own, on the same text).

Comment k is anchored by `wordml` on the text of its row; each comment's one
paragraph carries a `w14:paraId`, which the thread entries refer to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.exports.wordml import W_NAMESPACE, escaped, word_date

W14_NAMESPACE = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NAMESPACE = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@dataclass(frozen=True, slots=True)
class Note:
    """A comment to put in the document: on row `row` (from 1, as on the page),
    a reply when `parent` is the index of the note it answers; a resolved
    thread's first note is `done`."""

    row: int
    author: str
    date: datetime
    text: str
    parent: int | None = None
    done: bool = False


def paragraph_id(index: int) -> str:
    # w14:paraId is 8 hex digits below 0x80000000; 1 on, as 0 is not allowed.
    return f"{index + 1:08X}"


def comments_xml(notes: Sequence[Note]) -> str:
    comments = "".join(_comment(index, note) for index, note in enumerate(notes))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{W_NAMESPACE}" xmlns:w14="{W14_NAMESPACE}" '
        f'xmlns:mc="{MC_NAMESPACE}" mc:Ignorable="w14">{comments}</w:comments>'
    )


def _comment(index: int, note: Note) -> str:
    # Lines of the comment's body as line breaks in its one paragraph, so
    # that the paragraph the thread entries name is the whole comment.
    lines = escaped(note.text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return (
        f'<w:comment w:id="{index}" w:author="{escaped(note.author)}" '
        f'w:date="{word_date(note.date)}" w:initials="{escaped(_initials(note.author))}">'
        f'<w:p w14:paraId="{paragraph_id(index)}" w14:textId="77777777">'
        "<w:r><w:annotationRef/></w:r>"
        f"<w:r>{body}</w:r></w:p></w:comment>"
    )


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:3]).upper()


def comments_extended_xml(notes: Sequence[Note]) -> str:
    entries = "".join(
        f'<w15:commentEx w15:paraId="{paragraph_id(index)}"'
        + (f' w15:paraIdParent="{paragraph_id(note.parent)}"' if note.parent is not None else "")
        + f' w15:done="{int(note.done)}"/>'
        for index, note in enumerate(notes)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w15:commentsEx xmlns:w15="{W15_NAMESPACE}">{entries}</w15:commentsEx>'
    )
