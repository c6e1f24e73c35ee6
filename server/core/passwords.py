"""Changing passwords: a user changes their own (the current one proves it is them), an
administrator resets someone's. Other sessions of that user end, so a stolen laptop that still
holds a refresh token must log in again with the new password."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.wire import ErrorCode
from server.core.accounts import MIN_PASSWORD, require_admin
from server.core.auth import invalid_credentials
from server.core.backend import Backend
from server.core.errors import BadRequest, NotFound, RateLimited
from server.core.scope import Principal
from server.core.tokens import revoke_family
from server.models import AccessToken, RefreshToken, User

MAX_PASSWORD = 1000


def _check_new(password: str) -> None:
    if not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise BadRequest(
            ErrorCode.INVALID_REQUEST,
            f"新密码至少 {MIN_PASSWORD} 位，请加长后再试。",
            f"the new password needs at least {MIN_PASSWORD} characters",
        )


def change_password(backend: Backend, principal: Principal, current: str, new: str) -> None:
    """Set ``new`` after checking ``current`` (rate limited like a login); ends the user's other
    sessions and keeps the caller's."""
    _check_new(new)
    if not backend.limiter.hit(backend.user_limit, "password-user", principal.login.lower()):
        raise RateLimited(
            ErrorCode.RATE_LIMITED,
            "尝试过于频繁，请一分钟后再试。",
            "too many attempts; try again in a minute",
            retry_after=60,
        )
    with backend.database.reading() as session:
        user = session.get(User, principal.user_id)
        stored = user.password_hash if user is not None else ""
    try:
        backend.hasher.verify(stored, current)
    except Exception as exc:  # argon2 raises VerificationError / InvalidHashError
        raise invalid_credentials() from exc
    new_hash = backend.hasher.hash(new)
    with backend.database.writing() as session:
        user = session.get(User, principal.user_id)
        if user is None:
            raise NotFound(ErrorCode.NOT_FOUND, "没有这个用户。", "no such user")
        user.password_hash = new_hash
        _end_sessions(session, user.id, backend, keep_family=principal.family_id)


def reset_password(backend: Backend, principal: Principal, user_id: str, new: str) -> None:
    """An administrator sets a user's password; every session of that user ends."""
    require_admin(principal)
    _check_new(new)
    new_hash = backend.hasher.hash(new)
    with backend.database.writing() as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound(ErrorCode.NOT_FOUND, "没有这个用户。", f"no user {user_id}")
        user.password_hash = new_hash
        keep = principal.family_id if user.id == principal.user_id else None
        _end_sessions(session, user.id, backend, keep_family=keep)


def _end_sessions(
    session: Session, user_id: str, backend: Backend, keep_family: str | None
) -> None:
    families = set(
        session.execute(
            select(RefreshToken.family_id).where(
                RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)
            )
        ).scalars()
    )
    families |= set(
        session.execute(
            select(AccessToken.family_id).where(AccessToken.user_id == user_id)
        ).scalars()
    )
    for family in families - {keep_family}:
        revoke_family(session, family, backend.now())
