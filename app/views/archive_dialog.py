"""档案 → 归档导出: a period's (and committee's) finalised forms as PDF/A in one zip, made on the
task runner with progress and a working 取消 (a cancelled export leaves no file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.printing.archive import ArchiveCancelled, ArchiveResult, archive
from app.services.local_time import today
from app.store.engine import Store
from app.views.date_fields import to_date, to_qdate
from app.views.form_fields import FieldMessage, combo_value
from app.views.tasks import TaskCancelled, TaskContext, TaskHandle
from app.views.workspace import Workspace

RESULT_STYLE = "background: #eef6ee; border: 1px solid #9cc59c; border-radius: 4px; padding: 8px;"


def run_archive(
    store: Store,
    date_from: dt.date,
    date_to: dt.date,
    out: Path,
    committee: str | None,
    actor: str,
    *,
    task: TaskContext,
) -> ArchiveResult:
    """``archive`` on a worker: progress to the dialog, stopping when the task is cancelled."""
    try:
        return archive(
            store,
            date_from,
            date_to,
            out,
            committee=committee,
            actor=actor,
            progress=lambda done, total: task.progress(done, total),
            cancel=lambda: task.cancelled,
        )
    except ArchiveCancelled:
        raise TaskCancelled from None


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class ArchiveDialog(QDialog):
    """Choose the period, committee and file; 开始归档 runs it, 取消 stops it."""

    export_finished = Signal(object)  # ArchiveResult
    export_cancelled = Signal()
    export_failed = Signal(str)
    progressed = Signal(int, int)  # forms done, forms in all

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._handle: TaskHandle | None = None
        self._path_typed = False
        self.archive_result: ArchiveResult | None = None
        self.setWindowTitle(self.tr("归档导出"))
        self._build()
        self._suggest_path()

    def _build(self) -> None:
        now = today()
        self.from_edit = self._date_edit(dt.date(now.year, 1, 1))
        self.to_edit = self._date_edit(now)
        self.committee_combo = QComboBox()
        self.committee_combo.addItem(self.tr("全部居委"), None)
        for code, name in self._workspace.committees:
            self.committee_combo.addItem(name, code)
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("浏览…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("起始日期"), self.from_edit)
        form.addRow(self.tr("截止日期"), self.to_edit)
        form.addRow(self.tr("居委"), self.committee_combo)
        form.addRow(self.tr("保存到"), path_row)
        intro = QLabel(
            self.tr("把这段时间内已定稿的走访、评估、方案、转介和受理回执导出为 PDF/A，")
            + self.tr("连同清单 manifest.csv 打包成一个 zip 文件，供长期存档。")
        )
        intro.setWordWrap(True)
        self.message = FieldMessage()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(RESULT_STYLE)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        for widget in (self.message, self.progress, self.status, self.result_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.setMinimumWidth(640)
        self._connect()

    def _date_edit(self, value: dt.date) -> QDateEdit:
        edit = QDateEdit(to_qdate(value))
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        return edit

    def _buttons(self) -> QHBoxLayout:
        self.start_button = QPushButton(self.tr("开始归档"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"))
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            row.addWidget(button)
        return row

    def _connect(self) -> None:
        self.from_edit.dateChanged.connect(lambda _d: self._suggest_path())
        self.to_edit.dateChanged.connect(lambda _d: self._suggest_path())
        self.path_edit.textEdited.connect(self._on_path_typed)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)

    # ---- choosing --------------------------------------------------------------------------

    def _suggest_path(self) -> None:
        if self._path_typed:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"暖心归档_{to_date(self.from_edit.date())}_{to_date(self.to_edit.date())}.zip"
        self.path_edit.setText(str(Path(folder or Path.home()) / name))

    def _on_path_typed(self, _text: str) -> None:
        self._path_typed = True

    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("归档保存到"), self.path_edit.text(), self.tr("zip 文件 (*.zip)")
        )
        if name:
            self._path_typed = True
            self.path_edit.setText(name)

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        return Path(text) if text.lower().endswith(".zip") else Path(f"{text}.zip")

    # ---- running ---------------------------------------------------------------------------

    def start(self) -> None:
        date_from, date_to = to_date(self.from_edit.date()), to_date(self.to_edit.date())
        out = self.chosen_path()
        if date_from > date_to:
            self.message.show_text(
                self.tr("起始日期晚于截止日期：请把起始日期改早或截止日期改晚。")
            )
            return
        if out is None:
            self.message.show_text(self.tr("请填写保存位置（一个 .zip 文件）。"))
            return
        self.message.clear_text()
        self.result_label.hide()
        self.archive_result = None
        self._set_running(True)
        self.status.setText(self.tr("正在查找要归档的表单……"))
        self._handle = self._workspace.tasks.submit(
            run_archive,
            self._workspace.store,
            date_from,
            date_to,
            out,
            combo_value(self.committee_combo),
            self._workspace.actor,
            on_done=self._on_done,
            on_error=self._on_failed,
            progress=self._on_progress,
            owner=self,
        )
        self._handle.finished.connect(self._on_settled)

    def cancel(self) -> None:
        """Stop the export; the worker removes its unfinished file before it stops."""
        if self._handle is not None and not self._handle.done:
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在取消……"))
            self._handle.cancel()

    @property
    def running(self) -> bool:
        return self._handle is not None and not self._handle.done

    def _set_running(self, running: bool) -> None:
        for widget in (self.from_edit, self.to_edit, self.committee_combo, self.path_edit,
                       self.browse_button, self.start_button):  # fmt: skip
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = self.tr("正在归档：%1 / %2 份表单").replace("%1", str(done))
        self.status.setText(text.replace("%2", str(total)))
        self.progressed.emit(done, total)

    def _on_done(self, result: ArchiveResult) -> None:
        self.archive_result = result
        self.progress.setRange(0, max(result.forms, 1))
        self.progress.setValue(max(result.forms, 1))
        self.status.setText(self.tr("归档完成。"))
        lines = [
            self.tr("共 %n 份表单（另含 manifest.csv 和 README.txt）", "", result.forms),
            self.tr("文件：%1").replace("%1", str(result.path)),
            self.tr("大小：%1").replace("%1", size_text(result.size)),
            "SHA-256：" + result.sha256,
        ]
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        self.export_finished.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        zh = getattr(error, "zh", None)
        text = self.tr("归档失败：%1").replace("%1", str(zh or error))
        self.status.setText("")
        self.message.show_text(text)
        self.export_failed.emit(text)

    def _on_settled(self) -> None:
        handle, self._handle = self._handle, None
        self._set_running(False)
        if handle is not None and handle.cancelled:
            self.progress.setValue(0)
            self.status.setText(self.tr("已取消，没有留下文件。"))
            self.export_cancelled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        super().closeEvent(event)

    def reject(self) -> None:
        self.cancel()
        super().reject()
