"""Backing up and restoring the server database (SQLite online backup; pg_dump for PostgreSQL).

After a restore every client's cursor is out of date: the counter's purge horizon is raised to
its seq, so each client gets 410 on its next pull and re-bootstraps, keeping its outbox (and its
rows newer than the restored server are pushed again: app/sync/restored.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from server.core.database import Database, schema_is_current
from server.core.history import start_line
from server.core.records import lock_counter

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
TOOL_TIMEOUT_S = 3600


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreReport:
    seq: int  # the restored counter: clients whose cursor differs re-bootstrap


# ---- backup -------------------------------------------------------------------------------------


def backup(database_url: str, out: Path) -> Path:
    """Write a consistent copy of the database to ``out`` (replaced atomically)."""
    out = Path(out).resolve()
    url = make_url(database_url)
    with tempfile.TemporaryDirectory(prefix=".nuanxin-server-backup-", dir=out.parent) as folder:
        tmp = Path(folder) / "backup"
        if url.get_backend_name() == "sqlite":
            _sqlite_backup(_sqlite_path(url), tmp)
        else:
            _run(["pg_dump", "--format=custom", f"--file={tmp}", *_pg_target(url)], url)
        os.replace(tmp, out)
    return out


def _sqlite_backup(source: Path, target: Path) -> None:
    """SQLite's online backup API: a snapshot while the server keeps writing."""
    if not source.is_file():
        raise BackupError(f"no SQLite database at {source}")
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()


# ---- restore ------------------------------------------------------------------------------------


def restore(database_url: str, backup_file: Path) -> RestoreReport:
    """Replace the database's contents with ``backup_file``; stop every server process first.

    The file is checked before the database is touched; then clients are sent to re-bootstrap."""
    backup_file = Path(backup_file)
    url = make_url(database_url)
    head = _head(backup_file)
    if url.get_backend_name() == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{backup_file} is not a SQLite backup of a Nuanxin server")
        _check_sqlite_file(backup_file)
        _sqlite_restore(backup_file, _sqlite_path(url))
    else:
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{backup_file} is not a pg_dump custom-format file")
        _run(["pg_restore", "--list", str(backup_file)], url)  # readable before anything goes
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *_pg_target(url),
                str(backup_file),
            ],
            url,
        )
    return _send_clients_to_rebootstrap(database_url)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc}") from exc


def _check_sqlite_file(path: Path) -> None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged: {exc}") from exc
    finally:
        conn.close()
    if result != [("ok",)]:
        raise BackupError(f"{path} is damaged: {result[:3]}")
    if not {"counter", "record", "alembic_version"} <= tables:
        raise BackupError(f"{path} is not a Nuanxin server database")


def _sqlite_restore(source: Path, target: Path) -> None:
    """Copy the backup into the database through the backup API (the target's locks respected,
    its WAL folded in), so a half-done restore is impossible."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = WAL")
    finally:
        dst.close()
        src.close()


def _send_clients_to_rebootstrap(database_url: str) -> RestoreReport:
    """Raise the purge horizon to the counter and start a new line of the sequence: every
    client gets 410 (its cursor below the horizon, or of the old line) and pulls everything
    again, after pushing again what the server forgot (server.core.history)."""
    database = Database(database_url)
    try:
        if not schema_is_current(database):
            from server.core.database import migrate

            migrate(database)  # a backup made by an older server version
        with database.writing() as session:
            counter = lock_counter(session)
            counter.purged_seq = counter.seq
            seq = int(counter.seq)
            start_line(session)  # seqs above it are new: laptops that hold old ones get 410
    finally:
        database.dispose()
    return RestoreReport(seq=seq)


# ---- helpers ------------------------------------------------------------------------------------


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(url.database).resolve()


def _pg_target(url: URL) -> list[str]:
    """libpq connection options from the SQLAlchemy URL (the password goes by environment)."""
    options = [f"--dbname={url.database or 'postgres'}"]
    if url.host:
        options.append(f"--host={url.host}")
    if url.port:
        options.append(f"--port={url.port}")
    if url.username:
        options.append(f"--username={url.username}")
    return options


def _run(command: list[str], url: URL) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(
            f"{command[0]} not found: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client, the same major version as the server)"
        )
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    with contextlib.suppress(KeyError):
        environment.pop("PGDATABASE")
    result = subprocess.run(
        [tool, *command[1:], "--no-password"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")
