"""Printing a form from any screen: a small 打印 dialog (ID numbers masked unless 「打印完整证件号」
is ticked), then the print preview, rendered on the workspace's task runner.

The printer writes the PRINT audit row, and one REVEAL_ID row per number shown in full.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.printing.printer import FormPrinter
from app.printing.records import SPECS, FormKind
from app.views.print_preview import PrintPreviewDialog, show_print_preview
from app.views.workspace import Workspace

Items = Sequence[tuple[FormKind, str]]
NOTE_STYLE = "color: #5f6368;"


class PrintOptionsDialog(QDialog):
    """Asks before printing: the only choice is whether to print ID numbers in full."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印 %1").replace("%1", title))
        self.unmasked_box = QCheckBox(self.tr("打印完整证件号"))
        note = QLabel(
            self.tr("默认只印证件号前 6 位和后 4 位。打印完整号码会记入审计日志，请妥善保管纸件。")
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("预览…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("将生成「%1」并打开打印预览。").replace("%1", title)))
        layout.addWidget(self.unmasked_box)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @property
    def unmasked(self) -> bool:
        return self.unmasked_box.isChecked()


class PrintLauncher(QObject):
    """Opens the 打印 dialog and the preview for one screen (``parent`` hosts the windows)."""

    options_opened = Signal(object)  # the PrintOptionsDialog
    preview_opened = Signal(object)  # the PrintPreviewDialog

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._host = parent

    def print_form(self, kind: FormKind, record_id: str, title: str = "") -> None:
        """Ask about ID numbers (receipts have none), then preview one form."""
        self.print_forms([(kind, record_id)], title or SPECS[kind].title)

    def print_forms(self, items: Items, title: str) -> None:
        if not items:
            return
        if all(kind == FormKind.RECEIPT for kind, _id in items):
            self.preview(items, title, unmasked=False)
            return
        dialog = PrintOptionsDialog(title, self._host.window())
        dialog.setObjectName("print_options_dialog")
        dialog.accepted.connect(lambda: self.preview(items, title, unmasked=dialog.unmasked))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.options_opened.emit(dialog)

    def preview(self, items: Items, title: str, *, unmasked: bool) -> PrintPreviewDialog:
        """Render off the GUI thread (audited by the printer) and show the pages."""
        printer = FormPrinter(self._workspace.store)
        actor = self._workspace.actor
        chosen = list(items)

        def render() -> bytes:
            if len(chosen) == 1:
                kind, record_id = chosen[0]
                return printer.render(kind, record_id, actor=actor, unmasked=unmasked)
            return printer.render_batch(chosen, actor=actor, unmasked=unmasked)

        dialog = show_print_preview(self._host.window(), render, title, tasks=self._workspace.tasks)
        dialog.setObjectName("print_preview")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.preview_opened.emit(dialog)
        return dialog
