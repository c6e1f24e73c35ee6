"""一户一方案 use cases: one plan per household with goals, actions and a review date, proposed from
the latest assessment and edited by the advisor."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import HardshipLevel, NeedCategory, ResourceCategory, ServiceLevel, UrgentFlag
from app.domain.errors import ValidationError
from app.domain.instruments import Instrument
from app.domain.visit_schedule import plan_review_due
from app.models import Household, PlanAction, Resource, ServicePlan
from app.services.assessments import AssessmentService
from app.services.local_time import today
from app.services.plan_records import (
    ActionInput,
    PlanProposal,
    PlanView,
    action_view,
    plan_view,
    validate_action,
    validate_goals,
)
from app.services.resources import ResourceService
from app.services.row_writes import insert_row, live, tombstone_row, update_row
from app.store.engine import Store

URGENT_DAYS, NORMAL_DAYS = 7, 30


class PlanService:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def get(self, household_id: str) -> PlanView | None:
        with self.store.sessions() as session:
            plan = plan_of(session, household_id)
            return None if plan is None else _view(session, plan)

    def save(
        self,
        household_id: str,
        goals: list[str],
        review_on: dt.date | None,
        notes: str = "",
        *,
        assessment_id: str | None = None,
    ) -> str:
        """Create the household's plan or update its goals, review date and notes."""
        clean = validate_goals(goals)
        with self.store.transaction() as session:
            return self._save(session, household_id, clean, review_on, notes.strip(), assessment_id)

    def add_action(self, household_id: str, data: ActionInput) -> str:
        """Add an action to the household's plan (made empty first if there is none)."""
        clean = validate_action(data)
        with self.store.transaction() as session:
            _check_resource(session, clean.resource_id)
            plan = plan_of(session, household_id)
            plan_id = plan.id if plan else self._save(session, household_id, [], None, "", None)
            return self._insert_action(session, plan_id, clean)

    def update_action(self, action_id: str, data: ActionInput) -> None:
        clean = validate_action(data)
        with self.store.transaction() as session:
            _check_resource(session, clean.resource_id)
            update_row(session, self.actor, live(session, PlanAction, action_id), asdict(clean))

    def set_action_state(self, action_id: str, state: str) -> None:
        with self.store.transaction() as session:
            action = live(session, PlanAction, action_id)
            validate_action(ActionInput(action.need_category, action.description, state=state))
            update_row(session, self.actor, action, {"state": state})

    def remove_action(self, action_id: str) -> None:
        with self.store.transaction() as session:
            tombstone_row(session, self.actor, live(session, PlanAction, action_id))

    def propose_from_assessment(self, assessment_id: str) -> PlanProposal:
        """Goals from the dimensions at 高/中 and the urgent flags; one action per need, with the
        first suggested resource of the household's area. Nothing is stored."""
        assessments = AssessmentService(self.store, self.actor)
        view = assessments.get(assessment_id)
        result = view.result
        instrument = _installed(assessments, view.instrument_key)
        goals = _flag_goals(result.urgent_flags, instrument) + _dimension_goals(
            result.dimension_levels, instrument
        )
        needs = [n.value for n in result.needs]
        suggested = ResourceService(self.store, self.actor).suggest(view.household_id, needs)
        urgent = result.service_level == ServiceLevel.EMERGENCY
        due = today() + dt.timedelta(days=URGENT_DAYS if urgent else NORMAL_DAYS)
        actions = [
            ActionInput(
                need_category=need,
                description=f"{_need_label(need)}：对接帮扶资源",
                resource_id=suggested[need][0].id if suggested.get(need) else None,
                owner=self.actor,
                due_on=due,
            )
            for need in needs
        ]
        review = plan_review_due(today(), result.hardship_level)
        return PlanProposal(assessment_id, goals, review, actions)

    def adopt(self, household_id: str, proposal: PlanProposal) -> str:
        """Save an (edited) proposal: goals and review date set, its actions added."""
        goals = validate_goals(proposal.goals)
        actions = [validate_action(a) for a in proposal.actions]
        with self.store.transaction() as session:
            for action in actions:
                _check_resource(session, action.resource_id)
            plan_id = self._save(
                session, household_id, goals, proposal.review_on, None, proposal.assessment_id
            )
            for action in actions:
                self._insert_action(session, plan_id, action)
            return plan_id

    # ---- internals -----------------------------------------------------------------------

    def _save(
        self,
        session: Session,
        household_id: str,
        goals: list[str],
        review_on: dt.date | None,
        notes: str | None,
        assessment_id: str | None,
    ) -> str:
        live(session, Household, household_id, "household")
        plan = plan_of(session, household_id)
        values: dict[str, object] = {"goals": goals, "review_on": review_on}
        if notes is not None:
            values["notes"] = notes
        if assessment_id is not None:
            values["assessment_id"] = assessment_id
        if plan is None:
            return insert_row(session, self.actor, ServicePlan(household_id=household_id, **values))
        update_row(session, self.actor, plan, values)
        return plan.id

    def _insert_action(self, session: Session, plan_id: str, data: ActionInput) -> str:
        position = session.execute(
            select(func.count()).select_from(PlanAction).where(PlanAction.plan_id == plan_id)
        ).scalar_one()
        return insert_row(
            session, self.actor, PlanAction(plan_id=plan_id, position=position, **asdict(data))
        )


def plan_of(session: Session, household_id: str) -> ServicePlan | None:
    return session.execute(
        select(ServicePlan)
        .where(ServicePlan.household_id == household_id, ServicePlan.deleted.is_(False))
        .order_by(ServicePlan.created_at)
        .limit(1)
    ).scalar_one_or_none()


def _view(session: Session, plan: ServicePlan) -> PlanView:
    rows = session.execute(
        select(PlanAction, Resource.name)
        .outerjoin(Resource, Resource.id == PlanAction.resource_id)
        .where(PlanAction.plan_id == plan.id, PlanAction.deleted.is_(False))
        .order_by(PlanAction.position, PlanAction.created_at)
    ).all()
    return plan_view(plan, [action_view(a, name or "") for a, name in rows])


def _check_resource(session: Session, resource_id: str | None) -> None:
    if resource_id is None:
        return
    if session.get(Resource, resource_id) is None:
        raise ValidationError.single(
            "resource_id", "unknown", "所选资源不存在。", "The chosen resource does not exist."
        )


def _installed(assessments: AssessmentService, key: str) -> Instrument | None:
    try:
        return assessments.instrument(key)
    except ValidationError:
        return None  # an old version no longer installed: ids stand in for titles


def _need_label(need: str) -> str:
    for enum in (NeedCategory, ResourceCategory):
        if need in {m.value for m in enum}:
            return enum(need).label
    return need


def _flag_goals(flags: list[str], instrument: Instrument | None) -> list[str]:
    labels = {f.id: f.label for f in instrument.flags} if instrument else {}
    known = {f.value: f.label for f in UrgentFlag}
    return [f"尽快解除紧急情况：{labels.get(f) or known.get(f, f)}" for f in flags]


def _dimension_goals(levels: dict[str, HardshipLevel], instrument: Instrument | None) -> list[str]:
    titles = {d.id: d.title for d in instrument.dimensions} if instrument else {}
    order = [HardshipLevel.HIGH, HardshipLevel.MEDIUM]
    goals = []
    for level in order:
        for dimension, found in levels.items():
            if found == level:
                title = titles.get(dimension, dimension)
                goals.append(f"缓解{title}方面的困难（当前困境等级：{level.label}）")
    return goals
