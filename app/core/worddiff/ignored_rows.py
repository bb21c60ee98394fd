"""A row's diff under the ignore options: they may hide differences, never show more.

The diff matched by the ignore options' keys (`diff_texts` with `ignoring`)
can show a change more finely: "The Chief Said no" -> "the chief said
yes" marks only "no" -> "yes". But matching by keys can also cut one change
in two around a hidden mark ("huge upside,”" -> "a huge advantage,\"" becomes
"a" added and "upside" -> "advantage", two quote changes), or take unchanged
text into a change ("more-or-less agreed [" -> "more or less agreed upon").
So a row keeps the keyed diff only where it refines the plain one; else it
takes the plain diff (the one without ignore options), whose changes the
options hide are marked ignored. Either way no count of changes, of a
class or in all, grows, and no mark is coarser than without the options.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.core.model import Change

Span = tuple[int, int]


def refines(keyed: Sequence[Change], plain: Sequence[Change]) -> bool:
    """Whether the changes shown of `keyed` are no more than those of `plain`, of no
    class more often, and each lies inside one of `plain`'s shown changes."""
    keyed_shown = [change for change in keyed if not change.ignored]
    plain_shown = [change for change in plain if not change.ignored]
    if len(keyed_shown) > len(plain_shown):
        return False
    keyed_classes = Counter(kind for change in keyed_shown for kind in change.classes)
    plain_classes = Counter(kind for change in plain_shown for kind in change.classes)
    if any(count > plain_classes[kind] for kind, count in keyed_classes.items()):
        return False
    return _inside([c.left for c in keyed_shown], [c.left for c in plain_shown]) and _inside(
        [c.right for c in keyed_shown], [c.right for c in plain_shown]
    )


def _inside(spans: list[Span | None], outer: list[Span | None]) -> bool:
    """Whether each span lies within one of the outer spans (None: no text on that side)."""
    bounds = [span for span in outer if span is not None]
    return all(
        any(start <= span[0] and span[1] <= end for start, end in bounds)
        for span in spans
        if span is not None
    )
