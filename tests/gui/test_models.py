"""qtmodeltester on every item model, and the household list's paging, sorting and filters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.household_filters import HouseholdFilters
from app.services.household_records import MemberView
from app.views.household_table_model import HouseholdTableModel
from app.views.main_window import MainWindow
from app.views.members_model import MembersModel
from app.views.workspace import Workspace
from tests.gui.conftest import add_household

NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨磊", "赵敏"]


def loaded_model(qtbot: QtBot, workspace: Workspace, page_size: int = 3) -> HouseholdTableModel:
    model = HouseholdTableModel(workspace.tasks, workspace.households)
    model.PAGE_SIZE = page_size
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.browse()
    return model


def test_household_table_model_passes_qtmodeltester(
    qtbot: QtBot, qtmodeltester: object, workspace: Workspace
) -> None:
    for number, name in enumerate(NAMES):
        add_household(workspace.households, name, number + 1)
    model = loaded_model(qtbot, workspace)
    assert model.rowCount() == len(NAMES)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    # The tester stays connected and checks the pages arriving (checking twice would connect
    # it twice and make it see every change twice).
    qtbot.waitUntil(lambda: all(model.row_at(r) is not None for r in range(len(NAMES))))


def test_household_list_pages_sorts_and_filters_in_the_service(
    qtbot: QtBot, workspace: Workspace
) -> None:
    for number, name in enumerate(NAMES):
        committee = "310105002001" if number % 2 else "310105002002"
        add_household(workspace.households, name, number + 1, committee)
    model = loaded_model(qtbot, workspace)
    qtbot.waitUntil(lambda: all(model.row_at(r) is not None for r in range(len(NAMES))))
    by_pinyin = [model.row_at(r).head_name for r in range(model.rowCount())]
    assert by_pinyin == ["陈静", "李娜", "刘洋", "王芳", "杨磊", "张伟", "赵敏"]

    with qtbot.waitSignal(model.count_changed, timeout=10_000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.row_at(0) is not None and model.row_at(6) is not None)
    assert model.row_at(0).head_name == "赵敏"

    with qtbot.waitSignal(model.count_changed, timeout=10_000) as counted:
        model.browse(HouseholdFilters(committee_code="310105002001"))
    assert counted.args == [3]


def test_members_model_passes_qtmodeltester_and_reveals_one_row(qtmodeltester: object) -> None:
    def member(number: int, masked: str) -> MemberView:
        return MemberView(
            id=f"m{number}",
            name=f"成员{number}",
            id_type="resident_id",
            id_number_masked=masked,
            relation_to_head="self" if number == 0 else "son",
            sex="male",
            birth_date=dt.date(1980, 1, number + 1),
            health="disabled" if number else "healthy",
            disability_grade="2" if number else None,
            self_care="full",
            marital_status=None,
            employment_status=None,
            monthly_income={"wages": 350000} if number else {},
            phone="",
        )

    model = MembersModel()
    model.set_members([member(0, "310105********1234"), member(1, "310105********5678")])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    model.reveal("m1", "310105198001021234")
    assert model.index(1, 5).data() == "310105198001021234"
    assert model.index(0, 5).data() == "310105********1234"
    assert model.index(1, 6).data() == "残疾（2级）"
    assert model.index(1, 8).data() == "3,500.00"
    model.hide_revealed()
    assert model.index(1, 5).data() == "310105********5678"


def test_main_window_fits_a_1366_by_768_screen(window: MainWindow) -> None:
    assert window.width() <= 1366 and window.height() <= 740
    table = window.household_list.table
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()
