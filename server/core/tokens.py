"""Opaque bearer tokens: random, shown once, stored only as SHA-256 (a leaked table grants nothing).

Access tokens live 15 minutes; refresh tokens rotate on every use and belong to a family that is
revoked whole when a used token comes back (someone else holds a copy)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import uuid_utils
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.sync.wire import TokenPair, UserInfo
from server.core.settings import ServerSettings
from server.models import AccessToken, Device, RefreshToken, User

ACCESS_PREFIX = "nxa_"
REFRESH_PREFIX = "nxr_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_id() -> str:
    return str(uuid_utils.uuid7())


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=user.role,
        scope=list(user.scope),
    )


def issue(
    session: Session,
    settings: ServerSettings,
    user: User,
    device: Device,
    family_id: str,
    now: dt.datetime,
) -> tuple[TokenPair, RefreshToken]:
    """A new access token and refresh token in ``family_id``."""
    access = ACCESS_PREFIX + secrets.token_urlsafe(32)
    refresh = REFRESH_PREFIX + secrets.token_urlsafe(32)
    access_expires = now + settings.access_ttl
    refresh_row = RefreshToken(
        id=new_id(),
        token_hash=digest(refresh),
        family_id=family_id,
        user_id=user.id,
        device_id=device.id,
        issued_at=now,
        expires_at=now + settings.refresh_ttl,
    )
    session.add(refresh_row)
    session.add(
        AccessToken(
            token_hash=digest(access),
            family_id=family_id,
            user_id=user.id,
            device_id=device.id,
            expires_at=access_expires,
        )
    )
    pair = TokenPair(
        access_token=access,
        access_expires_at=access_expires,
        refresh_token=refresh,
        refresh_expires_at=refresh_row.expires_at,
        device_id=device.id,
        user=user_info(user),
    )
    return pair, refresh_row


def revoke_family(session: Session, family_id: str, now: dt.datetime) -> None:
    """Every refresh token of the family stops working, and so do its access tokens."""
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    session.query(AccessToken).filter(AccessToken.family_id == family_id).delete()


def revoke_device_tokens(session: Session, device_id: str, now: dt.datetime) -> None:
    """Refresh tokens of a revoked device die; its access tokens stay (until they expire) only
    so that its requests are answered 403 device_revoked rather than an unexplained 401."""
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.device_id == device_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
