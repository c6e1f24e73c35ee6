"""What sync keeps for the user (DESIGN §5): field conflicts to resolve, refused edits to deal
with, and the rows a re-bootstrap has seen (to drop the ones the server no longer sends)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class SyncConflict(Base):
    """One field that kept the server value (``theirs``) instead of this laptop's (``mine``).

    The id is the server's conflict id. Resolving it writes a new outbox mutation; the row stays
    here (resolved) as the record of what was decided."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(64))
    base: Mapped[Any] = mapped_column(JSON, nullable=True)
    mine: Mapped[Any] = mapped_column(JSON, nullable=True)
    theirs: Mapped[Any] = mapped_column(JSON, nullable=True)
    mine_by: Mapped[str] = mapped_column(String(64), default="")
    theirs_by: Mapped[str] = mapped_column(String(64), default="")
    theirs_seq: Mapped[int] = mapped_column(Integer, default=0)
    theirs_at: Mapped[dt.datetime | None] = mapped_column()  # when the server value was made
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column()
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolution: Mapped[str] = mapped_column(String(16), default="")  # mine|theirs|edited|elsewhere
    resolution_mid: Mapped[int | None] = mapped_column(Integer)  # the resolving outbox entry


class SyncRefusal(Base):
    """An edit the server refused, with its reason; the local row keeps the edit until the user
    retries it (a new mutation) or discards it (the server's values are fetched again)."""

    __tablename__ = "sync_refusal"

    mid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(64), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column()
    base_seq: Mapped[int] = mapped_column(Integer, default=0)
    resolves: Mapped[list[str]] = mapped_column(default=list)
    code: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text, default="")
    message_en: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    settled: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    settled_at: Mapped[dt.datetime | None] = mapped_column()
    settlement: Mapped[str] = mapped_column(String(16), default="")  # retried | discarded


class SyncSeen(Base):
    """Rows a re-bootstrap (after 410) has received so far; the rest are dropped at its end."""

    __tablename__ = "sync_seen"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
