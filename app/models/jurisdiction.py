"""区 → 街镇 → 居村委 tree, with validity dates because official codes change."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class Jurisdiction(SyncColumns, Base):
    __tablename__ = "jurisdiction"

    code: Mapped[str] = mapped_column(String(12), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))  # JurisdictionLevel
    parent_code: Mapped[str | None] = mapped_column(
        String(12), ForeignKey("jurisdiction.code"), index=True
    )
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
