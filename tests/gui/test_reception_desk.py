"""Stories of the reception desk (求助受理): a 线上求助 taken at the desk is matched to the
household already registered, linked and assigned to an advisor, with a receipt asked for
(printing is another package's job: nothing is printed here); online requests are imported from
a CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.enums import HelpRequestState
from app.models import HelpRequest
from app.views.help_request_dialog import HelpRequestDialog
from app.views.main_window import MainWindow
from app.views.workspace import Workspace
from tests.gui.conftest import type_text
from tests.gui.workflow_seed import (
    FIRST,
    add_household,
    close_dialogs,
    open_window,
    seed_staff,
    write_csv,
)

PHONE = "13812345678"
ADDRESS = "华阳路112弄3号502室"


@pytest.fixture
def desk(qtbot: QtBot, workspace: Workspace) -> Iterator[tuple[MainWindow, dict[str, str]]]:
    """The window of station staff, with a household already registered for 张伟."""
    staff = seed_staff(workspace.store, "station")
    add_household(workspace.store, "张伟", 11, phone=PHONE, address=ADDRESS)
    add_household(workspace.store, "李娜", 12)
    window = open_window(qtbot, workspace)
    yield window, staff
    close_dialogs()


def stored_requests(workspace: Workspace) -> list[HelpRequest]:
    with workspace.store.sessions() as session:
        return list(session.execute(select(HelpRequest)).scalars())


def test_station_intakes_an_online_request_spots_the_household_and_assigns_it(
    qtbot: QtBot, workspace: Workspace, desk: tuple[MainWindow, dict[str, str]]
) -> None:
    window, staff = desk
    intake = window.workflow.intake
    assert not window.nav.item(window.pages.indexOf(intake)).isHidden()  # station sees it
    with qtbot.waitSignal(intake.queue_loaded, timeout=10_000):
        window.workflow.show_page(intake)

    qtbot.mouseClick(intake.new_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HelpRequestDialog))
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("online"))
    type_text(qtbot, dialog.name_edit, "张伟")
    type_text(qtbot, dialog.phone_edit, PHONE)
    dialog.committee_combo.setCurrentIndex(dialog.committee_combo.findData(FIRST))
    type_text(qtbot, dialog.address_edit, ADDRESS)
    dialog.description_edit.setPlainText("老伴住院，家里没人做饭，想申请助餐。")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(intake.receipt_requested, timeout=10_000) as receipt:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    (request,) = stored_requests(workspace)
    assert receipt.args == [request.id]  # the hook for the printing package; nothing printed
    assert (request.channel, request.state) == ("online", HelpRequestState.NEW.value)
    panel = intake.panel
    qtbot.waitUntil(lambda: panel.request is not None and panel.request.id == request.id)
    qtbot.waitUntil(lambda: bool(panel.candidates))
    assert panel.candidates[0].head_name == "张伟"
    assert "张伟" in panel.suggestion_list.item(0).text()
    zhang = panel.candidates[0].household_id

    panel.suggestion_list.setCurrentRow(0)
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_requests(workspace)[0].household_id is not None)
    qtbot.waitUntil(lambda: panel.request is not None and panel.request.household_id is not None)
    qtbot.waitUntil(lambda: "张伟" in panel.linked_label.text())

    panel.advisor_combo.setCurrentIndex(panel.advisor_combo.findData(staff["wang"]))
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_requests(workspace)[0].advisor_id == staff["wang"])
    (request,) = stored_requests(workspace)
    assert request.state == HelpRequestState.ASSIGNED.value
    assert request.household_id == zhang
    qtbot.waitUntil(lambda: "已分派" in panel.fields["state"].text())


def test_online_requests_are_imported_from_a_platform_export_once(
    qtbot: QtBot, workspace: Workspace, desk: tuple[MainWindow, dict[str, str]], tmp_path: Path
) -> None:
    window, _staff = desk
    intake = window.workflow.intake
    with qtbot.waitSignal(intake.queue_loaded, timeout=10_000):
        window.workflow.show_page(intake)
    export = write_csv(
        tmp_path / "线上求助.csv",
        [
            line.split(",")
            for line in (
                "求助编号,求助人,联系电话,所属居委,地址,求助内容,紧急程度,提交时间",
                "WX-1,赵敏,13900001111,华阳路第一居委,华阳路9号,腿伤无人照料,紧急,2026-01-05 09:30",
                "WX-2,孙丽,13900002222,华阳路第二居委,华阳路10号,失业找工作,一般,2026-01-05 10:00",
                "WX-3,,13900003333,,,,一般,",
            )
        ],
    )
    with qtbot.waitSignal(intake.online_imported, timeout=10_000) as imported:
        intake.import_online(export)
    first = imported.args[0]
    assert (first.imported, first.skipped, first.rejected) == (2, 0, 1)
    assert {e.row for e in first.errors} == {4}
    qtbot.waitUntil(lambda: intake.model.rowCount() == 2)
    assert sorted(intake.model.column_texts(3)) == ["孙丽", "赵敏"]
    with qtbot.waitSignal(intake.online_imported, timeout=10_000) as again:
        intake.import_online(export)
    assert (again.args[0].imported, again.args[0].skipped) == (0, 2)
    assert len(stored_requests(workspace)) == 2
    close_dialogs()
