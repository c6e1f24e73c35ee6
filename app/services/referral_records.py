"""What a user enters for a referral (转介), its validation, and the views the service returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.domain.enums import NeedCategory, ReferralAction, ResourceCategory, Urgency
from app.domain.errors import Problem, ValidationError
from app.models import Referral, ReferralStep

REASON_MAX = 2000


@dataclass
class ReferralInput:
    household_id: str
    need_category: str  # NeedCategory / ResourceCategory value
    reason: str
    urgency: str = Urgency.NORMAL.value
    resource_id: str | None = None
    member_id: str | None = None
    plan_action_id: str | None = None


@dataclass(frozen=True)
class StepView:
    id: str
    from_state: str | None
    to_state: str
    at: dt.datetime
    actor: str
    note: str


@dataclass(frozen=True)
class ReferralView:
    id: str
    household_id: str
    member_id: str | None
    resource_id: str | None
    resource_name: str
    plan_action_id: str | None
    need_category: str
    reason: str
    urgency: str
    state: str
    state_changed_at: dt.datetime
    follow_up_on: dt.date | None
    outcome: str
    created_at: dt.datetime
    created_by: str
    steps: list[StepView] = field(default_factory=list)
    allowed_next: list[ReferralAction] = field(default_factory=list)


def validate_referral(data: ReferralInput) -> ReferralInput:
    problems: list[Problem] = []
    known = {c.value for c in NeedCategory} | {c.value for c in ResourceCategory}
    if data.need_category not in known:
        problems.append(
            Problem(
                "need_category",
                "choice",
                "请选择转介的需求类别。",
                "Choose the need category of the referral.",
            )
        )
    if data.urgency not in {u.value for u in Urgency}:
        problems.append(
            Problem(
                "urgency",
                "choice",
                "请选择紧急程度（紧急、较急、一般）。",
                "Choose the urgency (urgent, high, normal).",
            )
        )
    reason = data.reason.strip()
    if not reason:
        problems.append(
            Problem("reason", "required", "请填写转介原因。", "Give the reason for the referral.")
        )
    elif len(reason) > REASON_MAX:
        problems.append(
            Problem(
                "reason",
                "too_long",
                f"转介原因最多 {REASON_MAX} 个字。",
                f"The reason is limited to {REASON_MAX} characters.",
            )
        )
    if problems:
        raise ValidationError(problems)
    data.reason = reason
    return data


def step_view(row: ReferralStep) -> StepView:
    return StepView(row.id, row.from_state, row.to_state, row.at, row.actor, row.note)


def referral_view(
    row: Referral,
    resource_name: str,
    steps: list[ReferralStep],
    allowed: list[ReferralAction],
) -> ReferralView:
    return ReferralView(
        id=row.id,
        household_id=row.household_id,
        member_id=row.member_id,
        resource_id=row.resource_id,
        resource_name=resource_name,
        plan_action_id=row.plan_action_id,
        need_category=row.need_category,
        reason=row.reason,
        urgency=row.urgency,
        state=row.state,
        state_changed_at=row.state_changed_at,
        follow_up_on=row.follow_up_on,
        outcome=row.outcome,
        created_at=row.created_at,
        created_by=row.created_by,
        steps=[step_view(s) for s in steps],
        allowed_next=allowed,
    )
