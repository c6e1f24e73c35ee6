"""Keeping the database fit: schema at startup, tombstone purge, expired tokens."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, func, select

from server.core.backend import Backend
from server.core.database import Database, migrate, schema_is_current
from server.core.records import lock_counter
from server.models import AccessToken, Record, ScopeExit

log = logging.getLogger("nuanxin.maintenance")


class SchemaNotCurrentError(RuntimeError):
    """The database needs `nuanxin-server migrate` before this server can use it."""


def prepare_schema(database: Database) -> None:
    """SQLite (the embedded default) is migrated on start; PostgreSQL, shared by several server
    processes, must be migrated once by `nuanxin-server migrate`."""
    if database.is_sqlite:
        migrate(database)
    elif not schema_is_current(database):
        raise SchemaNotCurrentError(
            "the database schema is not current: run `nuanxin-server migrate --database-url …`"
        )


def purge(backend: Backend, now: dt.datetime | None = None) -> int:
    """Drop tombstones and scope exits older than the retention; cursors older than the newest
    dropped seq get 410 from then on. Expired access tokens go too. Returns rows dropped."""
    now = now or backend.now()
    horizon = now - dt.timedelta(days=backend.settings.tombstone_days)
    with backend.database.writing() as session:
        counter = lock_counter(session)
        old_tombstones = (Record.deleted.is_(True)) & (Record.updated_at < horizon)
        old_exits = ScopeExit.at < horizon
        newest = max(
            session.execute(select(func.max(Record.seq)).where(old_tombstones)).scalar() or 0,
            session.execute(select(func.max(ScopeExit.seq)).where(old_exits)).scalar() or 0,
        )
        dropped = session.execute(delete(Record).where(old_tombstones)).rowcount  # type: ignore[attr-defined]
        dropped += session.execute(delete(ScopeExit).where(old_exits)).rowcount  # type: ignore[attr-defined]
        session.execute(delete(AccessToken).where(AccessToken.expires_at < now))
        counter.purged_seq = max(counter.purged_seq, newest)
    log.info("purged", extra={"rows": dropped, "purged_seq": counter.purged_seq})
    return int(dropped)
