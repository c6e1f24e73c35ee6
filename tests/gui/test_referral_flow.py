"""Plan → referral → every state → the follow-up task is gone; a step another window already
made impossible is refused with the domain's message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.domain.enums import PlanActionState, ReferralAction, ReferralState
from app.services.assessments import AssessmentService
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.work_tasks import TaskKind, TaskService
from app.views.casework_area import CaseworkArea
from app.views.main_window import MainWindow
from app.views.plan_proposal_dialog import PlanProposalDialog
from app.views.referral_dialog import ReferralDialog
from app.views.referral_panel import ReferralPanel
from app.views.referral_step_dialog import ReferralStepDialog
from tests.gui.casework_seed import (
    ADVISOR,
    add_advisor,
    add_case_household,
    add_resources,
    hard_answers,
)
from tests.gui.conftest import type_text
from tests.gui.test_assessment_wizard import open_case

TIMEOUT = 10_000
FOOD_BANK = "暖心食物银行"
HORIZON = 60  # days: a follow-up is due within days, look well past it


def referral_tasks(window: MainWindow) -> list[str]:
    tasks = TaskService(window.workspace.store).for_login(ADVISOR, horizon_days=HORIZON)
    return [t.ref_id for t in tasks if t.kind == TaskKind.REFERRAL]


def assessed_household(window: MainWindow) -> str:
    store = window.workspace.store
    household_id = add_case_household(window.workspace.households, add_advisor(store))
    add_resources(store)
    assessments = AssessmentService(store, ADVISOR)
    instrument = assessments.current_instrument()
    assessments.record(household_id, instrument.key, hard_answers(instrument))
    return household_id


def adopt_proposal(qtbot: QtBot, area: CaseworkArea) -> None:
    editor = area.plan
    area.tabs.setCurrentWidget(editor)
    with qtbot.waitSignal(editor.dialog_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(editor.propose_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, PlanProposalDialog)
    assert dialog.actions_list.count() >= 5  # one action per need found by the assessment
    with qtbot.waitSignal(dialog.plan_adopted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: editor.model.rowCount() >= 5, timeout=TIMEOUT)


def refer_basic_living_action(qtbot: QtBot, area: CaseworkArea) -> str:
    editor = area.plan
    row = next(r for r in range(editor.model.rowCount())
               if editor.model.action_at(r).need_category == "basic_living")  # type: ignore[union-attr]  # fmt: skip
    editor.table.selectRow(row)
    with qtbot.waitSignal(editor.dialog_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(editor.refer_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, ReferralDialog)
    picker = dialog.picker
    qtbot.waitUntil(lambda: picker.model.rowCount() == 2, timeout=TIMEOUT)  # ★ both serve here
    food_bank = next(c.resource.id for c in picker.model._choices if c.resource.name == FOOD_BANK)
    assert picker.choose(food_bank)
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData("high"))
    type_text(qtbot, dialog.note_edit, "电话联系食物银行，约定周五送米面油")
    with qtbot.waitSignal(dialog.referral_created, timeout=TIMEOUT) as created:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)  # fmt: skip
    return str(created.args[0])


def take_step(qtbot: QtBot, panel: ReferralPanel, action: ReferralAction, note: str) -> None:
    button = panel.step_buttons[action]
    assert button.isVisible()
    with qtbot.waitSignal(panel.dialog_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, ReferralStepDialog)
    if note:
        type_text(qtbot, dialog.note_edit, note)
    with qtbot.waitSignal(panel.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)  # fmt: skip


def test_plan_to_referral_through_every_state_clears_the_follow_up_task(
    qtbot: QtBot, window: MainWindow
) -> None:
    area = open_case(qtbot, window, assessed_household(window))
    adopt_proposal(qtbot, area)
    referral_id = refer_basic_living_action(qtbot, area)
    assert referral_id in referral_tasks(window)  # a draft is followed up too

    panel = area.referrals
    area.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.shown is not None and panel.shown.id == referral_id)
    assert panel.shown.state == ReferralState.DRAFT.value  # type: ignore[union-attr]
    visible = {a for a, b in panel.step_buttons.items() if b.isVisible()}
    assert visible == {ReferralAction.SEND, ReferralAction.WITHDRAW}
    steps = [
        (ReferralAction.SEND, "", ReferralState.SENT),
        (ReferralAction.RECEIVE, "经办人王老师", ReferralState.RECEIVED),
        (ReferralAction.START, "每周五送一次", ReferralState.IN_SERVICE),
        (ReferralAction.FOLLOW_UP, "已送两次，家里有米了", ReferralState.IN_SERVICE),
        (ReferralAction.COMPLETE, "三个月食物援助已完成", ReferralState.COMPLETED),
    ]
    for action, note, state in steps:
        take_step(qtbot, panel, action, note)
        qtbot.waitUntil(lambda s=state: panel.shown.state == s.value, timeout=TIMEOUT)  # type: ignore[union-attr]
        assert panel.message.text() == ""
    shown = panel.shown
    assert shown is not None and shown.outcome == "三个月食物援助已完成"
    assert [s.note for s in shown.steps][-2:] == ["已送两次，家里有米了", "三个月食物援助已完成"]
    assert not any(b.isVisible() for b in panel.step_buttons.values())
    assert "转介已结束" in panel.detail_label.text()
    assert referral_id not in referral_tasks(window)
    editor = area.plan
    qtbot.waitUntil(
        lambda: any(a.state == PlanActionState.DONE.value for a in editor.plan.actions),  # type: ignore[union-attr]
        timeout=TIMEOUT,
    )


def test_step_made_impossible_elsewhere_is_refused_with_its_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    household_id = add_case_household(window.workspace.households)
    service = ReferralService(window.workspace.store, ADVISOR)
    referral_id = service.create(ReferralInput(household_id, "medical", "协助申请医疗救助"))
    service.act(referral_id, ReferralAction.SEND, "已发送")
    area = open_case(qtbot, window, household_id)
    panel = area.referrals
    area.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.shown is not None and panel.shown.state == "sent")
    assert panel.step_buttons[ReferralAction.RECEIVE].isVisible()

    service.act(referral_id, ReferralAction.WITHDRAW, "家属已自行办理")  # in another window
    take_step(qtbot, panel, ReferralAction.RECEIVE, "")
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=TIMEOUT)
    assert "转介已是“已撤回”，不能再接收" in panel.message.text()
    qtbot.waitUntil(lambda: panel.shown.state == "withdrawn", timeout=TIMEOUT)  # type: ignore[union-attr]
    assert not panel.step_buttons[ReferralAction.RECEIVE].isVisible()
    assert [s.to_state for s in service.get(referral_id).steps] == ["draft", "sent", "withdrawn"]


def test_step_that_needs_a_reason_asks_for_it(qtbot: QtBot, window: MainWindow) -> None:
    household_id = add_case_household(window.workspace.households)
    service = ReferralService(window.workspace.store, ADVISOR)
    service.create(ReferralInput(household_id, "medical", "协助申请医疗救助"))
    area = open_case(qtbot, window, household_id)
    panel = area.referrals
    qtbot.waitUntil(lambda: panel.shown is not None)
    with qtbot.waitSignal(panel.dialog_opened, timeout=TIMEOUT) as opened:
        panel.step_buttons[ReferralAction.WITHDRAW].click()
    dialog = opened.args[0]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert dialog.isVisible() and "请填写备注" in dialog.message.text()
    dialog.reject()
    assert service.get(panel.shown.id).state == "draft"  # type: ignore[union-attr]
