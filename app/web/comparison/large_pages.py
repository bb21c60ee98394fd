"""The pages of large comparisons, rendered in an engine process.

Rendering a page is Python that holds the interpreter lock throughout: for
a long pair, seconds (one 2 MB sentence a side: 10 s, 47 MB of HTML). In a
thread of the server it shares the lock with the thread that answers every
other request, which then waits up to a switch interval (5 ms) at each of
its reads and writes: while that page was first opened, the seed page's
p99 rose from 41 to 380 ms and its rate fell five-fold (bench/stall.py).
In an engine process it costs the server a waiting thread, counted against
the pool's bound like a comparison; what is shown (`variants.Shown`: the
record, and the JSON of the view, its own or a variant's) crosses as texts
(app.store.json_text), never decoded in the server, and the page comes
back as one bytes object. So are its JSON twin and its exports (the Word
file and the report), and every PDF's layout (app.web.exports.reports).

There the collector is held off while a job runs (app.collector): a third
of the time of the page of 0.5 MB of one-word paragraphs (7.1 -> 4.6 s).
The server's own collector stays on while it waits.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from typing import TypeVar

from app.collector import collector_held_off
from app.engine_pool import EnginePool
from app.review import Review
from app.store import StoredComparison
from app.web.comparison.document import document_page
from app.web.comparison.page import PageRequest, PageViewer, render_comparison
from app.web.comparison.variants import Shown
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
    showing: Shown,
    job: tuple[Hashable, Callable[[], Made]],
    here: Callable[[], Made],
) -> Made:
    """What a view makes of `showing` (a page, a document): for a large
    comparison, by `job` (its key, for single flight, and a picklable call)
    in an engine process; else by `here`, in this thread."""
    if is_large(showing.record):
        key, call = job
        return engines.run(key, call)
    return here()


@cache
def templates() -> Renderer:
    """The templates, in an engine process: built by its first page."""
    return Renderer(templates_environment(TEMPLATES_DIR))


@collector_held_off()
def engine_page(
    showing: Shown,
    asked: PageRequest,
    review: Review | None,
    viewer: PageViewer,
    story: StoryFrame | None,
) -> RenderedPage:
    """The page `render_comparison` makes, in an engine process (`EnginePool.run`)."""
    return render_comparison(templates(), showing, asked, review, viewer, story)


@collector_held_off()
def engine_document(showing: Shown, review: Review | None) -> RenderedPage:
    """The JSON twin `document_page` makes, in an engine process (`EnginePool.run`)."""
    return document_page(showing, review)
