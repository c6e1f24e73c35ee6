"""Stories of case management: assessment → plan (一户一方案) → referral through every state, with
the follow-up task appearing and disappearing on the advisor's workbench."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from test_assessments import answers
from workflow_data import ADVISOR_LOGIN

from app.domain.errors import ValidationError
from app.models import AuditEvent, OutboxEntry, ReferralStep
from app.services.assessments import AssessmentService
from app.services.local_time import today
from app.services.plan_records import ActionInput
from app.services.plans import PlanService
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.services.work_tasks import TaskKind, TaskService
from app.store.engine import Store


def assess_in_crisis(store: Store, household_id: str) -> str:
    service = AssessmentService(store, ADVISOR_LOGIN)
    instrument = service.current_instrument()
    return service.record(household_id, instrument.key, answers(instrument, "worst"))


def test_plan_is_proposed_from_the_assessment_and_saved(store: Store, household_id: str) -> None:
    meals = ResourceService(store, ADVISOR_LOGIN).create(
        ResourceInput(name="爱心食物银行", category="basic_living", provider_kind="charity")
    )
    plans = PlanService(store, ADVISOR_LOGIN)
    proposal = plans.propose_from_assessment(assess_in_crisis(store, household_id))
    assert proposal.goals[0].startswith("尽快解除紧急情况")
    assert any("经济" in g for g in proposal.goals)
    basic = next(a for a in proposal.actions if a.need_category == "basic_living")
    assert basic.resource_id == meals
    assert basic.due_on == today() + dt.timedelta(days=7)  # emergency: within a week
    assert proposal.review_on <= today() + dt.timedelta(days=31)

    plan_id = plans.adopt(household_id, proposal)
    plan = plans.get(household_id)
    assert plan is not None and plan.id == plan_id
    assert [a.need_category for a in plan.actions] == [a.need_category for a in proposal.actions]
    assert plan.actions[0].resource_name in ("", "爱心食物银行")

    # one plan per household: saving again edits the same plan
    again = plans.save(household_id, ["稳定基本生活"], today() + dt.timedelta(days=30))
    assert again == plan_id
    assert plans.get(household_id).goals == ["稳定基本生活"]  # type: ignore[union-attr]


def test_referral_from_a_plan_action_runs_every_state_and_its_task_goes(
    store: Store, household_id: str, advisor_id: str
) -> None:
    clinic = ResourceService(store, ADVISOR_LOGIN).create(
        ResourceInput(name="社区卫生服务中心", category="medical", provider_kind="department")
    )
    plans = PlanService(store, ADVISOR_LOGIN)
    action_id = plans.add_action(
        household_id,
        ActionInput(need_category="medical", description="签约家庭医生", resource_id=clinic),
    )
    referrals = ReferralService(store, ADVISOR_LOGIN)
    referral_id = referrals.create_from_action(action_id, urgency="high", note="电话已沟通")
    tasks = TaskService(store)

    def follow_ups(on: dt.date) -> list[str]:
        return [t.ref_id for t in tasks.for_advisor(advisor_id, on) if t.kind is TaskKind.REFERRAL]

    assert follow_ups(today()) == []  # a fresh draft is not due yet
    assert follow_ups(today() + dt.timedelta(days=8)) == [referral_id]  # a draft left a week

    for action in ("send", "receive", "start", "follow_up", "complete"):
        view = referrals.act(referral_id, action, note=f"{action} 备注")
        assert follow_ups(today() + dt.timedelta(days=40)) == (
            [] if action == "complete" else [referral_id]
        )
    assert view.state == "completed" and view.outcome == "complete 备注"
    assert [s.to_state for s in view.steps] == [
        "draft",
        "sent",
        "received",
        "in_service",
        "in_service",
        "completed",
    ]
    assert view.resource_name == "社区卫生服务中心"
    assert plans.get(household_id).actions[0].state == "done"  # type: ignore[union-attr]
    with store.sessions() as session:
        assert len(list(session.execute(select(ReferralStep)).scalars())) == 6
        pushed = [e.entity for e in session.execute(select(OutboxEntry)).scalars()]
        assert pushed.count("referral_step") == 6
        audited = {(a.entity, a.action) for a in session.execute(select(AuditEvent)).scalars()}
        assert ("referral", "update") in audited


def test_an_illegal_step_is_refused_with_the_domain_message(
    store: Store, household_id: str
) -> None:
    referrals = ReferralService(store, ADVISOR_LOGIN)
    referral_id = referrals.create(
        ReferralInput(household_id=household_id, need_category="legal_aid", reason="房屋纠纷")
    )
    referrals.act(referral_id, "withdraw", note="家属已自行解决")
    with pytest.raises(ValidationError) as caught:
        referrals.act(referral_id, "send")
    assert caught.value.problems[0].code == "referral_transition"
    assert "新建一条转介" in caught.value.problems[0].zh
    assert len(referrals.get(referral_id).steps) == 2  # the refused step stored nothing


def test_a_referral_needs_a_reason(store: Store, household_id: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ReferralService(store, ADVISOR_LOGIN).create(
            ReferralInput(household_id=household_id, need_category="medical", reason="  ")
        )
    assert caught.value.for_field("reason")
