"""Settings: typed, each with a unit and a help text, from flags or DIPTYCH_* variables.

Precedence: a command-line flag, then the environment variable, then the
default. The README's settings table is generated from `SETTINGS_HELP`, and a
test keeps the two in step.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

ENV_PREFIX = "DIPTYCH_"


def _setting(default: Any, unit: str, help: str) -> Any:
    return field(default=default, metadata={"unit": unit, "help": help})


@dataclass(frozen=True)
class Settings:
    host: str = _setting("127.0.0.1", "address", "Interface the server listens on.")
    port: int = _setting(8000, "TCP port", "Port the server listens on.")
    database_url: str = _setting(
        "sqlite:///var/diptych.db",
        "URL",
        "Where comparisons are stored: sqlite:///var/diptych.db (relative to the working "
        "directory), sqlite:////srv/diptych.db (absolute) or postgresql://user:pw@host/db.",
    )
    seeds_dir: str = _setting(
        "seeds", "directory", "Folder of seed pairs loaded at start-up; empty for none."
    )
    max_text_bytes: int = _setting(
        2_000_000, "bytes", "Largest text accepted for each side, after decoding to UTF-8."
    )
    story_max_bytes: int = _setting(
        10_000_000,
        "bytes",
        "Largest total of a story's versions (2 to 50 of them), after decoding to UTF-8.",
    )
    max_char_text_bytes: int = _setting(
        200_000,
        "bytes",
        "Largest text accepted for each side when comparing by character, whose "
        "diff costs more than a word diff; above it, compare by word.",
    )
    page_cache_entries: int = _setting(
        256, "pages", "Rendered comparison pages kept in memory per process."
    )
    page_cache_bytes: int = _setting(
        200_000_000,
        "bytes",
        "Most memory the kept pages may take per process (and, apart, the comparisons "
        "with other ignore options).",
    )
    engine_workers: int = _setting(
        2,
        "processes",
        "Processes that compute comparisons, per server process (started on the first "
        "comparison), so a long one never holds up the pages.",
    )
    engine_queue: int = _setting(
        8,
        "comparisons",
        "Comparisons that may wait for a free engine process; past that, a new one is "
        "answered 503 with Retry-After.",
    )
    fetch_concurrency: int = _setting(
        4, "links", "Links fetched at once per server process; more wait their turn."
    )
    workers: int = _setting(
        1,
        "processes",
        "Server processes on this machine (SQLite in WAL mode serves several; "
        "PostgreSQL serves more than one machine).",
    )
    compress: bool = _setting(
        True,
        "true/false",
        "Compress pages, JSON, CSS and scripts (brotli or gzip) for clients that accept it; "
        "false when the reverse proxy compresses instead.",
    )
    fetch_timeout: float = _setting(
        10.0, "seconds", "Longest a link may take to fetch, redirects included."
    )
    fetch_max_bytes: int = _setting(
        10_000_000, "bytes", "Largest page or document a link may return."
    )
    fetch_max_redirects: int = _setting(5, "redirects", "Redirects followed when fetching a link.")
    fetch_allow_private: bool = _setting(
        False,
        "true/false",
        "Fetch links to private, loopback and link-local addresses too (an intranet; "
        "never on a public server).",
    )
    docx_max_unpacked_bytes: int = _setting(
        64_000_000,
        "bytes",
        "Most a Word document (uploaded, linked or compared by the CLI) may unpack to, all "
        "its parts together as its ZIP directory declares them; checked before unpacking.",
    )
    pdf_max_pages: int = _setting(
        500, "pages", "Most pages a PDF (uploaded or linked) may have; a longer one is refused."
    )
    pdf_timeout: float = _setting(
        20.0,
        "seconds",
        "Longest reading one PDF may take (checked between pages; PDFs are read "
        "one at a time per process, and the wait counts).",
    )

    allowed_hosts: str = _setting(
        "localhost,127.0.0.1",
        "host names, comma-separated",
        "Host names the server answers to (any other Host header is a 400); * for any.",
    )
    public_url: str = _setting(
        "",
        "URL",
        "The address readers reach the server at (https://diff.example.org), which share "
        "links are built from. Empty: http://HOST:PORT of these settings.",
    )
    trusted_proxies: str = _setting(
        "",
        "addresses, comma-separated",
        "Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; the "
        "client of a request from elsewhere is its peer address.",
    )
    rate_creations: int = _setting(
        30, "per minute", "Comparisons one client may create per minute (0: no limit)."
    )
    rate_comments: int = _setting(
        60, "per minute", "Comments one client may post per minute (0: no limit)."
    )
    rate_fetches: int = _setting(
        30, "per minute", "Links one client may have fetched per minute (0: no limit)."
    )

    user_header: str = _setting(
        "",
        "header name",
        "Request header naming the signed-on person, set by an authenticating proxy "
        "(e.g. X-Forwarded-User); requests without it are refused. Empty: people type "
        "their name to comment.",
    )
    max_comments: int = _setting(
        2_000, "comments", "Most comments (replies included) one comparison may hold."
    )
    sweep_interval: float = _setting(
        300.0,
        "seconds",
        "How often each server process deletes the comparisons that have expired "
        "(also done at start-up and by `diptych purge`).",
    )
    review_poll_interval: float = _setting(
        5.0,
        "seconds",
        "How often an open comparison page asks whether colleagues commented or marked.",
    )
    watch_interval: float = _setting(
        900.0,
        "seconds",
        "How often a watched link is checked, unless its story asks otherwise "
        "(each check moved by up to a tenth of it either way, so links added together spread out).",
    )
    watch_poll_interval: float = _setting(
        30.0, "seconds", "How often `diptych watch` looks for watched links that are due."
    )
    watch_host_gap: float = _setting(
        10.0, "seconds", "Least time between two fetches from one site by one watcher."
    )
    watch_max_failures: int = _setting(
        5, "checks", "Failed checks in a row after which a watched link is paused."
    )
    watch_lease: float = _setting(
        300.0,
        "seconds",
        "How long a watcher holds the links it claimed; a watcher that dies holds them "
        "no longer. Keep it above the fetch timeout and the per-site gaps of one pass.",
    )
    watch_noise_floor: str = _setting(
        "typography",
        "exact/whitespace/typography",
        "The least change a watched link's text needs to become a new version: any "
        "(exact), more than whitespace, or more than whitespace and typography "
        "(quote marks, dashes).",
    )

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, **overrides: Any
    ) -> Settings:
        """Defaults, then DIPTYCH_* variables, then the overrides that are not None."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in fields(cls):
            raw = environ.get(ENV_PREFIX + setting.name.upper())
            if raw is not None:
                values[setting.name] = _parse(setting.type, raw, setting.name)
        values.update({name: value for name, value in overrides.items() if value is not None})
        return replace(cls(), **values)


def listed(raw: str) -> tuple[str, ...]:
    """The items of a comma-separated setting, trimmed, blanks dropped."""
    return tuple(item.strip() for item in raw.split(",") if item.strip())


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def parse_bool(raw: str) -> bool:
    """true/false, yes/no, on/off or 1/0, in any case; ValueError for anything else."""
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"not true or false: {raw!r}")


def _parse(kind: Any, raw: str, name: str) -> Any:
    variable = ENV_PREFIX + name.upper()
    if kind in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{variable} must be a whole number") from None
    if kind in (float, "float"):
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"{variable} must be a number") from None
    if kind in (bool, "bool"):
        try:
            return parse_bool(raw)
        except ValueError:
            raise ValueError(f"{variable} must be true or false") from None
    return raw


def settings_help() -> list[tuple[str, str, str, str, str]]:
    """(flag, variable, unit, default, help) for each setting, for --help and the README."""
    return [
        (
            "--" + setting.name.replace("_", "-"),
            ENV_PREFIX + setting.name.upper(),
            setting.metadata["unit"],
            _shown(setting.default),
            setting.metadata["help"],
        )
        for setting in fields(Settings)
    ]


def _shown(default: Any) -> str:
    return str(default).lower() if isinstance(default, bool) else str(default)
