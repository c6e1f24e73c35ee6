"""Scoring an assessment through the wizard: live score, result page, and the household page
showing the new 困境等级 and service level."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.views.assessment_wizard import AssessmentWizard
from app.views.casework_area import CaseworkArea
from app.views.main_window import MainWindow
from tests.gui.casework_seed import ADVISOR, add_case_household, hard_answers, mild_answers

TIMEOUT = 10_000


def open_case(qtbot: QtBot, window: MainWindow, household_id: str) -> CaseworkArea:
    window.open_household(household_id)
    detail = window.household_detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == household_id)
    return detail.casework


def open_wizard(qtbot: QtBot, area: CaseworkArea) -> AssessmentWizard:
    area.tabs.setCurrentWidget(area.assessments)
    with qtbot.waitSignal(area.assessments.wizard_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(area.assessments.new_button, Qt.MouseButton.LeftButton)
    wizard = opened.args[0]
    assert isinstance(wizard, AssessmentWizard)
    return wizard


def answer_by_clicking(qtbot: QtBot, wizard: AssessmentWizard, answers: dict[str, str]) -> None:
    """Click the answer of every indicator, page by page, and 下一步 to the result page."""
    for page in wizard.dimension_pages:
        assert wizard.currentPage() is page
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()  # nothing answered yet on this page
        for indicator_id, group in page.groups.items():
            button = next(b for b in group.buttons()
                          if b.property("option_value") == answers[indicator_id])  # fmt: skip
            at = QPoint(8, button.height() // 2)  # on the indicator: the label may be short
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=at)
        assert next_button.isEnabled()
        assert "本维度" in page.score_label.text()  # the live score follows the answers
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.result_page


def test_advisor_scores_assessment_and_sees_hardship_and_service_level(
    qtbot: QtBot, window: MainWindow
) -> None:
    household_id = add_case_household(window.workspace.households)
    area = open_case(qtbot, window, household_id)
    wizard = open_wizard(qtbot, area)
    assert wizard.instrument.key == "shanghai-6d@1"
    answer_by_clicking(qtbot, wizard, hard_answers(wizard.instrument))

    view = wizard.result_page.result_view
    assert view.level_label.text() == "高"
    assert view.service_label.text() == "紧急保护"
    assert view.tier_label.text() == "三级整合性"
    assert "断炊" in view.flags_label.text()
    assert view.table.rowCount() == len(wizard.instrument.dimensions)
    assert "首次评估" in view.compare_label.text()

    with qtbot.waitSignal(wizard.assessment_saved, timeout=TIMEOUT):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    labels = window.household_detail.info_labels
    qtbot.waitUntil(lambda: labels["hardship"].text() == "高", timeout=TIMEOUT)
    assert labels["service_level"].text() == "紧急保护"
    panel = area.assessments
    qtbot.waitUntil(lambda: panel.result_view.level_label.text() == "高", timeout=TIMEOUT)
    assert panel.history_list.count() == 1


def test_second_assessment_is_compared_with_the_first(qtbot: QtBot, window: MainWindow) -> None:
    household_id = add_case_household(window.workspace.households)
    area = open_case(qtbot, window, household_id)
    first = open_wizard(qtbot, area)
    answer_by_clicking(qtbot, first, hard_answers(first.instrument))
    with qtbot.waitSignal(first.assessment_saved, timeout=TIMEOUT):
        first.accept()
    second = open_wizard(qtbot, area)
    assert second.previous is not None
    answer_by_clicking(qtbot, second, mild_answers(second.instrument))
    compare = second.result_page.result_view.compare_label.text()
    assert "高 → " in compare and "下降" in compare
    with qtbot.waitSignal(second.assessment_saved, timeout=TIMEOUT):
        second.accept()
    labels = window.household_detail.info_labels
    qtbot.waitUntil(lambda: labels["hardship"].text() != "高", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: area.assessments.history_list.count() == 2, timeout=TIMEOUT)
    assert ADVISOR in area.assessments.summary_label.text()
