"""Users, their devices and tokens, jurisdictions (for scope) and the login audit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, utcnow
from server.models.records import CODE_LEN, LOGIN_LEN, ROW_ID_LEN


class Jurisdiction(Base):
    """区 → 街镇 → 居村委, projected from the synced jurisdiction rows; scope expands along it."""

    __tablename__ = "jurisdiction"

    code: Mapped[str] = mapped_column(String(CODE_LEN), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(String(CODE_LEN), index=True)
    level: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    record_id: Mapped[str] = mapped_column(String(ROW_ID_LEN), unique=True)


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(ROW_ID_LEN), primary_key=True)
    login: Mapped[str] = mapped_column(String(LOGIN_LEN), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(16))
    scope: Mapped[list[str]] = mapped_column()
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Device(Base):
    """A laptop registered by a user's login; ``last_mid`` makes pushes idempotent."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(ROW_ID_LEN), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    registered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_mid: Mapped[int] = mapped_column(BigInteger, default=0)
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_by: Mapped[str] = mapped_column(String(LOGIN_LEN), default="")


class RefreshToken(Base):
    """A rotating refresh token (stored as its SHA-256); a reuse revokes its whole family."""

    __tablename__ = "refresh_token"

    id: Mapped[str] = mapped_column(String(ROW_ID_LEN), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(ROW_ID_LEN), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), index=True)
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    used_at: Mapped[dt.datetime | None] = mapped_column()
    replaced_by: Mapped[str | None] = mapped_column(String(ROW_ID_LEN))  # the successor's id
    revoked_at: Mapped[dt.datetime | None] = mapped_column()


class AccessToken(Base):
    """A short-lived access token (stored as its SHA-256), revoked with its family or device."""

    __tablename__ = "access_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    family_id: Mapped[str] = mapped_column(String(ROW_ID_LEN), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class LoginAudit(Base):
    """Every login attempt: who (as typed), from where, on which device, and how it ended."""

    __tablename__ = "login_audit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    login: Mapped[str] = mapped_column(String(LOGIN_LEN), index=True)
    user_id: Mapped[str | None] = mapped_column(String(ROW_ID_LEN))
    address: Mapped[str] = mapped_column(String(64), default="")
    device_id: Mapped[str | None] = mapped_column(String(ROW_ID_LEN))
    outcome: Mapped[str] = mapped_column(String(32))
