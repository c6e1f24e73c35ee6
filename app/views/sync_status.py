"""Sync in the window: when it runs (on start, a few seconds after edits, on a timer), and the
status bar piece that shows online/offline, the last sync, pending edits and conflicts, with
progress and cancel during a first sync. The work itself is app.sync's, run on the task runner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.services.local_time import SHANGHAI
from app.sync import report
from app.sync.engine import SyncEngine
from app.sync.errors import OfflineError, SyncCancelled, SyncError
from app.sync.report import SyncReport, SyncStatus, read_status
from app.views.tasks import TaskHandle
from app.views.workspace import Workspace

DEBOUNCE_MS = 3_000  # after an edit: a burst of edits syncs once
ONLINE_EVERY_MS = 60_000
OFFLINE_EVERY_MS = 30_000  # how soon an offline laptop looks for the server again
REFRESH_AFTER_SYNC = "households"  # the views reload on it after a sync brought rows


class SyncController(QObject):
    """Decides when to sync and runs it off the GUI thread; one sync at a time."""

    status_changed = Signal(object)  # SyncStatus
    online_changed = Signal(bool)
    sync_started = Signal(bool)  # first sync (progress and cancel are shown)
    progressed = Signal(int, int, str)
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(str)  # a message for the user

    def __init__(
        self, workspace: Workspace, engine: SyncEngine, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.engine = engine
        self.online: bool | None = None  # None until the first attempt
        self.last_status: SyncStatus | None = None
        self.status_changed.connect(self._keep_status)
        self.running: TaskHandle | None = None
        self._again = False
        self._echo = False
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.sync_now)
        self._timer = QTimer(self, interval=ONLINE_EVERY_MS)
        self._timer.timeout.connect(self.sync_now)
        workspace.tasks.changed.connect(self._on_data_changed)

    def start(self) -> None:
        """Show the status, then sync once now and on the timer from then on."""
        self.workspace.tasks.submit(
            read_status, self.workspace.store, on_done=self._begin, owner=self
        )

    def _begin(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)
        self._timer.start()
        self.sync_now()

    def stop(self) -> None:
        self._timer.stop()
        self._debounce.stop()
        self.cancel()

    def sync_now(self) -> None:
        if self.running is not None:
            self._again = True  # edits made during a sync go out right after it
            return
        self._debounce.stop()
        self._again = False
        self.running = self.workspace.tasks.submit(
            self._sync,
            on_done=self._on_synced,
            on_error=self._on_failed,
            progress=self.progressed.emit,
            owner=self,
        )
        self.running.finished.connect(self._on_settled)
        status = self.last_status
        self.sync_started.emit(status is not None and status.linked and not status.first_sync_done)

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()

    def refresh_status(self) -> None:
        self.workspace.tasks.submit(
            read_status, self.workspace.store, on_done=self.status_changed.emit, owner=self
        )

    # ---- off the GUI thread ---------------------------------------------------------------

    def _sync(self, task: Any) -> SyncReport | None:
        if not self.engine.state.linked:
            return None
        return self.engine.sync(progress=task.progress, cancelled=lambda: task.cancelled)

    # ---- results --------------------------------------------------------------------------

    def _on_synced(self, report: SyncReport | None) -> None:
        if report is None:
            self.refresh_status()
            return
        self._set_online(True)
        if report.pulled or report.dropped or report.pushed:
            self._echo = True
            try:
                self.workspace.tasks.changed.emit(REFRESH_AFTER_SYNC)
            finally:
                self._echo = False
        self.sync_finished.emit(report)
        self.refresh_status()

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, SyncCancelled):
            self.refresh_status()
            return
        if isinstance(error, OfflineError):
            self._set_online(False)
        message = error.zh if isinstance(error, SyncError) else str(error)
        self.sync_failed.emit(message)
        self.refresh_status()

    def _on_settled(self) -> None:
        self.running = None
        if self._again:
            self._debounce.start()

    def _on_data_changed(self, _what: str) -> None:
        """Any saved change: sync a few seconds later (a burst of edits syncs once)."""
        if self._echo:
            return  # the refresh this controller asked for after a sync
        if self.running is not None:
            self._again = True
            return
        self._debounce.start()
        self.refresh_status()

    def _set_online(self, online: bool) -> None:
        self._timer.setInterval(ONLINE_EVERY_MS if online else OFFLINE_EVERY_MS)
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def _keep_status(self, status: SyncStatus) -> None:
        self.last_status = status


PROGRESS_WIDTH = 160


class SyncStatusWidget(QWidget):
    """The status bar piece; ``conflicts_requested`` when the conflicts count is clicked."""

    conflicts_requested = Signal()
    sync_requested = Signal()

    def __init__(self, controller: SyncController | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.online_label = QLabel()
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.conflicts_button = QPushButton()
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(PROGRESS_WIDTH)
        self.progress.setTextVisible(True)
        self._online: bool | None = None
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("取消首次同步；已下载的部分会保留，下次继续。"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.online_label,
            self.last_label,
            self.pending_label,
            self.conflicts_button,
            self.progress,
            self.cancel_button,
        ):
            row.addWidget(widget)
        self._show_progress(False)
        self.show_status(None)
        if controller is not None:
            self._connect(controller)

    def _connect(self, controller: SyncController) -> None:
        controller.status_changed.connect(self.show_status)
        controller.online_changed.connect(self.show_online)
        controller.sync_started.connect(self._on_started)
        controller.progressed.connect(self.show_progress)
        controller.sync_finished.connect(lambda _r: self._show_progress(False))
        controller.sync_failed.connect(self._on_failed)
        self.cancel_button.clicked.connect(controller.cancel)
        self.sync_requested.connect(controller.sync_now)

    # ---- showing --------------------------------------------------------------------------

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None:  # not read yet: say nothing rather than "not connected"
            self.online_label.setText("")
            self.last_label.setText("")
        elif not status.linked:
            self.online_label.setText(self.tr("● 未连接同步服务器"))
            self.online_label.setStyleSheet("color: #80868b;")
            self.last_label.setText("")
        else:
            if self._online is None:
                self.online_label.setText(self.tr("● 已登录 %1").replace("%1", status.login))
                self.online_label.setStyleSheet("color: #5f6368;")
            self.last_label.setText(self._last_sync_text(status))
            self.last_label.setToolTip(status.last_error or status.server_url)
        pending = status.pending if status else 0
        conflicts = status.conflicts + status.refusals if status else 0
        self.pending_label.setText(self.tr("待上传：%1").replace("%1", str(pending)))
        self.conflicts_button.setText(self.tr("冲突：%1").replace("%1", str(conflicts)))
        self.conflicts_button.setStyleSheet(
            "color: #c5221f; font-weight: bold;" if conflicts else "color: #5f6368;"
        )

    def show_online(self, online: bool) -> None:
        self._online = online
        if online:
            self.online_label.setText(self.tr("● 在线"))
            self.online_label.setStyleSheet("color: #188038;")
        else:
            self.online_label.setText(self.tr("● 离线"))
            self.online_label.setStyleSheet("color: #b06000;")

    def show_progress(self, done: int, total: int, text: str) -> None:
        text = self._step_text(text)
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setFormat(f"{text} %p%" if total else text)
        wide = self.progress.fontMetrics().horizontalAdvance(f"{text} 100%") + 32
        self.progress.setFixedWidth(max(PROGRESS_WIDTH, wide))  # the step in full, any language

    def _step_text(self, text: str) -> str:
        """A sync step as app.sync names it (Chinese), in the interface's language."""
        steps = {
            report.UPLOADING: self.tr("正在上传本机修改…"),
            report.DOWNLOADING: self.tr("正在下载服务器数据…"),
            report.BUILDING_INDEXES: self.tr("正在建立索引…"),
            report.BUILDING_SEARCH: self.tr("正在建立搜索索引…"),
        }
        return steps.get(text, text)

    def _on_started(self, first: bool) -> None:
        self._show_progress(first)
        if first:
            self.show_progress(0, 0, self.tr("首次同步…"))

    def _on_failed(self, message: str) -> None:
        self._show_progress(False)
        self.last_label.setToolTip(message)

    def _show_progress(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)

    def _last_sync_text(self, status: SyncStatus) -> str:
        if status.last_sync is None:
            return self.tr("尚未同步")
        local = status.last_sync.astimezone(SHANGHAI)
        return self.tr("上次同步：%1").replace("%1", local.strftime("%m-%d %H:%M"))


class SyncMenu(QObject):
    """The 「同步」 menu and the status bar piece of the main window. The controller is made
    once per window and outlives the menus (the window rebuilds them on a language switch)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        found = getattr(window, "sync_controller", None)
        if found is None:
            workspace: Workspace = window.workspace
            engine = SyncEngine(workspace.store, workspace.profile.store_id)
            found = SyncController(workspace, engine, window)
            window.sync_controller = found
        self.controller: SyncController = found

    def add_menu(self, bar: Any) -> None:
        menu = bar.addMenu(self.tr("同步(&Y)"))
        self.sync_action = menu.addAction(self.tr("立即同步"))
        self.sync_action.setShortcut("F5")
        self.sync_action.triggered.connect(self.controller.sync_now)
        self.conflicts_action = menu.addAction(self.tr("冲突处理…"))
        self.conflicts_action.triggered.connect(self.open_conflicts)

    def add_status(self, status_bar: Any) -> SyncStatusWidget:
        widget = SyncStatusWidget(self.controller)
        widget.conflicts_requested.connect(self.open_conflicts)
        if self.controller.last_status is not None:
            widget.show_status(self.controller.last_status)
        if self.controller.online is not None:
            widget.show_online(self.controller.online)
        status_bar.insertPermanentWidget(0, widget)
        return widget

    def open_conflicts(self) -> Any:
        from app.views.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.window.workspace, self.window)
        dialog.resolved.connect(self.controller.refresh_status)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.load()
        return dialog


def install_sync(window: Any, bar: Any) -> SyncMenu:
    """Add the 「同步」 menu to ``bar``; the status piece goes in with add_status()."""
    menu = SyncMenu(window)
    menu.add_menu(bar)
    return menu
