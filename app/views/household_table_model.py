"""The household list as a lazy table: the count first, then 200-row pages fetched off-thread.

Sorting and filtering happen in the service (SQL over indexes), never by a proxy over 100k rows.
Search results (at most a few hundred rows) are shown in the same model and sorted in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.domain.enums import HardshipLevel, HouseholdCategory, HouseholdStatus
from app.services.household_filters import HouseholdFilters
from app.services.household_records import HouseholdRow
from app.services.households import HouseholdService
from app.views.enum_text import enum_value_text
from app.views.tasks import TaskHandle, TaskRunner

Index = QModelIndex | QPersistentModelIndex
HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOR = QColor("#b3261e")

# (header source text, service sort key)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("户主", "head_name"),
    ("居委", "committee_code"),
    ("地址", "address"),
    ("类别", "categories"),
    ("人数", "member_count"),
    ("状态", "status"),
    ("困境等级", "hardship_level"),
    ("下次走访", "next_visit_due"),
)

COUNT_COLUMN = 4
DUE_COLUMN = 7


def _headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("HouseholdTableModel", "户主"),
        translate("HouseholdTableModel", "居委"),
        translate("HouseholdTableModel", "地址"),
        translate("HouseholdTableModel", "类别"),
        translate("HouseholdTableModel", "人数"),
        translate("HouseholdTableModel", "状态"),
        translate("HouseholdTableModel", "困境等级"),
        translate("HouseholdTableModel", "下次走访"),
    ]


def cell_text(row: HouseholdRow, column: int) -> str:
    """What one cell shows, in the UI language."""
    key = COLUMNS[column][1]
    if key == "head_name":
        return row.head_name
    if key == "committee_code":
        return row.committee_name
    if key == "address":
        return row.address
    if key == "categories":
        return "、".join(enum_value_text(HouseholdCategory, c) for c in row.categories)
    if key == "member_count":
        return str(row.member_count)
    if key == "status":
        return enum_value_text(HouseholdStatus, row.status)
    if key == "hardship_level":
        return enum_value_text(HardshipLevel, row.hardship_level)
    return row.next_visit_due.isoformat() if row.next_visit_due else ""


def _fetch_pages(
    service: HouseholdService,
    filters: HouseholdFilters,
    sort_key: str,
    descending: bool,
    size: int,
    numbers: list[int],
) -> dict[int, list[HouseholdRow]]:
    return {n: service.page(filters, sort_key, descending, n * size, size) for n in numbers}


def _memory_sort_key(key: str) -> Any:
    def value(row: HouseholdRow) -> Any:
        raw = getattr(row, key)
        if isinstance(raw, list):
            return ",".join(raw)
        return (raw is None, raw if raw is not None else "")

    return value


class HouseholdTableModel(QAbstractTableModel):
    """Rows of the household list; ``loaded`` fires when the count and the first page are in."""

    PAGE_SIZE = 200
    MAX_CACHED_PAGES = 40
    MAX_PENDING_PAGES = 4

    loaded = Signal()
    count_changed = Signal(int)
    load_failed = Signal(object)

    def __init__(self, tasks: TaskRunner, service: HouseholdService, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._service = service
        self._headers = _headers()
        self._filters = HouseholdFilters()
        self._sort_column = 0
        self._descending = False
        self._total = 0
        self._pages: OrderedDict[int, list[HouseholdRow]] = OrderedDict()
        self._pending: OrderedDict[int, TaskHandle] = OrderedDict()
        self._search_rows: list[HouseholdRow] | None = None
        self._generation = 0
        self._count_handle: TaskHandle | None = None
        self._started = False  # nothing loads before the first browse()
        self.is_loaded = False

    # ---- what the view asks --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._search_rows) if self._search_rows is not None else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(row, index.column())
        if role == HOUSEHOLD_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == DUE_COLUMN:
            due = row.next_visit_due
            return OVERDUE_COLOR if due is not None and due < dt.date.today() else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._search_rows is not None:
            self.layoutAboutToBeChanged.emit()
            key = _memory_sort_key(COLUMNS[column][1])
            self._search_rows.sort(key=key, reverse=self._descending)
            self.layoutChanged.emit()
        elif self._started:
            self._reload(reset=True)

    # ---- what the list view does ---------------------------------------------------------

    @property
    def total(self) -> int:
        return self.rowCount()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    @property
    def searching(self) -> bool:
        return self._search_rows is not None

    def row_at(self, row: int) -> HouseholdRow | None:
        """The row if it is loaded; otherwise None and its page is requested."""
        if self._search_rows is not None:
            return self._search_rows[row] if 0 <= row < len(self._search_rows) else None
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            self._request_page(number)
            return None
        self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def ids_of_rows(
        self,
        rows: Sequence[int],
        on_done: Callable[[list[str]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """The household ids of these rows, in their order, loaded or not: a selection of a
        whole committee (Ctrl+A) holds rows whose pages were never fetched, or were dropped from
        the cache. Pages that are missing are fetched off the GUI thread, in one task, with the
        filters and order the rows were selected in; ``on_done`` runs on the GUI thread."""
        wanted = sorted(set(rows))
        if self._search_rows is not None:
            found = (self._search_rows[r] for r in wanted if 0 <= r < len(self._search_rows))
            on_done([row.id for row in found])
            return
        numbers = sorted({r // self.PAGE_SIZE for r in wanted if 0 <= r < self._total})
        have = {n: self._pages[n] for n in numbers if n in self._pages}
        missing = [n for n in numbers if n not in have]

        def ids(pages: dict[int, list[HouseholdRow]]) -> list[str]:
            found = []
            for r in wanted:
                page = pages.get(r // self.PAGE_SIZE) or []
                offset = r % self.PAGE_SIZE
                if offset < len(page):
                    found.append(page[offset].id)
            return found

        if not missing:
            on_done(ids(have))
            return
        self._tasks.submit(
            _fetch_pages,
            self._service,
            self._filters,
            COLUMNS[self._sort_column][1],
            self._descending,
            self.PAGE_SIZE,
            missing,
            on_done=lambda fetched: on_done(ids({**have, **fetched})),
            on_error=on_error,
            owner=self,
        )

    def browse(self, filters: HouseholdFilters | None = None) -> None:
        """Show every household matching ``filters`` (paged), leaving any search."""
        self._filters = filters or HouseholdFilters()
        self._search_rows = None
        self._started = True
        self._reload(reset=True)

    def show_rows(self, rows: list[HouseholdRow]) -> None:
        """Show search results instead of the paged listing."""
        self._cancel_pending()
        self.beginResetModel()
        self._search_rows = list(rows)
        self.endResetModel()
        self.count_changed.emit(len(rows))

    def refresh(self) -> None:
        """Reload after data changed, keeping the scroll position where the count allows."""
        if self._search_rows is None and self._started:
            self._reload(reset=False)

    # ---- loading -------------------------------------------------------------------------

    def _reload(self, *, reset: bool) -> None:
        self._cancel_pending()
        self._generation += 1
        generation = self._generation
        if reset:
            self.beginResetModel()
            self._pages.clear()
            self._total = 0
            self.endResetModel()
        self._count_handle = self._tasks.submit(
            self._service.count,
            self._filters,
            on_done=lambda total: self._on_count(generation, total, reset),
            on_error=lambda error: self._on_error(generation, None, error),
            owner=self,
        )
        self._request_page(0, generation)

    def _on_count(self, generation: int, total: int, reset: bool) -> None:
        if generation != self._generation:
            return
        self._count_handle = None
        if reset or total != self._total:
            first = self._pages.get(0) if reset else None
            self.beginResetModel()
            self._pages.clear()
            if first is not None:
                self._pages[0] = first
            self._total = total
            self.endResetModel()
        elif self._total:
            self._pages.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(COLUMNS) - 1))
        self.count_changed.emit(total)
        self._check_loaded()

    def _request_page(self, number: int, generation: int | None = None) -> None:
        if number in self._pending:
            return
        while len(self._pending) >= self.MAX_PENDING_PAGES:
            _, oldest = self._pending.popitem(last=False)
            oldest.cancel()
        gen = self._generation if generation is None else generation
        sort_key = COLUMNS[self._sort_column][1]
        self._pending[number] = self._tasks.submit(
            self._service.page,
            self._filters,
            sort_key,
            self._descending,
            number * self.PAGE_SIZE,
            self.PAGE_SIZE,
            on_done=lambda rows: self._on_page(gen, number, rows),
            on_error=lambda error: self._on_error(gen, number, error),
            owner=self,
        )

    def _on_page(self, generation: int, number: int, rows: list[HouseholdRow]) -> None:
        if generation != self._generation:
            return
        self._pending.pop(number, None)
        self._pages[number] = rows
        while len(self._pages) > self.MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        first = number * self.PAGE_SIZE
        last = min(first + len(rows), self._total) - 1
        if last >= first and self._count_handle is None:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self._check_loaded()

    def _on_error(self, generation: int, page: int | None, error: BaseException) -> None:
        if generation != self._generation:
            return
        if page is None:
            self._count_handle = None
        else:
            self._pending.pop(page, None)
        self.load_failed.emit(error)

    def _check_loaded(self) -> None:
        if self.is_loaded or self._count_handle is not None:
            return
        if 0 in self._pages or self._total == 0:
            self.is_loaded = True
            self.loaded.emit()

    def _cancel_pending(self) -> None:
        for handle in self._pending.values():
            handle.cancel()
        self._pending.clear()
        if self._count_handle is not None:
            self._count_handle.cancel()
            self._count_handle = None
