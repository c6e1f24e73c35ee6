"""转介 (DESIGN §2) and every step of its state machine, each step its own row."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns, utcnow


class Referral(SyncColumns, Base):
    __tablename__ = "referral"

    household_id: Mapped[str] = mapped_column(String(36), ForeignKey("household.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("member.id"))
    resource_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("resource.id"))
    plan_action_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("plan_action.id"), index=True
    )
    need_category: Mapped[str] = mapped_column(String(24))  # NeedCategory
    reason: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(16), default="normal")  # Urgency
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)  # ReferralState
    state_changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")


class ReferralStep(SyncColumns, Base):
    """One transition: from which state to which, when, by whom, with a note."""

    __tablename__ = "referral_step"

    referral_id: Mapped[str] = mapped_column(String(36), ForeignKey("referral.id"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
