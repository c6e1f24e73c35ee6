"""求助受理 (DESIGN §2): a request received at the station, its deadline and its triage."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class HelpRequest(SyncColumns, Base):
    __tablename__ = "help_request"
    __table_args__ = (Index("ix_help_request_channel_ref", "channel", "external_ref"),)

    channel: Mapped[str] = mapped_column(String(24))  # HelpChannel
    requester_name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(32), default="")
    committee_code: Mapped[str | None] = mapped_column(String(12), ForeignKey("jurisdiction.code"))
    address: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(16), default="normal")  # Urgency
    received_at: Mapped[dt.datetime] = mapped_column()
    received_by: Mapped[str] = mapped_column(String(64), default="")
    respond_by: Mapped[dt.datetime] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(String(16), default="new", index=True)  # HelpRequestState
    household_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("household.id"), index=True
    )
    advisor_id: Mapped[str | None] = mapped_column(String(36), index=True)  # User.id
    triaged_at: Mapped[dt.datetime | None] = mapped_column()
    external_ref: Mapped[str] = mapped_column(String(64), default="")  # id in the online system
    notes: Mapped[str] = mapped_column(Text, default="")
