"""一户一方案 (DESIGN §2): one service plan per household, with goals and actions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class ServicePlan(SyncColumns, Base):
    __tablename__ = "service_plan"

    household_id: Mapped[str] = mapped_column(String(36), ForeignKey("household.id"), index=True)
    goals: Mapped[list[str]] = mapped_column(default=list)
    review_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    assessment_id: Mapped[str | None] = mapped_column(String(36))  # the assessment it came from
    notes: Mapped[str] = mapped_column(Text, default="")


class PlanAction(SyncColumns, Base):
    __tablename__ = "plan_action"

    plan_id: Mapped[str] = mapped_column(String(36), ForeignKey("service_plan.id"), index=True)
    need_category: Mapped[str] = mapped_column(String(24))  # NeedCategory
    description: Mapped[str] = mapped_column(Text, default="")
    resource_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("resource.id"))
    policy: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str] = mapped_column(String(64), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="planned")  # PlanActionState
    position: Mapped[int] = mapped_column(Integer, default=0)
