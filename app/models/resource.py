"""资源库 (DESIGN §2): services a household can be referred to, with provider and area served."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class Resource(SyncColumns, Base):
    __tablename__ = "resource"

    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(24), index=True)  # ResourceCategory
    provider_kind: Mapped[str] = mapped_column(String(24))  # ProviderKind
    provider_name: Mapped[str] = mapped_column(String(100), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    area_codes: Mapped[list[str]] = mapped_column(default=list)  # jurisdiction codes; [] = all
    capacity: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")
