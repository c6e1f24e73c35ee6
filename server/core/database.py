"""The server database: one engine for SQLite (WAL) or PostgreSQL, read and write transactions.

Writes on SQLite begin with BEGIN IMMEDIATE, so two writers queue on the database lock instead of
failing on a lock upgrade; on PostgreSQL the push locks the counter row (SELECT … FOR UPDATE).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
SQLITE_BUSY_MS = 30_000
CHECKPOINT_EVERY_S = 1.0
WRITE_OPTION = "nuanxin_write"
# JSON columns through orjson: several times faster than the json module both ways, and the
# stored text is compact UTF-8 (a visit's fields 490 bytes instead of 730 with \\u escapes),
# which pulls splice into their pages as they are.
JSON_CODEC: dict[str, Any] = {
    "json_serializer": lambda value: orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode(),
    "json_deserializer": orjson.loads,
}

log = logging.getLogger(__name__)


class Database:
    """Sessions on one database URL (``sqlite://`` is a private in-memory database)."""

    def __init__(
        self, url: str, *, pool_size: int = 10, checkpoint_every_s: float = CHECKPOINT_EVERY_S
    ) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_memory = self.is_sqlite and parsed.database in (None, "", ":memory:")
        self.engine = self._make_engine(url, pool_size)
        # An in-memory database is one shared connection: its transactions take turns.
        self._turns: threading.RLock | None = threading.RLock() if self.is_memory else None
        self._checkpoints = (
            Checkpointer(self.engine, checkpoint_every_s)
            if self.is_sqlite and not self.is_memory
            else None
        )
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        self._write = sessionmaker(writer, expire_on_commit=False)

    def _make_engine(self, url: str, pool_size: int) -> Engine:
        if not self.is_sqlite:
            return create_engine(
                url,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_pre_ping=True,
                **JSON_CODEC,
            )
        args: dict[str, Any] = {"check_same_thread": False, "timeout": SQLITE_BUSY_MS / 1000}
        if self.is_memory:
            engine = create_engine(
                "sqlite://", connect_args=args, poolclass=StaticPool, **JSON_CODEC
            )
        else:
            engine = create_engine(url, connect_args=args, pool_size=pool_size, **JSON_CODEC)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (committed at the end, so nothing is held open)."""
        with self._turn(), self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back when it raises."""
        with self._turn(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def raw(self) -> Iterator[Any]:
        """A DBAPI connection from the pool, for the few hottest reads (every request's token,
        every idle pull's counter): about five times cheaper than a SQLAlchemy Connection.
        SQLite connections run in autocommit; others are rolled back when returned."""
        with self._turn():
            connection = self.engine.raw_connection()
            try:
                yield connection
            finally:
                connection.close()

    @property
    def marker(self) -> str:
        """The DBAPI's positional parameter marker (``?`` for SQLite, ``%s`` for psycopg)."""
        return "?" if self.engine.dialect.paramstyle == "qmark" else "%s"

    def _turn(self) -> threading.RLock | nullcontext[None]:
        return self._turns if self._turns is not None else nullcontext()

    def checkpoint(self) -> None:
        """Copy SQLite's WAL into the database file now (the thread does it every second)."""
        if self._checkpoints is not None:
            self._checkpoints.checkpoint()

    def dispose(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.stop()
        self.engine.dispose()


class Checkpointer:
    """Copies SQLite's WAL into the database file from a thread of its own, once a second.

    SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages: every
    20th push or so paid 50-150 ms for copying and syncing 4 MB. Request connections have it
    switched off (``_sqlite_connect``); a passive checkpoint here never blocks a reader or a
    writer, and the WAL stays small."""

    def __init__(self, engine: Engine, every_s: float = CHECKPOINT_EVERY_S) -> None:
        self.engine = engine
        self.every_s = every_s
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nuanxin-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping.wait(self.every_s):
            self.checkpoint()

    def checkpoint(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception:  # a busy or closing database: the next round tries again
            log.debug("checkpoint skipped", exc_info=True)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)
        self.checkpoint()  # what the last second wrote


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a push is acknowledged only once it is on disk. With NORMAL a power cut could roll
    # back acknowledged pushes, and other laptops' next pushes would reuse their seqs unseen.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA wal_autocheckpoint = 0")  # the Checkpointer's thread does it
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


# ---- migrations ---------------------------------------------------------------------------------


def _alembic_config(database: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database.url)
    return config


def migrate(database: Database) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    config = _alembic_config(database)
    with database._turn(), database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_is_current(database: Database) -> bool:
    """True when the database is at the newest migration."""
    head = ScriptDirectory.from_config(_alembic_config(database)).get_current_head()
    with database._turn(), database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current == head
