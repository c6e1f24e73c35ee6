"""The main window: navigation, the pages that work now, menus, status bar and the lock."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStatusBar,
    QWidget,
)

from app import __version__
from app.services.households_summary import HouseholdSummary
from app.views.archive_dialog import ArchiveDialog
from app.views.dashboard import DashboardView
from app.views.draft_recovery import DraftRecovery
from app.views.household_detail import HouseholdDetailView
from app.views.household_dialog import HouseholdDialog
from app.views.household_list import HouseholdListView
from app.views.idle_watcher import IdleWatcher
from app.views.lock_panel import LockPanel
from app.views.operations_menu import add_operations_menu
from app.views.settings_dialog import SettingsDialog
from app.views.sync_status import install_sync
from app.views.workflow_pages import WorkflowPages
from app.views.workspace import Workspace

DEFAULT_SIZE = (1280, 720)  # fits a 1366×768 screen with its task bar
MINIMUM_SIZE = (1000, 600)
NAV_WIDTH = 132
NAV_STYLE = "QListWidget::item { padding: 9px 8px; }"
STATUS_STYLE = "QStatusBar::item { border: none; } QLabel { padding: 0 10px; }"
LOAD_PARTS = frozenset({"committees", "list"})  # the workbench counts load right after


class MainWindow(QMainWindow):
    """``loaded`` fires once the committees, the household count and the list's first page are
    shown: the readiness signal used by ``--screenshot`` and the startup benchmark. The
    workbench counts (a scan of every household) load after that, not on the startup path."""

    loaded = Signal()
    lock_changed = Signal(bool)
    language_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.locked = False
        self.is_loaded = False
        self._waiting_for = set(LOAD_PARTS)
        self._hidden_dialogs: list[QDialog] = []
        self.idle_watcher = IdleWatcher(workspace.idle_lock_minutes, self)
        self.idle_watcher.idle.connect(self.lock)
        workspace.tasks.task_failed.connect(self._on_task_failed)
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(*MINIMUM_SIZE)
        self._build()
        self.draft_recovery = DraftRecovery(self)  # offers open visit drafts once loaded

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self._title())
        self.dashboard = DashboardView(self.workspace)
        self.workflow = WorkflowPages(self.workspace, self.dashboard, self)
        self.household_list = HouseholdListView(self.workspace)
        self.household_detail = HouseholdDetailView(self.workspace)
        self.households_page = QStackedWidget()
        self.households_page.addWidget(self.household_list)
        self.households_page.addWidget(self.household_detail)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.workflow.workbench)  # the advisor's tasks over the summary
        self.pages.addWidget(self.households_page)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.addItems([self.tr("工作台"), self.tr("户档案")])
        self.workflow.install(self.nav, self.pages, self.open_household)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(6, 6, 6, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.lock_panel = LockPanel(self.workspace)
        self.lock_panel.unlocked.connect(self._on_unlocked)
        self.central = QStackedWidget()
        self.central.addWidget(content)
        self.central.addWidget(self.lock_panel)
        self.setCentralWidget(self.central)
        self._build_menus()
        self._build_status_bar()
        self._connect_pages()
        self.nav.setCurrentRow(1)

    def _title(self) -> str:
        title = self.tr("暖心 · 社区救助顾问工作台")
        demo = self.tr("演示数据")
        return f"{title} — {demo}" if self.workspace.is_demo else title

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        profile_menu = bar.addMenu(self.tr("档案(&F)"))
        self.new_action = self._action(self.tr("新建户档案…"), "Ctrl+N", self._on_new_clicked)
        self.lock_action = self._action(self.tr("立即锁定"), "Ctrl+L", self.lock)
        quit_action = self._action(self.tr("退出"), QKeySequence.StandardKey.Quit, self.close)
        profile_menu.addAction(self.new_action)
        self.archive_action = self._action(self.tr("归档导出…"), None, self.open_archive_dialog)
        profile_menu.addAction(self.archive_action)
        profile_menu.addSeparator()
        profile_menu.addAction(self.lock_action)
        profile_menu.addSeparator()
        profile_menu.addAction(quit_action)
        settings_menu = bar.addMenu(self.tr("设置(&S)"))
        settings_menu.addAction(self._action(self.tr("设置…"), None, self._on_settings_clicked))
        language_menu = settings_menu.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        for code, name in (("zh_CN", "中文（简体）"), ("en", "English")):
            action = self._action(name, None, lambda _c=False, c=code: self.set_language(c))
            action.setCheckable(True)
            action.setChecked(code == self.workspace.language)
            group.addAction(action)
            language_menu.addAction(action)
        self.operations = add_operations_menu(self, bar)
        self.sync_menu = install_sync(self, bar)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self._action(self.tr("关于暖心"), None, self._on_about_clicked))

    def _action(self, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.triggered.connect(slot)
        return action

    def _build_status_bar(self) -> None:
        self.setStatusBar(QStatusBar())
        self.statusBar().setStyleSheet(STATUS_STYLE)
        profile = self.tr("档案：%1").replace("%1", self.workspace.profile.folder.name)
        self.profile_label = QLabel(profile)
        self.count_label = QLabel(self.tr("户数：…"))
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000000000"))
        self.lock_label = QLabel()
        self.language_label = QLabel("中文" if self.workspace.language == "zh_CN" else "English")
        for label in (self.profile_label, self.count_label, self.lock_label, self.language_label):
            self.statusBar().addPermanentWidget(label)
        self.sync_status = self.sync_menu.add_status(self.statusBar())
        self._show_lock_state()

    def _connect_pages(self) -> None:
        self.household_list.open_requested.connect(self.open_household)
        self.household_list.new_requested.connect(self._on_new_clicked)
        self.household_list.model.loaded.connect(self._on_list_loaded)
        self.household_detail.back_requested.connect(
            lambda: self.households_page.setCurrentWidget(self.household_list)
        )
        self.dashboard.summary_loaded.connect(self._on_summary_loaded)

    # ---- loading -------------------------------------------------------------------------

    def start(self) -> None:
        """Load everything the window shows, off the GUI thread; start the idle countdown."""
        self.workspace.tasks.submit(
            self.workspace.households.committees, on_done=self._on_committees_loaded, owner=self
        )
        self.household_list.start()
        self.sync_menu.controller.start()

    def _on_committees_loaded(self, committees: list[tuple[str, str]]) -> None:
        self.workspace.committees = committees
        self.household_list.fill_committees()
        self._part_loaded("committees")

    def _on_list_loaded(self) -> None:
        """The first listing is unfiltered: its count is every household."""
        self._show_total(self.household_list.model.total)
        self._part_loaded("list")

    def _on_summary_loaded(self, summary: HouseholdSummary) -> None:
        self._show_total(summary.total)

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("户数：%1").replace("%1", f"{total:,}"))

    def _part_loaded(self, part: str) -> None:
        self._waiting_for.discard(part)
        if not self._waiting_for and not self.is_loaded:
            self.is_loaded = True
            self.loaded.emit()
            self.dashboard.load()
            if not self.locked:
                self.idle_watcher.start()

    # ---- navigation and actions ----------------------------------------------------------

    def open_household(self, household_id: str) -> None:
        self.nav.setCurrentRow(1)
        self.household_detail.show_household(household_id)
        self.households_page.setCurrentWidget(self.household_detail)

    def _on_new_clicked(self) -> None:
        if self.locked:
            return
        dialog = HouseholdDialog(self.workspace, None, parent=self)
        dialog.setObjectName("household_dialog")
        dialog.household_saved.connect(self.open_household)
        dialog.existing_household_opened.connect(self.open_household)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_archive_dialog(self) -> ArchiveDialog | None:
        if self.locked:
            return None
        dialog = ArchiveDialog(self.workspace, self)
        dialog.setObjectName("archive_dialog")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_settings_clicked(self) -> None:
        dialog = SettingsDialog(self.workspace.idle_lock_minutes, self.workspace.language, self)
        dialog.setObjectName("settings_dialog")
        dialog.accepted.connect(lambda: self._apply_settings(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        self.set_idle_minutes(dialog.idle_minutes)
        if dialog.language != self.workspace.language:
            self.set_language(dialog.language)

    def set_idle_minutes(self, minutes: int) -> None:
        self.workspace.profile.settings["idle_lock_minutes"] = minutes
        self.idle_watcher.set_minutes(minutes)
        self.workspace.tasks.submit(self.workspace.profile.save_settings)

    def set_language(self, language: str) -> None:
        """Switch translators, remember the choice and rebuild the widgets in the new language."""
        language = self.workspace.translations.install(language)
        self.workspace.profile.settings["language"] = language
        self.workspace.tasks.submit(self.workspace.profile.save_settings)
        page = self.nav.currentRow()
        self.is_loaded = False
        self._waiting_for = set(LOAD_PARTS) - {"committees"}
        self._build()
        self.household_list.fill_committees()
        self.nav.setCurrentRow(page)
        self.household_list.start()
        self.language_changed.emit(language)

    def about_text(self) -> str:
        """The About box: what the app is and its version (the one from pyproject.toml)."""
        summary = self.tr("暖心：社区救助顾问工作台。本地数据加密保存，离线也能工作。")
        return f"{summary}\n\n暖心 Nuanxin {__version__}"

    def _on_about_clicked(self) -> None:
        QMessageBox.about(self, self.tr("关于暖心"), self.about_text())

    def _on_task_failed(self, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("操作失败"), str(error), parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ---- locking -------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide every piece of data (dialogs too) until the passphrase is entered again."""
        if self.locked:
            return
        self.locked = True
        self.idle_watcher.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.hide()
                self._hidden_dialogs.append(widget)
        self.household_detail.hide_revealed()
        self.central.setCurrentWidget(self.lock_panel)
        self.menuBar().setEnabled(False)
        self.lock_panel.reset()
        self._show_lock_state()
        self.lock_changed.emit(True)

    def _on_unlocked(self) -> None:
        self.locked = False
        self.central.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for dialog in self._hidden_dialogs:
            if shiboken6.isValid(dialog):
                dialog.show()
        self._hidden_dialogs.clear()
        self.idle_watcher.start()
        self._show_lock_state()
        self.lock_changed.emit(False)

    def _show_lock_state(self) -> None:
        self.lock_label.setText(self.tr("已锁定") if self.locked else self.tr("未锁定"))
        self.count_label.setVisible(not self.locked)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle_watcher.stop()
        self.sync_menu.controller.stop()
        super().closeEvent(event)
