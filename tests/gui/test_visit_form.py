"""Recording a visit on the household page: autosaved draft, 「完成」, read-only finished visit,
「更正」 keeping the original, and the timeline showing it all newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.visits import VisitService
from app.views.casework_area import CaseworkArea
from app.views.main_window import MainWindow
from app.views.visit_form import VisitForm
from tests.gui.casework_seed import ADVISOR, add_case_household
from tests.gui.conftest import type_text
from tests.gui.test_assessment_wizard import open_case

TIMEOUT = 10_000


def new_visit(qtbot: QtBot, area: CaseworkArea) -> VisitForm:
    area.tabs.setCurrentWidget(area.visits)
    with qtbot.waitSignal(area.visits.form_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(area.visits.new_button, Qt.MouseButton.LeftButton)
    form = opened.args[0]
    assert isinstance(form, VisitForm)
    qtbot.waitUntil(form.fields.isEnabled, timeout=TIMEOUT)  # open drafts looked up
    return form


def test_advisor_finishes_a_visit_then_corrects_it(qtbot: QtBot, window: MainWindow) -> None:
    household_id = add_case_household(window.workspace.households)
    area = open_case(qtbot, window, household_id)
    form = new_visit(qtbot, area)
    assert not form.recovered and not form.banner.isVisible()
    qtbot.mouseClick(form.finish_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()  # nothing typed: refused with messages under the fields
    assert "走访方式" in form.messages._messages["kind"].text()
    assert "观察到的情况" in form.messages._messages["situation"].text()

    form.fields.kind_combo.setCurrentIndex(form.fields.kind_combo.findData("phone"))
    type_text(qtbot, form.fields.situation_edit, "电话回访：老人血压平稳，药已按时领取。")
    form.fields.need_boxes["medical"].setChecked(True)
    with qtbot.waitSignal(form.draft_saved, timeout=TIMEOUT):
        pass  # the autosave comes a few seconds after typing
    assert "草稿已自动保存" in form.autosave_label.text()
    with qtbot.waitSignal(form.visit_finalised, timeout=TIMEOUT):
        qtbot.mouseClick(form.finish_button, Qt.MouseButton.LeftButton)
    timeline = area.visits
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: timeline.model.visit_at(0).state == "final", timeout=TIMEOUT)  # type: ignore[union-attr]
    next_visit = window.household_detail.info_labels["next_visit"]
    qtbot.waitUntil(lambda: next_visit.text() != "—", timeout=TIMEOUT)

    with qtbot.waitSignal(timeline.form_opened, timeout=TIMEOUT) as opened:
        timeline.open_visit(0)
    form = opened.args[0]
    assert form.fields.situation_edit.isReadOnly() and not form.finish_button.isVisible()
    qtbot.mouseClick(form.amend_button, Qt.MouseButton.LeftButton)
    assert not form.fields.situation_edit.isReadOnly() and form.reason_row.isVisible()
    form.fields.situation_edit.setPlainText("电话回访：老人血压偏高，已提醒复诊。")
    qtbot.mouseClick(form.save_amend_button, Qt.MouseButton.LeftButton)
    reason = form.messages._messages["reason"]
    qtbot.waitUntil(lambda: "更正原因" in reason.text(), timeout=TIMEOUT)  # the service asks for it
    type_text(qtbot, form.reason_edit, "听错了血压读数")
    with qtbot.waitSignal(form.visit_amended, timeout=TIMEOUT):
        qtbot.mouseClick(form.save_amend_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "已更正 1 次" in timeline.model.index(0).data(), timeout=TIMEOUT)
    visit = VisitService(window.workspace.store, ADVISOR).timeline(household_id)[0]
    assert visit.situation == "电话回访：老人血压偏高，已提醒复诊。"
    assert visit.original["situation"] == "电话回访：老人血压平稳，药已按时领取。"
    assert visit.amendments[0].reason == "听错了血压读数"


def test_closing_keeps_the_draft_and_the_next_form_recovers_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    household_id = add_case_household(window.workspace.households)
    area = open_case(qtbot, window, household_id)
    form = new_visit(qtbot, area)
    type_text(qtbot, form.fields.people_edit, "儿子李建国")
    form.reject()  # closed before the autosave came: the close saves it
    timeline = area.visits
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1, timeout=TIMEOUT)
    assert "草稿" in timeline.model.index(0).data()

    form = new_visit(qtbot, area)
    assert form.recovered and form.fields.people_edit.text() == "儿子李建国"
    with qtbot.waitSignal(timeline.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)  # 放弃草稿
    assert form.fields.people_edit.text() == "" and not form.banner.isVisible()
    form.reject()
    qtbot.waitUntil(lambda: not window.workspace.tasks.busy, timeout=TIMEOUT)
    drafts = VisitService(window.workspace.store, ADVISOR).open_drafts()
    assert drafts == [] and timeline.model.rowCount() == 0
