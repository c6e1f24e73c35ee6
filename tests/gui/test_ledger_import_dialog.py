"""Stories of the ledger import dialog (台账导入): the usual headers are recognised, a ledger with
three bad rows gives exactly those three errors (row, column, value, what is wrong) and a CSV
report; cancelling — at the error report, or in the middle of writing — writes nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.models import AuditEvent, Household, Member
from app.views.ledger_import_dialog import CHECK_STEP, IMPORT_STEP, LedgerImportDialog
from app.views.ledgers_page import LedgersPage
from app.views.workspace import Workspace
from tests.gui.workflow_seed import close_dialogs, write_csv

HEADER = [
    "户编号",
    "姓名",
    "与户主关系",
    "性别",
    "出生日期",
    "联系电话",
    "家庭住址",
    "所属居委",
    "救助类别",
]
GOOD = [
    [
        "H1",
        "沈国华",
        "户主",
        "男",
        "1955-04-02",
        "13801112222",
        "华阳路1弄1号",
        "华阳路第一居委",
        "低保",
    ],
    ["H1", "沈美英", "妻", "女", "1957-08-19", "", "华阳路1弄1号", "华阳路第一居委", "低保"],
    ["H2", "许静", "户主", "女", "1990-09-09", "", "华阳路2弄2号", "华阳路第二居委", "低收入"],
    [
        "H3",
        "周强",
        "户主",
        "男",
        "1966-06-06",
        "021-62345678",
        "华阳路3弄3号",
        "华阳路第一居委",
        "特困",
    ],
    ["H3", "周小明", "子", "男", "2001-03-04", "", "华阳路3弄3号", "华阳路第一居委", "特困"],
]
BAD = [
    ["H4", "顾明", "户主", "男", "1970-13-01", "", "华阳路4弄4号", "华阳路第一居委", "低保"],
    ["H5", "蒋丽", "户主", "女", "1982-02-11", "12345", "华阳路5弄5号", "华阳路第一居委", "低保"],
    ["H6", "吴平", "户主", "男", "1960-01-01", "", "华阳路6弄6号", "不存在居委会", "低保"],
]  # fmt: skip
BLANK = [""] * len(HEADER)  # a blank line before the bad rows: row numbers count it, as Excel does
EXPECTED_ERRORS = {
    (8, "出生日期", "1970-13-01"),
    (9, "联系电话", "12345"),
    (10, "所属居委", "不存在居委会"),
}
SURNAMES, GIVEN = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def counts(workspace: Workspace) -> tuple[int, int, int]:
    with workspace.store.sessions() as session:
        return (
            session.execute(select(func.count()).select_from(Household)).scalar_one(),
            session.execute(select(func.count()).select_from(Member)).scalar_one(),
            session.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
        )


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> Iterator[LedgersPage]:
    workspace.committees = [("310105002001", "示例·华阳路第一居委"),
                            ("310105002002", "示例·华阳路第二居委")]  # fmt: skip
    shown = LedgersPage(workspace)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    close_dialogs()


def checked_dialog(qtbot: QtBot, page: LedgersPage, ledger: Path) -> LedgerImportDialog:
    """Through the dialog as a user goes: file, mapping (recognised), check."""
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in page.findChildren(LedgerImportDialog) if d.isVisible())
    dialog.path_edit.setText(str(ledger))
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    combos = dialog.mapping_step.combos
    assert combos["name"].currentText() == "姓名"
    assert combos["committee"].currentText() == "所属居委"
    assert combos["id_number"].currentData() is None  # no such column in this ledger
    with qtbot.waitSignal(dialog.checked, timeout=30_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == CHECK_STEP
    return dialog


def test_ledger_with_three_bad_rows_reports_exactly_them_and_cancel_writes_nothing(
    qtbot: QtBot, workspace: Workspace, page: LedgersPage, tmp_path: Path
) -> None:
    ledger = write_csv(tmp_path / "台账.csv", [HEADER, *GOOD, BLANK, *BAD], "gbk")
    before = counts(workspace)
    dialog = checked_dialog(qtbot, page, ledger)
    assert "GBK" in dialog.mapping_step.file_label.text()
    shown = {(e.row, e.column, e.value) for e in dialog.errors.records}
    assert shown == EXPECTED_ERRORS and dialog.errors.rowCount() == 3
    assert dialog.check_result is not None and dialog.check_result.imported == len(GOOD)
    assert dialog.next_button.text() == f"导入 {len(GOOD)} 行"

    report = tmp_path / "错误报告.csv"
    dialog.save_report(report)
    qtbot.waitUntil(report.exists)
    with report.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert [line[:3] for line in lines[1:]] == [
        [str(r), c, v] for r, c, v in sorted(EXPECTED_ERRORS)
    ]

    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert counts(workspace) == before  # checking wrote nothing, not even an audit row


def test_cancel_in_the_middle_of_writing_leaves_the_register_as_it_was(
    qtbot: QtBot, workspace: Workspace, page: LedgersPage, tmp_path: Path
) -> None:
    rows = [
        [f"K{n}", SURNAMES[n % 16] + GIVEN[n % 21] + GIVEN[n // 21 % 21], "户主", "", "", "",
         f"华阳路{n}号", "华阳路第一居委", "低保"]
        for n in range(3000)
    ]  # fmt: skip
    ledger = write_csv(tmp_path / "大台账.csv", [HEADER, *rows])
    before = counts(workspace)
    dialog = checked_dialog(qtbot, page, ledger)
    assert dialog.errors.rowCount() == 0

    def cancel_once_writing(value: int) -> None:
        if value > len(rows) and dialog.cancel_button.isEnabled():  # rows checked, writing
            dialog.cancel_button.click()

    dialog.import_progress.valueChanged.connect(cancel_once_writing)
    with qtbot.waitSignal(dialog.cancelled, timeout=60_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == IMPORT_STEP and dialog.import_result is None
    assert "没有写入任何数据" in dialog.import_label.text()
    assert counts(workspace) == before


def test_import_through_the_dialog_registers_the_good_rows_once(
    qtbot: QtBot, workspace: Workspace, page: LedgersPage, tmp_path: Path
) -> None:
    ledger = write_csv(tmp_path / "台账.csv", [HEADER, *GOOD, *BAD])
    for attempt in range(2):
        dialog = checked_dialog(qtbot, page, ledger)
        with qtbot.waitSignal(dialog.imported, timeout=30_000) as done:
            qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        result = done.args[0]
        assert (result.imported, result.rejected) == (len(GOOD), 3)
        assert result.counts.households_created == (3 if attempt == 0 else 0)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # 完成
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    households, members, _audit = counts(workspace)
    assert (households, members) == (3, 5)
    assert "5 行已导入" in page.import_summary.text()
