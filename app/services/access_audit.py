"""Audit rows that stand alone (not part of another write): unlocking the window."""

from __future__ import annotations

from app.domain.enums import AuditAction
from app.services import audit
from app.store.engine import Store


def record_unlock(store: Store, actor: str, *, succeeded: bool) -> None:
    """One UNLOCK or UNLOCK_FAILED row in its own transaction."""
    action = AuditAction.UNLOCK if succeeded else AuditAction.UNLOCK_FAILED
    with store.transaction() as session:
        audit.record(session, actor, action, "profile", "")
