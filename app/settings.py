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
    page_cache_entries: int = _setting(
        256, "pages", "Rendered comparison pages kept in memory per process."
    )
    workers: int = _setting(
        1,
        "processes",
        "Server processes on this machine (SQLite in WAL mode serves several; "
        "PostgreSQL serves more than one machine).",
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


def _parse(kind: Any, raw: str, name: str) -> Any:
    if kind in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{ENV_PREFIX}{name.upper()} must be a whole number") from None
    return raw


def settings_help() -> list[tuple[str, str, str, str, str]]:
    """(flag, variable, unit, default, help) for each setting, for --help and the README."""
    return [
        (
            "--" + setting.name.replace("_", "-"),
            ENV_PREFIX + setting.name.upper(),
            setting.metadata["unit"],
            str(setting.default),
            setting.metadata["help"],
        )
        for setting in fields(Settings)
    ]
