"""SQLAlchemy models of the server database (migrations in server/migrations)."""

from server.models.accounts import AccessToken, Device, Jurisdiction, LoginAudit, RefreshToken, User
from server.models.base import Base
from server.models.records import (
    AppliedMutation,
    Conflict,
    Counter,
    Record,
    Revision,
    ScopeExit,
    ServerHistory,
)

__all__ = [
    "AccessToken",
    "AppliedMutation",
    "Base",
    "Conflict",
    "Counter",
    "Device",
    "Jurisdiction",
    "LoginAudit",
    "Record",
    "RefreshToken",
    "Revision",
    "ScopeExit",
    "ServerHistory",
    "User",
]
