"""The household page's case-work extras: the 政策找人 banner and duplicate suggestions in the
household and member dialogs before saving (open the existing household, or save anyway)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.models import Household
from app.views.household_dialog import HouseholdDialog
from app.views.main_window import MainWindow
from app.views.member_dialog import MemberDialog
from tests.gui.casework_seed import add_case_household
from tests.gui.conftest import add_household, resident_id, type_text
from tests.gui.test_assessment_wizard import open_case
from tests.gui.test_household_flows import open_dialog

TIMEOUT = 10_000


def test_banner_hints_dibao_and_marginal_income_and_stays_quiet_without_income(
    qtbot: QtBot, window: MainWindow
) -> None:
    service = window.workspace.households
    banner = open_case(qtbot, window, add_case_household(service, income_yuan=900)).banner
    qtbot.waitUntil(banner.isVisible, timeout=TIMEOUT)
    assert "政策找人" in banner.text() and "低于低保标准1,550.00元" in banner.text()

    with qtbot.waitSignal(banner.hint_loaded, timeout=TIMEOUT):
        open_case(qtbot, window, add_case_household(service, income_yuan=4000, number=1))
    assert banner.isVisible() and "边缘" in banner.text()

    with qtbot.waitSignal(banner.hint_loaded, timeout=TIMEOUT) as loaded:
        open_case(qtbot, window, add_household(service, "赵敏", 41))  # no income entered
    assert loaded.args == [None] and not banner.isVisible()


def test_member_dialog_suggests_the_person_already_on_file_and_opens_that_household(
    qtbot: QtBot, window: MainWindow
) -> None:
    service = window.workspace.households
    elsewhere = add_household(service, "陈静", 7)
    open_case(qtbot, window, add_case_household(service))
    detail = window.household_detail
    qtbot.mouseClick(detail.add_member_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, MemberDialog)
    assert isinstance(dialog, MemberDialog)
    type_text(qtbot, dialog.name_edit, "陈静")
    type_text(qtbot, dialog.id_number_edit, resident_id(dt.date(1960, 1, 2), 7))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    notice = dialog.duplicate_notice
    qtbot.waitUntil(notice.isVisible, timeout=TIMEOUT)
    assert "证件号相同" in notice.suggestions[0].text and ok.text() == "仍然保存"
    assert dialog.isVisible()  # nothing saved yet

    open_button = notice.findChildren(QPushButton)[0]
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == elsewhere)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MemberDialog)
                and w.isVisible()]  # fmt: skip


def test_new_household_at_a_registered_address_is_suggested_before_saving(
    qtbot: QtBot, window: MainWindow
) -> None:
    existing = add_case_household(window.workspace.households)
    qtbot.mouseClick(window.household_list.new_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, HouseholdDialog)
    assert isinstance(dialog, HouseholdDialog)
    dialog.committee_combo.setCurrentIndex(1)
    type_text(qtbot, dialog.address_edit, "华阳路112弄3号502室")
    qtbot.mouseClick(dialog.add_member_button, Qt.MouseButton.LeftButton)
    member = open_dialog(qtbot, MemberDialog)
    assert isinstance(member, MemberDialog)
    type_text(qtbot, member.name_edit, "张秀英")
    qtbot.mouseClick(member.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: dialog.member_list.count() == 1)

    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    notice = dialog.duplicate_notice
    qtbot.waitUntil(notice.isVisible, timeout=TIMEOUT)
    assert "张秀英" in notice.suggestions[0].text and save.text() == "仍然保存"
    qtbot.mouseClick(notice.findChildren(QPushButton)[0], Qt.MouseButton.LeftButton)
    detail = window.household_detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == existing)
    assert window.households_page.currentWidget() is detail
    with window.workspace.store.sessions() as session:
        assert session.execute(select(func.count()).select_from(Household)).scalar_one() == 1
