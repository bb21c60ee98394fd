"""What kind of change each change is, worded for an editor: the class labels on
the marks, the summary panel of the comparison page and its filters.

The engine names eight classes (`ChangeClass`, rules in `app.core.classification.classify`);
the page lists them most telling first (a quotation altered matters more than
a curly quote straightened) and only those that occur.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.core import Change, ChangeClass, Row, RowOp
from app.web.urls import ComparisonAddress, Ignore

# The panel's order: substantive classes first, the quiet ones last.
PANEL_ORDER = (
    ChangeClass.QUOTE,
    ChangeClass.NUMBER,
    ChangeClass.NAME,
    ChangeClass.ATTRIBUTION,
    ChangeClass.NEGATION,
    ChangeClass.WORDING,
    ChangeClass.SPELLING,
    ChangeClass.TYPOGRAPHY,
)


@dataclass(frozen=True, slots=True)
class Words:
    tag: str  # the short label: "quote"
    one: str  # what one change is: "quotation altered"
    many: str  # what several are: "quotations altered"
    rows: str  # what rows have: "rows with altered quotations"


WORDS = {
    ChangeClass.QUOTE: Words(
        "quote", "quotation altered", "quotations altered", "altered quotations"
    ),
    ChangeClass.NUMBER: Words("number", "number changed", "numbers changed", "changed numbers"),
    ChangeClass.NAME: Words("name", "name changed", "names changed", "changed names"),
    ChangeClass.ATTRIBUTION: Words(
        "attribution", "attribution changed", "attributions changed", "changed attributions"
    ),
    ChangeClass.NEGATION: Words(
        "negation",
        "negation or hedge changed",
        "negations or hedges changed",
        "changed negations or hedges",
    ),
    ChangeClass.WORDING: Words("wording", "wording change", "wording changes", "wording changes"),
    ChangeClass.SPELLING: Words(
        "spelling", "spelling variant", "spelling variants", "spelling variants"
    ),
    ChangeClass.TYPOGRAPHY: Words(
        "typography", "typography-only change", "typography-only changes", "typography-only changes"
    ),
}

IGNORE_LABELS = {
    Ignore.TYPOGRAPHY: "typography",
    Ignore.CASE: "case",
    Ignore.PUNCTUATION: "punctuation",
}


def counted(kind: ChangeClass, count: int) -> str:
    """'1 quotation altered', '3 quotations altered'."""
    words = WORDS[kind]
    return f"{count} {words.one if count == 1 else words.many}"


def rows_phrase(kind: ChangeClass, count: int) -> str:
    """'1 row with altered quotations', '3 rows with altered quotations'."""
    return f"{count} {'row' if count == 1 else 'rows'} with {WORDS[kind].rows}"


@dataclass(frozen=True, slots=True)
class Mark:
    """The class of a highlighted change: `kind` (its primary class) styles it,
    `title` says every class, as a tooltip and to screen readers."""

    kind: str
    title: str


@lru_cache(maxsize=256)
def mark(classes: tuple[ChangeClass, ...]) -> Mark:
    """'Quotation altered; also name changed, attribution changed'."""
    first, *others = classes
    title = WORDS[first].one.capitalize()
    if others:
        title += "; also " + ", ".join(WORDS[kind].one for kind in others)
    return Mark(first.value, title)


def shown_classes(changes: Iterable[Change]) -> tuple[ChangeClass, ...]:
    """The classes of the changes that are not ignored, in the panel's order."""
    present = {kind for change in changes if not change.ignored for kind in change.classes}
    return tuple(kind for kind in PANEL_ORDER if kind in present)


@dataclass(frozen=True, slots=True)
class ClassFilter:
    """One class in the panel: how many changes have it, a link to its rows."""

    kind: str
    label: str  # "3 quotations altered"
    rows: str  # "in 2 rows"
    title: str  # "Show only the 2 rows with altered quotations"
    href: str
    current: bool


@dataclass(frozen=True, slots=True)
class IgnoreToggle:
    """A link that switches one ignore option: a checkbox that works without a form."""

    option: str
    label: str
    on: bool
    title: str
    href: str

    @property
    def checked(self) -> str:
        """The value of aria-checked."""
        return "true" if self.on else "false"


@dataclass(frozen=True, slots=True)
class ClassPanel:
    filters: tuple[ClassFilter, ...]
    note: str  # what to say instead when there are no filters
    all_href: str
    showing: str  # "Showing 3 rows with altered quotations", or "" when not filtered
    toggles: tuple[IgnoreToggle, ...]


def class_panel(
    class_counts: Mapping[ChangeClass, int],
    rows: Sequence[Row],
    address: ComparisonAddress,
    engine_version: str,
) -> ClassPanel:
    by_rows = Counter(kind for row in rows for kind in shown_classes(row.changes))
    filters = tuple(
        _filter(kind, class_counts[kind], by_rows[kind], address)
        for kind in PANEL_ORDER
        if class_counts.get(kind)
    )
    return ClassPanel(
        filters=filters,
        note=_note(bool(class_counts), engine_version, address),
        all_href=address.unfiltered(),
        showing=_showing(rows, address.change_class, address.row_kind),
        toggles=tuple(_toggle(option, address) for option in Ignore),
    )


def _showing(rows: Sequence[Row], chosen: ChangeClass | None, kind: RowOp | None) -> str:
    """'Showing 3 rows with altered quotations', 'Showing 2 moved rows', or ''."""
    if chosen is None and kind is None:
        return ""
    shown = [row for row in rows if kind is None or row.op is kind]
    if chosen is not None:
        shown = [row for row in shown if chosen in shown_classes(row.changes)]
        if kind is None:
            return f"Showing {rows_phrase(chosen, len(shown))}"
    noun = "row" if len(shown) == 1 else "rows"
    with_class = f" with {WORDS[chosen].rows}" if chosen else ""
    return f"Showing {len(shown)} {kind.value if kind else ''} {noun}{with_class}"


def _note(classified: bool, engine_version: str, address: ComparisonAddress) -> str:
    if not classified:
        return (
            "Change classes need engine 1.1; "
            f"this comparison was computed by engine {engine_version}."
        )
    return "No differences but those ignored." if address.ignore else "No differences."


def _filter(kind: ChangeClass, changes: int, rows: int, address: ComparisonAddress) -> ClassFilter:
    return ClassFilter(
        kind=kind.value,
        label=counted(kind, changes),
        rows=f"in {rows} {'row' if rows == 1 else 'rows'}",
        title=f"Show only the {rows_phrase(kind, rows)}",
        href=address.filtered(kind),
        current=address.change_class is kind,
    )


def _toggle(option: Ignore, address: ComparisonAddress) -> IgnoreToggle:
    on = option in address.ignore
    label = IGNORE_LABELS[option]
    title = f"Show differences of {label} again" if on else f"Hide differences of {label}"
    return IgnoreToggle(option.value, label, on, title, address.toggled(option))
