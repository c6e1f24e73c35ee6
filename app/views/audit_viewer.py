"""The audit log for supervisors and administrators: who revealed which ID number, printed,
exported, logged in or failed to; filtered by action, person and dates, exported to xlsx/csv.

"本机" reads this laptop's log; "服务器" (when the profile is signed in) the server's trail of
every laptop in the reader's scope. Rows are read and written only through the task runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import audit_log
from app.services.audit_log import AuditFilter, AuditRow
from app.services.local_time import SHANGHAI, today
from app.views.row_table_model import TranslatedHeadersModel
from app.views.workspace import Workspace

ServerQuery = Callable[[AuditFilter], list[AuditRow]]
ENTITY_LABELS = {
    "member": QT_TRANSLATE_NOOP("AuditTableModel", "成员"),
    "household": QT_TRANSLATE_NOOP("AuditTableModel", "户档案"),
    "households": QT_TRANSLATE_NOOP("AuditTableModel", "户档案台账"),
    "members": QT_TRANSLATE_NOOP("AuditTableModel", "成员台账"),
    "visit": QT_TRANSLATE_NOOP("AuditTableModel", "走访记录"),
    "visits": QT_TRANSLATE_NOOP("AuditTableModel", "走访台账"),
    "referral": QT_TRANSLATE_NOOP("AuditTableModel", "转介单"),
    "referrals": QT_TRANSLATE_NOOP("AuditTableModel", "转介台账"),
    "assessment": QT_TRANSLATE_NOOP("AuditTableModel", "评估"),
    "profile": QT_TRANSLATE_NOOP("AuditTableModel", "本机档案"),
    "device": QT_TRANSLATE_NOOP("AuditTableModel", "设备"),
    "dashboard": QT_TRANSLATE_NOOP("AuditTableModel", "统计"),
    "audit_event": QT_TRANSLATE_NOOP("AuditTableModel", "审计日志"),
    "archive": QT_TRANSLATE_NOOP("AuditTableModel", "归档"),
}


class AuditTableModel(TranslatedHeadersModel[AuditRow]):
    """Audit rows, newest first: time, person, action, subject, details."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AuditTableModel", "时间"),
        QT_TRANSLATE_NOOP("AuditTableModel", "操作人"),
        QT_TRANSLATE_NOOP("AuditTableModel", "操作"),
        QT_TRANSLATE_NOOP("AuditTableModel", "对象"),
        QT_TRANSLATE_NOOP("AuditTableModel", "说明"),
    )

    def _cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        what = self.tr(str(ENTITY_LABELS.get(row.entity, row.entity)))
        subject = "" if row.subject == row.entity_id and row.entity != "member" else row.subject
        values = (
            row.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
            row.actor,
            row.action_label,
            f"{what} {subject}".strip(),
            row.detail_text,
        )
        return values[column]


class AuditViewer(QDialog):
    """Filters over a table; 查询 loads, 导出… writes what the filters select."""

    def __init__(
        self,
        workspace: Workspace,
        server_query: ServerQuery | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.server_query = server_query
        self.setWindowTitle(self.tr("审计日志"))
        self.resize(1000, 600)
        self.model = AuditTableModel(self)
        self._build()

    def _build(self) -> None:
        self.source = QComboBox()
        self.source.addItem(self.tr("本机记录"), "local")
        if self.server_query is not None:
            self.source.addItem(self.tr("服务器记录（所有电脑）"), "server")
        self.action = QComboBox()
        self.action.addItem(self.tr("全部操作"), "")
        for action in audit_log.ACCESS_ACTIONS:
            self.action.addItem(action.label, action.value)
        self.actor = QComboBox()
        self.actor.setEditable(True)
        self.actor.setMinimumWidth(130)
        self.actor.addItem("")
        shanghai_today = QDate(today())  # the days of the log are Shanghai days
        self.date_from = self._date_edit(shanghai_today.addDays(-30))
        self.date_to = self._date_edit(shanghai_today)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.clicked.connect(self.load)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("来源"), self.source),
            (self.tr("操作"), self.action),
            (self.tr("操作人"), self.actor),
            (self.tr("从"), self.date_from),
            (self.tr("到"), self.date_to),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.search_button)
        filters.addWidget(self.export_button)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(2, 130)
        self.table.setColumnWidth(3, 260)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _date_edit(self, date: QDate) -> QDateEdit:
        edit = QDateEdit(date)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def current_filter(self) -> AuditFilter:
        action = str(self.action.currentData() or "")
        return AuditFilter(
            actions=(action,) if action else (),
            actor=self.actor.currentText().strip(),
            date_from=self.date_from.date().toPython(),  # type: ignore[arg-type]
            date_to=self.date_to.date().toPython(),  # type: ignore[arg-type]
        )

    def load(self) -> None:
        wanted = self.current_filter()
        self.status.setText(self.tr("正在读取…"))
        if self.source.currentData() == "server" and self.server_query is not None:
            self.workspace.tasks.submit(
                self.server_query, wanted, on_done=self._show, on_error=self._fail, owner=self
            )
            return
        self.workspace.tasks.submit(
            _read_local, self.workspace, wanted, on_done=self._show, on_error=self._fail, owner=self
        )

    def _show(self, found: tuple[list[AuditRow], list[str]] | list[AuditRow]) -> None:
        rows, actors = found if isinstance(found, tuple) else (found, [])
        self.model.set_rows(rows)
        known = {self.actor.itemText(i) for i in range(self.actor.count())}
        for name in actors:
            if name not in known:
                self.actor.addItem(name)
        self.status.setText(self.tr("共 %n 条记录", "", len(rows)))

    def _fail(self, error: BaseException) -> None:
        message = getattr(error, "zh", None) or str(error)
        self.status.setText(self.tr("读取失败：%1").replace("%1", str(message)))

    def _on_export_clicked(self) -> None:
        path, _kind = QFileDialog.getSaveFileName(
            self, self.tr("导出审计日志"), "审计日志.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Export what the filters select (this laptop's log) to ``path``; audited."""
        store, wanted, actor = self.workspace.store, self.current_filter(), self.workspace.actor
        target = Path(path)
        self.workspace.tasks.submit(
            lambda: audit_log.export(store, wanted, target, actor=actor),
            on_done=lambda count: self.status.setText(
                self.tr("已导出 %n 条记录到 %1", "", count).replace("%1", path)
            ),
            on_error=self._on_export_failed,
            owner=self,
        )

    def _on_export_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("导出失败"), str(getattr(error, "zh", None) or error))


def _read_local(workspace: Workspace, wanted: AuditFilter) -> tuple[list[AuditRow], list[str]]:
    with workspace.store.sessions() as session:
        return audit_log.query(session, wanted), audit_log.actors(session)
