"""`diptych watch`: check the watched links, as a process of its own."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from app.settings import Settings

EXIT_BAD_INPUT = 2
DESCRIPTION = (
    "Check the links stories watch, each on its schedule, and add a version to the story "
    "when its text changed beyond the noise floor; run one per SQLite database, or as many "
    "as wanted over PostgreSQL. Settings come from the DIPTYCH_WATCH_* and DIPTYCH_FETCH_* "
    "environment variables. Stops on SIGTERM or SIGINT (a link being checked is checked "
    "again by the next watcher once its lease ends)."
)


def add_watch_command(commands: Any) -> None:
    watching = commands.add_parser("watch", help="check watched links", description=DESCRIPTION)
    watching.add_argument(
        "--database-url",
        default=None,
        help="the database (default: DIPTYCH_DATABASE_URL, else sqlite:///var/diptych.db)",
    )
    watching.add_argument("--once", action="store_true", help="check the links due now, then stop")
    watching.set_defaults(handler=run_watch)


def run_watch(args: argparse.Namespace) -> int:
    # Imported here: `diptych compare` need not load the store or httpx.
    from app.store import StoreError, open_store
    from app.watch.run import watch, watch_policy

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        settings = Settings.from_environment(database_url=args.database_url)
        watch_policy(settings)
        store = open_store(settings.database_url)
    except (ValueError, StoreError) as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with store:
        checked = watch(store, settings, args.once)
    if args.once:
        print(f"{checked} watched link{'' if checked == 1 else 's'} checked")
    return 0
