"""qtmodeltester on every item model of the station and supervisor pages, filled with real data
loaded from the profile (and once more after sorting by each column)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.help_request_records import HelpRequestInput
from app.services.help_requests import HelpRequestService
from app.services.local_time import SHANGHAI
from app.views.ledger_import_dialog import LedgerImportDialog
from app.views.record_table_model import RecordTableModel
from app.views.workspace import Workspace
from tests.gui.workflow_seed import (
    SIGNED_IN,
    add_household,
    busy_register,
    close_dialogs,
    open_window,
    seed_staff,
    write_csv,
)


def check(qtmodeltester: object, model: RecordTableModel) -> None:
    assert model.rowCount() > 0
    # One check: the tester stays connected and checks every later change (the sorts below,
    # and any reload). A second check() would connect it twice and see each reset twice.
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    for column in range(model.columnCount()):
        model.sort(column, Qt.SortOrder.DescendingOrder)


def seed(workspace: Workspace) -> None:
    staff = seed_staff(workspace.store, "admin")
    busy_register(workspace.store, staff[SIGNED_IN])
    add_household(workspace.store, "张伟", 9, with_id=False)  # a duplicate of 张伟 (no ID)
    HelpRequestService(workspace.store, "desk").receive(
        HelpRequestInput("online", "赵敏", "腿伤，家里没人照顾", urgency="urgent",
                         received_at=dt.datetime.now(SHANGHAI) - dt.timedelta(days=2))
    )  # fmt: skip


PAGES = {  # page -> the signal saying its model is filled
    "workbench": "tasks_loaded",
    "intake": "queue_loaded",
    "resources": "resources_loaded",
    "dashboard": "dashboard_loaded",
    "coverage": "coverage_loaded",
    "duplicates": "pairs_loaded",
    "standards": "standards_loaded",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_model_passes_qtmodeltester(
    qtbot: QtBot, qtmodeltester: object, workspace: Workspace, name: str
) -> None:
    seed(workspace)
    window = open_window(qtbot, workspace)
    page = getattr(window.workflow, name)
    owner = page.task_list if name == "workbench" else page
    loaded, model = getattr(owner, PAGES[name]), owner.model
    with qtbot.waitSignal(loaded, timeout=10_000):
        window.workflow.show_page(page)
    check(qtmodeltester, model)


def test_import_error_model_passes_qtmodeltester(
    qtbot: QtBot, qtmodeltester: object, workspace: Workspace, tmp_path: Path
) -> None:
    ledger = write_csv(
        tmp_path / "t.csv",
        [["姓名", "与户主关系", "出生日期", "所属居委"], ["甲乙", "户主", "1970-13-01", "无此居委"],
         ["丙丁", "户主", "不详", "华阳路第一居委"]],
    )  # fmt: skip
    dialog = LedgerImportDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(ledger))
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.read_file(ledger)
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.check()
    check(qtmodeltester, dialog.errors)
    close_dialogs()
