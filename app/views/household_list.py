"""户档案: the household list with filters and a search box; opens a household's detail."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HouseholdCategory, HouseholdStatus
from app.printing.records import SPECS, FormKind
from app.services.household_filters import HouseholdFilters
from app.services.household_lookup import SEARCH_LIMIT, find_households
from app.services.household_records import HouseholdRow
from app.views.form_fields import combo_value, fill_enum_combo
from app.views.form_printing import PrintLauncher
from app.views.household_table_model import HOUSEHOLD_ID_ROLE, HouseholdTableModel
from app.views.tasks import TaskHandle
from app.views.workspace import Workspace

SEARCH_DELAY_MS = 250
# The narrowest widths, for the Chinese headers (0: the address column stretches); a longer
# header (English "Members") widens its column: size_household_columns.
COLUMN_WIDTHS = (120, 170, 0, 150, 52, 64, 76, 104)


def size_household_columns(table: QTableView) -> None:
    """The household columns' widths, in any language: the address stretches, and no column is
    narrower than its header (sectionSizeHint: the text, the margins and the sort arrow)."""
    header = table.horizontalHeader()
    for column, width in enumerate(COLUMN_WIDTHS):
        if width:
            table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


class HouseholdListView(QWidget):
    """Browse (paged, sorted in SQL) or search; ``open_requested`` carries a household id."""

    open_requested = Signal(str)
    new_requested = Signal()
    search_finished = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._search_handle: TaskHandle | None = None
        self._gathering = False  # fetching the ids of selected rows not loaded, to print them
        self.model = HouseholdTableModel(workspace.tasks, workspace.households, self)
        self._build()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._connect()

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("搜索：姓名、拼音或首字母、电话尾号、地址、证件号")
        )
        self.committee_combo = QComboBox()
        self.fill_committees()
        self.category_combo = QComboBox()
        fill_enum_combo(self.category_combo, HouseholdCategory, empty_text=self.tr("全部类别"))
        self.status_combo = QComboBox()
        fill_enum_combo(self.status_combo, HouseholdStatus, empty_text=self.tr("全部状态"))
        self.new_button = QPushButton(self.tr("新建户档案…"))
        self.batch_print_button = QPushButton(self.tr("批量打印家庭基本情况表…"))
        self.batch_print_button.setToolTip(
            self.tr("按住 Ctrl 或 Shift 选择多户，一次生成所选各户的家庭基本情况表")
        )
        self.batch_print_button.setEnabled(False)
        self.printing = PrintLauncher(self._workspace, self)
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 3)
        for combo in (self.committee_combo, self.category_combo, self.status_combo):
            bar.addWidget(combo, 1)
        bar.addWidget(self.new_button)

        self.count_label = QLabel(self.tr("正在加载…"))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(lambda _c: header.setSortIndicatorShown(True))
        size_household_columns(self.table)

        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.batch_print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(count_row)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.search_edit.returnPressed.connect(self._run_search)
        self._search_timer.timeout.connect(self._run_search)
        for combo in (self.committee_combo, self.category_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        self.new_button.clicked.connect(self.new_requested)
        self.table.activated.connect(self._on_row_activated)
        self.batch_print_button.clicked.connect(self.print_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_print_button)
        self.model.modelReset.connect(self._update_print_button)
        self.model.count_changed.connect(self._show_count)
        self._workspace.tasks.changed.connect(self._on_data_changed)

    def fill_committees(self) -> None:
        current = combo_value(self.committee_combo)
        self.committee_combo.blockSignals(True)
        self.committee_combo.clear()
        self.committee_combo.addItem(self.tr("全部居委"), None)
        for code, name in self._workspace.committees:
            self.committee_combo.addItem(name, code)
        self.committee_combo.setCurrentIndex(max(self.committee_combo.findData(current), 0))
        self.committee_combo.blockSignals(False)

    def filters(self) -> HouseholdFilters:
        return HouseholdFilters(
            committee_code=combo_value(self.committee_combo),
            category=combo_value(self.category_combo),
            status=combo_value(self.status_combo),
        )

    def start(self) -> None:
        """First load: the count and first page of every household."""
        self.model.browse(self.filters())

    # ---- searching and filtering ---------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
            return
        self._search_timer.stop()
        self._cancel_search()
        if self.model.searching:
            self.model.browse(self.filters())
            self._show_sort_indicator(self.model.sort_column)

    def _on_filters_changed(self) -> None:
        if self.search_edit.text().strip():
            self._run_search()
        else:
            self.model.browse(self.filters())

    def _run_search(self) -> None:
        self._search_timer.stop()
        text = self.search_edit.text().strip()
        if not text:
            return
        self._cancel_search()
        self._search_handle = self._workspace.tasks.submit(
            find_households,
            self._workspace.households,
            text,
            self.filters(),
            on_done=self._on_search_done,
            owner=self,
        )

    def _on_search_done(self, rows: list[HouseholdRow]) -> None:
        self._search_handle = None
        self.model.show_rows(rows)
        self._show_sort_indicator(None)  # results come best first until a header is clicked
        self.search_finished.emit(len(rows))

    def _show_sort_indicator(self, column: int | None) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicatorShown(column is not None)
        if column is not None:
            order = self.model.sort_order
            header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _cancel_search(self) -> None:
        if self._search_handle is not None:
            self._search_handle.cancel()
            self._search_handle = None

    def _on_data_changed(self, what: str) -> None:
        if what != "households":
            return
        if self.model.searching:
            self._run_search()
        else:
            self.model.refresh()

    def _show_count(self, count: int) -> None:
        if not self.model.searching:
            self.count_label.setText(self.tr("共 %Ln 户", "", count))
        elif count >= SEARCH_LIMIT:
            text = self.tr("找到 %1 户以上，仅显示最相关的 %1 户；请输入更多内容缩小范围")
            self.count_label.setText(text.replace("%1", str(SEARCH_LIMIT)))
        else:
            self.count_label.setText(self.tr("找到 %1 户").replace("%1", str(count)))

    # ---- printing ------------------------------------------------------------------------

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def _update_print_button(self) -> None:
        self.batch_print_button.setEnabled(
            not self._gathering and bool(self.table.selectionModel().hasSelection())
        )

    def print_selected(self) -> None:
        """One preview holding the 家庭基本情况表 of every selected household, also of rows
        not loaded yet (a whole committee selected with Ctrl+A): their ids are fetched first."""
        rows = self._selected_rows()
        if not rows or self._gathering:
            return
        self._gathering = True
        self.batch_print_button.setText(self.tr("正在准备 %n 户…", "", len(rows)))
        self._update_print_button()
        self.model.ids_of_rows(rows, self._print_households, self._gathering_failed)

    def _print_households(self, chosen: list[str]) -> None:
        self._gathering_done()
        title = SPECS[FormKind.HOUSEHOLD].title
        if len(chosen) > 1:
            title += self.tr("（%n 户）", "", len(chosen))
        self.printing.print_forms([(FormKind.HOUSEHOLD, i) for i in chosen], title)

    def _gathering_failed(self, error: BaseException) -> None:
        self._gathering_done()
        self.count_label.setText(self.tr("无法读取所选的户，请重试：%1").replace("%1", str(error)))

    def _gathering_done(self) -> None:
        self._gathering = False
        self.batch_print_button.setText(self.tr("批量打印家庭基本情况表…"))
        self._update_print_button()

    def _on_row_activated(self, index: QModelIndex) -> None:
        household_id = self.model.data(index, HOUSEHOLD_ID_ROLE)
        if household_id:
            self.open_requested.emit(str(household_id))
