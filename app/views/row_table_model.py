"""The part every read-only table model of the views shares: rows loaded off-thread and handed
over whole, fixed headers, and cells that subclasses describe."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are replaced whole by ``set_rows``; a subclass gives ``_cell`` for each role."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Row] = []

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self._headers):
            return None
        return self._cell(row, index.column(), role)

    def _cell(self, row: Row, column: int, role: int) -> Any:
        """What ``role`` of the cell at ``column`` of ``row`` holds (None for nothing)."""
        raise NotImplementedError


class TranslatedHeadersModel(RowTableModel[Row]):
    """Headers listed in ``HEADERS`` (QT_TRANSLATE_NOOP in the subclass's own context) and
    translated each time they are shown, so they follow a language switch; rows unnumbered."""

    HEADERS: tuple[object, ...] = ()  # QT_TRANSLATE_NOOP gives its text back as is

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([str(h) for h in self.HEADERS], parent)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.HEADERS[section]))
        return None
