"""Synced rows kept generically (DESIGN §5): the row, its history, scope exits, conflicts, mids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, utcnow

ENTITY_LEN = 32
ROW_ID_LEN = 64
CODE_LEN = 16
LOGIN_LEN = 64
HISTORY_LEN = 32


class Counter(Base):
    """The one row that hands out the gap-free sequence (locked by every push)."""

    __tablename__ = "counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    purged_seq: Mapped[int] = mapped_column(BigInteger, default=0)  # cursors below it get 410
    tree_version: Mapped[int] = mapped_column(Integer, default=0)  # bumped by jurisdiction edits
    history: Mapped[str] = mapped_column(String(HISTORY_LEN), default="")  # ServerHistory.id


class ServerHistory(Base):
    """One line of the sequence's history: a new one starts at each restore from a backup.

    Seqs above ``started_seq`` belong to this history only: a laptop that holds a cursor or an
    acknowledged edit from an earlier line may share a seq number with this one, never its row.
    """

    __tablename__ = "server_history"

    id: Mapped[str] = mapped_column(String(HISTORY_LEN), primary_key=True)
    started_seq: Mapped[int] = mapped_column(BigInteger)  # the counter it began from
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Record(Base):
    """The current state of one synced row; ``field_seq``: the seq of each field's last change."""

    __tablename__ = "record"
    __table_args__ = (Index("ix_record_scope_code_seq", "scope_code", "seq"),)

    entity: Mapped[str] = mapped_column(String(ENTITY_LEN), primary_key=True)
    id: Mapped[str] = mapped_column(String(ROW_ID_LEN), primary_key=True)
    scope_code: Mapped[str] = mapped_column(String(CODE_LEN))
    parent_id: Mapped[str | None] = mapped_column(String(ROW_ID_LEN), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column()
    field_seq: Mapped[dict[str, Any]] = mapped_column()
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(LOGIN_LEN), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(LOGIN_LEN), default="")


class Revision(Base):
    """Every applied change, by seq: who changed what (and the base of later conflicts)."""

    __tablename__ = "revision"
    __table_args__ = (Index("ix_revision_entity_row_id_seq", "entity", "row_id", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(ENTITY_LEN))
    row_id: Mapped[str] = mapped_column(String(ROW_ID_LEN))
    fields: Mapped[dict[str, Any]] = mapped_column()
    user_login: Mapped[str] = mapped_column(String(LOGIN_LEN))
    device_id: Mapped[str] = mapped_column(String(ROW_ID_LEN))
    mid: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ScopeExit(Base):
    """A row left ``from_code`` for ``to_code`` at ``seq``: pulls in from_code drop it."""

    __tablename__ = "scope_exit"
    __table_args__ = (Index("ix_scope_exit_from_code_seq", "from_code", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(ENTITY_LEN))
    row_id: Mapped[str] = mapped_column(String(ROW_ID_LEN))
    from_code: Mapped[str] = mapped_column(String(CODE_LEN))
    to_code: Mapped[str] = mapped_column(String(CODE_LEN))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Conflict(Base):
    """A pushed field value that lost to a newer server value; resolved by a later mutation."""

    __tablename__ = "conflict"
    __table_args__ = (Index("ix_conflict_entity_row_id", "entity", "row_id"),)

    id: Mapped[str] = mapped_column(String(ROW_ID_LEN), primary_key=True)
    entity: Mapped[str] = mapped_column(String(ENTITY_LEN))
    row_id: Mapped[str] = mapped_column(String(ROW_ID_LEN))
    field: Mapped[str] = mapped_column(String(64))
    base: Mapped[Any] = mapped_column(nullable=True)
    mine: Mapped[Any] = mapped_column(nullable=True)
    theirs: Mapped[Any] = mapped_column(nullable=True)
    mine_by: Mapped[str] = mapped_column(String(LOGIN_LEN))
    mine_device: Mapped[str] = mapped_column(String(ROW_ID_LEN))
    mine_mid: Mapped[int] = mapped_column(BigInteger)
    theirs_by: Mapped[str] = mapped_column(String(LOGIN_LEN))
    theirs_seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    resolved_by: Mapped[str] = mapped_column(String(LOGIN_LEN), default="")


class AppliedMutation(Base):
    """The outcome of every taken mid of a device, so a retried push gets the same answer."""

    __tablename__ = "applied_mutation"

    device_id: Mapped[str] = mapped_column(String(ROW_ID_LEN), primary_key=True)
    mid: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(ENTITY_LEN))
    row_id: Mapped[str] = mapped_column(String(ROW_ID_LEN))
    digest: Mapped[str] = mapped_column(String(64))  # of the mutation: a reused mid differs
    outcome: Mapped[dict[str, Any]] = mapped_column()
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
