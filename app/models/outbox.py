"""The sync outbox (DESIGN §5): one entry per local edit, written in the edit's transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class OutboxEntry(Base):
    __tablename__ = "outbox"
    # A device's mids must only ever grow, also after acknowledged entries are deleted.
    __table_args__ = {"sqlite_autoincrement": True}

    mid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column()
    base_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Server conflict ids this edit settles (a resolution from the conflicts screen).
    resolves: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SettingsEntry(Base):
    """Key/value settings that live inside the encrypted store (cursor, device id, preferences)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column()
