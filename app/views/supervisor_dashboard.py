"""督导看板: counts by committee from the local store (offline), as cards, a table and charts —
households by category and 困境等级, visits this month against those still due, overdue tasks,
referrals by state and by resource category — and their export to an Excel workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import QChart
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.dashboard import CommitteeStats, Dashboard, DashboardService
from app.services.dashboard_export import export_dashboard
from app.views import dashboard_charts as charts
from app.views.lazy_page import LazyPage, WholeColumn, fit_columns, record_table
from app.views.record_table_model import Column, RecordTableModel
from app.views.workspace import Workspace

ChartMaker = Callable[[Dashboard], QChart]


class Figure(QFrame):
    """A big number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("—")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        self.number.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.number)
        layout.addWidget(QLabel(caption))

    def set_value(self, value: int) -> None:
        self.number.setText(f"{value:,}")


class SupervisorDashboardPage(LazyPage):
    """Loads a snapshot off-thread whenever shown after a change; ``dashboard_loaded``."""

    dashboard_loaded = Signal(object)  # Dashboard
    exported = Signal(str)  # path

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.dashboard: Dashboard | None = None
        self.model = RecordTableModel(self._columns(), self)
        self._build()

    def _columns(self) -> list[Column]:
        def count(name: str) -> Callable[[CommitteeStats], str]:
            return lambda s: f"{getattr(s, name):,}"

        def number(header: str, name: str) -> Column:
            return Column(header, count(name), sort_key=lambda s: getattr(s, name), numeric=True)

        return [
            Column(self.tr("居委"), lambda s: s.name, bold=lambda s: not s.code),
            number(self.tr("在册户数"), "households"),
            number(self.tr("本月走访次数"), "visits_this_month"),
            number(self.tr("本月已走访户数"), "visited_this_month"),
            number(self.tr("本月仍应走访"), "due_this_month"),
            number(self.tr("逾期走访"), "overdue_visits"),
            number(self.tr("逾期方案回顾"), "overdue_plan_reviews"),
            number(self.tr("逾期转介跟进"), "overdue_referrals"),
            number(self.tr("逾期求助响应"), "overdue_intake"),
            number(self.tr("逾期合计"), "overdue_tasks"),
        ]

    def _build(self) -> None:
        self.date_label = QLabel(self.tr("正在统计…"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.date_label, 1)
        bar.addWidget(self.export_button)
        self.figures = {
            "households": Figure(self.tr("户数合计")),
            "visits_this_month": Figure(self.tr("本月走访次数")),
            "due_this_month": Figure(self.tr("本月仍应走访户数")),
            "overdue_tasks": Figure(self.tr("逾期任务")),
            "open_referrals": Figure(self.tr("转介总数")),
        }
        figures = QHBoxLayout()
        for figure in self.figures.values():
            figures.addWidget(figure, 1)
        self.table = record_table(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        fit_columns(self.table, 0)
        self.whole_names = WholeColumn(self.table, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("按居委明细"))
        self._chart_tabs: list[tuple[QHBoxLayout, list[ChartMaker]]] = []
        tabs: list[tuple[str, list[ChartMaker]]] = [
            (self.tr("救助类别"), [charts.category_chart]),
            (self.tr("困境等级"), [charts.level_chart]),
            (self.tr("本月走访"), [charts.visits_chart]),
            (self.tr("逾期任务"), [charts.overdue_chart]),
            (self.tr("转介"), [charts.referral_state_chart, charts.referral_category_chart]),
        ]
        for title, makers in tabs:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
            self._chart_tabs.append((row, makers))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(figures)
        layout.addWidget(self.tabs, 1)
        self.export_button.clicked.connect(self._on_export_clicked)

    def load(self) -> None:
        self._workspace.tasks.submit(
            DashboardService(self._workspace.store).snapshot, on_done=self._on_loaded, owner=self
        )

    def _on_loaded(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        total = dashboard.total()
        total.name = self.tr("合计")
        self.model.set_records([*dashboard.committees, total])
        text = self.tr("统计日期 %1（本月自 %2 起），数据来自本机档案")
        text = text.replace("%1", dashboard.on.isoformat())
        self.date_label.setText(text.replace("%2", dashboard.month_start.isoformat()))
        for name, figure in self.figures.items():
            if name == "open_referrals":
                figure.set_value(sum(total.referrals_by_state.values()))
            else:
                figure.set_value(int(getattr(total, name)))
        self._draw_charts(dashboard)
        self.export_button.setEnabled(True)
        self.dashboard_loaded.emit(dashboard)

    def _draw_charts(self, dashboard: Dashboard) -> None:
        for row, makers in self._chart_tabs:
            while row.count():
                item = row.takeAt(0)
                old = item.widget() if item is not None else None
                if old is not None:
                    old.deleteLater()
            for make in makers:
                row.addWidget(charts.chart_view(make(dashboard)), 1)

    # ---- export --------------------------------------------------------------------------

    def _on_export_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("导出督导看板"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setNameFilter(self.tr("Excel 工作簿 (*.xlsx)"))
        if self.dashboard is not None:
            dialog.selectFile(f"督导看板-{self.dashboard.on.isoformat()}.xlsx")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_to(self, path: Path) -> None:
        """Write the shown snapshot to ``path`` (.xlsx); audited by the export service."""
        if self.dashboard is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.export_button.setEnabled(False)
        self._workspace.tasks.submit(
            export_dashboard,
            self._workspace.store,
            self._workspace.actor,
            self.dashboard,
            path,
            on_done=self._on_exported,
            on_error=self._on_export_failed,
            owner=self,
        )

    def _on_exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.date_label.setText(self.tr("已导出：%1").replace("%1", str(path)))
        self.exported.emit(str(path))

    def _on_export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.date_label.setText(self.tr("导出失败：%1").replace("%1", str(error)))
