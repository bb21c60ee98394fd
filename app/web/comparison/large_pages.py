"""The pages of large comparisons, rendered in an engine process.

Rendering a page is Python that holds the interpreter lock throughout: for
a long pair, seconds (one 2 MB sentence a side: 10 s, 47 MB of HTML). In a
thread of the server it shares the lock with the thread that answers every
other request, which then waits up to a switch interval (5 ms) at each of
its reads and writes: while that page was first opened, the seed page's
p99 rose from 41 to 380 ms and its rate fell five-fold (bench/stall.py).
In an engine process it costs the server a waiting thread, counted against
the pool's bound like a comparison; the record crosses as its texts and
JSON text (app.store.json_text), the page comes back as one bytes object.
So are its JSON twin and its exports (the Word file and the report), and
every PDF's layout (app.web.exports.reports). Only the comparison's own
view (its stored ignore options) goes there: a view with other ignore
options needs the server's variant cache.

There the collector is held off while a job runs (app.collector): a third
of the time of the page of 0.5 MB of one-word paragraphs (7.1 -> 4.6 s).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from typing import TypeVar

from app.collector import collector_held_off
from app.engine_pool import EnginePool
from app.review import Review
from app.store import StoredComparison
from app.web import urls
from app.web.comparison.document import document_page
from app.web.comparison.page import PageRequest, PageViewer, render_comparison
from app.web.comparison.variants import stored_shown
from app.web.serving.rendering import TEMPLATES_DIR, RenderedPage, Renderer, templates_environment
from app.web.stories.frame import StoryFrame

# JSON characters from which a comparison is large: its page is seconds of
# rendering, and the collector's passes over its objects are felt by others
# (a pass over a heap grown by a 1 MB comparison's objects takes ~10 ms).
LARGE_JSON_CHARS = 1_000_000

Made = TypeVar("Made")


def is_large(record: StoredComparison) -> bool:
    """Whether the record's page is rendered in an engine process."""
    return len(record.comparison_json.text) >= LARGE_JSON_CHARS


def made_where_cheapest(
    engines: EnginePool,
    record: StoredComparison,
    ignore: frozenset[urls.Ignore] | None,
    job: tuple[Hashable, Callable[[], Made]],
    here: Callable[[], Made],
) -> Made:
    """What a view of `record` makes (a page, a document): a large
    comparison's own view by `job` (its key, for single flight, and a
    picklable call) in an engine process, any other view by `here` in this
    thread. The collector is held off only while a large one is made here,
    never while an engine process makes one (up to minutes). Before the
    hold ends, the record's decoded JSON is let go, freed by reference
    counts, so that the collector's first pass after it does not walk its
    millions of objects (0.65 s for the 2 MB sentence)."""
    if ignore is None and is_large(record):
        key, call = job
        return engines.run(key, call)
    if not is_large(record):
        return here()
    with collector_held_off():
        try:
            return here()
        finally:
            record.comparison_json.forget()


@cache
def templates() -> Renderer:
    """The templates, in an engine process: built by its first page."""
    return Renderer(templates_environment(TEMPLATES_DIR))


@collector_held_off()
def stored_page(
    record: StoredComparison,
    asked: PageRequest,
    review: Review | None,
    viewer: PageViewer,
    story: StoryFrame | None,
) -> RenderedPage:
    """The page of `record` with its own ignore options, as `render_comparison`
    makes it. Runs in an engine process (`EnginePool.run`)."""
    return render_comparison(templates(), stored_shown(record), asked, review, viewer, story)


@collector_held_off()
def stored_document(record: StoredComparison, review: Review | None) -> RenderedPage:
    """The JSON twin of `record` with its own ignore options, as `document_page`
    makes it. Runs in an engine process (`EnginePool.run`)."""
    return document_page(stored_shown(record), review)
