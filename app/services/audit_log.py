"""Reading the local audit log for supervisors and administrators: who revealed which ID
number, printed, exported, logged in or failed to; filtered, and exported to xlsx or csv.

ID numbers are shown masked (the reveal itself is what is audited, not repeated here); the
export of the audit log is audited in turn."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction, Role
from app.domain.id_numbers import mask_id
from app.models import AuditEvent, Member
from app.services import audit
from app.store.engine import Store

READER_ROLES = frozenset({Role.SUPERVISOR.value, Role.ADMIN.value})
ACCESS_ACTIONS = (
    AuditAction.REVEAL_ID,
    AuditAction.PRINT,
    AuditAction.EXPORT,
    AuditAction.LOGIN,
    AuditAction.LOGIN_FAILED,
    AuditAction.UNLOCK,
    AuditAction.UNLOCK_FAILED,
)
HEADER = ["时间", "操作人", "操作", "对象类型", "对象", "说明"]
MAX_ROWS = 100_000


@dataclass(frozen=True)
class AuditFilter:
    """What to show: actions (empty = every access action), an actor, a date range [from, to]."""

    actions: tuple[str, ...] = ()
    actor: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_edits: bool = False  # create/update/delete rows as well


@dataclass(frozen=True)
class AuditRow:
    id: str
    at: dt.datetime
    actor: str
    action: str
    action_label: str
    entity: str
    entity_id: str
    subject: str  # for a member: name and masked ID number
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def detail_text(self) -> str:
        return "，".join(f"{k}={v}" for k, v in sorted(self.detail.items()))


def may_read(role: str) -> bool:
    """Supervisors and administrators read the audit log."""
    return role in READER_ROLES


def _statement(wanted: AuditFilter) -> Select[AuditEvent]:
    stmt = select(AuditEvent)
    if wanted.actions:
        stmt = stmt.where(AuditEvent.action.in_(wanted.actions))
    elif not wanted.include_edits:
        stmt = stmt.where(AuditEvent.action.in_([a.value for a in ACCESS_ACTIONS]))
    if wanted.actor:
        stmt = stmt.where(AuditEvent.actor == wanted.actor)
    if wanted.date_from is not None:
        stmt = stmt.where(AuditEvent.at >= start_of_day(wanted.date_from))
    if wanted.date_to is not None:
        stmt = stmt.where(AuditEvent.at < start_of_day(wanted.date_to + dt.timedelta(days=1)))
    return stmt


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight in Shanghai (UTC+8, no daylight saving) of ``day``, as an aware UTC time."""
    shanghai = dt.timezone(dt.timedelta(hours=8))
    return dt.datetime.combine(day, dt.time(), shanghai).astimezone(dt.UTC)


def count(session: Session, wanted: AuditFilter) -> int:
    subquery = _statement(wanted).subquery()
    return int(session.execute(select(func.count()).select_from(subquery)).scalar_one())


def query(
    session: Session, wanted: AuditFilter, *, offset: int = 0, limit: int = 1000
) -> list[AuditRow]:
    """Matching rows, newest first."""
    stmt = _statement(wanted).order_by(AuditEvent.at.desc()).offset(offset).limit(limit)
    events = list(session.execute(stmt).scalars())
    subjects = _member_subjects(session, [e.entity_id for e in events if e.entity == "member"])
    return [_row(event, subjects) for event in events]


def actors(session: Session) -> list[str]:
    """Every login that appears in the audit log (for the filter's list)."""
    stmt = select(AuditEvent.actor).distinct().order_by(AuditEvent.actor)
    return [a for a in session.execute(stmt).scalars() if a]


def _member_subjects(session: Session, ids: Sequence[str]) -> dict[str, str]:
    if not ids:
        return {}
    stmt = select(Member.id, Member.name, Member.id_number).where(Member.id.in_(set(ids)))
    return {
        member_id: f"{name} {mask_id(number)}" if number else name
        for member_id, name, number in session.execute(stmt)
    }


def _row(event: AuditEvent, subjects: dict[str, str]) -> AuditRow:
    try:
        label = AuditAction(event.action).label
    except ValueError:
        label = event.action
    return AuditRow(
        id=event.id,
        at=event.at,
        actor=event.actor,
        action=event.action,
        action_label=label,
        entity=event.entity,
        entity_id=event.entity_id,
        subject=subjects.get(event.entity_id, event.entity_id),
        detail=dict(event.detail or {}),
    )


def export(store: Store, wanted: AuditFilter, path: Path, *, actor: str) -> int:
    """Write the matching rows to ``path`` (.xlsx, else CSV in UTF-8 with BOM); audited."""
    path = Path(path)
    with store.sessions() as session:
        rows = query(session, wanted, limit=MAX_ROWS)
    written = _write(path, (_cells(row) for row in rows))
    with store.transaction() as session:
        audit.record(
            session, actor, AuditAction.EXPORT, "audit_event", "", file=path.name, rows=written
        )
    return written


def _cells(row: AuditRow) -> list[str]:
    local = row.at.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return [
        local.strftime("%Y-%m-%d %H:%M:%S"),
        row.actor,
        row.action_label,
        row.entity,
        row.subject,
        row.detail_text,
    ]


def _write(path: Path, rows: Iterable[list[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    if path.suffix.lower() == ".xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet("审计日志")
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
            written += 1
        book.save(path)
        return written
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row)
            written += 1
    return written
