"""An unhandled exception in the GUI: a dialog with what happened and a copyable, redacted report.

sys.excepthook and threading.excepthook build the report (app.services.crash_reports), log it
under <profile>/logs, and show it on the GUI thread; the app goes on running. While one dialog
is open, further crashes are only logged (a failing timer must not stack up dialogs).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.crash_reports import CrashReport, excepthook_report, install_logging

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


class CrashDialog(QDialog):
    """What happened (one line), what it means for the user's work, and the report to copy."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("暖心遇到了意外错误"))
        self.resize(720, 520)
        intro = QLabel(
            self.tr(
                "刚才的操作没有完成。已经保存的资料和自动保存的草稿都不受影响，"
                "可以继续使用暖心。\n如果问题反复出现，请点「复制报告」并发给管理员："
                "报告里不含姓名、证件号和电话。"
            )
        )
        intro.setWordWrap(True)
        summary = QLabel(report.summary)
        summary.setWordWrap(True)
        summary.setStyleSheet("font-weight: bold;")
        self.text = QPlainTextEdit(report.text)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("复制报告"))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton(
            self.tr("退出暖心"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.quit_button.clicked.connect(self._on_quit_clicked)
        self.continue_button = buttons.addButton(
            self.tr("继续使用"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)
        self.copy_button.setText(self.tr("已复制"))

    def _on_quit_clicked(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        QApplication.exit(1)


class CrashHandler(QObject):
    """Installs the hooks; ``crashed`` carries each report to the GUI thread."""

    crashed = Signal(object)

    def __init__(self, parent_window: Callable[[], QWidget | None] | None = None) -> None:
        super().__init__()
        self.parent_window = parent_window or (lambda: None)
        self.dialog: CrashDialog | None = None
        self.reports: list[CrashReport] = []
        self._previous: Hook | None = None
        self._previous_thread: Any = None
        self.crashed.connect(self._on_crashed)

    def install(self) -> CrashHandler:
        self._previous, sys.excepthook = sys.excepthook, self.handle
        self._previous_thread, threading.excepthook = threading.excepthook, self._handle_thread
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            threading.excepthook = self._previous_thread
            self._previous = None

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit) and self._previous is not None:
            self._previous(kind, error, tb)
            return
        self.crashed.emit(excepthook_report(kind, error, tb))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_crashed(self, report: CrashReport) -> None:
        self.reports.append(report)
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = CrashDialog(report, self.parent_window())
        self.dialog.open()


def install_crash_handler(
    logs_dir: Path, parent_window: Callable[[], QWidget | None] | None = None
) -> CrashHandler:
    """Rotating redacted logs under ``logs_dir`` and a dialog for every unhandled exception."""
    install_logging(logs_dir)
    return CrashHandler(parent_window).install()
