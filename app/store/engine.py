"""Opening the SQLCipher database: raw 256-bit key, WAL, foreign keys, migrations on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.store.errors import CorruptStoreError, WrongKeyError

DB_FILENAME = "nuanxin.db"
KEY_BYTES = 32


def _url(path: Path, key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the store key must be 256 bits")
    return f"sqlite+pysqlcipher://:x'{key.hex()}'@/{path.resolve()}"


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cipher_log_level = NONE")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


@dataclass
class Store:
    """An open store: the engine and a session factory. Close it when done."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def check_key(path: Path, key: bytes) -> None:
    """Raise WrongKeyError or CorruptStoreError without writing anything to ``path``."""
    conn = sqlcipher3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        if _looks_encrypted(path):
            raise WrongKeyError(f"wrong key for {path.name}: {exc}") from exc
        raise CorruptStoreError(f"{path.name} is not a Nuanxin store: {exc}") from exc
    finally:
        conn.close()


def _looks_encrypted(path: Path) -> bool:
    """A SQLCipher file has random bytes where plain SQLite has its magic header."""
    with path.open("rb") as handle:
        head = handle.read(16)
    return len(head) == 16 and head != b"SQLite format 3\x00" and path.stat().st_size % 512 == 0


def open_engine(path: Path, key: bytes) -> Store:
    """Open (creating if absent) the encrypted store at ``path`` with a raw 256-bit key."""
    if path.exists() and path.stat().st_size > 0:
        check_key(path, key)
    engine = create_engine(_url(path, key), module=sqlcipher3, pool_pre_ping=False)
    event.listen(engine, "connect", _on_connect)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    return Store(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
