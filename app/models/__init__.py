"""SQLAlchemy 2 typed models of the client store."""

from app.models.assessment import Assessment
from app.models.audit import AuditEvent
from app.models.base import Base, new_id, utcnow
from app.models.duplicate import DuplicateDismissal, LedgerKey, MergeRecord
from app.models.help_request import HelpRequest
from app.models.household import Household, Member
from app.models.jurisdiction import Jurisdiction
from app.models.outbox import OutboxEntry, SettingsEntry
from app.models.plan import PlanAction, ServicePlan
from app.models.referral import Referral, ReferralStep
from app.models.resource import Resource
from app.models.standard import Standard
from app.models.sync_records import SyncConflict, SyncRefusal, SyncSeen
from app.models.user import User
from app.models.visit import Visit, VisitAmendment

__all__ = [
    "Assessment",
    "AuditEvent",
    "Base",
    "DuplicateDismissal",
    "HelpRequest",
    "Household",
    "Jurisdiction",
    "LedgerKey",
    "Member",
    "MergeRecord",
    "OutboxEntry",
    "PlanAction",
    "Referral",
    "ReferralStep",
    "Resource",
    "ServicePlan",
    "SettingsEntry",
    "Standard",
    "SyncConflict",
    "SyncRefusal",
    "SyncSeen",
    "User",
    "Visit",
    "VisitAmendment",
    "new_id",
    "utcnow",
]
