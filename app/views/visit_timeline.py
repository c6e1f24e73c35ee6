"""The 走访 tab of the household page: the visit timeline (newest first, drafts and amendments
shown), with 「新建走访」 and opening a visit to continue, read or correct it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import VisitState
from app.printing.records import FormKind
from app.services.local_time import local_date
from app.services.visit_records import VisitView
from app.views.casework_tab import CaseworkTab
from app.views.visit_form import VisitForm
from app.views.visit_text import visit_heading, visit_summary
from app.views.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
VISIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DRAFT_COLOR = QColor("#8a5a00")


class VisitTimelineModel(QAbstractListModel):
    """One row per visit, its text the heading, a summary and its amendments."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._visits: list[VisitView] = []

    def set_visits(self, visits: list[VisitView]) -> None:
        self.beginResetModel()
        self._visits = list(visits)
        self.endResetModel()

    def visit_at(self, row: int) -> VisitView | None:
        return self._visits[row] if 0 <= row < len(self._visits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        visit = self.visit_at(index.row()) if index.isValid() else None
        if visit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return visit_summary(visit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return visit_heading(visit)
        if role == VISIT_ID_ROLE:
            return visit.id
        if role == Qt.ItemDataRole.ForegroundRole and visit.state == VisitState.DRAFT.value:
            return DRAFT_COLOR
        return None


class VisitTimelinePanel(CaseworkTab):
    """Lists the visits of the household given to ``show_household``; reloads on changes."""

    form_opened = Signal(object)  # the VisitForm, for tests and screenshots

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = VisitTimelineModel(self)
        self.new_button = QPushButton(self.tr("新建走访记录…"))
        self.open_button = QPushButton(self.tr("查看 / 继续…"))
        self.print_button = self._print_button(
            self.tr("打印…"), self.tr("打印所选走访记录（Ctrl+P）；草稿定稿后才能打印")
        )
        self.count_label = QLabel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.new_button.clicked.connect(self.open_new_visit)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.list.doubleClicked.connect(lambda index: self.open_visit(index.row()))
        self.print_button.clicked.connect(self.print_selected)
        self.list.selectionModel().selectionChanged.connect(self._update_print_button)
        self.model.modelReset.connect(self._update_print_button)
        self._watch_changes()

    def _loader(self) -> Callable[[str], list[VisitView]]:
        return self._services.visits.timeline

    def _forget(self) -> None:
        self.model.set_visits([])

    def _show_loaded(self, visits: list[VisitView]) -> None:
        self.model.set_visits(visits)
        drafts = sum(1 for v in visits if v.state == VisitState.DRAFT.value)
        text = self.tr("共 %n 次走访", "", len(visits) - drafts)
        if drafts:
            text += self.tr("，%1 份草稿").replace("%1", str(drafts))
        self.count_label.setText(text)
        self.loaded.emit()

    def open_new_visit(self) -> VisitForm | None:
        if self._household_id is None:
            return None
        return self._open_form(None)

    def selected_visit(self) -> VisitView | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.visit_at(rows[0].row()) if rows else None

    def _update_print_button(self) -> None:
        visit = self.selected_visit()
        self.print_button.setEnabled(visit is not None and visit.state != VisitState.DRAFT.value)

    def print_selected(self) -> bool:
        """Print the chosen finished visit; False when there is none to print."""
        visit = self.selected_visit()
        if visit is None or visit.state == VisitState.DRAFT.value:
            return False
        day = local_date(visit.visited_at).isoformat() if visit.visited_at else ""
        self._print(FormKind.VISIT, visit.id, day)
        return True

    def _on_open_clicked(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        self.open_visit(rows[0].row() if rows else 0)

    def open_visit(self, row: int) -> VisitForm | None:
        visit = self.model.visit_at(row)
        return None if visit is None else self._open_form(visit)

    def _open_form(self, visit: VisitView | None) -> VisitForm:
        assert self._household_id is not None
        form = VisitForm(
            self._workspace, self._household_id, visit, title=self.title, parent=self.window()
        )
        form.setObjectName("visit_form")
        form.finished.connect(form.deleteLater)
        form.open()
        self.form_opened.emit(form)
        return form
