"""台账导入: file → encoding found → column mapping → check with a per-row error report (row,
column, value, what is wrong; savable as CSV) → import with progress and cancel. The import
writes in one transaction: cancelling at any step leaves the register as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.ledger_import import (
    ImportResult,
    LedgerPreview,
    import_ledger,
    preview_ledger,
    write_report,
)
from app.services.ledger_rows import RowError
from app.store.engine import Store
from app.views.form_fields import FieldMessage, combo_value
from app.views.lazy_page import fit_columns, record_table
from app.views.ledger_mapping import MappingStep
from app.views.record_table_model import Column, RecordTableModel
from app.views.tasks import TaskContext, TaskHandle
from app.views.workspace import Workspace

FILE_STEP, MAPPING_STEP, CHECK_STEP, IMPORT_STEP = range(4)
LEDGER_FILES = "*.xlsx *.csv *.txt"


def run_ledger(
    store: Store,
    path: Path,
    committee: str | None,
    mapping: dict[str, int | None],
    actor: str,
    check_only: bool,
    *,
    task: TaskContext,
) -> ImportResult:
    """The service's import (or its check), reporting progress and hearing cancel."""
    return import_ledger(
        store,
        path,
        committee,
        mapping,
        progress=lambda done, total: task.progress(done, total),
        cancel=lambda: task.cancelled,
        actor=actor,
        check_only=check_only,
    )


def _show_progress(bar: QProgressBar, done: int, total: int) -> None:
    bar.setRange(0, total)
    bar.setValue(done)


class LedgerImportDialog(QDialog):
    """``checked`` after the check step, ``imported`` after the import, ``cancelled`` after a
    cancelled run has stopped (its transaction rolled back)."""

    previewed = Signal(object)  # LedgerPreview
    checked = Signal(object)  # ImportResult of the check
    imported = Signal(object)  # ImportResult of the import
    cancelled = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.preview: LedgerPreview | None = None
        self.check_result: ImportResult | None = None
        self.import_result: ImportResult | None = None
        self._handle: TaskHandle | None = None
        self.errors = RecordTableModel(self._columns(), self)
        self.setWindowTitle(self.tr("导入台账"))
        self._build()
        self._show_step(FILE_STEP)

    def _columns(self) -> list[Column]:
        english = self._workspace.language == "en"
        return [
            Column(self.tr("行号"), lambda e: str(e.row), sort_key=lambda e: e.row, numeric=True),
            Column(self.tr("列"), lambda e: e.column),
            Column(self.tr("值"), lambda e: e.value),
            Column(self.tr("问题"), lambda e: e.en if english else e.zh),
        ]

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.steps = QStackedWidget()
        self.steps.addWidget(self._file_step())
        self.mapping_step = MappingStep()
        self.steps.addWidget(self.mapping_step)
        self.steps.addWidget(self._check_step())
        self.steps.addWidget(self._import_step())
        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        self.step_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.resize(1100, 620)

    def _file_step(self) -> QWidget:
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(
            self.tr("台账文件：.xlsx 或 .csv（UTF-8、GBK、GB18030 均可）")
        )
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.path_message = FieldMessage()
        self.committee_combo = QComboBox()
        self.committee_combo.addItem(self.tr("（按台账中的“所属居委”列）"), None)
        for code, name in self._workspace.committees:
            self.committee_combo.addItem(name, code)
        note = QLabel(
            self.tr(
                "每行一名成员；同一户的成员按“户编号”或户主所在行归为一户。"
                "再次导入同一文件不会重复登记。"
            )
        )
        note.setWordWrap(True)
        step = QWidget()
        form = QFormLayout(step)
        form.addRow(self.tr("文件"), row)
        form.addRow("", self.path_message)
        form.addRow(self.tr("未写居委的户归入"), self.committee_combo)
        form.addRow("", note)
        return step

    def _check_step(self) -> QWidget:
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_progress = QProgressBar()
        self.error_table = record_table(self)
        self.error_table.setModel(self.errors)
        fit_columns(self.error_table, 3)
        self.save_report_button = QPushButton(self.tr("保存错误报告（CSV）…"))
        self.save_report_button.clicked.connect(self._on_save_report_clicked)
        row = QHBoxLayout()
        row.addWidget(self.check_label, 1)
        row.addWidget(self.save_report_button)
        step = QWidget()
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.check_progress)
        layout.addWidget(self.error_table, 1)
        return step

    def _import_step(self) -> QWidget:
        self.import_label = QLabel()
        self.import_label.setWordWrap(True)
        self.import_progress = QProgressBar()
        step = QWidget()
        layout = QVBoxLayout(step)
        layout.addStretch(1)
        layout.addWidget(self.import_label)
        layout.addWidget(self.import_progress)
        layout.addStretch(2)
        return step

    # ---- moving between steps ------------------------------------------------------------

    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        names = (self.tr("1 选择文件"), self.tr("2 列对应"), self.tr("3 检查"), self.tr("4 导入"))
        self.step_label.setText(
            " → ".join(f"<b>{n}</b>" if i == step else n for i, n in enumerate(names))
        )
        self.back_button.setVisible(step in (MAPPING_STEP, CHECK_STEP))
        texts = {
            FILE_STEP: self.tr("下一步"),
            MAPPING_STEP: self.tr("检查"),
            CHECK_STEP: self.tr("导入"),
            IMPORT_STEP: self.tr("完成"),
        }
        self.next_button.setText(texts[step])
        self.next_button.setEnabled(step != IMPORT_STEP)
        self.cancel_button.setText(self.tr("取消"))
        self.save_report_button.setVisible(False)

    @property
    def step(self) -> int:
        return self.steps.currentIndex()

    @property
    def busy(self) -> bool:
        return self._handle is not None

    def _on_back_clicked(self) -> None:
        if not self.busy:
            self._show_step(self.step - 1)

    def _on_next_clicked(self) -> None:
        if self.busy:
            return
        if self.step == FILE_STEP:
            self.read_file(Path(self.path_edit.text().strip()))
        elif self.step == MAPPING_STEP:
            self.check()
        elif self.step == CHECK_STEP:
            self.start_import()
        else:
            self.accept()

    def _on_cancel_clicked(self) -> None:
        """Stop a running check or import (nothing is written); otherwise close."""
        if self._handle is not None:
            self.cancel_button.setEnabled(False)
            self._handle.cancel()
        elif self.step == IMPORT_STEP and self.import_result is not None:
            self.accept()
        else:
            self.reject()

    # ---- the work ------------------------------------------------------------------------

    def _on_browse_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("选择台账文件"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("台账 (%1)").replace("%1", LEDGER_FILES))
        dialog.fileSelected.connect(self.path_edit.setText)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def read_file(self, path: Path) -> None:
        if not path.is_file():
            self.path_message.show_text(self.tr("找不到这个文件，请重新选择。"))
            return
        self.path_message.clear_text()
        self.next_button.setEnabled(False)
        self._handle = self._workspace.tasks.submit(
            preview_ledger,
            path,
            on_done=self._on_previewed,
            on_error=self._on_preview_failed,
            owner=self,
        )
        self._handle.finished.connect(self._on_task_settled)

    def _on_previewed(self, preview: LedgerPreview) -> None:
        self.preview = preview
        self.mapping_step.show_preview(preview)
        self._show_step(MAPPING_STEP)
        self.previewed.emit(preview)

    def _on_preview_failed(self, error: BaseException) -> None:
        self.next_button.setEnabled(True)
        self.path_message.show_text(self._error_text(error))

    def check(self) -> None:
        """Check every row as the import would, writing nothing; show the errors."""
        self._show_step(CHECK_STEP)
        self.errors.set_records([])
        self.check_label.setText(self.tr("正在检查每一行…"))
        self.next_button.setEnabled(False)
        self._run(True, self.check_progress, self._on_checked)

    def _on_checked(self, result: ImportResult) -> None:
        self.check_result = result
        self.errors.set_records(sorted(result.errors, key=lambda e: e.row))
        text = self.tr("检查完毕：%1 行可导入，%2 行有误（有误的行不导入，见下表）。")
        text = text.replace("%1", str(result.imported)).replace("%2", str(result.rejected))
        self.check_label.setText(text)
        self.save_report_button.setVisible(bool(result.errors))
        self.next_button.setText(self.tr("导入 %n 行", "", result.imported))
        self.next_button.setEnabled(result.imported > 0)
        self.checked.emit(result)

    def start_import(self) -> None:
        self._show_step(IMPORT_STEP)
        self.import_label.setText(self.tr("正在导入…（可随时取消，取消后不写入任何数据）"))
        self._run(False, self.import_progress, self._on_imported)

    def _on_imported(self, result: ImportResult) -> None:
        self.import_result = result
        counts = result.counts
        text = self.tr(
            "导入完成：新建 %1 户、更新 %2 户；新增成员 %3 人、更新 %4 人；%5 行有误未导入。"
        )
        for number, value in enumerate(
            (
                counts.households_created,
                counts.households_updated,
                counts.members_created,
                counts.members_updated,
                result.rejected,
            ),
            start=1,
        ):
            text = text.replace(f"%{number}", str(value))
        self.import_label.setText(text)
        self.import_progress.setValue(self.import_progress.maximum())
        self.next_button.setEnabled(True)
        self.cancel_button.setText(self.tr("关闭"))
        self.imported.emit(result)

    def _run(self, check_only: bool, bar: QProgressBar, on_done: Any) -> None:
        assert self.preview is not None
        bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._handle = self._workspace.tasks.submit(
            run_ledger,
            self._workspace.store,
            Path(self.path_edit.text().strip()),
            combo_value(self.committee_combo),
            self.mapping_step.mapping(),
            self._workspace.actor,
            check_only,
            on_done=on_done,
            on_error=self._on_run_failed,
            progress=lambda done, total, _text: _show_progress(bar, done, total),
            changes=None if check_only else "households",
            owner=self,
        )
        self._handle.finished.connect(self._on_task_settled)

    def _on_task_settled(self) -> None:
        handle, self._handle = self._handle, None
        self.cancel_button.setEnabled(True)
        if handle is not None and handle.cancelled:
            self._show_cancelled()

    def _show_cancelled(self) -> None:
        if self.step == IMPORT_STEP:
            self.import_label.setText(self.tr("已取消导入，没有写入任何数据。"))
            self.import_progress.setRange(0, 1)
            self.import_progress.setValue(0)
        else:
            self.check_label.setText(self.tr("已取消检查。"))
            self.check_progress.setRange(0, 1)
        self.import_result = None
        self.next_button.setEnabled(False)
        self.back_button.setVisible(self.step != IMPORT_STEP)
        self.cancel_button.setText(self.tr("关闭"))
        self.cancelled.emit()

    def _on_run_failed(self, error: BaseException) -> None:
        label = self.import_label if self.step == IMPORT_STEP else self.check_label
        label.setText(self.tr("无法导入：%1").replace("%1", self._error_text(error)))
        self.next_button.setEnabled(False)
        self.back_button.setVisible(True)

    def _error_text(self, error: BaseException) -> str:
        problems = getattr(error, "problems", None)
        english = self._workspace.language == "en"
        if problems:
            return "\n".join(p.message(self._workspace.language) for p in problems)
        zh = getattr(error, "zh", None)
        return zh if zh and not english else str(error) or type(error).__name__

    # ---- the error report ----------------------------------------------------------------

    def _on_save_report_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("保存错误报告"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilter(self.tr("CSV 文件 (*.csv)"))
        dialog.selectFile(Path(self.path_edit.text()).stem + "-错误报告.csv")
        dialog.fileSelected.connect(lambda path: self.save_report(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def save_report(self, path: Path) -> None:
        errors: list[RowError] = self.errors.records
        self._workspace.tasks.submit(
            write_report,
            errors,
            path,
            on_done=lambda _r: self.check_label.setText(
                self.tr("错误报告已保存：%1").replace("%1", str(path))
            ),
            owner=self,
        )
