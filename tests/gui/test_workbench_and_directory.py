"""Stories of the advisor's 工作台 (today's and overdue work, double-click to open), pages shown by
role, the resource directory (search and filters; administrators edit) and the standards table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.services.help_request_records import HelpRequestInput
from app.services.help_requests import HelpRequestService
from app.services.local_time import SHANGHAI
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.services.work_tasks import Task, TaskKind, TaskNote
from app.views.main_window import MainWindow
from app.views.resource_dialog import ResourceDialog
from app.views.standards_page import StandardDialog
from app.views.workbench import note_text
from app.views.workspace import Workspace
from tests.gui.conftest import type_text
from tests.gui.workflow_seed import (
    SIGNED_IN,
    add_household,
    close_dialogs,
    open_window,
    seed_staff,
    visit,
)

ADVISOR_PAGES = ["工作台", "户档案", "资源库", "救助标准"]


def visible_pages(window: MainWindow) -> list[str]:
    nav = window.nav
    return [nav.item(r).text() for r in range(nav.count()) if not nav.item(r).isHidden()]


@pytest.fixture
def advisor(qtbot: QtBot, workspace: Workspace) -> Iterator[tuple[MainWindow, dict[str, str]]]:
    staff = seed_staff(workspace.store, "advisor")
    me = staff[SIGNED_IN]
    ids = {
        "late": add_household(workspace.store, "张伟", 1, advisor_id=me),
        "fine": add_household(workspace.store, "李娜", 2, advisor_id=me),
        "other": add_household(workspace.store, "王芳", 3, advisor_id=staff["wang"]),
    }
    visit(workspace.store, ids["late"], 100)  # never assessed: monthly, so long overdue
    visit(workspace.store, ids["fine"], 2)
    visit(workspace.store, ids["other"], 100)  # another advisor's: not on my list
    request = HelpRequestService(workspace.store, "desk").receive(
        HelpRequestInput("phone", "赵敏", "腿伤，家里没人照顾", urgency="urgent",
                         received_at=dt.datetime.now(SHANGHAI) - dt.timedelta(days=2))
    )  # fmt: skip
    HelpRequestService(workspace.store, "desk").assign(request, me)
    ids["request"] = request
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: window.workflow.user is not None)
    yield window, ids
    close_dialogs()


def test_advisor_sees_overdue_work_and_opens_it_with_a_double_click(
    qtbot: QtBot, advisor: tuple[MainWindow, dict[str, str]]
) -> None:
    window, ids = advisor
    assert visible_pages(window) == ADVISOR_PAGES
    task_list = window.workflow.workbench.task_list
    with qtbot.waitSignal(task_list.tasks_loaded, timeout=10_000):
        window.nav.setCurrentRow(0)
    tasks = task_list.model.records
    assert [(t.kind, t.household_id or t.ref_id) for t in tasks] == [
        (TaskKind.VISIT, ids["late"]),
        (TaskKind.INTAKE, ids["request"]),
    ]
    assert tasks[0].overdue and task_list.model.index(0, 1).data().startswith("逾期")
    assert "逾期 2 项" in task_list.count_label.text()

    with qtbot.waitSignal(window.household_detail.household_loaded, timeout=10_000) as opened:
        task_list.table.activated.emit(task_list.model.index(0, 3))
    assert opened.args == [ids["late"]]
    assert window.nav.currentRow() == 1

    intake = window.workflow.intake
    window.nav.setCurrentRow(0)
    with qtbot.waitSignal(intake.queue_loaded, timeout=10_000):
        task_list.table.activated.emit(task_list.model.index(1, 3))
    assert window.pages.currentWidget() is intake
    qtbot.waitUntil(lambda: intake.panel.request is not None)
    assert intake.panel.request.id == ids["request"]

    with qtbot.waitSignal(task_list.tasks_loaded, timeout=10_000):
        task_list.horizon_combo.setCurrentIndex(2)  # 30 days ahead: 李娜's next visit too
    assert ids["fine"] in {t.household_id for t in task_list.model.records}


def test_each_role_sees_its_pages(qtbot: QtBot, workspace: Workspace) -> None:
    seed_staff(workspace.store, "station")
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: window.workflow.user is not None)
    assert visible_pages(window) == ["工作台", "户档案", "求助受理", "资源库", "台账", "救助标准"]
    assert not window.workflow.resources.new_button.isVisibleTo(window.workflow.resources)


def test_resources_are_searched_and_filtered_and_an_admin_adds_one(
    qtbot: QtBot, workspace: Workspace
) -> None:
    seed_staff(workspace.store, "admin")
    service = ResourceService(workspace.store, "admin1")
    for name, category, kind in (
        ("社区助餐点", "basic_living", "department"),
        ("爱心午餐", "basic_living", "enterprise"),
        ("法律援助工作站", "legal_aid", "department"),
    ):
        service.create(ResourceInput(name=name, category=category, provider_kind=kind))
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: window.workflow.user is not None)
    assert len(visible_pages(window)) == window.nav.count()  # an admin sees every page
    page = window.workflow.resources
    with qtbot.waitSignal(page.resources_loaded, timeout=10_000):
        window.workflow.show_page(page)
    assert page.model.rowCount() == 3
    with qtbot.waitSignal(page.resources_loaded, timeout=10_000):
        page.category_combo.setCurrentIndex(page.category_combo.findData("basic_living"))
    assert sorted(page.model.column_texts(0)) == ["爱心午餐", "社区助餐点"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("enterprise"))
    assert page.model.column_texts(0) == ["爱心午餐"]
    with qtbot.waitSignal(page.resources_loaded, timeout=10_000):
        type_text(qtbot, page.search_edit, "午餐")
    assert page.model.column_texts(0) == ["爱心午餐"]

    assert page.new_button.isVisible()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ResourceDialog, "resource_dialog")
    assert dialog is not None
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "资源名称" in dialog.messages._messages["name"].text()  # said inline, nothing saved
    type_text(qtbot, dialog.name_edit, "爱心早餐")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("enterprise"))
    with qtbot.waitSignal(page.resources_loaded, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [r.name for r in service.search("爱心早餐")] == ["爱心早餐"]
    page.search_edit.clear()
    with qtbot.waitSignal(page.resources_loaded, timeout=10_000):
        type_text(qtbot, page.search_edit, "爱心")
    assert sorted(page.model.column_texts(0)) == ["爱心午餐", "爱心早餐"]


def test_admin_sets_a_new_dibao_standard(qtbot: QtBot, workspace: Workspace) -> None:
    seed_staff(workspace.store, "admin")
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: window.workflow.user is not None)
    page = window.workflow.standards
    with qtbot.waitSignal(page.standards_loaded, timeout=10_000):
        window.workflow.show_page(page)
    assert "参考值" in page.model.column_texts(3)
    dialog = page.open_dialog(None)
    assert isinstance(dialog, StandardDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("dibao"))
    dialog.date_edit.setDate(dt.date(2030, 7, 1))
    type_text(qtbot, dialog.amount_edit, "1,800")
    with qtbot.waitSignal(page.standards_loaded, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    dibao = [r for r in page.model.records if r.kind == "dibao"]
    assert [(r.effective_from, r.amount_fen, r.id is not None) for r in dibao] == [
        (dt.date(2030, 7, 1), 180_000, True)
    ]


def test_task_notes_read_in_the_interface_language(window: MainWindow) -> None:
    """What a task is about is data from the service, worded by the view: Chinese by default,
    English when switched (it was Chinese text built by the service, in both)."""
    day = dt.date(2026, 11, 25)

    def task(note: TaskNote, *args: str) -> Task:
        return Task(TaskKind.VISIT, day, "h1", "r1", "张伟", "枣阳路", note, args, day)

    tasks = [
        task(TaskNote.VISIT_DUE, "high"),
        task(TaskNote.VISIT_DUE, ""),
        task(TaskNote.REFERRAL_FOLLOW_UP, "sent"),
        task(TaskNote.INTAKE_RESPONSE, "2026-11-27", "老伴住院，想申请助餐"),
        task(TaskNote.DRAFT_UNFINISHED),
    ]
    assert [note_text(t) for t in tasks] == [
        "困境等级高，按频次应走访",
        "困境等级未评估，按频次应走访",
        "转介“已发送”待跟进",
        "求助须在 11-27 前响应：老伴住院，想申请助餐",
        "走访记录尚未完成",
    ]
    window.workspace.translations.install("en")
    try:
        english = [note_text(t) for t in tasks]
    finally:
        window.workspace.translations.install("zh_CN")
    assert english[0].startswith("Hardship level ") and "高" not in english[0]
    assert english[1] == "Hardship level not assessed: visit due by its frequency"
    assert english[3] == "Answer by 11-27: 老伴住院，想申请助餐"  # the request's own words stay
    assert english[4] == "Visit record not finished"
