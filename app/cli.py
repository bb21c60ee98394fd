"""The `diptych` command: `diptych compare LEFT RIGHT`, `diptych story V1 V2 ...`,
`diptych serve`, `diptych purge`, `diptych watch`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_type_hints

from app.core import CompareOptions, Comparison, Granularity, compare_encoded, compare_with
from app.core.segmentation.languages import DETECT, LANGUAGES
from app.ingest import Article, InputError, InputTooLargeError, ReadLimits, read_limits, read_path
from app.settings import ENV_PREFIX, Settings, parse_bool, settings_help
from app.textformat import render_text
from app.watch.command import add_watch_command

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
# The server's settings that limit reading a file: `compare` applies them too,
# each raised by its flag (or DIPTYCH_* variable), keyed by the ReadLimits field.
READ_LIMIT_SETTINGS = {
    "max_text_bytes": "max_text_bytes",
    "max_file_bytes": "fetch_max_bytes",
    "max_unpacked_bytes": "docx_max_unpacked_bytes",
    "pdf_max_pages": "pdf_max_pages",
    "pdf_timeout": "pdf_timeout",
}
# A story's command takes the same limits, and the story's own.
STORY_LIMIT_SETTINGS = {*READ_LIMIT_SETTINGS.values(), "story_max_bytes"}
IGNORE_FLAGS = {
    "typography": "typography (quote marks, dashes, ellipses, spacing)",
    "case": "letter case",
    "punctuation": "punctuation",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    result: int = handler(args)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diptych", description=__doc__)
    commands = parser.add_subparsers(title="commands")
    comparing = commands.add_parser(
        "compare",
        help="compare two files",
        description=(
            "Compare two files within the server's limits (the settings below; a flag or "
            "its DIPTYCH_* variable raises one). --fetch-max-bytes caps each file read."
        ),
    )
    what = "text (.txt, .md, any encoding), web page (.html), Word (.docx) or PDF (.pdf) file"
    comparing.add_argument("left", help=f"the original version: a {what}")
    comparing.add_argument("right", help=f"the new version: a {what}")
    comparing.add_argument(
        "--format",
        choices=("json", "text", "docx", "html", "pdf"),
        default="text",
        help="text (default), the comparison's JSON, a Word document of the right "
        "text with the changes tracked against the left one (needs -o), or the "
        "report as one HTML file or an A4 PDF (needs -o)",
    )
    comparing.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    comparing.add_argument(
        "--granularity",
        choices=("word", "char"),
        default="word",
        help="diff inside aligned sentences by word (default) or by character",
    )
    comparing.add_argument(
        "--language",
        default=DETECT,
        metavar="CODE",
        help=f"language of the texts: {', '.join(LANGUAGES)} (or another code sentencex knows), "
        "or detect (default): read from the texts",
    )
    for kind, what in IGNORE_FLAGS.items():
        comparing.add_argument(
            f"--ignore-{kind}",
            action="store_true",
            help=f"neither mark nor count differences of {what}",
        )
    _add_setting_flags(comparing, set(READ_LIMIT_SETTINGS.values()))
    comparing.set_defaults(handler=_compare)
    _add_story(commands)
    _add_serve(commands)
    purging = commands.add_parser(
        "purge",
        help="delete the expired comparisons now",
        description=(
            "Delete every expired comparison with its texts, comments and marks, and every "
            "expired story with its versions and comparisons, from the database (the "
            "server does it too, at start-up and every --sweep-interval)."
        ),
    )
    purging.add_argument(
        "--database-url",
        default=None,
        help="the database (default: DIPTYCH_DATABASE_URL, else sqlite:///var/diptych.db)",
    )
    purging.set_defaults(handler=_purge)
    add_watch_command(commands)
    return parser


def _add_serve(commands: Any) -> None:
    serving = commands.add_parser(
        "serve",
        help="run the web app",
        description="Run the web app. Each flag overrides its DIPTYCH_* environment variable.",
    )
    _add_setting_flags(serving)
    serving.set_defaults(handler=_serve)


def _add_setting_flags(parser: argparse.ArgumentParser, names: set[str] | None = None) -> None:
    """A flag for each setting (of `names`, if given), its default None: unset."""
    types = get_type_hints(Settings)
    for flag, variable, unit, default, text in settings_help():
        name = _setting_name(flag)
        if names is not None and name not in names:
            continue
        parser.add_argument(
            flag,
            dest=name,
            type=parse_bool if types[name] is bool else types[name],
            default=None,
            metavar=unit.upper().replace(" ", "_"),
            help=f"{text} Default: {default or '(none)'}; environment: {variable}.",
        )


def _add_story(commands: Any) -> None:
    story = commands.add_parser(
        "story",
        help="compare 2 to 50 versions of one article",
        description=(
            "Each version against the one before (a timeline), or with --base K each "
            "against version K (one source and its copies); versions numbered from 0."
        ),
    )
    story.add_argument("versions", nargs="+", metavar="VERSION", help="the files, in order")
    story.add_argument("--base", type=int, default=None, help="compare each with version BASE")
    story.add_argument("--format", choices=("json", "text"), default="text")
    _add_setting_flags(story, STORY_LIMIT_SETTINGS)
    story.set_defaults(handler=_story)


def _story(args: argparse.Namespace) -> int:
    from app.story.inputs import VersionInput
    from app.story.report import offline_story, story_json, story_text

    try:
        settings = _flagged_settings(args, STORY_LIMIT_SETTINGS)
        limits = read_limits(settings)
        articles = [read_path(path, limits) for path in args.versions]
        versions = [
            VersionInput(article.text, Path(path).name)
            for article, path in zip(articles, args.versions, strict=True)
        ]
        story = offline_story(
            versions, args.base, settings.max_text_bytes, settings.story_max_bytes
        )
    except (InputError, ValueError, MemoryError) as error:
        return _refused(error)
    if args.format == "json":
        return _write(json.dumps(story_json(story), ensure_ascii=False) + "\n", None)
    return _write(story_text(story), None)


def _setting_name(flag: str) -> str:
    return flag.removeprefix("--").replace("-", "_")


def _compare(args: argparse.Namespace) -> int:
    if args.format in ("docx", "pdf") and not args.output:
        print(
            f"diptych: --format {args.format} writes a binary file: give it a name with -o FILE",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        limits = _read_limits(args)
        left, right = read_path(args.left, limits), read_path(args.right, limits)
    except (InputError, ValueError, MemoryError) as error:
        return _refused(error)
    options = CompareOptions(
        granularity=Granularity(args.granularity),
        language=args.language,
        ignore_typography=args.ignore_typography,
        ignore_case=args.ignore_case,
        ignore_punctuation=args.ignore_punctuation,
    )
    if args.format == "json":
        # The JSON text the server stores, each row let go once encoded: for
        # 2 MB of one-word paragraphs a side, 0.5 GB at the peak, where the
        # JSON built as objects first took 1.6 GB.
        encoded = compare_encoded(left.text, right.text, options)
        return _write(encoded.json_text + "\n", args.output)
    comparison = compare_with(left.text, right.text, options)
    output: str | bytes
    if args.format == "docx":
        output = _word_document(comparison, right, Path(args.right).name)
    elif args.format in ("html", "pdf"):
        output = _report(comparison, (left, right), (args.left, args.right), args.format == "pdf")
    else:
        colour = sys.stdout.isatty() and not args.output
        output = render_text(comparison, colour=colour)
    return _write(output, args.output)


def _read_limits(args: argparse.Namespace) -> ReadLimits:
    """The server's read limits, from the environment and the flags given."""
    return read_limits(_flagged_settings(args, set(READ_LIMIT_SETTINGS.values())))


def _flagged_settings(args: argparse.Namespace, names: set[str]) -> Settings:
    """The settings from the environment, with the flags of `names` given."""
    return Settings.from_environment(**{name: getattr(args, name) for name in names})


def _refused(error: Exception) -> int:
    """Say why the files cannot be compared; the exit status."""
    if isinstance(error, MemoryError):
        print("diptych: out of memory reading the files", file=sys.stderr)
        return EXIT_FAILED
    raise_it = _raised_by(error.limit) if isinstance(error, InputTooLargeError) else ""
    print(f"diptych: {error}{raise_it}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _raised_by(limit: str) -> str:
    """How to raise the limit `limit` (a ReadLimits field), if a flag can."""
    setting = READ_LIMIT_SETTINGS.get(limit)
    return f" (raise the limit with --{setting.replace('_', '-')})" if setting else ""


def _word_document(comparison: Comparison, right: Article, right_name: str) -> bytes:
    """The .docx: its revisions by the right file (its title, else its name), now."""
    from app.exports import DocumentInfo, tracked_changes_docx
    from app.naming import default_title

    title = right.title or default_title(comparison.right.text)
    info = DocumentInfo(title, right.title or right_name, datetime.now(UTC))
    return tracked_changes_docx(comparison, info)


def _report(
    comparison: Comparison, articles: tuple[Article, Article], paths: tuple[str, str], pdf: bool
) -> str | bytes:
    """The report (HTML, or an A4 PDF), each side labelled by its title, else its file's name."""
    from app.naming import default_title
    from app.web.exports.report import Paper, file_report
    from app.web.serving.rendering import TEMPLATES_DIR, Renderer, templates_environment

    left, right = (a.title or Path(p).name for a, p in zip(articles, paths, strict=True))
    title = articles[1].title or default_title(comparison.right.text)
    pages = Renderer(templates_environment(TEMPLATES_DIR))
    return file_report(pages, comparison, title, (left, right), Paper.A4 if pdf else None)


def _write(output: str | bytes, path: str | None) -> int:
    if path is None:
        sys.stdout.write(output if isinstance(output, str) else output.decode())
        return 0
    try:
        Path(path).write_bytes(output.encode("utf-8") if isinstance(output, str) else output)
    except OSError as error:
        print(f"diptych: cannot write {path}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


# The app believes forwarded headers from its trusted_proxies only (uvicorn
# would from 127.0.0.1). On SIGTERM, requests still running after the grace
# period are cancelled, so that a long comparison does not hold up a restart
# (its worker process is stopped at shutdown).
SERVER_OPTIONS: dict[str, Any] = {"proxy_headers": False, "timeout_graceful_shutdown": 5}


def _serve(args: argparse.Namespace) -> int:
    overrides = {setting.name: getattr(args, setting.name) for setting in fields(Settings)}
    try:
        settings = Settings.from_environment(**overrides)
        read_limits(settings)  # a limit under its minimum: said now, not per upload
    except ValueError as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if settings.workers < 1:
        print("diptych: --workers must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT
    # Imported here so that `diptych compare` never loads the web stack.
    import uvicorn

    from app.web.app import create_app

    if settings.workers == 1:
        uvicorn.run(create_app(settings), **SERVER_OPTIONS, host=settings.host, port=settings.port)
        return 0
    # Worker processes build their own app, from the environment: export the
    # settings so that flags reach them too.
    os.environ.update(settings_environment(settings))
    uvicorn.run(
        "app.web.app:app_from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        **SERVER_OPTIONS,
    )
    return 0


def _purge(args: argparse.Namespace) -> int:
    from app.service import ComparisonService
    from app.store import StoreError, open_store
    from app.story import StoryService

    try:
        settings = Settings.from_environment(database_url=args.database_url)
        with open_store(settings.database_url) as store:
            service = ComparisonService(store, settings)
            stories = StoryService(service).sweep()  # with their comparisons
            swept = service.sweep()
    except ValueError as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as error:  # read-only, locked, full, down, or newer than this code
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_FAILED
    if stories:
        print(f"{stories} expired stor{'y' if stories == 1 else 'ies'} deleted")
    print(f"{swept} expired comparison{'' if swept == 1 else 's'} deleted")
    return 0


def settings_environment(settings: Settings) -> dict[str, str]:
    """The DIPTYCH_* variables that `Settings.from_environment` reads back as `settings`."""
    return {
        ENV_PREFIX + setting.name.upper(): str(getattr(settings, setting.name))
        for setting in fields(settings)
    }


def entry_point() -> None:
    sys.exit(main())
