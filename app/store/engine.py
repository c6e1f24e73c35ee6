"""Opening the SQLCipher database: raw 256-bit key, WAL, foreign keys; read-only key checks."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.store.errors import CorruptStoreError, StoreError, WrongKeyError
from app.store.faults import explain_write_failure

DB_FILENAME = "nuanxin.db"
KEY_BYTES = 32
PAGE_SIZE = 4096  # SQLCipher 4 default; a whole store is always a multiple of it
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_NOTADB = 26
VERSION_TABLE = "alembic_version"


def _url(path: Path, key: bytes) -> URL:
    """Built, not parsed: a folder name with '?' or '#' stays part of the path."""
    if len(key) != KEY_BYTES:
        raise ValueError("the store key must be 256 bits")
    database = str(path.resolve())
    return URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=database)


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
        try:
            with self.sessions.begin() as session:
                yield session
        except (DBAPIError, OSError) as exc:  # a full disk or read-only folder: say which
            fault = explain_write_failure(exc)
            if fault is None:
                raise
            raise fault from exc

    def close(self) -> None:
        self.engine.dispose()


def sidecar_paths(path: Path) -> list[Path]:
    """The database file and the WAL files SQLite keeps beside it."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _read_only_uri(path: Path) -> str:
    """A read-only URI; ``immutable`` when no WAL exists, so SQLite creates no -wal/-shm files."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not sidecar_paths(path)[1].exists():
        uri += "&immutable=1"
    return uri


def inspect_store(path: Path, key: bytes) -> str | None:
    """Prove ``key`` opens ``path`` and return its Alembic revision (None when unversioned).

    Read-only: raises WrongKeyError or CorruptStoreError and never writes to the files.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("the store key must be 256 bits")
    if not _key_opens_first_page(path, key):
        if _looks_encrypted(path):
            raise WrongKeyError(f"wrong key for {path.name}: its first page does not decrypt")
        raise CorruptStoreError(f"{path.name} is not a Nuanxin store (no encrypted first page)")
    conn = _connect_keyed(_read_only_uri(path), key)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if VERSION_TABLE not in names:
            return None
        row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        return None if row is None else str(row[0])
    except sqlcipher3.DatabaseError as exc:
        raise _explain(path, exc) from exc
    finally:
        conn.close()


def _connect_keyed(uri: str, key: bytes) -> Any:
    conn = sqlcipher3.connect(uri, uri=True)
    conn.execute("PRAGMA cipher_log_level = NONE")  # before the key: no hmac noise on stderr
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _key_opens_first_page(path: Path, key: bytes) -> bool:
    """Decrypt page 1 from a private copy, so a wrong key never makes SQLite touch the WAL files.

    Page 1 is encrypted under the same key whatever the WAL holds; only its HMAC failing
    (SQLITE_NOTADB) means the key is wrong. A one-page copy is otherwise "malformed": that is fine.
    """
    with path.open("rb") as handle:
        page = handle.read(PAGE_SIZE)
    with tempfile.TemporaryDirectory(prefix="nuanxin-keycheck-") as folder:
        copy = Path(folder) / "page1.db"
        copy.write_bytes(page)
        conn = _connect_keyed(f"{copy.as_uri()}?mode=ro&immutable=1", key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            return getattr(exc, "sqlite_errorcode", None) != SQLITE_NOTADB
        finally:
            conn.close()
    return True


def check_key(path: Path, key: bytes) -> None:
    """Raise WrongKeyError or CorruptStoreError without writing anything to ``path``."""
    inspect_store(path, key)


def _explain(path: Path, exc: sqlcipher3.DatabaseError) -> StoreError:
    """Tell a wrong key (the file looks like a whole encrypted store) from a damaged file."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == SQLITE_NOTADB and _looks_encrypted(path):
        return WrongKeyError(f"wrong key for {path.name}: {exc}")
    return CorruptStoreError(f"{path.name} is damaged or not a Nuanxin store: {exc}")


def _looks_encrypted(path: Path) -> bool:
    """A SQLCipher file has random bytes where plain SQLite has its magic header."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    return size > 0 and size % PAGE_SIZE == 0 and head != SQLITE_MAGIC


def _json_text(value: object) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def open_engine(path: Path, key: bytes) -> Store:
    """Open (creating if absent) the encrypted store at ``path`` with a raw 256-bit key."""
    if path.exists() and path.stat().st_size > 0:
        check_key(path, key)
    # The pysqlcipher dialect defaults to SingletonThreadPool, which closes the connections of
    # other threads once more than 5 threads used the engine (worker threads come and go): a
    # "closed database" error or a crash in a running query. A queue of connections instead,
    # handed out last-in first-out: in WAL mode a connection drops its whole page cache when
    # another one wrote since its last transaction, and every page read again is decrypted.
    # Taking the connection that just wrote keeps its cache (recording a push's answer reads
    # the 100 rows the edits just wrote: 1.5 ms less).
    engine = create_engine(
        _url(path, key),
        module=sqlcipher3,
        pool_pre_ping=False,
        poolclass=QueuePool,
        pool_use_lifo=True,
        connect_args={"check_same_thread": False},
        json_serializer=_json_text,  # orjson: faster both ways, and compact UTF-8 text
        json_deserializer=orjson.loads,
    )
    event.listen(engine, "connect", _on_connect)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        fault = explain_write_failure(exc)
        if fault is None:
            raise
        raise fault from exc
    return Store(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
