"""Resolving what sync could not decide alone: field conflicts and refused edits.

Nothing is resolved silently. A conflict is settled by the user choosing mine, theirs or an
edited value; the choice is a new outbox mutation (with ``resolves``) that syncs like any edit,
written with the row change and an audit row in one transaction. A refused edit is retried
(queued again) or discarded (the server's values are fetched again on the next sync)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.domain.errors import ValidationError
from app.domain.names import clean_name
from app.domain.phones import normalize_phone
from app.models import OutboxEntry, SyncConflict, SyncRefusal
from app.services import audit
from app.store.engine import Store
from app.sync import derived
from app.sync.state import load_state, save_state
from app.sync.tables import sync_tables, wire_value

Choice = Literal["mine", "theirs", "edit"]
CHECKS = {"phone": normalize_phone, "name": clean_name}  # fields typed by hand get their rules


@dataclass(frozen=True)
class ConflictView:
    id: str
    entity: str
    row_id: str
    field: str
    base: Any
    mine: Any
    theirs: Any
    current: Any  # the value the local row holds now (the server's, unless edited since)
    mine_by: str
    theirs_by: str
    at: dt.datetime  # when this laptop's value reached the server
    theirs_at: dt.datetime | None = None  # when the server's value was made


@dataclass(frozen=True)
class RowConflicts:
    """The open conflicts of one row, shown together: one resolution mutation per row."""

    entity: str
    row_id: str
    label: str  # e.g. the household's head and address
    conflicts: list[ConflictView]


@dataclass(frozen=True)
class RefusalView:
    mid: int
    entity: str
    row_id: str
    label: str
    fields: dict[str, Any]
    code: str
    message: str
    message_en: str
    at: dt.datetime


class ConflictService:
    """The conflicts and refusals of one store, acting as ``actor`` (the signed-in login)."""

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    # ---- reading -------------------------------------------------------------------------

    def open_count(self) -> int:
        with self.store.sessions() as session:
            stmt = select(SyncConflict.id).where(SyncConflict.resolved.is_(False))
            return len(session.execute(stmt).all())

    def open_conflicts(self) -> list[RowConflicts]:
        """Unresolved conflicts grouped by row, oldest first."""
        with self.store.sessions() as session:
            stmt = (
                select(SyncConflict)
                .where(SyncConflict.resolved.is_(False))
                .order_by(SyncConflict.at, SyncConflict.id)
            )
            grouped: dict[tuple[str, str], list[ConflictView]] = defaultdict(list)
            for conflict in session.execute(stmt).scalars():
                current = current_value(session, conflict.entity, conflict.row_id, conflict.field)
                grouped[(conflict.entity, conflict.row_id)].append(_view(conflict, current))
            return [
                RowConflicts(entity, row_id, describe_row(session, entity, row_id), views)
                for (entity, row_id), views in grouped.items()
            ]

    def refusals(self) -> list[RefusalView]:
        with self.store.sessions() as session:
            stmt = (
                select(SyncRefusal).where(SyncRefusal.settled.is_(False)).order_by(SyncRefusal.mid)
            )
            return [
                RefusalView(
                    r.mid,
                    r.entity,
                    r.row_id,
                    describe_row(session, r.entity, r.row_id),
                    dict(r.fields),
                    r.code,
                    r.message,
                    r.message_en,
                    r.at,
                )
                for r in session.execute(stmt).scalars()
            ]

    # ---- resolving -----------------------------------------------------------------------

    def resolve(self, conflict_id: str, choice: Choice, value: Any = None) -> int:
        """Settle one conflict; returns the mid of the resolving mutation."""
        return self.resolve_row({conflict_id: (choice, value)})

    def resolve_row(self, choices: dict[str, tuple[Choice, Any]]) -> int:
        """Settle conflicts of one row together: mine/edit values go into one mutation, theirs
        keeps the server value (the mutation then only marks the conflict resolved)."""
        with self.store.transaction() as session:
            conflicts = [_open_conflict(session, conflict_id) for conflict_id in choices]
            entity, row_id = conflicts[0].entity, conflicts[0].row_id
            if any((c.entity, c.row_id) != (entity, row_id) for c in conflicts):
                raise ValueError("resolve_row takes conflicts of one row only")
            values = {c.field: _chosen(c, *choices[c.id]) for c in conflicts}
            fields = {name: value for name, value in values.items() if value is not _THEIRS}
            base_seq = _apply_locally(session, entity, row_id, fields, self.actor)
            entry = OutboxEntry(
                entity=entity,
                row_id=row_id,
                fields={name: wire_value(value) for name, value in fields.items()},
                base_seq=base_seq,
                resolves=[c.id for c in conflicts],
            )
            session.add(entry)
            session.flush()
            now = dt.datetime.now(dt.UTC)
            for conflict in conflicts:
                conflict.resolved, conflict.resolved_at, conflict.resolved_by = (
                    True,
                    now,
                    self.actor,
                )
                conflict.resolution = choices[conflict.id][0]
                conflict.resolution_mid = entry.mid
            audit.record(
                session,
                self.actor,
                AuditAction.UPDATE,
                entity,
                row_id,
                resolved_conflicts={c.field: choices[c.id][0] for c in conflicts},
            )
            _refresh(session, entity, row_id)
            return entry.mid

    def retry_refusal(self, mid: int) -> int:
        """Queue a refused edit again (after its cause was fixed); returns the new mid."""
        with self.store.transaction() as session:
            refusal = _open_refusal(session, mid)
            entry = OutboxEntry(
                entity=refusal.entity,
                row_id=refusal.row_id,
                fields=dict(refusal.fields),
                base_seq=refusal.base_seq,
                resolves=list(refusal.resolves),
            )
            session.add(entry)
            session.flush()
            _settle(refusal, "retried")
            audit.record(session, self.actor, AuditAction.UPDATE, refusal.entity, refusal.row_id)
            return entry.mid

    def discard_refusal(self, mid: int) -> None:
        """Give up a refused edit: the next sync fetches the server's values again."""
        with self.store.transaction() as session:
            refusal = _open_refusal(session, mid)
            _settle(refusal, "discarded")
            state = load_state(session)
            state.refetch = True
            save_state(session, state)
            audit.record(
                session,
                self.actor,
                AuditAction.DELETE,
                refusal.entity,
                refusal.row_id,
                discarded_edit=sorted(refusal.fields),
            )


_THEIRS = object()


def _chosen(conflict: SyncConflict, choice: Choice, value: Any) -> Any:
    if choice == "theirs":
        return _THEIRS
    if choice == "mine":
        return conflict.mine
    if isinstance(value, str) and conflict.field in CHECKS:
        return CHECKS[conflict.field](value, field=conflict.field)
    return value


def _open_conflict(session: Session, conflict_id: str) -> SyncConflict:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.resolved:
        raise LookupError(f"no open conflict {conflict_id}")
    return conflict


def _open_refusal(session: Session, mid: int) -> SyncRefusal:
    refusal = session.get(SyncRefusal, mid)
    if refusal is None or refusal.settled:
        raise LookupError(f"no open refusal {mid}")
    return refusal


def _settle(refusal: SyncRefusal, how: str) -> None:
    refusal.settled, refusal.settled_at, refusal.settlement = True, dt.datetime.now(dt.UTC), how


def _apply_locally(
    session: Session, entity: str, row_id: str, fields: dict[str, Any], actor: str
) -> int:
    """Write the chosen values into the local row; returns its server_seq (the base_seq)."""
    spec = sync_tables()[entity]
    table = spec.table
    found = session.execute(select(table.c.server_seq).where(table.c.id == row_id)).first()
    if found is None:
        raise LookupError(f"{entity} {row_id} is not in this store")
    values = {name: spec.python_value(name, value) for name, value in fields.items()}
    if values:
        unknown = sorted(set(values) - {*spec.fields, "deleted"})
        if unknown:
            raise ValidationError.single(
                unknown[0], "unknown_field", "该字段不存在。", f"no field {unknown[0]}"
            )
        values |= {"updated_by": actor, "updated_at": dt.datetime.now(dt.UTC)}
        session.execute(update(table).where(table.c.id == row_id).values(**values))
    return int(found[0])


def _refresh(session: Session, entity: str, row_id: str) -> None:
    household = row_id if entity == "household" else None
    if entity == "member":
        household = current_value(session, "member", row_id, "household_id")
    if household:
        derived.refresh_households(session, {household})
        derived.reindex(session, {household})


def current_value(session: Session, entity: str, row_id: str, field: str) -> Any:
    """The local value of one field, in its wire form (None when the row or field is absent)."""
    tables = sync_tables()
    if entity not in tables or field not in tables[entity].table.c:
        return None
    column = tables[entity].table.c[field]
    value = session.execute(
        select(column).where(tables[entity].table.c.id == row_id)
    ).scalar_one_or_none()
    return wire_value(value)


def describe_row(session: Session, entity: str, row_id: str) -> str:
    """A short human description of a row: a household's head and address, a member's name."""
    if entity == "household":
        head = current_value(session, entity, row_id, "head_name") or ""
        address = current_value(session, entity, row_id, "address") or ""
        return " · ".join(p for p in (head, address) if p) or row_id
    if entity == "member":
        name = current_value(session, entity, row_id, "name") or row_id
        household = current_value(session, entity, row_id, "household_id")
        head = current_value(session, "household", household, "head_name") if household else ""
        return f"{name}（{head}户）" if head and head != name else str(name)
    return f"{entity} {row_id[:8]}"


def _view(conflict: SyncConflict, current: Any) -> ConflictView:
    return ConflictView(
        id=conflict.id,
        entity=conflict.entity,
        row_id=conflict.row_id,
        field=conflict.field,
        base=conflict.base,
        mine=conflict.mine,
        theirs=conflict.theirs,
        current=current,
        mine_by=conflict.mine_by,
        theirs_by=conflict.theirs_by,
        at=conflict.at,
        theirs_at=conflict.theirs_at,
    )
