"""What a user enters for a service plan (一户一方案) and its actions, validation, and views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from app.domain.enums import NeedCategory, PlanActionState, ResourceCategory
from app.domain.errors import Problem, ValidationError
from app.models import PlanAction, ServicePlan

GOAL_MAX = 500


@dataclass
class ActionInput:
    need_category: str
    description: str
    resource_id: str | None = None
    policy: str = ""
    owner: str = ""
    due_on: dt.date | None = None
    state: str = PlanActionState.PLANNED.value


@dataclass(frozen=True)
class ActionView:
    id: str
    need_category: str
    description: str
    resource_id: str | None
    resource_name: str
    policy: str
    owner: str
    due_on: dt.date | None
    state: str
    position: int


@dataclass(frozen=True)
class PlanView:
    id: str
    household_id: str
    goals: list[str]
    review_on: dt.date | None
    assessment_id: str | None
    notes: str
    updated_at: dt.datetime
    actions: list[ActionView] = field(default_factory=list)


@dataclass(frozen=True)
class PlanProposal:
    """A plan suggested from an assessment, for the advisor to edit before saving."""

    assessment_id: str
    goals: list[str]
    review_on: dt.date
    actions: list[ActionInput]


def validate_goals(goals: list[str]) -> list[str]:
    clean = [" ".join(g.split()) for g in goals]
    clean = [g for g in clean if g]
    if any(len(g) > GOAL_MAX for g in clean):
        raise ValidationError.single(
            "goals",
            "too_long",
            f"每条目标最多 {GOAL_MAX} 个字。",
            f"Each goal is limited to {GOAL_MAX} characters.",
        )
    return clean


def validate_action(data: ActionInput) -> ActionInput:
    problems: list[Problem] = []
    known = {c.value for c in NeedCategory} | {c.value for c in ResourceCategory}
    if data.need_category not in known:
        problems.append(
            Problem(
                "need_category",
                "choice",
                "请选择需求类别。",
                "Choose the need category.",
            )
        )
    description = data.description.strip()
    if not description:
        problems.append(
            Problem(
                "description",
                "required",
                "请填写具体措施。",
                "Describe the action.",
            )
        )
    if data.state not in {s.value for s in PlanActionState}:
        problems.append(
            Problem(
                "state",
                "choice",
                "请选择措施状态（待办、进行中、已完成、已取消）。",
                "Choose the state of the action.",
            )
        )
    if problems:
        raise ValidationError(problems)
    return replace(data, description=description, policy=data.policy.strip())


def action_view(row: PlanAction, resource_name: str) -> ActionView:
    return ActionView(
        id=row.id,
        need_category=row.need_category,
        description=row.description,
        resource_id=row.resource_id,
        resource_name=resource_name,
        policy=row.policy,
        owner=row.owner,
        due_on=row.due_on,
        state=row.state,
        position=row.position,
    )


def plan_view(row: ServicePlan, actions: list[ActionView]) -> PlanView:
    return PlanView(
        id=row.id,
        household_id=row.household_id,
        goals=list(row.goals),
        review_on=row.review_on,
        assessment_id=row.assessment_id,
        notes=row.notes,
        updated_at=row.updated_at,
        actions=actions,
    )
