"""Alembic migrations of the client store, configured in code so an installed wheel runs them.

This package holds env.py, script.py.mako and versions/. After changing app.models, add a
revision with ``python -m app.store.migrations revision -m "what changed"`` and review it.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import sqlcipher3
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect

from app.store.deferred_indexes import restore_indexes
from app.store.errors import CorruptStoreError, MigrationFailedError, NewerSchemaError

MIGRATIONS_DIR = Path(__file__).parent

# Tables that migrations make with raw SQL and no model (FTS5 indexes and their bookkeeping).
# Autogenerate and the model check leave them, and FTS5's shadow tables, alone: list new ones here.
UNMODELLED_TABLES = frozenset({"household_search", "household_search_doc"})
FTS5_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config without alembic.ini; env.py runs on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str | None:
    """The newest revision this code knows (None only while no revision exists)."""
    return _scripts().get_current_head()


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def is_unmodelled_table(name: str) -> bool:
    if name in UNMODELLED_TABLES:
        return True
    return any(
        name.endswith(suffix) and name.removesuffix(suffix) in UNMODELLED_TABLES
        for suffix in FTS5_SHADOW_SUFFIXES
    )


def ensure_known(revision: str | None) -> None:
    """Refuse a store whose revision this code does not know: a newer Nuanxin made it."""
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            f"the store is at schema revision {revision!r}, unknown to this version "
            f"(newest known: {head_revision()!r}); upgrade Nuanxin to open it"
        )


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Bring the store to the newest schema in one transaction; a no-op when it is there."""
    with engine.connect() as conn:
        current = current_revision(conn)
        ensure_known(current)
        if current == head_revision():
            return
        if current is None and set(inspect(conn).get_table_names()) - {"alembic_version"}:
            raise CorruptStoreError("the store has tables but no schema revision")
        conn.rollback()
        _upgrade_in_one_transaction(conn)


def _upgrade_in_one_transaction(conn: Connection) -> None:
    """Run every pending revision inside one BEGIN IMMEDIATE so a failure leaves no trace.

    The driver's own transaction handling skips DDL, so it is switched off and the transaction
    is begun by hand. Foreign keys are off while batch mode copies tables and checked at the end.
    """
    raw = conn.connection.dbapi_connection
    assert raw is not None
    saved_isolation = raw.isolation_level
    raw.isolation_level = None
    try:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            restore_indexes(conn)  # set aside by a first sync that never finished
            command.upgrade(alembic_config(conn), "head")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationFailedError(f"migration left broken references: {broken[:5]}")
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    finally:
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        conn.commit()
        raw.isolation_level = saved_isolation


def next_revision_id() -> str:
    head = head_revision()
    return f"{int(head) + 1:04d}" if head is not None and head.isdigit() else "0001"


def write_revision(message: str, rev_id: str | None = None) -> Path:
    """Autogenerate a revision from the difference between app.models and the current head."""
    rev_id = rev_id or next_revision_id()
    with tempfile.TemporaryDirectory() as folder:
        # The store's own SQLite (SQLCipher's, without a key): it has the FTS5 options we use.
        engine = create_engine(f"sqlite:///{Path(folder) / 'head.db'}", module=sqlcipher3)
        try:
            upgrade_to_head(engine)
            with engine.begin() as conn:
                script = command.revision(
                    alembic_config(conn), message=message, autogenerate=True, rev_id=rev_id
                )
        finally:
            engine.dispose()
    _scripts.cache_clear()
    assert script is not None and not isinstance(script, list)
    return Path(script.path)
