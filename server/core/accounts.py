"""Administering users and devices: create users, list them, list and revoke devices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.enums import Role
from app.sync.wire import ErrorCode, UserInfo
from server.core.backend import Backend
from server.core.errors import BadRequest, Conflict, Forbidden, NotFound
from server.core.scope import Principal
from server.core.tokens import new_id, revoke_device_tokens, user_info
from server.models import Device, Jurisdiction, User

MIN_PASSWORD = 8


@dataclass(frozen=True)
class NewUser:
    login: str
    password: str
    role: Role
    scope: tuple[str, ...]
    display_name: str = ""


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    user_login: str
    name: str
    registered_at: dt.datetime
    last_seen_at: dt.datetime
    last_mid: int
    revoked: bool


def require_admin(principal: Principal) -> None:
    if principal.role is not Role.ADMIN:
        raise Forbidden(ErrorCode.FORBIDDEN, "只有管理员可以这样做。", "administrators only")


def create_user(backend: Backend, new: NewUser, *, check_scope: bool = True) -> UserInfo:
    """A user with an argon2id password hash; 409 when the login is taken."""
    login = new.login.strip()
    if not login or len(login) > 64 or len(new.password) < MIN_PASSWORD:
        raise BadRequest(
            ErrorCode.INVALID_REQUEST,
            f"用户名不能为空，密码至少 {MIN_PASSWORD} 位。",
            f"login required and password of at least {MIN_PASSWORD} characters",
        )
    password_hash = backend.hasher.hash(new.password)
    with backend.database.writing() as session:
        if check_scope:
            known = set(session.execute(select(Jurisdiction.code)).scalars())
            unknown = sorted(set(new.scope) - known)
            if unknown:
                raise BadRequest(
                    ErrorCode.INVALID_REQUEST,
                    f"没有这些区划代码：{', '.join(unknown)}。",
                    f"unknown jurisdiction codes: {', '.join(unknown)}",
                )
        if session.execute(select(User.id).where(User.login == login)).first() is not None:
            raise Conflict(
                ErrorCode.CONFLICT, f"用户名 {login} 已存在。", f"login {login} is taken"
            )
        user = User(
            id=new_id(),
            login=login,
            display_name=new.display_name or login,
            role=new.role.value,
            scope=list(new.scope),
            password_hash=password_hash,
            active=True,
            created_at=backend.now(),
        )
        session.add(user)
        return user_info(user)


def list_users(backend: Backend) -> list[UserInfo]:
    with backend.database.reading() as session:
        return [user_info(u) for u in session.execute(select(User).order_by(User.login)).scalars()]


def list_devices(backend: Backend) -> list[DeviceInfo]:
    with backend.database.reading() as session:
        rows = session.execute(
            select(Device, User.login)
            .join(User, User.id == Device.user_id)
            .order_by(User.login, Device.registered_at)
        )
        return [_device_info(device, login) for device, login in rows]


def revoke_device(backend: Backend, principal: Principal, device_id: str) -> DeviceInfo:
    """Stop a laptop: its tokens die now and it cannot log in or refresh again."""
    now = backend.now()
    with backend.database.writing() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise NotFound(ErrorCode.NOT_FOUND, "没有这台设备。", f"no device {device_id}")
        if device.revoked_at is None:
            device.revoked_at = now
            device.revoked_by = principal.login
        revoke_device_tokens(session, device_id, now)
        owner = session.get(User, device.user_id)
        return _device_info(device, owner.login if owner else "")


def _device_info(device: Device, login: str) -> DeviceInfo:
    return DeviceInfo(
        id=device.id,
        user_login=login,
        name=device.name,
        registered_at=device.registered_at,
        last_seen_at=device.last_seen_at,
        last_mid=device.last_mid,
        revoked=device.revoked_at is not None,
    )


def me(backend: Backend, principal: Principal) -> UserInfo:
    with backend.database.reading() as session:
        user = session.get(User, principal.user_id)
        if user is None:
            raise NotFound(ErrorCode.NOT_FOUND, "没有这个用户。", "no such user")
        return user_info(user)
