"""The `diptych` command: `diptych compare LEFT RIGHT`, `diptych serve`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from app.core import compare
from app.core.serialize import comparison_to_json
from app.ingest import InputError, read_text_file
from app.textformat import render_text

EXIT_BAD_INPUT = 2


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
    comparing = commands.add_parser("compare", help="compare two text files")
    comparing.add_argument("left", help="the original version (UTF-8 text file)")
    comparing.add_argument("right", help="the new version (UTF-8 text file)")
    comparing.add_argument("--format", choices=("json", "text"), default="text")
    comparing.add_argument(
        "--granularity",
        choices=("word", "char"),
        default="word",
        help="diff inside aligned sentences by word (default) or by character",
    )
    comparing.add_argument("--language", default="en", help="language of the texts (default en)")
    comparing.set_defaults(handler=_compare)
    return parser


def _compare(args: argparse.Namespace) -> int:
    try:
        left, right = read_text_file(args.left), read_text_file(args.right)
    except InputError as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    comparison = compare(left, right, granularity=args.granularity, language=args.language)
    if args.format == "json":
        json.dump(comparison_to_json(comparison), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(comparison, colour=sys.stdout.isatty()))
    return 0


def entry_point() -> None:
    sys.exit(main())
