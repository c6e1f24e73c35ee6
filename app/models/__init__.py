"""SQLAlchemy 2 typed models of the client store."""

from app.models.audit import AuditEvent
from app.models.base import Base, new_id, utcnow
from app.models.household import Household, Member
from app.models.jurisdiction import Jurisdiction
from app.models.outbox import OutboxEntry, SettingsEntry
from app.models.user import User

__all__ = [
    "AuditEvent",
    "Base",
    "Household",
    "Jurisdiction",
    "Member",
    "OutboxEntry",
    "SettingsEntry",
    "User",
    "new_id",
    "utcnow",
]
