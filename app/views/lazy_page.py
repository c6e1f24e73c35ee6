"""A navigation page that loads its data when first shown, and again after a change while it is
shown (or on its next showing): pages nobody opens cost nothing at startup."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.views.workspace import Workspace


class LazyPage(QWidget):
    """Subclasses implement ``load()`` (submit their reads to the task runner)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.stale = True
        workspace.tasks.changed.connect(self._on_data_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self) -> None:
        self.stale = False
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def _on_data_changed(self, _what: str) -> None:
        self.stale = True
        if self.isVisible():
            self.reload()


def record_table(row_height_font: QWidget) -> QTableView:
    """A read-only table of whole rows, one selected at a time, sortable by a header click."""
    table = QTableView()
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSortingEnabled(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height_font.fontMetrics().height() + 10)
    table.horizontalHeader().setSortIndicatorShown(False)
    table.horizontalHeader().sectionClicked.connect(
        lambda _c: table.horizontalHeader().setSortIndicatorShown(True)
    )
    return table


def fit_columns(table: QTableView, *stretch: int) -> None:
    """Columns as wide as their contents (in either language); ``stretch`` ones share the rest."""
    header = table.horizontalHeader()
    for column in range(header.count()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


class WholeColumn(QObject):
    """Keeps a stretching column (names) at least as wide as its widest cell: when the other
    columns leave it less (the English dashboard's ten long headers), it stops stretching and
    the table scrolls sideways instead of cutting every name short."""

    def __init__(self, table: QTableView, column: int) -> None:
        super().__init__(table)
        self.table, self.column = table, column
        table.viewport().installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._fit_soon)
        model.dataChanged.connect(self._fit_soon)
        self._fit_soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _fit_soon(self, *_args: object) -> None:
        QTimer.singleShot(0, self, self.fit)  # once the other columns fitted the new data

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        needed = max(self.table.sizeHintForColumn(self.column), header.sectionSizeHint(self.column))
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        if others + needed <= self.table.viewport().width():
            header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(self.column, needed)
