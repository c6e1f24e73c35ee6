"""Secondary indexes set aside while a first sync (or a re-bootstrap) writes its pages.

Pulled rows arrive in server order, so every page inserts into the middle of indexes such as
(household_id, visited_at) all over again, and each page's commit writes (and encrypts) most of
those index pages anew: with the indexes in place, 200,000 visits took 4.9 s to write; without
them 1.2 s, and building the indexes afterwards 1.0 s. So a pull of more than one page from
cursor 0 drops the non-unique indexes of the synced tables and builds them again at the end.

The dropped indexes' SQL is kept in the settings table in the same transaction as the drop, so
a crash in between leaves a note to build them again (restore_indexes, at the start of the
next pull: the app syncs when it starts). Unique indexes and primary keys stay: they keep the data
right, and upserts find rows through them."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.store.engine import Store
from app.sync.state import read_setting, write_setting
from app.sync.tables import sync_tables
from app.sync.transactions import write_transaction

SETTING_KEY = "sync.deferred_indexes"


def defer_indexes(session: Session) -> int:
    """Drop the synced tables' non-unique indexes in the caller's transaction, noting their
    SQL; returns how many were dropped (0 when they are set aside already)."""
    if read_setting(session, SETTING_KEY) is not None:
        return 0
    connection = session.connection()
    found = _secondary_indexes(connection, sorted(sync_tables()))
    for name, _sql, _table in found:
        connection.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
    write_setting(session, SETTING_KEY, {"indexes": [list(index) for index in found]})
    return len(found)


def restore_indexes(
    store: Store,
    starting: Callable[[], None] | None = None,
    *,
    tables: Collection[str] | None = None,
) -> int:
    """Build the indexes set aside again, those of ``tables`` only when given (``starting``
    is called first when there are any); returns how many were built."""
    with store.sessions() as session:
        noted = read_setting(session, SETTING_KEY)
    if noted is None:
        return 0
    wanted = [i for i in noted["indexes"] if tables is None or i[2] in tables]
    if not wanted:
        return 0
    if starting is not None:
        starting()
    with write_transaction(store) as session:
        connection = session.connection()
        for name, sql, _table in wanted:
            exists = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
            ).first()
            if exists is None:
                connection.exec_driver_sql(sql)
        left = [i for i in noted["indexes"] if i not in wanted]
        write_setting(session, SETTING_KEY, {"indexes": left} if left else None)
    return len(wanted)


def _secondary_indexes(connection: Connection, tables: list[str]) -> list[tuple[str, str, str]]:
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
