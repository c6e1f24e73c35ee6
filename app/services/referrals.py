"""转介 use cases: create (directly or from a plan action), move through the domain's state
machine with every step stored as its own row, read a household's referrals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import referrals as machine
from app.domain.enums import PlanActionState, ReferralAction, ReferralState
from app.domain.errors import ValidationError
from app.models import Household, Member, PlanAction, Referral, ReferralStep, Resource, ServicePlan
from app.services.local_time import local_date, now
from app.services.referral_records import (
    ReferralInput,
    ReferralView,
    referral_view,
    validate_referral,
)
from app.services.row_writes import insert_row, live, update_row
from app.store.engine import Store

# What a step does to the plan action a referral came from.
ACTION_STATES = {
    ReferralAction.START: PlanActionState.IN_PROGRESS,
    ReferralAction.COMPLETE: PlanActionState.DONE,
}


class ReferralService:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def create(self, data: ReferralInput, note: str = "") -> str:
        """A new referral in state 草稿, with its first step row."""
        clean = validate_referral(data)
        with self.store.transaction() as session:
            _check_links(session, clean)
            at = now()
            row = Referral(
                household_id=clean.household_id,
                member_id=clean.member_id,
                resource_id=clean.resource_id,
                plan_action_id=clean.plan_action_id,
                need_category=clean.need_category,
                reason=clean.reason,
                urgency=clean.urgency,
                state=ReferralState.DRAFT.value,
                state_changed_at=at,
                follow_up_on=machine.follow_up_due(ReferralState.DRAFT, local_date(at)),
            )
            insert_row(session, self.actor, row, household_id=clean.household_id)
            self._step(session, row.id, None, ReferralState.DRAFT, at, note)
            return row.id

    def create_from_action(
        self, action_id: str, reason: str = "", urgency: str = "normal", note: str = ""
    ) -> str:
        """A referral for a plan action: its need, resource and household carried over."""
        with self.store.sessions() as session:
            action = live(session, PlanAction, action_id, "plan action")
            plan = live(session, ServicePlan, action.plan_id, "service plan")
            data = ReferralInput(
                household_id=plan.household_id,
                need_category=action.need_category,
                reason=reason or action.description,
                urgency=urgency,
                resource_id=action.resource_id,
                plan_action_id=action.id,
            )
        return self.create(data, note)

    def act(
        self,
        referral_id: str,
        action: ReferralAction | str,
        note: str = "",
        at: dt.datetime | None = None,
    ) -> ReferralView:
        """Take one step; an illegal one raises the domain's ValidationError (nothing stored)."""
        step = ReferralAction(action)
        with self.store.transaction() as session:
            row: Referral = live(session, Referral, referral_id, "referral")
            before = ReferralState(row.state)
            after = machine.transition(before, step)
            moment = at or now()
            values: dict[str, object] = {
                "follow_up_on": machine.follow_up_due(after, local_date(moment)),
            }
            if after != before:
                values.update(state=after.value, state_changed_at=moment)
            if step in (ReferralAction.COMPLETE, ReferralAction.RETURN) and note.strip():
                values["outcome"] = note.strip()
            update_row(session, self.actor, row, values, step=step.value)
            self._step(session, row.id, before, after, moment, note)
            self._sync_plan_action(session, row, step)
            session.flush()
            return _view(session, row)

    def get(self, referral_id: str) -> ReferralView:
        with self.store.sessions() as session:
            return _view(session, live(session, Referral, referral_id, "referral"))

    def for_household(self, household_id: str) -> list[ReferralView]:
        with self.store.sessions() as session:
            rows = session.execute(
                select(Referral)
                .where(Referral.household_id == household_id, Referral.deleted.is_(False))
                .order_by(Referral.created_at.desc())
            ).scalars()
            return [_view(session, r) for r in rows]

    def _step(
        self,
        session: Session,
        referral_id: str,
        before: ReferralState | None,
        after: ReferralState,
        at: dt.datetime,
        note: str,
    ) -> None:
        step = ReferralStep(
            referral_id=referral_id,
            from_state=before.value if before else None,
            to_state=after.value,
            at=at,
            actor=self.actor,
            note=note.strip(),
        )
        insert_row(session, self.actor, step)

    def _sync_plan_action(self, session: Session, row: Referral, step: ReferralAction) -> None:
        target = ACTION_STATES.get(step)
        if target is None or row.plan_action_id is None:
            return
        action = session.get(PlanAction, row.plan_action_id)
        if action is not None and not action.deleted and action.state != PlanActionState.DONE:
            update_row(session, self.actor, action, {"state": target.value})


def _check_links(session: Session, data: ReferralInput) -> None:
    live(session, Household, data.household_id, "household")
    if data.member_id is not None:
        member = live(session, Member, data.member_id, "member")
        if member.household_id != data.household_id:
            raise ValueError("the member belongs to another household")
    if data.resource_id is not None:
        resource = live(session, Resource, data.resource_id, "resource")
        if not resource.active:
            raise ValidationError.single(
                "resource_id",
                "inactive",
                f"资源「{resource.name}」已停用，请选择其他资源。",
                "That resource is no longer active; choose another.",
            )
    if data.plan_action_id is not None:
        live(session, PlanAction, data.plan_action_id, "plan action")


def steps_of(session: Session, referral_ids: list[str]) -> dict[str, list[ReferralStep]]:
    found: dict[str, list[ReferralStep]] = defaultdict(list)
    rows = session.execute(
        select(ReferralStep)
        .where(ReferralStep.referral_id.in_(referral_ids), ReferralStep.deleted.is_(False))
        .order_by(ReferralStep.at, ReferralStep.created_at)
    ).scalars()
    for row in rows:
        found[row.referral_id].append(row)
    return found


def _view(session: Session, row: Referral) -> ReferralView:
    name = ""
    if row.resource_id is not None:
        resource = session.get(Resource, row.resource_id)
        name = resource.name if resource is not None else ""
    allowed = machine.allowed_next(ReferralState(row.state))
    return referral_view(row, name, steps_of(session, [row.id])[row.id], allowed)
