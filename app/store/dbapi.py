"""The slice of a DB-API cursor the SQL code uses, common to sqlite3 and psycopg.

All SQL shared by both backends is written with `?` placeholders (sqlite3's
style); the PostgreSQL store translates them to psycopg's `%s`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Protocol

Dialect = Literal["sqlite", "postgresql"]


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> object: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...
