"""The SQLite server acknowledges a push only once it is on disk, and copies its WAL into the
database file from a thread of its own: no request's commit pays for that copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from server.core.database import Database, migrate


def tables_in_the_file_itself(path: Path) -> set[str]:
    """The tables the database file holds, ignoring its WAL (what a checkpoint has copied)."""
    with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def test_sqlite_commits_are_synced_and_the_wal_is_copied_by_the_checkpointer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "server.db"
    database = Database(f"sqlite:///{path}", checkpoint_every_s=3600)  # only when asked here
    try:
        with database.engine.connect() as connection:
            synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
            automatic = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one()
        assert (synchronous, automatic) == (2, 0)  # FULL; no checkpoint inside a commit

        migrate(database)  # many pages: SQLite's own automatic checkpoint would have run
        assert "counter" not in tables_in_the_file_itself(path)  # still only in the WAL

        database.checkpoint()
        assert "counter" in tables_in_the_file_itself(path)
    finally:
        database.dispose()
