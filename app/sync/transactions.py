"""The one kind of local transaction sync writes in: BEGIN IMMEDIATE on one connection.

The write lock is taken first, so the pending edits read at the start cannot change under the
transaction (a GUI save waits on SQLite's busy timeout). Foreign keys are off while it runs:
rows of a pull arrive in server order, a child's page may come before its parent's, and the
server's data is consistent once the pull is complete."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.store.engine import Store


@contextmanager
def write_transaction(store: Store, *, foreign_keys: bool = False) -> Iterator[Session]:
    """A session in one BEGIN IMMEDIATE transaction: committed on success, else rolled back."""
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        saved = raw.isolation_level
        raw.isolation_level = None  # the driver begins nothing itself; we BEGIN by hand
        try:
            if not foreign_keys:
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            session = Session(bind=conn, expire_on_commit=False)
            try:
                yield session
                session.flush()
            except BaseException:
                session.close()
                conn.rollback()
                raise
            session.close()
            conn.commit()
        finally:
            if not foreign_keys:
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()
            raw.isolation_level = saved
