"""Secondary indexes set aside while a bulk load (a first sync, a re-bootstrap) writes its rows.

Pulled rows arrive in server order, so every page inserts into the middle of indexes such as
(household_id, visited_at) all over again, and each page's commit writes (and encrypts) most of
those index pages anew: with the indexes in place, 200,000 visits took 4.9 s to write; without
them 1.2 s, and building the indexes afterwards 1.0 s. So the loader drops the non-unique
indexes of its tables and builds them again at the end.

The dropped indexes' SQL is kept in the settings table in the same transaction as the drop, so
a crash in between leaves a note to build them again: at the start of the next pull, and before
any schema migration (which must find the schema its revision declares). Unique indexes and
primary keys stay: they keep the data right, and upserts find rows through them."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

SETTING_KEY = "store.deferred_indexes"

log = logging.getLogger(__name__)


def defer_indexes(connection: Connection, tables: Sequence[str]) -> int:
    """Drop these tables' non-unique indexes in the caller's transaction, noting their SQL;
    returns how many were dropped (0 when indexes are set aside already)."""
    if _noted(connection) is not None:
        return 0
    found = _secondary_indexes(connection, tables)
    for name, _sql, _table in found:
        connection.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
    _note(connection, [list(index) for index in found])
    return len(found)


def deferred_tables(connection: Connection) -> set[str]:
    """The tables with indexes set aside (none: an empty set)."""
    return {table for _name, _sql, table in _noted(connection) or []}


def restore_indexes(connection: Connection, tables: Collection[str] | None = None) -> int:
    """Build the indexes set aside again (of ``tables`` only, when given) in the caller's
    transaction; returns how many were built. One that cannot be built any more (a migration
    changed its table meanwhile) is left out, with a warning: the schema's own is in place."""
    noted = _noted(connection)
    if noted is None:
        return 0
    wanted = [i for i in noted if tables is None or i[2] in tables]
    for name, sql, _table in wanted:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
        ).first()
        if exists is None:
            try:
                connection.exec_driver_sql(sql)
            except OperationalError as error:
                log.warning("index %s set aside could not be built again: %s", name, error)
    left = [i for i in noted if i not in wanted]
    _note(connection, left or None)
    return len(wanted)


def _noted(connection: Connection) -> list[list[str]] | None:
    has_settings = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'"
    ).first()
    if has_settings is None:
        return None
    value = connection.exec_driver_sql(
        "SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)
    ).scalar_one_or_none()
    if value is None:
        return None
    indexes: list[list[str]] = orjson.loads(value)["indexes"]
    return indexes


def _note(connection: Connection, indexes: list[list[str]] | None) -> None:
    connection.exec_driver_sql("DELETE FROM setting WHERE key = ?", (SETTING_KEY,))
    if indexes:
        value = orjson.dumps({"indexes": indexes}).decode()
        connection.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES (?, ?)", (SETTING_KEY, value)
        )


def _secondary_indexes(connection: Connection, tables: Sequence[str]) -> list[tuple[str, str, str]]:
    """(name, CREATE INDEX statement, table) of the tables' own non-unique indexes."""
    marks = ", ".join("?" * len(tables))
    rows: Any = connection.exec_driver_sql(
        "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name",
        tuple(tables),
    )
    return [
        (name, sql, table)
        for name, sql, table in rows
        if not sql.lstrip().upper().startswith("CREATE UNIQ")
    ]
