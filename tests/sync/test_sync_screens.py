"""The sync screens with real widgets: the status bar piece and the conflicts dialog, on real
laptops (SQLCipher stores) and a real server. With NUANXIN_SCREENSHOTS=DIR the tests also save
pictures of them (docs/screenshots/ holds the ones made so)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.services.households import HouseholdService
from app.sync.conflicts import ConflictView
from app.sync.report import BUILDING_SEARCH, DOWNLOADING
from app.views.application import create_application
from app.views.conflicts_dialog import ConflictsDialog, FieldChoice
from app.views.sync_status import SyncController, SyncStatusWidget
from app.views.tasks import TaskRunner
from app.views.workspace import Workspace
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop, LiveServer
from tests.sync.households import new_household, set_household

pytestmark = pytest.mark.gui
WAIT_MS = 20_000


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def workspace_of(laptop: Laptop, tasks: TaskRunner) -> Workspace:
    _app, translations = create_application([], "zh_CN")
    return Workspace(
        profile=None,  # type: ignore[arg-type]  # the sync screens never read the profile
        store=laptop.store,
        households=HouseholdService(laptop.store, laptop.login_name),
        tasks=tasks,
        translations=translations,
    )


def picture(widget: QWidget, name: str) -> None:
    folder = os.environ.get("NUANXIN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # pending layout requests: the picture shows what a user sees
        widget.grab().save(str(Path(folder) / name))


def two_laptops_in_conflict(laptop: LaptopMaker) -> tuple[Laptop, Laptop, str]:
    """Both laptops changed the same household's phone offline; the advisor synced first."""
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor, head="欧阳晓𠮷", phone="13800000001")
    advisor.sync()
    station.sync()
    set_household(advisor, household, phone="13911112222", notes="老人住院，联系女儿")
    set_household(station, household, phone="13733334444", notes="已送米面油")
    advisor.sync()
    station.sync()
    return advisor, station, household


def test_the_station_decides_each_conflicting_field_in_the_dialog(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner
) -> None:
    advisor, station, household = two_laptops_in_conflict(laptop)
    dialog = ConflictsDialog(workspace_of(station, tasks))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(tasks.idle, timeout=WAIT_MS):
        dialog.load()

    assert dialog.row_list.count() == 1
    assert "欧阳晓𠮷" in dialog.row_list.item(0).text()
    fields = {f.conflict.field: f for f in dialog.findChildren(FieldChoice)}
    assert set(fields) == {"phone", "notes"}
    [theirs] = [x.text() for x in fields["phone"].findChildren(QLabel) if "13911112222" in x.text()]
    assert "advisor" in theirs and "修改" in theirs  # who made the server's value, and when
    assert not dialog.save_button.isEnabled()  # nothing is decided for the user
    fields["phone"].buttons["mine"].click()
    assert not dialog.save_button.isEnabled()  # every field needs a decision
    fields["notes"].buttons["edit"].click()
    fields["notes"].edit.setText("老人住院，联系女儿；已送米面油")
    picture(dialog, "conflicts-dialog.png")
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT_MS):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.row_list.count() == 0, timeout=WAIT_MS)

    station.sync()
    advisor.sync()
    for one in (advisor, station):
        data = one.households.get_household(household).data
        assert (data.phone, data.notes) == ("13733334444", "老人住院，联系女儿；已送米面油")
    assert station.engine.client().conflicts().conflicts == []


def test_a_refused_edit_is_listed_and_can_be_given_up(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner
) -> None:
    advisor, supervisor = laptop("advisor"), laptop("supervisor")
    household = new_household(advisor)
    advisor.sync()
    supervisor.sync()
    set_household(supervisor, household, notes="督导写的")
    supervisor.sync()
    dialog = ConflictsDialog(workspace_of(supervisor, tasks))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(tasks.idle, timeout=WAIT_MS):
        dialog.load()

    assert dialog.refused_list.count() == 1
    assert "只能查看" in dialog.refused_list.item(0).text()
    dialog.refused_list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT_MS):
        dialog.discard_button.click()
    supervisor.sync()
    assert supervisor.households.get_household(household).data.notes == ""


def test_the_status_bar_follows_offline_edits_and_conflicts(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner, server: LiveServer
) -> None:
    _advisor, station, household = two_laptops_in_conflict(laptop)
    controller = SyncController(workspace_of(station, tasks), station.engine)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    widget.show()
    server.stop()
    set_household(station, household, address="枣阳路 9 弄 1 号")

    with qtbot.waitSignal(controller.sync_failed, timeout=WAIT_MS):
        controller.start()
    qtbot.waitUntil(lambda: "离线" in widget.online_label.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: widget.pending_label.text() == "待上传：1", timeout=WAIT_MS)
    assert widget.conflicts_button.text() == "冲突：2"  # the phone and the notes
    picture(widget, "sync-status-offline.png")

    server.start()
    with qtbot.waitSignal(controller.sync_finished, timeout=WAIT_MS):
        controller.sync_now()
    qtbot.waitUntil(lambda: widget.pending_label.text() == "待上传：0", timeout=WAIT_MS)
    assert "在线" in widget.online_label.text()
    assert "上次同步" in widget.last_label.text()
    picture(widget, "sync-status-online.png")
    controller.stop()


def test_an_edit_is_synced_a_few_seconds_after_it_is_saved(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner, monkeypatch: Any
) -> None:
    monkeypatch.setattr("app.views.sync_status.DEBOUNCE_MS", 50)
    advisor = laptop("advisor")
    controller = SyncController(workspace_of(advisor, tasks), advisor.engine)
    household = new_household(advisor)

    with qtbot.waitSignal(controller.sync_finished, timeout=WAIT_MS):
        tasks.changed.emit("households")  # what a saved household dialog announces

    assert advisor.outbox() == []
    assert advisor.rows("household")[household]["server_seq"] > 0
    controller.stop()


def test_a_first_sync_shows_its_progress_and_can_be_cancelled(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner
) -> None:
    advisor = laptop("advisor")
    for head in "赵钱孙李周吴郑王":
        new_household(advisor, head=head)
    advisor.sync()
    fresh = laptop("station", sync=False)
    fresh.engine.page_limit = 3
    controller = SyncController(workspace_of(fresh, tasks), fresh.engine)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    widget.show()
    controller.progressed.connect(lambda *_: controller.cancel())

    with qtbot.waitSignal(controller.sync_started, timeout=WAIT_MS) as started:
        controller.start()
    assert started.args == [True]
    assert widget.progress.isVisible() and widget.cancel_button.isVisible()
    qtbot.waitUntil(lambda: controller.running is None, timeout=WAIT_MS)

    assert fresh.engine.state.cursor > 0  # what came before the cancel is kept
    fresh.sync()
    assert len(fresh.rows("household")) == 8


def conflict_view(*, field: str, base: str | None, mine: str, theirs: str) -> ConflictView:
    """A station's edit of a household field against the advisor's, as an older server (no
    theirs_at) reports it."""
    return ConflictView(
        id="c1",
        entity="household",
        row_id="h1",
        field=field,
        base=base,
        mine=mine,
        theirs=theirs,
        current=theirs,
        mine_by="station",
        theirs_by="advisor",
        at=dt.datetime(2026, 11, 25, 1, 30, tzinfo=dt.UTC),
    )


def test_a_conflict_from_an_older_server_without_its_time_still_names_who(qtbot: QtBot) -> None:
    """theirs_at is optional on the wire: without it the server side shows who, and no time."""
    conflict = conflict_view(
        field="phone", base="13800000001", mine="13733334444", theirs="13911112222"
    )
    choice = FieldChoice(conflict)
    qtbot.addWidget(choice)

    texts = [label.text() for label in choice.findChildren(QLabel)]
    assert "13911112222（advisor）" in texts
    assert "13733334444（station，2026-11-25 09:30 上传）" in texts  # Beijing time


def test_sync_steps_show_in_the_interface_language(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner
) -> None:
    station = laptop("station", sync=False)
    workspace = workspace_of(station, tasks)
    widget = SyncStatusWidget(SyncController(workspace, station.engine))
    qtbot.addWidget(widget)
    widget.show_progress(1, 4, DOWNLOADING)
    assert widget.progress.format() == "正在下载服务器数据… %p%"
    picture(widget.progress, "sync-progress.png")
    workspace.translations.install("en")
    try:
        widget.show_progress(1, 4, DOWNLOADING)
        assert widget.progress.format() == "Downloading from the server… %p%"
        words = widget.progress.fontMetrics().horizontalAdvance("Downloading from the server… 25%")
        assert widget.progress.width() > words  # the bar is wide enough for the step's words
        picture(widget.progress, "sync-progress-en.png")
        widget.show_progress(0, 0, BUILDING_SEARCH)
        assert widget.progress.format() == "Building the search index…"
    finally:
        workspace.translations.install("zh_CN")


def test_a_conflict_reads_in_english_when_the_interface_is_english(
    qtbot: QtBot, laptop: LaptopMaker, tasks: TaskRunner
) -> None:
    """The field's name and the empty value are the interface's words, not the store's."""
    workspace = workspace_of(laptop("station", sync=False), tasks)
    conflict = conflict_view(field="notes", base=None, mine="已送米面油", theirs="老人住院")
    workspace.translations.install("en")
    try:
        choice = FieldChoice(conflict)
        qtbot.addWidget(choice)
        texts = [label.text() for label in choice.findChildren(QLabel)]
        assert "<b>Notes</b>" in texts and "(empty)" in texts
        assert "Keep mine" in [b.text() for b in choice.buttons.values()]
    finally:
        workspace.translations.install("zh_CN")
    choice = FieldChoice(conflict)
    qtbot.addWidget(choice)
    assert "<b>备注</b>" in [label.text() for label in choice.findChildren(QLabel)]
