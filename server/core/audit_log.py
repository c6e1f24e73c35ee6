"""Reading the audit trail on the server (supervisors and administrators): the access events
laptops pushed (``audit_event`` rows: reveals, prints, exports, unlocks) and the server's own
login attempts (``login_audit``), newest first, within the reader's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.domain.enums import Role
from app.sync.wire import ErrorCode
from server.core.auth import Outcome
from server.core.backend import Backend
from server.core.errors import Forbidden
from server.core.scope import Access, Principal
from server.models import Counter, LoginAudit, Record, User

AUDIT_ENTITY = "audit_event"
READERS = frozenset({Role.SUPERVISOR, Role.ADMIN})
MAX_ROWS = 5000


@dataclass(frozen=True)
class AuditQuery:
    action: str = ""  # an AuditAction code, "login" / "login_failed" for server logins
    actor: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 1000


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: dt.datetime
    actor: str
    action: str
    entity: str = ""
    entity_id: str = ""
    scope_code: str = ""
    source: str = "client"  # "client": pushed by a laptop; "server": a login on the server
    detail: dict[str, Any] = field(default_factory=dict)


def query(backend: Backend, principal: Principal, wanted: AuditQuery) -> list[AuditEntry]:
    if principal.role not in READERS:
        raise Forbidden(
            ErrorCode.FORBIDDEN, "只有督导和管理员可以查看审计记录。", "supervisors and admins only"
        )
    limit = max(1, min(wanted.limit, MAX_ROWS))
    with backend.database.reading() as session:
        counter = session.get(Counter, 1)
        assert counter is not None
        access = Access.of(principal, backend.trees.tree(session, counter.tree_version))
        entries = _events(session, access, wanted, limit) + _logins(session, access, wanted, limit)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def _events(session: Any, access: Access, wanted: AuditQuery, limit: int) -> list[AuditEntry]:
    stmt = (
        select(Record)
        .where(Record.entity == AUDIT_ENTITY, Record.scope_code.in_(access.codes))
        .order_by(Record.seq.desc())
        .limit(MAX_ROWS)
    )
    if wanted.actor:
        stmt = stmt.where(Record.created_by == wanted.actor)
    found = []
    for record in session.execute(stmt).scalars():
        entry = AuditEntry(
            id=record.id,
            at=_time(record.fields.get("at"), record.created_at),
            actor=str(record.fields.get("actor") or record.created_by),
            action=str(record.fields.get("action", "")),
            entity=str(record.fields.get("entity", "")),
            entity_id=str(record.fields.get("entity_id", "")),
            scope_code=record.scope_code,
            detail=dict(record.fields.get("detail") or {}),
        )
        if _wanted(entry, wanted):
            found.append(entry)
        if len(found) >= limit:
            break
    return found


def _logins(session: Any, access: Access, wanted: AuditQuery, limit: int) -> list[AuditEntry]:
    if wanted.action and wanted.action not in ("login", "login_failed"):
        return []
    stmt = select(LoginAudit).order_by(LoginAudit.id.desc()).limit(MAX_ROWS)
    if wanted.actor:
        stmt = stmt.where(LoginAudit.login == wanted.actor)
    if wanted.since is not None:
        stmt = stmt.where(LoginAudit.at >= wanted.since)
    if wanted.until is not None:
        stmt = stmt.where(LoginAudit.at < wanted.until)
    visible = _visible_users(session, access)
    found = []
    for row in session.execute(stmt).scalars():
        if visible is not None and row.user_id not in visible:
            continue
        action = "login" if row.outcome == Outcome.SUCCESS else "login_failed"
        if wanted.action and action != wanted.action:
            continue
        found.append(
            AuditEntry(
                id=f"login-{row.id}",
                at=_aware(row.at),
                actor=row.login,
                action=action,
                entity="device",
                entity_id=row.device_id or "",
                source="server",
                detail={"outcome": row.outcome, "address": row.address},
            )
        )
        if len(found) >= limit:
            break
    return found


def _visible_users(session: Any, access: Access) -> set[str] | None:
    """Users whose whole scope lies in the reader's (None: an administrator sees every one)."""
    if access.principal.role is Role.ADMIN:
        return None
    users = session.execute(select(User.id, User.scope)).all()
    return {uid for uid, scope in users if scope and set(scope) <= access.codes}


def _wanted(entry: AuditEntry, wanted: AuditQuery) -> bool:
    if wanted.action and entry.action != wanted.action:
        return False
    if wanted.since is not None and entry.at < _aware(wanted.since):
        return False
    return not (wanted.until is not None and entry.at >= _aware(wanted.until))


def _time(text: Any, fallback: dt.datetime) -> dt.datetime:
    try:
        return _aware(dt.datetime.fromisoformat(str(text)))
    except ValueError:
        return _aware(fallback)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
