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

BULK_CACHE_KIB = 32 * 1024
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default


@contextmanager
def write_transaction(
    store: Store, *, foreign_keys: bool = False, replayable: bool = False
) -> Iterator[Session]:
    """A session in one BEGIN IMMEDIATE transaction: committed on success, else rolled back.

    ``replayable``: the transaction only holds what the server can send again (a pulled page
    with its cursor, the recorded answer to a push, sync bookkeeping), so its commit need not
    wait for the disk (synchronous=NORMAL: after a power cut it may be gone, and comes again;
    it is never half there). Its commit also does not checkpoint the WAL: a first sync's 50
    pages would each copy their pages into the database file on the way, and an incremental
    sync would pay for a checkpoint every tenth time. Puller checkpoints a large pull once at
    the end instead (checkpoint_after_bulk), and SyncEngine the rest in the background
    (checkpoint_in_passing)."""
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        saved = raw.isolation_level
        raw.isolation_level = None  # the driver begins nothing itself; we BEGIN by hand
        # The pragmas go straight to the driver: through SQLAlchemy, setting and restoring
        # them cost a sync's two transactions half a millisecond.
        before, after = _pragmas(foreign_keys=foreign_keys, replayable=replayable)
        try:
            for pragma in before:
                raw.execute(pragma)
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
            for pragma in after:
                raw.execute(pragma)
            conn.commit()
            raw.isolation_level = saved


def _pragmas(*, foreign_keys: bool, replayable: bool) -> tuple[list[str], list[str]]:
    """The pragmas set before a write transaction, and those that restore the defaults."""
    before, after = [], []
    if not foreign_keys:
        before.append("PRAGMA foreign_keys = OFF")
        after.append("PRAGMA foreign_keys = ON")
    if replayable:
        before += [
            "PRAGMA synchronous = NORMAL",
            f"PRAGMA cache_size = -{BULK_CACHE_KIB}",
            "PRAGMA wal_autocheckpoint = 0",
        ]
        after += [
            "PRAGMA synchronous = FULL",
            f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}",
        ]
    return before, after


def checkpoint_after_bulk(store: Store) -> None:
    """Copy a large pull's WAL into the database file and truncate it (a first sync leaves a
    WAL as big as the data). A busy reader only makes it partial: the next commit goes on."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.commit()


def checkpoint_in_passing(store: Store) -> None:
    """Copy what the WAL holds into the database file, waiting for no one (PASSIVE): pages a
    reader still needs stay for the next time. A laptop that only pulls (a supervisor's) has
    no other writer to do it, and its WAL grew by every pull until the app closed."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        conn.commit()
