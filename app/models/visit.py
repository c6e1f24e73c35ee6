"""走访记录 and their amendments (DESIGN §2): a finalised visit is never edited in place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class Visit(SyncColumns, Base):
    """One visit; a draft while typed (autosaved), then finalised (state ``final``)."""

    __tablename__ = "visit"
    __table_args__ = (
        Index("ix_visit_household_visited", "household_id", "visited_at"),
        Index("ix_visit_state_visited", "state", "visited_at"),
    )

    household_id: Mapped[str] = mapped_column(String(36), ForeignKey("household.id"))
    advisor_id: Mapped[str | None] = mapped_column(String(36))  # User.id
    visited_at: Mapped[dt.datetime | None] = mapped_column()
    kind: Mapped[str | None] = mapped_column(String(16))  # VisitKind
    people_met: Mapped[str] = mapped_column(Text, default="")
    situation: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[list[str]] = mapped_column(default=list)  # NeedCategory values
    advice: Mapped[str] = mapped_column(Text, default="")
    agreed_actions: Mapped[str] = mapped_column(Text, default="")
    next_visit_on: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="draft")  # VisitState
    finalised_at: Mapped[dt.datetime | None] = mapped_column()


class VisitAmendment(SyncColumns, Base):
    """A correction of a finalised visit: the new values, the values they replace, and why."""

    __tablename__ = "visit_amendment"

    visit_id: Mapped[str] = mapped_column(String(36), ForeignKey("visit.id"), index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field -> new (wire form)
    previous: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field -> replaced value
    reason: Mapped[str] = mapped_column(Text, default="")
