"""工作台: how many households there are, by status, category and committee."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HouseholdCategory, HouseholdStatus
from app.services.households_summary import HouseholdSummary, summarize
from app.views.enum_text import enum_text
from app.views.workspace import Workspace


class StatCard(QFrame):
    """A big number with a caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("—")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        self.number.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(QLabel(caption))

    def set_value(self, value: int) -> None:
        self.number.setText(f"{value:,}")


def _count_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, int]], total: int) -> None:
    table.setRowCount(len(rows))
    for row, (name, count) in enumerate(rows):
        share = f"{count / total:.1%}" if total else ""
        for column, text in enumerate((name, f"{count:,}", share)):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)


class DashboardView(QWidget):
    """Loads the summary off-thread at start and after every change; ``summary_loaded`` then."""

    summary_loaded = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.summary: HouseholdSummary | None = None
        self._built = False
        workspace.tasks.changed.connect(self._on_data_changed)

    def _build(self) -> None:
        """Made on the first load, after the window is ready: not on the startup path."""
        self._built = True
        self.cards = {
            "total": StatCard(self.tr("户数合计")),
            **{s.value: StatCard(enum_text(s)) for s in HouseholdStatus},
            "overdue": StatCard(self.tr("走访已逾期（在册）")),
        }
        cards = QGridLayout()
        for position, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, position)
        self.category_table = _count_table([self.tr("类别"), self.tr("户数"), self.tr("占比")])
        self.committee_table = _count_table([self.tr("居委"), self.tr("户数"), self.tr("占比")])
        tables = QHBoxLayout()
        for title, table in (
            (self.tr("按类别（一户可有多个类别）"), self.category_table),
            (self.tr("按居委"), self.committee_table),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            tables.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addLayout(tables, 1)

    def load(self) -> None:
        if not self._built:
            self._build()
        self._workspace.tasks.submit(
            summarize, self._workspace.store, on_done=self._on_loaded, owner=self
        )

    def _on_data_changed(self, what: str) -> None:
        if what == "households":
            self.load()

    def _on_loaded(self, summary: HouseholdSummary) -> None:
        self.summary = summary
        self.cards["total"].set_value(summary.total)
        for status in HouseholdStatus:
            self.cards[status.value].set_value(summary.by_status.get(status.value, 0))
        self.cards["overdue"].set_value(summary.overdue_visits)
        categories = [
            (enum_text(c), summary.by_category.get(c.value, 0)) for c in HouseholdCategory
        ]
        _fill(self.category_table, categories, summary.total)
        committees = [(name, count) for _code, name, count in summary.by_committee]
        _fill(self.committee_table, committees, summary.total)
        self.summary_loaded.emit(summary)
