"""Dated reference values (DESIGN §2), e.g. 上海市低保标准 in fen per person per month."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class Standard(SyncColumns, Base):
    __tablename__ = "standard"

    kind: Mapped[str] = mapped_column(String(32), index=True)  # StandardKind
    region_code: Mapped[str] = mapped_column(String(12), default="310000")
    effective_from: Mapped[dt.date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
