"""台账: import a district ledger (the import dialog) and export households, members, visits or
referrals for Excel (.xlsx, or .csv in UTF-8 with BOM); every export is audited."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.ledger_export import export
from app.views.form_fields import combo_value
from app.views.ledger_import_dialog import LedgerImportDialog
from app.views.workspace import Workspace


class LedgersPage(QWidget):
    """Nothing to load: the page only starts the import dialog and exports."""

    exported = Signal(str, int)  # path, rows

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._build()

    def _build(self) -> None:
        import_box = QGroupBox(self.tr("导入台账"))
        text = QLabel(
            self.tr(
                "从区、街道的台账（.xlsx 或 .csv，UTF-8、GBK、GB18030 均可）导入户档案和成员。"
                "常见表头（姓名、身份证号码、与户主关系、家庭住址、所属居委、救助类别等）会自动识别；"
                "导入前先检查每一行，列出有误的行、列、值和原因。再次导入同一文件不会重复登记。"
            )
        )
        text.setWordWrap(True)
        self.import_button = QPushButton(self.tr("导入台账…"))
        self.import_summary = QLabel()
        self.import_summary.setWordWrap(True)
        import_layout = QVBoxLayout(import_box)
        import_layout.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.import_summary, 1)
        import_layout.addLayout(row)

        export_box = QGroupBox(self.tr("导出"))
        self.kind_combo = QComboBox()
        for code, label in (
            ("households", self.tr("户档案（每户一行）")),
            ("members", self.tr("成员（每人一行，可再导入）")),
            ("visits", self.tr("走访记录")),
            ("referrals", self.tr("转介")),
        ):
            self.kind_combo.addItem(label, code)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Excel 工作簿 (*.xlsx)"), "xlsx")
        self.format_combo.addItem(self.tr("CSV，UTF-8 带 BOM (*.csv)"), "csv")
        self.committee_combo = QComboBox()
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_summary = QLabel(self.tr("证件号码按规定打码导出；每次导出都记入操作日志。"))
        self.export_summary.setWordWrap(True)
        form = QFormLayout(export_box)
        form.addRow(self.tr("内容"), self.kind_combo)
        form.addRow(self.tr("格式"), self.format_combo)
        form.addRow(self.tr("居委"), self.committee_combo)
        form.addRow("", self.export_button)
        form.addRow("", self.export_summary)

        layout = QVBoxLayout(self)
        layout.addWidget(import_box)
        layout.addWidget(export_box)
        layout.addStretch(1)
        self.import_button.clicked.connect(self.open_import_dialog)
        self.export_button.clicked.connect(self._on_export_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.committee_combo.count() == 0:
            self.committee_combo.addItem(self.tr("全部居委"), None)
            for code, name in self._workspace.committees:
                self.committee_combo.addItem(name, code)

    def open_import_dialog(self) -> LedgerImportDialog:
        dialog = LedgerImportDialog(self._workspace, self)
        dialog.setObjectName("ledger_import_dialog")
        dialog.imported.connect(self._on_imported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_imported(self, result: object) -> None:
        imported = getattr(result, "imported", 0)
        rejected = getattr(result, "rejected", 0)
        text = self.tr("上次导入：%1 行已导入，%2 行有误未导入。").replace("%1", str(imported))
        self.import_summary.setText(text.replace("%2", str(rejected)))

    def _on_export_clicked(self) -> None:
        suffix = combo_value(self.format_combo) or "xlsx"
        dialog = QFileDialog(self, self.tr("导出到"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter(self.format_combo.currentText())
        dialog.selectFile(f"{self.kind_combo.currentText().split('（')[0]}.{suffix}")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_to(self, path: Path) -> None:
        suffix = "." + (combo_value(self.format_combo) or "xlsx")
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(suffix)
        self.export_button.setEnabled(False)
        self._workspace.tasks.submit(
            lambda kind, committee: export(
                self._workspace.store,
                kind,
                path,
                actor=self._workspace.actor,
                committee=committee,
            ),
            combo_value(self.kind_combo),
            combo_value(self.committee_combo),
            on_done=lambda rows: self._on_exported(path, rows),
            on_error=self._on_export_failed,
            owner=self,
        )

    def _on_exported(self, path: Path, rows: int) -> None:
        self.export_button.setEnabled(True)
        text = self.tr("已导出 %Ln 行：%1", "", rows)
        self.export_summary.setText(text.replace("%1", str(path)))
        self.exported.emit(str(path), rows)

    def _on_export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.export_summary.setText(self.tr("导出失败：%1").replace("%1", str(error)))
