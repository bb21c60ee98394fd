"""The `diptych` command: `diptych compare LEFT RIGHT`, `diptych serve`, `diptych purge`."""

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

from app.core import Comparison, compare
from app.core.languages import DETECT, LANGUAGES
from app.core.serialize import comparison_to_json
from app.ingest import Article, InputError, read_path
from app.naming import default_title
from app.service import pdf_limits
from app.settings import ENV_PREFIX, Settings, parse_bool, settings_help
from app.textformat import render_text

EXIT_BAD_INPUT = 2
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
    comparing = commands.add_parser("compare", help="compare two files")
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
    comparing.set_defaults(handler=_compare)
    _add_serve(commands)
    purging = commands.add_parser(
        "purge",
        help="delete the expired comparisons now",
        description=(
            "Delete every expired comparison with its texts, comments and marks from the "
            "database (the server does it too, at start-up and every --sweep-interval)."
        ),
    )
    purging.add_argument(
        "--database-url",
        default=None,
        help="the database (default: DIPTYCH_DATABASE_URL, else sqlite:///var/diptych.db)",
    )
    purging.set_defaults(handler=_purge)
    return parser


def _add_serve(commands: Any) -> None:
    serving = commands.add_parser(
        "serve",
        help="run the web app",
        description="Run the web app. Each flag overrides its DIPTYCH_* environment variable.",
    )
    types = get_type_hints(Settings)
    for flag, variable, unit, default, text in settings_help():
        name = _setting_name(flag)
        serving.add_argument(
            flag,
            dest=name,
            type=parse_bool if types[name] is bool else types[name],
            default=None,
            metavar=unit.upper().replace(" ", "_"),
            help=f"{text} Default: {default or '(none)'}; environment: {variable}.",
        )
    serving.set_defaults(handler=_serve)


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
        # A PDF is read within the limits the server would use (DIPTYCH_PDF_*).
        limits = pdf_limits(Settings.from_environment())
        left, right = read_path(args.left, limits), read_path(args.right, limits)
    except (InputError, ValueError) as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    comparison = compare(
        left.text,
        right.text,
        granularity=args.granularity,
        language=args.language,
        ignore_typography=args.ignore_typography,
        ignore_case=args.ignore_case,
        ignore_punctuation=args.ignore_punctuation,
    )
    output: str | bytes
    if args.format == "docx":
        output = _word_document(comparison, right, Path(args.right).name)
    elif args.format in ("html", "pdf"):
        output = _report(comparison, (left, right), (args.left, args.right), args.format == "pdf")
    elif args.format == "json":
        output = json.dumps(comparison_to_json(comparison), ensure_ascii=False) + "\n"
    else:
        colour = sys.stdout.isatty() and not args.output
        output = render_text(comparison, colour=colour)
    return _write(output, args.output)


def _word_document(comparison: Comparison, right: Article, right_name: str) -> bytes:
    """The .docx: its revisions by the right file (its title, else its name), now."""
    from app.exports import DocumentInfo, tracked_changes_docx

    title = right.title or default_title(comparison.right.text)
    info = DocumentInfo(title, right.title or right_name, datetime.now(UTC))
    return tracked_changes_docx(comparison, info)


def _report(
    comparison: Comparison, articles: tuple[Article, Article], paths: tuple[str, str], pdf: bool
) -> str | bytes:
    """The report (HTML, or an A4 PDF), each side labelled by its title, else its file's name."""
    from app.web.app import TEMPLATES_DIR
    from app.web.rendering import Renderer, templates_environment
    from app.web.report import Paper, file_report

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


def _serve(args: argparse.Namespace) -> int:
    overrides = {setting.name: getattr(args, setting.name) for setting in fields(Settings)}
    try:
        settings = Settings.from_environment(**overrides)
        pdf_limits(settings)  # a page limit under 1 or no time at all: said now, not per upload
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
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
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
    )
    return 0


def _purge(args: argparse.Namespace) -> int:
    from app.service import ComparisonService
    from app.store import open_store

    try:
        settings = Settings.from_environment(database_url=args.database_url)
        with open_store(settings.database_url) as store:
            swept = ComparisonService(store, settings).sweep()
    except ValueError as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
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
