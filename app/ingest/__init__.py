"""Turning what a user gives us (a file, an upload, a link) into the text we compare.

- `read_upload(data, filename, content_type)`: an uploaded file: plain text
  (.txt, .md) in any encoding we can tell, a web page (.html, .htm) reduced
  to its article, a Word document (.docx) or a PDF (.pdf) whose paragraphs
  are rebuilt from its layout.
- `read_path(path)`: the same for a file on disk.
- `fetch_article(url, policy)`: the article a link points to, fetched
  server-side within a FetchPolicy (no private addresses, size and time caps).
- `decode_text(data, name)`, `read_text_file(path)`: the strict UTF-8 readers
  the CLI and the seeds use.

Each gives the text, or an InputError whose message names the input and the
problem ("report.pdf: is a binary file, not text"); InputTooLargeError if
it is past one of the ReadLimits (a file is untrusted: see app.ingest.limits).
"""

from __future__ import annotations

from app.ingest.article import Article, Kind
from app.ingest.errors import InputError, InputTooLargeError
from app.ingest.limits import PdfLimits, ReadLimits, read_limits
from app.ingest.policy import FetchPolicy
from app.ingest.text import decode_text, read_text_file
from app.ingest.upload import ACCEPTED, read_path, read_upload

__all__ = [
    "ACCEPTED",
    "Article",
    "FetchPolicy",
    "InputError",
    "InputTooLargeError",
    "Kind",
    "PdfLimits",
    "ReadLimits",
    "decode_text",
    "fetch_article",
    "read_limits",
    "read_path",
    "read_text_file",
    "read_upload",
]


def fetch_article(url: str, policy: FetchPolicy | None = None) -> Article:
    """The article at `url` (http or https), fetched within `policy` (the defaults if None).

    Blocking: call it from a worker thread in async code. Raises InputError
    naming `url` ("http://10.0.0.1/: private addresses are not fetched").
    """
    # Imported here: httpx takes 100 ms to import, which every CLI run would
    # pay whether or not it fetches.
    from app.ingest.fetch import fetch

    return fetch(url, policy or FetchPolicy())
