"""Account care through the server's API, Qt-free: devices and their revocation, users and
password resets (administrators), one's own password, and the server's audit trail
(supervisors and administrators). Rides on the sync engine's client (tokens, refresh, retries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.domain.enums import AuditAction
from app.services.audit_log import AuditFilter, AuditRow, start_of_day
from app.sync import wire
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from app.sync.wire import API_PREFIX, UserInfo

DEVICES_PATH = f"{API_PREFIX}/admin/devices"
USERS_PATH = f"{API_PREFIX}/admin/users"
PASSWORD_PATH = f"{API_PREFIX}/auth/password"
AUDIT_PATH = f"{API_PREFIX}/audit"


@dataclass(frozen=True)
class DeviceRow:
    id: str
    user_login: str
    name: str
    registered_at: dt.datetime
    last_seen_at: dt.datetime
    last_mid: int
    revoked: bool


@dataclass(frozen=True)
class ServerAuditRow:
    id: str
    at: dt.datetime
    actor: str
    action: str
    entity: str = ""
    entity_id: str = ""
    scope_code: str = ""
    source: str = "client"
    detail: dict[str, Any] = field(default_factory=dict)


class AdminClient:
    """Administration calls for the user this profile is signed in as."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine

    @property
    def _client(self) -> SyncClient:
        return self.engine.client()

    def _call(self, method: str, path: str, kind: Any, **request: Any) -> Any:
        # The engine's authenticated call: refreshes an expired token, retries lost connections.
        return self._client._authed(method, path, kind, **request)

    def devices(self) -> list[DeviceRow]:
        found: list[DeviceRow] = self._call("GET", DEVICES_PATH, list[DeviceRow])
        return found

    def revoke(self, device_id: str) -> DeviceRow:
        row: DeviceRow = self._call("POST", f"{DEVICES_PATH}/{device_id}/revoke", DeviceRow)
        return row

    def users(self) -> list[UserInfo]:
        found: list[UserInfo] = self._call("GET", USERS_PATH, list[UserInfo])
        return found

    def reset_password(self, user_id: str, new_password: str) -> None:
        body = wire.encode({"new_password": new_password})
        self._call("POST", f"{USERS_PATH}/{user_id}/password", None, body=body)

    def change_password(self, current_password: str, new_password: str) -> None:
        body = wire.encode({"current_password": current_password, "new_password": new_password})
        self._call("POST", PASSWORD_PATH, None, body=body)

    def audit(
        self,
        *,
        action: str = "",
        actor: str = "",
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: int = 1000,
    ) -> list[ServerAuditRow]:
        params: dict[str, Any] = {"limit": limit}
        if action:
            params["action"] = action
        if actor:
            params["actor"] = actor
        if since is not None:
            params["since"] = since.isoformat()
        if until is not None:
            params["until"] = until.isoformat()
        found: list[ServerAuditRow] = self._call(
            "GET", AUDIT_PATH, list[ServerAuditRow], params=params
        )
        return found


def audit_rows(admin: AdminClient, wanted: AuditFilter) -> list[AuditRow]:
    """The server's trail as the audit viewer's rows (dates are Shanghai days)."""
    since = start_of_day(wanted.date_from) if wanted.date_from else None
    until = start_of_day(wanted.date_to + dt.timedelta(days=1)) if wanted.date_to else None
    action = wanted.actions[0] if len(wanted.actions) == 1 else ""
    found = admin.audit(action=action, actor=wanted.actor, since=since, until=until)
    return [
        AuditRow(
            id=row.id,
            at=row.at,
            actor=row.actor,
            action=row.action,
            action_label=_label(row.action),
            entity=row.entity,
            entity_id=row.entity_id,
            subject=row.entity_id,
            detail={**row.detail, "scope": row.scope_code} if row.scope_code else row.detail,
        )
        for row in found
        if not wanted.actions or row.action in wanted.actions
    ]


def _label(action: str) -> str:
    try:
        return AuditAction(action).label
    except ValueError:
        return action
