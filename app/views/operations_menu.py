"""The 维护 menu: back up the profile now or daily, the audit log, devices, diagnostics.

The daily backup is tried when the window opens and every hour after (a USB stick plugged in
later is found then); each piece of work runs on the task runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenuBar,
    QMessageBox,
    QWidget,
)

from app.services import audit_log, auto_backup
from app.services.crash_reports import write_diagnostics
from app.views.workspace import Workspace

HOURLY_MS = 3600 * 1000


class OperationsMenu(QObject):
    def __init__(self, window: Any, bar: QMenuBar) -> None:
        super().__init__(window)
        self.window = window
        self.workspace: Workspace = window.workspace
        self.dialog: QWidget | None = None
        menu = bar.addMenu(self.tr("维护(&M)"))
        self.backup_action = self._add(menu, self.tr("备份档案…"), self._on_backup_clicked)
        self.daily_action = self._add(menu, self.tr("每日自动备份…"), self._on_daily_clicked)
        menu.addSeparator()
        self.audit_action = self._add(menu, self.tr("审计日志…"), self.open_audit_viewer)
        self.devices_action = self._add(menu, self.tr("设备管理…"), self.open_devices)
        menu.addSeparator()
        self._add(menu, self.tr("导出诊断信息…"), self._on_diagnose_clicked)
        role = self.role()
        self.audit_action.setEnabled(role == "" or audit_log.may_read(role))
        self.devices_action.setEnabled(role == "admin")
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_daily_backup)
        self.timer.start(HOURLY_MS)
        QTimer.singleShot(0, self.run_daily_backup)

    def _add(self, menu: Any, text: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def role(self) -> str:
        """The signed-in user's role ("" for a profile never linked to a server)."""
        from app.sync.state import load_state

        with self.workspace.store.sessions() as session:
            return str(load_state(session).user.get("role", ""))

    # ---- backups -------------------------------------------------------------------------

    def _ask_secret(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self.window, title, label, QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def _ask_new_backup_passphrase(self) -> str | None:
        title = self.tr("备份口令")
        first = self._ask_secret(title, self.tr("为备份设一个口令（至少 8 个字符）："))
        if first is None:
            return None
        if self._ask_secret(title, self.tr("再输入一次备份口令：")) != first:
            QMessageBox.warning(self.window, title, self.tr("两次输入的口令不一致，请重试。"))
            return None
        return first

    def _on_backup_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("备份档案"), "nuanxin.nxbackup", "暖心备份 (*.nxbackup)"
        )
        passphrase = self._ask_new_backup_passphrase() if path else None
        if path and passphrase:
            self.backup_to(Path(path), passphrase)

    def backup_to(self, path: Path, passphrase: str) -> None:
        workspace = self.workspace
        workspace.tasks.submit(
            auto_backup.backup_now,
            workspace.store,
            workspace.profile,
            path,
            passphrase,
            on_done=lambda info: self._tell(
                self.tr("备份已保存：%1").replace("%1", str(info.path))
            ),
            on_error=self._fail,
        )

    def _on_daily_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("每日备份到哪个文件夹"))
        if not folder:
            return
        keep, ok = QInputDialog.getInt(
            self.window, self.tr("每日自动备份"), self.tr("保留最近几份："), 7, 1, 365
        )
        passphrase = self._ask_new_backup_passphrase() if ok else None
        if passphrase:
            workspace = self.workspace
            workspace.tasks.submit(
                auto_backup.configure,
                workspace.store,
                workspace.profile,
                Path(folder),
                passphrase,
                keep,
                on_done=lambda _r: self.run_daily_backup(),
                on_error=self._fail,
            )

    def run_daily_backup(self) -> None:
        workspace = self.workspace
        workspace.tasks.submit(
            auto_backup.run_if_due, workspace.store, workspace.profile, on_error=self._fail
        )

    # ---- viewers -------------------------------------------------------------------------

    def _admin_client(self) -> Any:
        from app.sync.admin import AdminClient
        from app.sync.engine import SyncEngine

        controller = getattr(self.window, "sync_controller", None)
        if controller is not None:  # the window's engine: one token, one HTTP client, one lock
            engine = controller.engine
        else:
            engine = SyncEngine(self.workspace.store, self.workspace.profile.store_id)
        return AdminClient(engine) if engine.state.linked else None

    def open_audit_viewer(self) -> QWidget:
        from app.sync.admin import audit_rows
        from app.views.audit_viewer import AuditViewer

        admin = self._admin_client()
        query = (lambda wanted: audit_rows(admin, wanted)) if admin is not None else None
        self.dialog = AuditViewer(self.workspace, query, self.window)
        self.dialog.show()
        self.dialog.load()
        return self.dialog

    def open_devices(self) -> QWidget | None:
        from app.views.admin_devices import AdminDevicesDialog

        admin = self._admin_client()
        if admin is None:
            self._tell(self.tr("本机还没有登录服务器，无法管理设备。"))
            return None
        self.dialog = AdminDevicesDialog(admin, self.workspace.tasks, self.window)
        self.dialog.show()
        self.dialog.load()
        return self.dialog

    def _on_diagnose_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("导出诊断信息"), "nuanxin-diagnose.zip", "Zip (*.zip)"
        )
        if path:
            self.diagnose_to(Path(path))

    def diagnose_to(self, path: Path) -> None:
        profile = self.workspace.profile
        settings, logs = dict(profile.settings), profile.logs_dir
        self.workspace.tasks.submit(
            lambda: write_diagnostics(path, settings=settings, logs_dir=logs),
            on_done=lambda out: self._tell(self.tr("诊断信息已保存：%1").replace("%1", str(out))),
            on_error=self._fail,
        )

    # ---- messages ------------------------------------------------------------------------

    def _tell(self, text: str) -> None:
        QMessageBox.information(self.window, self.tr("暖心"), text)

    def _fail(self, error: BaseException) -> None:
        message = getattr(error, "zh", None) or str(error)
        problems = getattr(error, "problems", None)
        if problems:
            message = "\n".join(p.zh for p in problems)
        QMessageBox.warning(self.window, self.tr("操作没有完成"), str(message))


def add_operations_menu(window: Any, bar: QMenuBar) -> OperationsMenu:
    """The menu on ``bar``; one built before (the menus are rebuilt on a language change) goes."""
    old = getattr(window, "operations", None)
    if isinstance(old, OperationsMenu):
        old.timer.stop()
        old.deleteLater()
    return OperationsMenu(window, bar)
