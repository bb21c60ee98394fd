"""The revisions last read from the store, so that kept pages are still served
while the database is away.

A page is kept under its comparison's revision, and served only once the
revision is read again and matches (see app.web.deps.kept_or_rendered). With
the database down (or locked past its timeout) the revision cannot be read:
then the one read last stands in, and the page kept under it is served as
it was then, while anything not kept answers 503.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime

Revision = tuple[int, datetime | None]  # the revision and the expiry time


class LastRevisions:
    """The last revision read of the `max_entries` comparisons read most recently."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._max_entries = max_entries
        self._revisions: OrderedDict[str, Revision] = OrderedDict()
        self._lock = threading.Lock()

    def note(self, comparison_id: str, revision: Revision | None) -> None:
        """Remember what was read (None: no such comparison, so forget it)."""
        with self._lock:
            if revision is None:
                self._revisions.pop(comparison_id, None)
                return
            self._revisions[comparison_id] = revision
            self._revisions.move_to_end(comparison_id)
            while len(self._revisions) > self._max_entries:
                self._revisions.popitem(last=False)

    def get(self, comparison_id: str) -> Revision | None:
        with self._lock:
            return self._revisions.get(comparison_id)
