"""Users known to this laptop (the signed-in advisor and colleagues pulled from the server)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncColumns


class User(SyncColumns, Base):
    __tablename__ = "user"

    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(16))  # Role
    scope: Mapped[list[str]] = mapped_column(default=list)  # jurisdiction codes
