"""Writing a syncable row the one way (DESIGN §5, issue item 12): the row, its outbox entry and an
audit row in the caller's transaction, so a change is either wholly recorded or not at all."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.services import audit
from app.services.outbox import enqueue

# Bookkeeping columns the server sets or derives; never part of a mutation's fields.
BOOKKEEPING = frozenset(
    {"id", "created_at", "created_by", "updated_at", "updated_by", "server_seq", "deleted"}
)


def entity_of(row: Any) -> str:
    """The sync entity name of a row: its table name."""
    return str(row.__tablename__)


def data_fields(row: Any) -> dict[str, Any]:
    """Every column value of ``row`` except the bookkeeping ones."""
    columns = inspect(type(row)).columns
    return {c.key: getattr(row, c.key) for c in columns if c.key not in BOOKKEEPING}


def insert_row(session: Session, actor: str, row: Any, **detail: Any) -> str:
    """Add a new row with its outbox entry (all fields, base_seq 0) and a CREATE audit row."""
    row.created_by = row.updated_by = actor
    session.add(row)
    session.flush()
    enqueue(session, entity_of(row), row.id, data_fields(row), 0)
    audit.record(session, actor, AuditAction.CREATE, entity_of(row), row.id, **detail)
    return str(row.id)


def update_row(
    session: Session, actor: str, row: Any, values: dict[str, Any], **detail: Any
) -> dict[str, Any]:
    """Set the changed values; queue and audit them. Returns the changed fields ({} = no-op)."""
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    if not changed:
        return changed
    for key, value in changed.items():
        setattr(row, key, value)
    row.updated_by = actor
    enqueue(session, entity_of(row), row.id, changed, row.server_seq)
    audit.record(
        session, actor, AuditAction.UPDATE, entity_of(row), row.id, fields=sorted(changed), **detail
    )
    return changed


def tombstone_row(session: Session, actor: str, row: Any, **detail: Any) -> None:
    """Mark a row deleted (tombstone, DESIGN §5), queued and audited."""
    if row.deleted:
        return
    row.deleted = True
    row.updated_by = actor
    enqueue(session, entity_of(row), row.id, {"deleted": True}, row.server_seq)
    audit.record(session, actor, AuditAction.DELETE, entity_of(row), row.id, **detail)


def live(session: Session, model: type[Any], row_id: str, what: str = "") -> Any:
    """The live (not deleted) row of ``model`` with ``row_id``; LookupError otherwise."""
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise LookupError(f"{what or model.__tablename__} {row_id} not found")
    return row
