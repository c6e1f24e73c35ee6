"""Records of duplicate handling: merges made and pairs judged not to be duplicates."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class MergeRecord(SyncColumns, Base):
    """``from_id`` (a household or member) was merged into ``into_id`` and tombstoned."""

    __tablename__ = "merge_record"

    entity: Mapped[str] = mapped_column(String(16))  # "household" | "member"
    from_id: Mapped[str] = mapped_column(String(36), index=True)
    into_id: Mapped[str] = mapped_column(String(36), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class DuplicateDismissal(SyncColumns, Base):
    """A reviewed candidate pair that is not a duplicate; ids ordered so a pair has one key."""

    __tablename__ = "duplicate_dismissal"

    entity: Mapped[str] = mapped_column(String(16))
    first_id: Mapped[str] = mapped_column(String(36), index=True)
    second_id: Mapped[str] = mapped_column(String(36))
    note: Mapped[str] = mapped_column(Text, default="")


class LedgerKey(SyncColumns, Base):
    """A ledger's own household number (户编号) in a committee: a re-import finds it."""

    __tablename__ = "ledger_key"

    committee_code: Mapped[str] = mapped_column(String(12))
    key: Mapped[str] = mapped_column(String(64), index=True)
    household_id: Mapped[str] = mapped_column(String(36), index=True)
