"""Writing the append-only audit log (reveals, prints, exports, logins, edits)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.models import AuditEvent


def record(
    session: Session,
    actor: str,
    action: AuditAction,
    entity: str = "",
    entity_id: str = "",
    **detail: Any,
) -> None:
    """Add one audit row in the caller's transaction; it commits or rolls back with the work."""
    session.add(
        AuditEvent(
            actor=actor, action=action.value, entity=entity, entity_id=entity_id, detail=detail
        )
    )
