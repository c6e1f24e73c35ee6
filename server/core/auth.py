"""Login, token refresh and request authentication (DESIGN §5 Auth), every attempt audited.

Login is rate limited per login name and per client address before any password is hashed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import Role
from app.sync.wire import ErrorCode, LoginRequest, TokenPair
from server.core.backend import Backend
from server.core.errors import Forbidden, RateLimited, ServerError, Unauthorized
from server.core.hot_reads import CounterRow, read_token
from server.core.scope import Principal
from server.core.tokens import digest, issue, new_id, revoke_family
from server.models import AccessToken, Device, LoginAudit, RefreshToken, User

LOGIN_LEN = 64


class Outcome:
    """Values of LoginAudit.outcome."""

    SUCCESS = "success"
    BAD_PASSWORD = "bad_password"
    UNKNOWN_USER = "unknown_user"
    INACTIVE = "inactive"
    RATE_LIMITED = "rate_limited"
    DEVICE_REVOKED = "device_revoked"
    DEVICE_UNKNOWN = "device_unknown"


def invalid_credentials() -> Unauthorized:
    return Unauthorized(
        ErrorCode.INVALID_CREDENTIALS,
        "用户名或密码不正确。",
        "wrong login or password",
    )


def device_revoked() -> Forbidden:
    return Forbidden(
        ErrorCode.DEVICE_REVOKED,
        "这台电脑已被管理员停用，请联系管理员。",
        "this device was revoked by an administrator",
    )


@dataclass(frozen=True)
class Attempt:
    login: str
    address: str
    device_id: str | None
    device_name: str = ""


def login(backend: Backend, request: LoginRequest, address: str) -> TokenPair:
    """Tokens for a correct login and password on a new or this user's unrevoked device."""
    attempt = Attempt(
        request.login.strip()[:LOGIN_LEN],
        address[:64],
        request.device_id,
        request.device_name[:100],
    )
    _check_rate(backend, attempt)
    with backend.database.reading() as session:
        user = session.execute(select(User).where(User.login == attempt.login)).scalar_one_or_none()
        stored_hash = user.password_hash if user is not None else None
    password_ok = _verify(backend, stored_hash, request.password)
    failure: ServerError | None = None
    with backend.database.writing() as session:
        user = session.execute(select(User).where(User.login == attempt.login)).scalar_one_or_none()
        outcome, failure, device = _judge(session, user, password_ok, attempt, backend.now())
        _audit(session, backend.now(), attempt, user, outcome, device)
        if failure is None and user is not None and device is not None:
            device.last_seen_at = backend.now()
            _rehash_if_needed(backend, user, request.password)
            pair, _ = issue(session, backend.settings, user, device, new_id(), backend.now())
            return pair
    assert failure is not None
    raise failure


def _check_rate(backend: Backend, attempt: Attempt) -> None:
    user_ok = backend.limiter.hit(backend.user_limit, "login-user", attempt.login.lower())
    address_ok = backend.limiter.hit(backend.address_limit, "login-address", attempt.address)
    if user_ok and address_ok:
        return
    with backend.database.writing() as session:
        _audit(session, backend.now(), attempt, None, Outcome.RATE_LIMITED, None)
    raise RateLimited(
        ErrorCode.RATE_LIMITED,
        "登录尝试过于频繁，请一分钟后再试。",
        "too many login attempts; try again in a minute",
        retry_after=60,
    )


def _verify(backend: Backend, stored_hash: str | None, password: str) -> bool:
    """Argon2id check; an unknown user costs the same time as a wrong password."""
    try:
        return backend.hasher.verify(stored_hash or _dummy_hash(backend), password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[int, str] = {}


def _dummy_hash(backend: Backend) -> str:
    key = id(backend.hasher)
    if key not in _DUMMY:
        _DUMMY[key] = backend.hasher.hash("nuanxin-no-such-user")
    return _DUMMY[key]


def _judge(
    session: Session, user: User | None, password_ok: bool, attempt: Attempt, now: dt.datetime
) -> tuple[str, ServerError | None, Device | None]:
    """Outcome, error (None for success) and the device to issue tokens for."""
    if user is None:
        return Outcome.UNKNOWN_USER, invalid_credentials(), None
    if not password_ok:
        return Outcome.BAD_PASSWORD, invalid_credentials(), None
    if not user.active:
        return Outcome.INACTIVE, invalid_credentials(), None
    if attempt.device_id is None:
        device = Device(
            id=new_id(),
            user_id=user.id,
            name=attempt.device_name,
            last_mid=0,
            revoked_by="",
            registered_at=now,
            last_seen_at=now,
        )
        session.add(device)
        session.flush()
        return Outcome.SUCCESS, None, device
    known = session.get(Device, attempt.device_id)
    if known is None or known.user_id != user.id:
        error = Forbidden(
            ErrorCode.DEVICE_MISMATCH,
            "这台电脑登记在其他用户名下，请用新的资料夹登录。",
            "the device is unknown or registered to another user",
        )
        return Outcome.DEVICE_UNKNOWN, error, None
    if known.revoked_at is not None:
        return Outcome.DEVICE_REVOKED, device_revoked(), None
    return Outcome.SUCCESS, None, known


def _audit(
    session: Session,
    at: dt.datetime,
    attempt: Attempt,
    user: User | None,
    outcome: str,
    device: Device | None,
) -> None:
    session.add(
        LoginAudit(
            at=at,
            login=attempt.login,
            user_id=user.id if user else None,
            address=attempt.address,
            device_id=device.id if device else attempt.device_id,
            outcome=outcome,
        )
    )


def _rehash_if_needed(backend: Backend, user: User, password: str) -> None:
    if backend.hasher.check_needs_rehash(user.password_hash):
        user.password_hash = backend.hasher.hash(password)


# ---- refresh and logout -------------------------------------------------------------------------


def refresh(backend: Backend, token: str) -> TokenPair:
    """Rotate a refresh token; a used or revoked one revokes its family (401 refresh_reused)."""
    now = backend.now()
    failure: ServerError
    with backend.database.writing() as session:
        row = session.execute(
            select(RefreshToken).where(RefreshToken.token_hash == digest(token))
        ).scalar_one_or_none()
        if row is None or row.expires_at <= now:
            failure = _refresh_invalid()
        elif _device_is_revoked(session, row):
            failure = device_revoked()
        elif row.revoked_at is not None or row.used_at is not None:
            if _is_retry(session, backend, row, now):
                return _rotate(session, backend, row, now)
            revoke_family(session, row.family_id, now)
            failure = Unauthorized(
                ErrorCode.REFRESH_REUSED,
                "登录凭据被重复使用，为安全起见已全部作废，请重新登录。",
                "refresh token reused: its family is revoked; log in again",
            )
        else:
            return _rotate(session, backend, row, now)
    raise failure


def _device_is_revoked(session: Session, row: RefreshToken) -> bool:
    device = session.get(Device, row.device_id)
    return device is None or device.revoked_at is not None


def _refresh_invalid() -> Unauthorized:
    return Unauthorized(
        ErrorCode.REFRESH_INVALID, "登录已过期，请重新登录。", "refresh token invalid or expired"
    )


def _is_retry(session: Session, backend: Backend, row: RefreshToken, now: dt.datetime) -> bool:
    """The same token again within the grace period while its successor was never used: the
    client lost the response of its first refresh."""
    if row.revoked_at is not None or row.used_at is None or row.replaced_by is None:
        return False
    if now - row.used_at > backend.settings.refresh_retry_grace:
        return False
    successor = session.get(RefreshToken, row.replaced_by)
    return successor is not None and successor.used_at is None and successor.revoked_at is None


def _rotate(session: Session, backend: Backend, row: RefreshToken, now: dt.datetime) -> TokenPair:
    user = session.get(User, row.user_id)
    device = session.get(Device, row.device_id)
    if user is None or device is None or not user.active:
        raise _refresh_invalid()
    if device.revoked_at is not None:
        raise device_revoked()
    if row.replaced_by is not None:  # a retry: the successor it got before is void
        successor = session.get(RefreshToken, row.replaced_by)
        if successor is not None:
            successor.revoked_at = now
        session.query(AccessToken).filter(AccessToken.family_id == row.family_id).delete()
    pair, successor_row = issue(session, backend.settings, user, device, row.family_id, now)
    row.used_at = now
    row.replaced_by = successor_row.id
    device.last_seen_at = now
    return pair


def logout(backend: Backend, principal: Principal) -> None:
    """Revoke the caller's token family (this device's session)."""
    with backend.database.writing() as session:
        revoke_family(session, principal.family_id, backend.now())


# ---- authenticating requests --------------------------------------------------------------------


def authenticate(backend: Backend, token: str | None) -> Principal:
    """The principal of a bearer access token; 401 when absent, unknown or expired, 403 for a
    revoked device."""
    return authenticate_with_counter(backend, token, with_counter=False)[0]


def authenticate_with_counter(
    backend: Backend, token: str | None, *, with_counter: bool = True
) -> tuple[Principal, CounterRow | None]:
    """authenticate(), and the counter read on the same connection (an idle pull needs nothing
    more). Raw DBAPI reads: this runs for every request."""
    if not token:
        raise _not_authenticated()
    found, counter = read_token(backend.database, digest(token), with_counter=with_counter)
    if found is None:
        raise _not_authenticated()
    if found.device_revoked:
        raise device_revoked()
    if not found.active:
        raise _not_authenticated()
    if found.expires_at <= backend.now():
        raise Unauthorized(
            ErrorCode.TOKEN_EXPIRED,
            "登录凭据已过期，正在刷新。",
            "access token expired: refresh it",
        )
    principal = Principal(
        user_id=found.user_id,
        login=found.login,
        role=Role(found.role),
        scope=found.scope,
        device_id=found.device_id,
        family_id=found.family_id,
    )
    return principal, counter


def _not_authenticated() -> Unauthorized:
    return Unauthorized(
        ErrorCode.NOT_AUTHENTICATED, "请先登录。", "missing or unknown access token"
    )
