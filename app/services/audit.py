"""Writing the append-only audit log (reveals, prints, exports, logins, edits).

Access events (reveals, prints, exports, unlocks of the window) also go to the sync outbox as
``audit_event`` rows, so supervisors see them on the server. Edits and server logins need not:
the server records them itself (its revision history and its login audit)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.models import AuditEvent
from app.models.base import new_id, utcnow
from app.services.outbox import enqueue

AUDIT_ENTITY = "audit_event"
SYNCED_ACTIONS = frozenset(
    {
        AuditAction.REVEAL_ID,
        AuditAction.PRINT,
        AuditAction.EXPORT,
        AuditAction.UNLOCK,
        AuditAction.UNLOCK_FAILED,
    }
)


def record(
    session: Session,
    actor: str,
    action: AuditAction,
    entity: str = "",
    entity_id: str = "",
    **detail: Any,
) -> None:
    """Add one audit row in the caller's transaction; it commits or rolls back with the work."""
    event = AuditEvent(
        id=new_id(),
        at=utcnow(),
        actor=actor,
        action=action.value,
        entity=entity,
        entity_id=entity_id,
        detail=detail,
    )
    session.add(event)
    if action in SYNCED_ACTIONS:
        fields = {
            "at": event.at,
            "actor": actor,
            "action": action.value,
            "entity": entity,
            "entity_id": entity_id,
            "detail": detail,
        }
        enqueue(session, AUDIT_ENTITY, event.id, fields, 0)
