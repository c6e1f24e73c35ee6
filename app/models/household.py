"""户 and 家庭成员 (DESIGN §2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncColumns


class Household(SyncColumns, Base):
    __tablename__ = "household"
    # Counting live households (the list, the status bar) reads this index, not the table.
    __table_args__ = (Index("ix_household_deleted", "deleted"),)

    committee_code: Mapped[str] = mapped_column(
        String(12), ForeignKey("jurisdiction.code"), index=True
    )
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    categories: Mapped[list[str]] = mapped_column(default=list)  # HouseholdCategory values
    discovery_source: Mapped[str] = mapped_column(String(32), default="visit")
    advisor_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    hardship_level: Mapped[str | None] = mapped_column(String(8))
    service_level: Mapped[str | None] = mapped_column(String(16))
    next_visit_due: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Denormalised for the list view: the head's name and the member count.
    head_name: Mapped[str] = mapped_column(String(50), default="")
    head_name_sort: Mapped[str] = mapped_column(String(200), default="", index=True)  # pinyin
    member_count: Mapped[int] = mapped_column(Integer, default=0)

    members: Mapped[list[Member]] = relationship(
        back_populates="household",
        primaryjoin="and_(Household.id == Member.household_id, Member.deleted == False)",
        order_by="Member.created_at",
        viewonly=True,
    )


class Member(SyncColumns, Base):
    __tablename__ = "member"
    __table_args__ = (Index("ix_member_id_number", "id_number"),)

    household_id: Mapped[str] = mapped_column(String(36), ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    id_type: Mapped[str] = mapped_column(String(32), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(32), default="")
    sex: Mapped[str] = mapped_column(String(8), default="unknown")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    relation_to_head: Mapped[str] = mapped_column(String(24), default="self")
    health: Mapped[str] = mapped_column(String(24), default="healthy")
    disability_grade: Mapped[str | None] = mapped_column(String(4))
    self_care: Mapped[str] = mapped_column(String(16), default="full")
    marital_status: Mapped[str | None] = mapped_column(String(16))
    employment_status: Mapped[str | None] = mapped_column(String(16))
    monthly_income: Mapped[dict[str, Any]] = mapped_column(default=dict)  # IncomeType -> fen
    phone: Mapped[str] = mapped_column(String(32), default="")

    household: Mapped[Household] = relationship(viewonly=True)
