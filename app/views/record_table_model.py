"""A table of plain records (dataclasses from the services) with columns described as data.

Used for every short list of the workflow pages (tasks, intake queue, resources, coverage,
duplicates, import errors, standards): the records are loaded off-thread and handed over whole;
sorting happens in memory (these lists are a few thousand rows at most).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from app.views.row_table_model import RowTableModel

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT_COLOR = QColor("#b3261e")  # overdue
WARNING_COLOR = QColor("#8a5a00")  # due soon


@dataclass(frozen=True)
class Column:
    """One column: its header, the text of a record, and optional sort key, colour and weight."""

    header: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    color: Callable[[Any], QColor | None] | None = None
    bold: Callable[[Any], bool] | None = None
    numeric: bool = False


def _sortable(value: Any) -> tuple[bool, Any]:
    return (value is None or value == "", value if value is not None else "")


class RecordTableModel(RowTableModel[Any]):
    """Rows are records; ``record(row)`` gives one back; RECORD_ROLE carries it too."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__([c.header for c in columns], parent)
        self._columns = list(columns)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_records(self, records: Sequence[Any]) -> None:
        self.set_rows(records)

    @property
    def records(self) -> list[Any]:
        return self.rows

    def record(self, row: int) -> Any:
        return self.row_at(row)

    def column_texts(self, column: int) -> list[str]:
        """What one column shows, top to bottom (for tests and exports)."""
        return [self._columns[column].text(r) for r in self._rows]

    # ---- QAbstractTableModel -------------------------------------------------------------

    def _cell(self, record: Any, column_index: int, role: int) -> Any:
        column = self._columns[column_index]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            return column.color(record)
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(record):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        spec = self._columns[column]
        key = spec.sort_key or spec.text
        self.layoutAboutToBeChanged.emit()
        order_of = sorted(
            range(len(self._rows)),
            key=lambda i: _sortable(key(self._rows[i])),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_row = {old: new for new, old in enumerate(order_of)}
        self._rows = [self._rows[i] for i in order_of]
        old = self.persistentIndexList()
        moved = [self.index(new_row[i.row()], i.column()) for i in old]
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()
