"""救助标准 (政策找人): the dated standards (低保标准 per person per month …) that eligibility hints
use; administrators add, correct and remove them. Until an administrator enters a kind, the
reference values of Shanghai are shown (marked 参考值)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import StandardKind
from app.domain.errors import Problem, ValidationError
from app.domain.money import format_fen, parse_yuan
from app.services.standards import StandardService, StandardView
from app.views.enum_text import enum_value_text
from app.views.form_fields import (
    FieldMessage,
    FieldMessages,
    FormRow,
    combo_value,
    fill_enum_combo,
    set_combo_value,
)
from app.views.lazy_page import LazyPage, fit_columns, record_table
from app.views.record_table_model import Column, RecordTableModel
from app.views.workspace import Workspace


class StandardDialog(QDialog):
    """Add a standard (``standard`` None) or correct one; saved through the service."""

    def __init__(
        self, workspace: Workspace, standard: StandardView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._standard = standard if standard is not None and standard.id else None
        self.messages = FieldMessages(workspace.language, self)
        self.setWindowTitle(self.tr("新增标准") if self._standard is None else self.tr("修改标准"))
        self.kind_combo = QComboBox()
        fill_enum_combo(self.kind_combo, StandardKind)
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(QDate.currentDate())
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("元/人·月，如 1510"))
        self.note_edit = QLineEdit()
        if standard is not None:
            set_combo_value(self.kind_combo, standard.kind)
            self.date_edit.setDate(QDate(standard.effective_from))
            self.amount_edit.setText(format_fen(standard.amount_fen))
            self.note_edit.setText(standard.note)
        self.kind_combo.setEnabled(self._standard is None)
        form = QFormLayout()
        rows: list[FormRow] = [
            ("kind", self.tr("标准"), self.kind_combo),
            ("effective_from", self.tr("起始日期"), self.date_edit),
            ("amount_fen", self.tr("金额（元/人·月）"), self.amount_edit),
            ("note", self.tr("备注"), self.note_edit),
        ]
        self.messages.add_rows(form, rows)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _amount(self) -> int:
        return parse_yuan(self.amount_edit.text(), field="amount_fen")

    def _on_save_clicked(self) -> None:
        self.messages.show_all = True
        try:
            amount = self._amount()
        except ValidationError as exc:
            self.messages.show(exc.problems, fallback="amount_fen")
            return
        day: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        service = StandardService(self._workspace.store, self._workspace.actor)
        note = self.note_edit.text()
        job: tuple[Any, ...] = (
            (service.add, combo_value(self.kind_combo) or "", day, amount, note)
            if self._standard is None
            else (service.update, self._standard.id, day, amount, note)
        )
        self.buttons.setEnabled(False)
        self._workspace.tasks.submit(
            *job,
            on_done=lambda _r: self.accept(),
            on_error=self._on_failed,
            changes="standards",
            owner=self,
        )

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        problems = getattr(error, "problems", None) or [
            Problem("note", "error", str(error), str(error))
        ]
        self.messages.show(problems, fallback="note")


class StandardsPage(LazyPage):
    """The table of standards, newest first within each kind."""

    standards_loaded = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.can_edit = False
        self.model = RecordTableModel(self._columns(), self)
        self._build()
        self.set_can_edit(False)

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("标准"), lambda s: enum_value_text(StandardKind, s.kind)),
            Column(self.tr("起始日期"), lambda s: s.effective_from.isoformat()),
            Column(
                self.tr("金额（元/人·月）"),
                lambda s: format_fen(s.amount_fen),
                sort_key=lambda s: s.amount_fen,
                numeric=True,
            ),
            Column(self.tr("来源"), lambda s: self.tr("本地维护") if s.id else self.tr("参考值")),
            Column(self.tr("备注"), lambda s: s.note),
        ]

    def _build(self) -> None:
        note = QLabel(
            self.tr(
                "户人均月收入低于当时执行的低保标准时，户档案上提示“低于低保标准”；"
                "低于低收入认定标准（未设定时为低保标准的 2 倍）时提示“边缘”。"
            )
        )
        note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("新增标准…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.remove_button = QPushButton(self.tr("删除"))
        bar = QHBoxLayout()
        bar.addWidget(note, 1)
        for button in (self.add_button, self.edit_button, self.remove_button):
            bar.addWidget(button)
        self.table = record_table(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        fit_columns(self.table, 4)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(lambda: self.open_dialog(self.selected()))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._enable())

    def set_can_edit(self, can_edit: bool) -> None:
        self.can_edit = can_edit
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(can_edit)
        self._enable()

    def load(self) -> None:
        service = StandardService(self._workspace.store, self._workspace.actor)
        self._workspace.tasks.submit(service.table, on_done=self._on_loaded, owner=self)

    def _on_loaded(self, standards: list[StandardView]) -> None:
        self.model.set_records(standards)
        self._enable()
        self.standards_loaded.emit(len(standards))

    def selected(self) -> StandardView | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None and chosen.id is not None)

    def open_dialog(self, standard: StandardView | None) -> StandardDialog | None:
        if not self.can_edit:
            return None
        dialog = StandardDialog(self._workspace, standard, self)
        dialog.setObjectName("standard_dialog")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_remove_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.id is None:
            return
        service = StandardService(self._workspace.store, self._workspace.actor)
        self.message.clear_text()
        self._workspace.tasks.submit(
            service.remove,
            chosen.id,
            on_error=self._on_failed,
            changes="standards",
            owner=self,
        )

    def _on_failed(self, error: BaseException) -> None:
        problems = getattr(error, "problems", None)
        language = self._workspace.language
        text = "\n".join(p.message(language) for p in problems) if problems else str(error)
        self.message.show_text(text)
