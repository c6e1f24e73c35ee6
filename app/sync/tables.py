"""Which local tables sync, and how a wire value becomes a column value and back.

An entity is a table name (app.services.row_writes.entity_of). Every table with the sync columns
syncs, except ``user`` (users are managed by the server's admin API, not synced as rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, Table
from sqlalchemy.engine import Dialect

from app.models import Base
from app.models.base import UTCDateTime

NOT_SYNCED = frozenset({"user"})
BOOKKEEPING = (
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "deleted",
    "server_seq",
)
# Denormalised list columns each laptop derives itself (app.services.households); never pulled.
DERIVED = {"household": frozenset({"head_name", "head_name_sort", "member_count"})}

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class SyncTable:
    """One synced table: its columns split into data columns (fields) and bookkeeping."""

    name: str
    table: Table
    fields: tuple[str, ...]  # data columns a pulled row may set
    converters: dict[str, Convert]  # wire value -> Python value, per data column
    defaults: dict[str, Callable[[], Any]]  # makes each column's default (None without one)

    def python_value(self, name: str, value: Any) -> Any:
        return self.converters[name](value)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    if value is None or value == "":
        return None
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _bool(value: Any) -> bool:
    return bool(value)


def _same(value: Any) -> Any:
    return value


def converter(column: Column[Any]) -> Convert:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _datetime
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Boolean):
        return _bool
    if isinstance(kind, Integer):
        return _int
    if isinstance(kind, Float):
        return _float
    return _same  # strings, text and JSON travel as they are


def _default(column: Column[Any]) -> Callable[[], Any]:
    """A maker of the column's Python-side default (SQLAlchemy wraps callables to take a
    context argument, which none of ours uses)."""
    arg = getattr(column.default, "arg", None)
    if callable(arg):
        return lambda: arg(None)
    return lambda: arg


@cache
def sync_tables() -> dict[str, SyncTable]:
    """Every synced table by entity name."""
    found: dict[str, SyncTable] = {}
    for name, table in Base.metadata.tables.items():
        if "server_seq" not in table.c or name in NOT_SYNCED:
            continue
        derived = DERIVED.get(name, frozenset())
        data = tuple(c.name for c in table.c if c.name not in BOOKKEEPING and c.name not in derived)
        found[name] = SyncTable(
            name=name,
            table=table,
            fields=data,
            converters={c.name: converter(c) for c in table.c},
            defaults={c.name: _default(c) for c in table.c},
        )
    return found


def wire_value(value: Any) -> Any:
    """The JSON form of a column value (dates as ISO text), as the outbox stores it."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def bind_processors(table: Table, columns: list[str], dialect: Dialect) -> list[Convert | None]:
    """Each column's own bind processor, to write values exactly as the ORM would."""
    return [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]


def is_json(table: Table, column: str) -> bool:
    return isinstance(table.c[column].type, JSON)
