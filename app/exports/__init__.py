"""Records of a comparison that leave Diptych: a Word document with tracked changes.

Pure functions over a `Comparison` and plain data (labels, times, comments):
no web, store or file access here, and `app.core` never imports this package.
"""

from app.exports.docx import MEDIA_TYPE, DocumentInfo, tracked_changes_docx
from app.exports.notes import Note

__all__ = ["MEDIA_TYPE", "DocumentInfo", "Note", "tracked_changes_docx"]
