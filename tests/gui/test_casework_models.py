"""qtmodeltester on the case-work item models, filled from the real services."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from app.domain.enums import ReferralAction
from app.services.local_time import SHANGHAI
from app.services.plan_records import ActionInput
from app.services.plans import PlanService
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.visits import VisitService
from app.views.casework_services import CaseServices
from app.views.plan_actions_model import PlanActionsModel
from app.views.referrals_model import ReferralsModel
from app.views.resource_picker import ResourceListModel, find_resources
from app.views.visit_timeline import VisitTimelineModel
from app.views.workspace import Workspace
from tests.gui.casework_seed import ADVISOR, add_case_household, add_resources


def test_visit_timeline_model(qtmodeltester: object, workspace: Workspace) -> None:
    household_id = add_case_household(workspace.households)
    visits = VisitService(workspace.store, ADVISOR)
    for days in (30, 10):
        at = dt.datetime.now(SHANGHAI) - dt.timedelta(days=days)
        fields = {"household_id": household_id, "visited_at": at, "kind": "phone",
                  "situation": f"{days}天前电话回访"}  # fmt: skip
        visit_id = visits.save_draft(None, fields)
        visits.finalise(visit_id)
    visits.amend(visit_id, {"situation": "电话回访，老人情绪稳定"}, "补充")
    visits.save_draft(None, {"household_id": household_id, "situation": "草稿"})
    model = VisitTimelineModel()
    model.set_visits(visits.timeline(household_id))
    assert model.rowCount() == 3
    assert "草稿" in model.index(0).data() and "已更正 1 次" in model.index(1).data()
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_plan_actions_and_referrals_models(qtmodeltester: object, workspace: Workspace) -> None:
    household_id = add_case_household(workspace.households)
    plans = PlanService(workspace.store, ADVISOR)
    overdue = dt.date.today() - dt.timedelta(days=3)
    action_id = plans.add_action(household_id, ActionInput("medical", "陪同办理医疗救助",
                                                           due_on=overdue))  # fmt: skip
    plans.add_action(household_id, ActionInput("employment", "登记就业援助", policy="就业援助"))
    actions = PlanActionsModel()
    actions.set_actions(plans.get(household_id).actions)  # type: ignore[union-attr]
    qtmodeltester.check(actions, force_py=True)  # type: ignore[attr-defined]

    referrals = ReferralService(workspace.store, ADVISOR)
    first = referrals.create_from_action(action_id)
    referrals.act(first, ReferralAction.SEND)
    referrals.create(ReferralInput(household_id, "employment", "推荐就业岗位"))
    model = ReferralsModel()
    model.set_referrals(referrals.for_household(household_id))
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_resource_list_model(qtmodeltester: object, qtbot: QtBot, workspace: Workspace) -> None:
    household_id = add_case_household(workspace.households)
    add_resources(workspace.store)
    choices = find_resources(CaseServices.of(workspace), household_id, "medical", "")
    assert [c.suggested for c in choices] == [True, True]
    elsewhere = find_resources(CaseServices.of(workspace), household_id, "education", "")
    assert [c.suggested for c in elsewhere] == [False]  # serves another district only
    model = ResourceListModel()
    model.set_choices(choices + elsewhere)
    assert model.index(0).data().startswith("★ ")
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
