"""Printing from the app: a visit's preview from the household page, full ID numbers only by
choice (and audited), batch printing from the household list, and the 归档 dialog."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models import AuditEvent
from app.services.local_time import SHANGHAI
from app.services.visits import VisitService
from app.store.engine import Store
from app.views.archive_dialog import ArchiveDialog
from app.views.date_fields import to_qdate
from app.views.form_printing import PrintLauncher, PrintOptionsDialog
from app.views.main_window import MainWindow
from app.views.print_preview import PrintPreviewDialog
from tests.gui.casework_seed import add_case_household
from tests.gui.conftest import add_household
from tests.gui.test_assessment_wizard import open_case

pytestmark = pytest.mark.gui
WAIT_MS = 20_000
VISITED_AT = dt.datetime(2025, 3, 3, 14, 0, tzinfo=SHANGHAI)


def finished_visit(store: Store, household_id: str, when: dt.datetime = VISITED_AT) -> str:
    visits = VisitService(store, "advisor1")
    visit_id = visits.save_draft(
        None,
        {
            "household_id": household_id,
            "visited_at": when,
            "kind": "home",
            "people_met": "户主张秀英",
            "situation": "户主慢性病，儿子失业在家，家中收入只有养老金。",
            "needs": ["basic_living"],
        },
    )
    visits.finalise(visit_id)
    return visit_id


def audit_rows(store: Store, action: str) -> list[AuditEvent]:
    with store.sessions() as session:
        query = select(AuditEvent).where(AuditEvent.action == action)
        return list(session.execute(query).scalars())


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def preview_through_options(
    qtbot: QtBot, printing: PrintLauncher, click: object, *, unmasked: bool = False
) -> PrintPreviewDialog:
    """Click 打印…, choose in the options dialog, and wait for the preview's pages."""
    with qtbot.waitSignal(printing.options_opened, timeout=WAIT_MS) as opened:
        click()  # type: ignore[operator]
    options = opened.args[0]
    assert isinstance(options, PrintOptionsDialog) and not options.unmasked  # masked by default
    options.unmasked_box.setChecked(unmasked)
    with qtbot.waitSignal(printing.preview_opened, timeout=WAIT_MS) as shown:
        qtbot.mouseClick(options.ok_button, Qt.MouseButton.LeftButton)
    preview = shown.args[0]
    assert isinstance(preview, PrintPreviewDialog)
    if preview.pdf is None:
        with qtbot.waitSignal(preview.pages_ready, timeout=WAIT_MS):
            pass
    return preview


def open_visits_tab(qtbot: QtBot, window: MainWindow, household_id: str) -> None:
    area = open_case(qtbot, window, household_id)
    area.tabs.setCurrentWidget(area.visits)
    qtbot.waitUntil(lambda: area.visits.model.rowCount() == 1, timeout=WAIT_MS)
    area.visits.list.setCurrentIndex(area.visits.model.index(0, 0))


def test_advisor_previews_a_visit_from_the_household_page(qtbot: QtBot, window: MainWindow) -> None:
    workspace = window.workspace
    household_id = add_case_household(workspace.households)
    visit_id = finished_visit(workspace.store, household_id)
    open_visits_tab(qtbot, window, household_id)
    panel = window.household_detail.casework.visits
    assert panel.print_button.isEnabled()

    click = lambda: qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)  # noqa: E731
    preview = preview_through_options(qtbot, panel.printing, click)

    assert preview.page_count >= 1 and preview.print_button.isEnabled()
    assert preview.windowTitle().startswith("打印预览 — 入户走访记录表")
    assert "张秀英" in pdf_text(preview.pdf or b"")
    assert [r.entity_id for r in audit_rows(workspace.store, "print")] == [visit_id]
    assert audit_rows(workspace.store, "reveal_id") == []
    preview.close()


def test_full_id_numbers_are_printed_only_when_chosen_and_are_audited(
    qtbot: QtBot, window: MainWindow
) -> None:
    workspace = window.workspace
    household_id = add_case_household(workspace.households)
    finished_visit(workspace.store, household_id)
    open_visits_tab(qtbot, window, household_id)
    detail = window.household_detail
    visits = detail.casework.visits

    def ctrl_p() -> None:
        window.activateWindow()
        visits.list.setFocus()
        qtbot.waitUntil(visits.list.hasFocus)
        qtbot.keyClick(visits.list, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    masked = preview_through_options(qtbot, visits.printing, ctrl_p)
    assert audit_rows(workspace.store, "reveal_id") == []
    full = preview_through_options(qtbot, visits.printing, ctrl_p, unmasked=True)

    revealed = audit_rows(workspace.store, "reveal_id")
    assert len(revealed) == 2  # the head's and the son's numbers, one row each
    printed = audit_rows(workspace.store, "print")
    assert [r.detail["unmasked"] for r in printed] == [False, True]
    masked_text, full_text = pdf_text(masked.pdf or b""), pdf_text(full.pdf or b"")
    assert "********" in masked_text and "********" not in full_text
    masked.close()
    full.close()


def test_batch_print_of_three_households_is_one_pdf(qtbot: QtBot, window: MainWindow) -> None:
    names = ["赵一凡", "钱二妹", "孙三宝"]
    for number, name in enumerate(names, start=1):
        add_household(window.workspace.households, name, number)
    households = window.household_list
    households.model.refresh()
    qtbot.waitUntil(lambda: households.model.rowCount() == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: households.model.row_at(2) is not None, timeout=WAIT_MS)
    selection = households.table.selectionModel()
    for row in range(3):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(households.model.index(row, 0), flags)
    assert households.batch_print_button.isEnabled()

    click = lambda: qtbot.mouseClick(  # noqa: E731
        households.batch_print_button, Qt.MouseButton.LeftButton
    )
    preview = preview_through_options(qtbot, households.printing, click)

    text = pdf_text(preview.pdf or b"")
    assert all(name in text for name in names)
    assert preview.windowTitle().endswith("家庭基本情况表（3 户）")
    assert len(audit_rows(window.workspace.store, "print")) == 3
    preview.close()


def test_batch_print_of_a_whole_list_takes_the_rows_never_loaded_too(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Ctrl+A over a committee's list selects rows whose pages were never fetched, or were
    dropped from the cache: each selected household is printed, none silently left out."""
    names = ["赵一凡", "钱二妹", "孙三宝", "李四海", "周五福", "吴六顺", "郑七巧"]
    for number, name in enumerate(names, start=1):
        add_household(window.workspace.households, name, number)
    households = window.household_list
    model = households.model
    model.PAGE_SIZE = 2  # four pages; the rows below the first are never painted, so
    households.table.hide()  # never loaded, as in a long list scrolled to its top
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == len(names), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: model.row_at(0) is not None, timeout=WAIT_MS)
    households.table.selectAll()
    assert model.data(model.index(len(names) - 1, 0)) is None  # not loaded (asked for now)
    assert households.batch_print_button.isEnabled()

    click = lambda: qtbot.mouseClick(  # noqa: E731
        households.batch_print_button, Qt.MouseButton.LeftButton
    )
    preview = preview_through_options(qtbot, households.printing, click)

    text = pdf_text(preview.pdf or b"")
    assert [name for name in names if name not in text] == []
    assert preview.windowTitle().endswith(f"家庭基本情况表（{len(names)} 户）")
    assert len(audit_rows(window.workspace.store, "print")) == len(names)
    assert households.batch_print_button.isEnabled()
    preview.close()


def archive_dialog(qtbot: QtBot, window: MainWindow, out: Path) -> ArchiveDialog:
    dialog = window.open_archive_dialog()
    assert isinstance(dialog, ArchiveDialog)
    dialog.from_edit.setDate(to_qdate(dt.date(2025, 1, 1)))
    dialog.to_edit.setDate(to_qdate(dt.date(2025, 12, 31)))
    dialog.path_edit.setText(str(out))
    return dialog


def test_archive_dialog_cancel_leaves_no_file_and_a_full_run_makes_the_zip(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = window.workspace
    for number in range(8):
        household_id = add_case_household(workspace.households, number=number)
        finished_visit(workspace.store, household_id, VISITED_AT + dt.timedelta(days=number))
    folder = tmp_path / "归档"
    folder.mkdir()
    out = folder / "2025.zip"
    dialog = archive_dialog(qtbot, window, out)
    dialog.progressed.connect(lambda _done, _total: dialog.cancel())

    with qtbot.waitSignal(dialog.export_cancelled, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert list(folder.iterdir()) == []  # neither the zip nor a part of it
    assert dialog.start_button.isEnabled() and "已取消" in dialog.status.text()

    dialog.progressed.disconnect()
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert result.path == out and result.forms == 8
    with zipfile.ZipFile(out) as bundle:
        assert "manifest.csv" in bundle.namelist()
    assert result.sha256 in dialog.result_label.text()
    assert dialog.result_label.isVisible()
    dialog.close()
