"""The kinds of printed form and the plain records each is built from (no store access here:
``sources`` fills these from the services, tests build them directly)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.enums import LabelledEnum
from app.domain.instruments import Instrument
from app.printing.layout import Letterhead
from app.services.assessment_records import AssessmentView
from app.services.help_request_records import HelpRequestView, Receipt
from app.services.household_records import HouseholdDetail, MemberView
from app.services.plan_records import PlanView
from app.services.referral_records import ReferralView
from app.services.resource_records import ResourceView
from app.services.visit_records import VisitView


class FormKind(StrEnum):
    """What can be printed; the value is the command-line name (``nuanxin print visit ID``)."""

    HOUSEHOLD = "household"
    VISIT = "visit"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    REFERRAL = "referral"
    RECEIPT = "receipt"


@dataclass(frozen=True)
class FormSpec:
    title: str
    code: str
    version: int


SPECS: Mapping[FormKind, FormSpec] = {
    FormKind.HOUSEHOLD: FormSpec("家庭基本情况表", "NX-F06", 1),
    FormKind.VISIT: FormSpec("入户走访记录表", "NX-F01", 1),
    FormKind.ASSESSMENT: FormSpec("需求评估表", "NX-F02", 1),
    FormKind.PLAN: FormSpec("一户一方案", "NX-F03", 1),
    FormKind.REFERRAL: FormSpec("转介单", "NX-F04", 1),
    FormKind.RECEIPT: FormSpec("求助受理回执", "NX-F05", 1),
}


def label(enum: type[LabelledEnum], value: str | None, empty: str = "") -> str:
    """The Chinese label of a stored code (the code itself if unknown, ``empty`` for none)."""
    if not value:
        return empty
    try:
        return enum(value).label
    except ValueError:
        return value


@dataclass(frozen=True)
class HouseholdPart:
    """The household a form is about, with the ID numbers to print (masked unless revealed)."""

    detail: HouseholdDetail
    advisor_name: str = ""
    revealed: Mapping[str, str] = field(default_factory=dict)  # member id -> full number

    def id_number(self, member: MemberView) -> str:
        return self.revealed.get(member.id, member.id_number_masked)

    @property
    def head(self) -> MemberView | None:
        heads = [m for m in self.detail.members if m.relation_to_head == "self"]
        return heads[0] if heads else None


@dataclass(frozen=True)
class AssessmentRecord:
    assessment: AssessmentView
    instrument: Instrument | None  # None when that version is no longer installed
    assessor_name: str = ""


@dataclass(frozen=True)
class ReferralRecord:
    referral: ReferralView
    resource: ResourceView | None
    member: MemberView | None  # the member referred (None: the whole household)
    referrer_name: str = ""


@dataclass(frozen=True)
class ReceiptRecord:
    receipt: Receipt
    request: HelpRequestView


Record = VisitView | AssessmentRecord | PlanView | ReferralRecord | ReceiptRecord | None


@dataclass(frozen=True)
class FormData:
    """Everything one printed form shows."""

    kind: FormKind
    record_id: str
    letterhead: Letterhead
    day: dt.date  # the form's own date (visit, assessment, receipt day …), for the manifest
    household: HouseholdPart | None
    record: Record

    @property
    def spec(self) -> FormSpec:
        return SPECS[self.kind]

    @property
    def household_id(self) -> str:
        if self.household is not None:
            return self.household.detail.id
        if isinstance(self.record, ReceiptRecord):
            return self.record.request.household_id or ""
        return ""
