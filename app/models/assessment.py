"""需求评估 (DESIGN §2): answers and the result, with the instrument id and version kept forever."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class Assessment(SyncColumns, Base):
    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_household_on", "household_id", "assessed_on"),)

    household_id: Mapped[str] = mapped_column(String(36), ForeignKey("household.id"))
    member_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("member.id"))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(64), default="")
    instrument_id: Mapped[str] = mapped_column(String(64))
    instrument_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)  # indicator id -> answer code
    indicator_notes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # indicator id -> note
    dimension_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)  # dimension -> score
    dimension_levels: Mapped[dict[str, Any]] = mapped_column(default=dict)  # dimension -> level
    total_score: Mapped[float] = mapped_column(Float, default=0.0)
    hardship_level: Mapped[str] = mapped_column(String(8))  # HardshipLevel
    urgent_flags: Mapped[list[str]] = mapped_column(default=list)
    service_level: Mapped[str] = mapped_column(String(16))  # ServiceLevel
    tier: Mapped[str] = mapped_column(String(16))  # Tier
    needs: Mapped[list[str]] = mapped_column(default=list)  # NeedCategory values found
    notes: Mapped[str] = mapped_column(Text, default="")
