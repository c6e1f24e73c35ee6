"""覆盖情况 (全覆盖、不遗漏): per committee, the active households with no visit in their due
period, never assessed, or without a service plan; clicking a count lists those households."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from app.services.coverage import GAPS, CoverageRow, CoverageService
from app.services.household_records import HouseholdRow
from app.views.household_list import size_household_columns
from app.views.household_table_model import HOUSEHOLD_ID_ROLE, HouseholdTableModel
from app.views.lazy_page import LazyPage, fit_columns, record_table
from app.views.record_table_model import ALERT_COLOR, Column, RecordTableModel
from app.views.workspace import Workspace

GAP_COLUMNS = {2: "visit_overdue", 3: "no_assessment", 4: "no_plan"}


class CoveragePage(LazyPage):
    """Counts on top, the households behind the chosen count under them."""

    household_requested = Signal(str)
    coverage_loaded = Signal(int)
    missing_loaded = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = RecordTableModel(self._columns(), self)
        self.households = HouseholdTableModel(workspace.tasks, workspace.households, self)
        self._chosen: tuple[str, str] | None = None
        self._build()

    def _columns(self) -> list[Column]:
        def gap(header: str, name: str) -> Column:
            def share(row: CoverageRow) -> str:
                value = getattr(row, name)
                percent = f"（{value / row.households:.0%}）" if row.households and value else ""
                return f"{value:,}{percent}"

            return Column(
                header,
                share,
                sort_key=lambda r: getattr(r, name),
                color=lambda r: ALERT_COLOR if getattr(r, name) else None,
                numeric=True,
            )

        return [
            Column(self.tr("居委"), lambda r: r.committee_name),
            Column(
                self.tr("在册户数"),
                lambda r: f"{r.households:,}",
                sort_key=lambda r: r.households,
                numeric=True,
            ),
            gap(self.tr("走访逾期"), "visit_overdue"),
            gap(self.tr("从未评估"), "no_assessment"),
            gap(self.tr("没有服务方案"), "no_plan"),
        ]

    def _build(self) -> None:
        self.summary_label = QLabel(self.tr("正在统计…"))
        self.table = record_table(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        fit_columns(self.table, 0)
        self.list_label = QLabel(
            self.tr("点击“走访逾期”“从未评估”或“没有服务方案”的数字，查看这些户。")
        )
        self.list_label.setWordWrap(True)
        self.household_table = record_table(self)
        self.household_table.setModel(self.households)
        size_household_columns(self.household_table)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.list_label)
        lower_layout.addWidget(self.household_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        self.table.clicked.connect(self._on_count_clicked)
        self.household_table.activated.connect(self._on_household_activated)

    def load(self) -> None:
        self._workspace.tasks.submit(
            CoverageService(self._workspace.store).by_committee,
            on_done=self._on_loaded,
            owner=self,
        )
        if self._chosen is not None:
            self.show_missing(*self._chosen)

    def _on_loaded(self, rows: list[CoverageRow]) -> None:
        self.model.set_records(rows)
        totals = [sum(getattr(r, name) for r in rows) for name in ("households", *GAPS)]
        text = self.tr("在册 %1 户：走访逾期 %2 户，从未评估 %3 户，没有服务方案 %4 户")
        for number, value in enumerate(totals, start=1):
            text = text.replace(f"%{number}", f"{value:,}")
        self.summary_label.setText(text)
        self.coverage_loaded.emit(len(rows))

    def _on_count_clicked(self, index: QModelIndex) -> None:
        gap = GAP_COLUMNS.get(index.column())
        row = self.model.record(index.row())
        if gap is not None and row is not None:
            self.show_missing(row.committee_code, gap)

    def show_missing(self, committee_code: str, gap: str) -> None:
        """List the households of ``committee_code`` behind one gap (most overdue first)."""
        self._chosen = (committee_code, gap)
        self._workspace.tasks.submit(
            CoverageService(self._workspace.store).missing,
            committee_code,
            gap,
            on_done=lambda rows: self._on_missing(committee_code, gap, rows),
            owner=self,
        )

    def _on_missing(self, committee_code: str, gap: str, rows: list[HouseholdRow]) -> None:
        self.households.show_rows(rows)
        names = {
            "visit_overdue": self.tr("走访逾期"),
            "no_assessment": self.tr("从未评估"),
            "no_plan": self.tr("没有服务方案"),
        }
        text = self.tr("%1 · %2：%3 户（双击打开户档案）")
        text = text.replace("%1", self._workspace.committee_name(committee_code))
        self.list_label.setText(text.replace("%2", names[gap]).replace("%3", str(len(rows))))
        self.missing_loaded.emit(len(rows))

    def _on_household_activated(self, index: QModelIndex) -> None:
        household_id = self.households.data(index, HOUSEHOLD_ID_ROLE)
        if household_id:
            self.household_requested.emit(str(household_id))
