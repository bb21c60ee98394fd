"""Every URL the app serves or links to, built in one place.

Routes are declared with the `*_PATH` patterns and templates get this module
as the global `urls`, so a link and the route it points at cannot drift
apart. Functions return root-relative paths (what HTML links need);
`absolute` turns one into the full URL under `public_base` for share links.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import urlencode

from app.core import ChangeClass, CompareOptions, RowOp
from app.settings import Settings

LIBRARY_PATH = "/"
NEW_PATH = "/new"
COMPARISON_PATH = "/c/{comparison_id}"
COMPARISON_JSON_PATH = "/c/{comparison_id}.json"
COMPARISON_DOCX_PATH = "/c/{comparison_id}.docx"
COMPARISON_HTML_PATH = "/c/{comparison_id}.html"
COMPARISON_PDF_PATH = "/c/{comparison_id}.pdf"
NAME_PATH = "/name"
COMMENTS_PATH = "/c/{comparison_id}/comments"
COMMENT_ACTION_PATH = "/c/{comparison_id}/comments/{comment_id}/{action}"
MARKS_PATH = "/c/{comparison_id}/marks"
OWNER_SETTINGS_PATH = "/c/{comparison_id}/settings"
DELETE_PATH = "/c/{comparison_id}/delete"
CORRECTIONS_PATH = "/c/{comparison_id}/corrections"
CORRECTIONS_JSON_PATH = "/c/{comparison_id}/corrections.json"
REVISION_PATH = "/c/{comparison_id}/revision.json"
STORY_PATH = "/s/{story_id}"
STORY_JSON_PATH = "/s/{story_id}.json"
STORY_PAIR_PATH = "/s/{story_id}/compare"
STORY_DELETE_PATH = "/s/{story_id}/delete"
STORIES_PATH = "/stories"
NEW_STORY_PATH = "/stories/new"
API_STORIES_PATH = "/api/stories"
API_STORY_PATH = "/api/stories/{story_id}"
STORY_WATCH_PATH = "/s/{story_id}/watch"
STORY_UNWATCH_PATH = "/s/{story_id}/watch/{link_id}/remove"
API_STORY_WATCHED_PATH = "/api/stories/{story_id}/watched"
API_STORY_WATCHED_LINK_PATH = "/api/stories/{story_id}/watched/{link_id}"
API_PREFIX = "/api/"
API_COMPARISONS_PATH = "/api/comparisons"
API_COMPARISON_PATH = "/api/comparisons/{comparison_id}"
API_COMMENTS_PATH = "/api/comparisons/{comparison_id}/comments"
API_COMMENT_PATH = "/api/comparisons/{comparison_id}/comments/{comment_id}"
API_MARKS_PATH = "/api/comparisons/{comparison_id}/marks"
STATIC_PREFIX = "/static"
DOCS_PATH = "/docs"
DOCS_ASSETS_PREFIX = "/docs/assets"  # Swagger UI's own files, from the package that ships them
OPENAPI_PATH = "/openapi.json"

DEFAULT_PAGE_SIZE = 20
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::"})


class View(StrEnum):
    """How the comparison page lays out its rows."""

    SIDE = "side"  # two aligned columns
    INLINE = "inline"  # one column, deletions and insertions inline


class CommentAction(StrEnum):
    """What a form does to a comment (the last part of its URL)."""

    EDIT = "edit"
    RESOLVE = "resolve"
    REOPEN = "reopen"
    DELETE = "delete"


class ReviewFilter(StrEnum):
    """`?review=`: only the rows with a change in that state of the review."""

    UNCHECKED = "unchecked"
    QUERIED = "queried"
    CORRECT = "correct"


class Folds(StrEnum):
    """`?folds=`: how the runs of unchanged rows are shown (folded by default)."""

    OPEN = "open"


class Ignore(StrEnum):
    """A kind of difference the page can hide (the engine's ignore options), in
    the canonical order of the `ignore` parameter."""

    TYPOGRAPHY = "typography"
    CASE = "case"
    PUNCTUATION = "punctuation"

    @property
    def option(self) -> str:
        """The name of the engine's option: ignore_typography..."""
        return f"ignore_{self.value}"


# `?ignore=none`: no ignore option, even where the stored comparison has some.
IGNORE_NONE = "none"
IGNORE_CHOICES = f"{', '.join(Ignore)} or {IGNORE_NONE}"


def _with_query(path: str, **params: str | int | None) -> str:
    # Parameters at their default (None, "" or 0) are left out, so each page
    # has one canonical URL; commas stay commas (ignore=typography,case).
    query = urlencode({name: value for name, value in params.items() if value}, safe=",")
    return f"{path}?{query}" if query else path


def library(q: str = "", offset: int = 0, limit: int = DEFAULT_PAGE_SIZE) -> str:
    return _with_query(
        LIBRARY_PATH, q=q, offset=offset, limit=None if limit == DEFAULT_PAGE_SIZE else limit
    )


def new() -> str:
    return NEW_PATH


def comparison(
    comparison_id: str,
    view: View = View.SIDE,
    ignore: Collection[Ignore] | None = None,
    change_class: ChangeClass | None = None,
    review: ReviewFilter | None = None,
    comment: int | None = None,
    reply: str | None = None,
    *,
    row_kind: RowOp | None = None,
    folds: Folds | None = None,
) -> str:
    """A comparison page; `ignore` None shows it with its stored options, a set
    (empty too) with those ignore options instead; `change_class` shows only the
    rows with a change of that class, `row_kind` only the rows of that kind
    (moved, inserted...), `review` those with a change in that state of the
    review; `folds` open shows the unchanged runs unfolded; `comment` opens the
    comment form on that row, `reply` the reply form of that thread."""
    path = COMPARISON_PATH.format(comparison_id=comparison_id)
    return _with_query(
        path,
        view=None if view is View.SIDE else view.value,
        ignore=ignore_parameter(ignore),
        **{"class": change_class.value if change_class else None},
        kind=row_kind.value if row_kind else None,
        folds=folds.value if folds else None,
        review=review.value if review else None,
        comment=comment,
        reply=reply,
    )


def name() -> str:
    """Where a commenter's typed name is kept (in a cookie) for their next comments."""
    return NAME_PATH


def comments(comparison_id: str) -> str:
    return COMMENTS_PATH.format(comparison_id=comparison_id)


def comment_action(comparison_id: str, comment_id: str, action: CommentAction) -> str:
    return COMMENT_ACTION_PATH.format(
        comparison_id=comparison_id, comment_id=comment_id, action=action.value
    )


def marks(comparison_id: str) -> str:
    return MARKS_PATH.format(comparison_id=comparison_id)


def owner_settings(comparison_id: str) -> str:
    return OWNER_SETTINGS_PATH.format(comparison_id=comparison_id)


def delete(comparison_id: str) -> str:
    return DELETE_PATH.format(comparison_id=comparison_id)


def corrections(comparison_id: str) -> str:
    return CORRECTIONS_PATH.format(comparison_id=comparison_id)


def corrections_json(comparison_id: str) -> str:
    return CORRECTIONS_JSON_PATH.format(comparison_id=comparison_id)


def revision(comparison_id: str) -> str:
    return REVISION_PATH.format(comparison_id=comparison_id)


def api_comments(comparison_id: str) -> str:
    return API_COMMENTS_PATH.format(comparison_id=comparison_id)


def api_comment(comparison_id: str, comment_id: str) -> str:
    return API_COMMENT_PATH.format(comparison_id=comparison_id, comment_id=comment_id)


def comment_anchor(comment_id: str) -> str:
    return f"comment-{comment_id}"


def comparison_json(comparison_id: str, ignore: Collection[Ignore] | None = None) -> str:
    path = COMPARISON_JSON_PATH.format(comparison_id=comparison_id)
    return _with_query(path, ignore=ignore_parameter(ignore))


def comparison_docx(comparison_id: str, ignore: Collection[Ignore] | None = None) -> str:
    """The comparison as a Word document with tracked changes."""
    path = COMPARISON_DOCX_PATH.format(comparison_id=comparison_id)
    return _with_query(path, ignore=ignore_parameter(ignore))


def comparison_html(
    comparison_id: str,
    view: View | None = None,
    download: bool = False,
    ignore: Collection[Ignore] | None = None,
) -> str:
    """The comparison as one self-contained HTML file; `download` asks to save it."""
    path = COMPARISON_HTML_PATH.format(comparison_id=comparison_id)
    return _with_query(
        path,
        view=view.value if view else None,
        ignore=ignore_parameter(ignore),
        download=1 if download else None,
    )


def comparison_pdf(
    comparison_id: str,
    view: View | None = None,
    paper: str | None = None,
    ignore: Collection[Ignore] | None = None,
) -> str:
    """The comparison as a PDF report (`paper`: "a4" or "letter")."""
    path = COMPARISON_PDF_PATH.format(comparison_id=comparison_id)
    return _with_query(
        path, view=view.value if view else None, ignore=ignore_parameter(ignore), paper=paper
    )


def ignore_parameter(ignore: Collection[Ignore] | None) -> str | None:
    """The value of `?ignore=`: the options in canonical order, "none" for none."""
    if ignore is None:
        return None
    return ",".join(option.value for option in Ignore if option in ignore) or IGNORE_NONE


def parse_ignore(values: Iterable[str] | None) -> frozenset[Ignore] | None:
    """The ignore options asked for by `?ignore=` (given once, comma-separated, or
    repeated, as a form sends it), or None if it is absent; ValueError if unknown."""
    if values is None:
        return None
    names = {name.strip() for value in values for name in value.split(",")} - {"", IGNORE_NONE}
    known = {option.value: option for option in Ignore}
    unknown = sorted(names - known.keys())
    if unknown:
        raise ValueError(f"ignore: unknown {', '.join(unknown)}; choose from {IGNORE_CHOICES}")
    return frozenset(known[name] for name in names)


def ignores_of(options: CompareOptions) -> frozenset[Ignore]:
    return frozenset(option for option in Ignore if getattr(options, option.option))


@dataclass(frozen=True, slots=True)
class ComparisonAddress:
    """Where a comparison page stands: its id, view, ignore options and class filter.

    `ignore` is what the page shows, `stored_ignore` what the comparison was
    stored with: the URL names the ignore options only when they differ, so
    every page has one canonical URL.
    """

    comparison_id: str
    view: View = View.SIDE
    ignore: frozenset[Ignore] = frozenset()
    stored_ignore: frozenset[Ignore] = frozenset()
    change_class: ChangeClass | None = None
    review: ReviewFilter | None = None
    row_kind: RowOp | None = None
    folds: Folds | None = None

    @property
    def _ignore(self) -> frozenset[Ignore] | None:
        return None if self.ignore == self.stored_ignore else self.ignore

    @property
    def is_stored_view(self) -> bool:
        """Whether the page shows the comparison with its own ignore options,
        which its comments and marks belong to."""
        return self.ignore == self.stored_ignore

    def path(self) -> str:
        return comparison(
            self.comparison_id,
            self.view,
            self._ignore,
            self.change_class,
            self.review,
            row_kind=self.row_kind,
            folds=self.folds,
        )

    def commenting(self, row: int) -> str:
        """This page with the comment form open on `row` (the link without JavaScript)."""
        path = comparison(
            self.comparison_id,
            self.view,
            self._ignore,
            self.change_class,
            self.review,
            row,
            row_kind=self.row_kind,
            folds=self.folds,
        )
        return path + fragment(review_anchor(row))

    def replying(self, thread_id: str) -> str:
        """This page with the reply form of a thread open (the link without JavaScript)."""
        path = comparison(
            self.comparison_id,
            self.view,
            self._ignore,
            self.change_class,
            self.review,
            None,
            thread_id,
            row_kind=self.row_kind,
            folds=self.folds,
        )
        return path + fragment(comment_anchor(thread_id))

    def reviewing(self, review: ReviewFilter | None) -> str:
        return replace(self, review=review).path()

    def stored_view(self) -> str:
        return replace(self, ignore=self.stored_ignore, review=None).path()

    def json_path(self) -> str:
        return comparison_json(self.comparison_id, self._ignore)

    def docx_path(self) -> str:
        return comparison_docx(self.comparison_id, self._ignore)

    def html_path(self) -> str:
        """The HTML report of what this page shows, to save."""
        return comparison_html(self.comparison_id, download=True, ignore=self._ignore)

    def pdf_path(self) -> str:
        return comparison_pdf(self.comparison_id, ignore=self._ignore)

    def in_view(self, view: View) -> str:
        return replace(self, view=view).path()

    def filtered(self, change_class: ChangeClass | None) -> str:
        return replace(self, change_class=change_class).path()

    def kind_filtered(self, row_kind: RowOp | None) -> str:
        """This page showing only the rows of `row_kind` (all rows for None)."""
        return replace(self, row_kind=row_kind).path()

    def unfiltered(self) -> str:
        """This page with every row: no class and no row-kind filter."""
        return replace(self, change_class=None, row_kind=None).path()

    def with_folds(self, folds: Folds | None) -> str:
        """This page with its unchanged runs unfolded (OPEN) or folded (None)."""
        return replace(self, folds=folds).path()

    @property
    def is_filtered(self) -> bool:
        return self.change_class is not None or self.row_kind is not None

    def toggled(self, option: Ignore) -> str:
        """This page with `option` switched (ignored if shown, shown if ignored)."""
        return replace(self, ignore=self.ignore ^ {option}).path()


def row_anchor(number: int) -> str:
    """The id of the row's <tr>: r1, r2, ... in the order of the comparison's rows."""
    return f"r{number}"


def review_anchor(number: int) -> str:
    """The id of the row's review cell: its threads, marks and comment form."""
    return f"r{number}-review"


def move_origin_anchor(number: int) -> str:
    """The id of the placeholder left where moved row `number` stood in the left text."""
    return f"r{number}-origin"


def fold_anchor(number: int) -> str:
    return f"fold-{number}"


def fragment(anchor: str) -> str:
    return f"#{anchor}"


def api_comparisons(q: str = "", offset: int = 0, limit: int = DEFAULT_PAGE_SIZE) -> str:
    return _with_query(
        API_COMPARISONS_PATH,
        q=q,
        offset=offset,
        limit=None if limit == DEFAULT_PAGE_SIZE else limit,
    )


def api_comparison(comparison_id: str) -> str:
    return API_COMPARISON_PATH.format(comparison_id=comparison_id)


class StorySort(StrEnum):
    """A column the copies table can be sorted by (`?sort=kept`, `?sort=-kept` descending)."""

    VERSION = "version"
    KEPT = "kept"
    REWORDED = "reworded"
    CUT = "cut"
    NEW = "new"
    QUOTE = "quote"
    NAME = "name"
    NUMBER = "number"
    ATTRIBUTION = "attribution"


def story(
    story_id: str, base: int | None = None, sort: StorySort | None = None, descending: bool = False
) -> str:
    """A story's page: its timeline, or with `base` every version against that one
    (its copies table sorted by `sort`)."""
    order = None if sort is None else f"-{sort.value}" if descending else sort.value
    path = STORY_PATH.format(story_id=story_id)
    # base=0 is a value here, not the default, so it is spelt out.
    return _with_query(path, base=None if base is None else str(base), sort=order)


def story_json(story_id: str, base: int | None = None) -> str:
    path = STORY_JSON_PATH.format(story_id=story_id)
    return _with_query(path, base=None if base is None else str(base))


def story_pair(story_id: str, left: int | None = None, right: int | None = None) -> str:
    """Where the picker of two versions sends `from` and `to` (a GET form), or,
    with `left` and `right`, the link to those two versions' comparison."""
    path = STORY_PAIR_PATH.format(story_id=story_id)
    if left is None or right is None:
        return path
    return _with_query(path, **{"from": str(left), "to": str(right)})


def story_delete(story_id: str) -> str:
    return STORY_DELETE_PATH.format(story_id=story_id)


def stories(offset: int = 0) -> str:
    """The listed stories, newest first."""
    return _with_query(STORIES_PATH, offset=offset)


def new_story() -> str:
    return NEW_STORY_PATH


def api_stories(offset: int = 0) -> str:
    return _with_query(API_STORIES_PATH, offset=offset)


def api_story(story_id: str) -> str:
    return API_STORY_PATH.format(story_id=story_id)


def story_watch(story_id: str) -> str:
    """Where the owner's form to watch a link (or resume one) posts."""
    return STORY_WATCH_PATH.format(story_id=story_id)


def story_unwatch(story_id: str, link_id: int) -> str:
    return STORY_UNWATCH_PATH.format(story_id=story_id, link_id=link_id)


def api_story_watched(story_id: str) -> str:
    return API_STORY_WATCHED_PATH.format(story_id=story_id)


def api_story_watched_link(story_id: str, link_id: int) -> str:
    return API_STORY_WATCHED_LINK_PATH.format(story_id=story_id, link_id=link_id)


def static(name: str) -> str:
    return f"{STATIC_PREFIX}/{name}"


def docs() -> str:
    return DOCS_PATH


def docs_asset(name: str) -> str:
    return f"{DOCS_ASSETS_PREFIX}/{name}"


def openapi() -> str:
    return OPENAPI_PATH


def absolute(base_url: str, path: str) -> str:
    """`path` (from the functions above) as a full URL under `base_url`."""
    return base_url.rstrip("/") + path


def public_base(settings: Settings) -> str:
    """Where readers reach the server, share links' base: the public_url
    setting, else the address it listens on (a wildcard one: localhost).
    Never the request's Host header, which the client chooses."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = settings.host if settings.host not in WILDCARD_ADDRESSES else "localhost"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{settings.port}"
