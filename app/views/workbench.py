"""工作台: the signed-in advisor's work for today and what is overdue (visits due by risk, plan
reviews, referral follow-ups, intake deadlines, unfinished visit drafts), derived from the data by
the task service; double-click opens the household (or the help request). The register's
summary (app.views.dashboard) is its second tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HardshipLevel, ReferralState
from app.services.work_tasks import Task, TaskKind, TaskNote, TaskService
from app.views.enum_text import enum_text, enum_value_text
from app.views.form_fields import combo_value, fill_enum_combo
from app.views.lazy_page import LazyPage, fit_columns, record_table
from app.views.record_table_model import ALERT_COLOR, WARNING_COLOR, Column, RecordTableModel
from app.views.workspace import Workspace

HORIZONS = (0, 7, 30)  # days ahead shown besides today and the overdue


NOTES = {
    TaskNote.VISIT_DUE: QT_TRANSLATE_NOOP("TaskNotes", "困境等级%1，按频次应走访"),
    TaskNote.FIRST_VISIT: QT_TRANSLATE_NOOP("TaskNotes", "新登记，尚未走访"),
    TaskNote.PLAN_REVIEW: QT_TRANSLATE_NOOP("TaskNotes", "回顾一户一方案"),
    TaskNote.REFERRAL_FOLLOW_UP: QT_TRANSLATE_NOOP("TaskNotes", "转介“%1”待跟进"),
    TaskNote.INTAKE_RESPONSE: QT_TRANSLATE_NOOP("TaskNotes", "求助须在 %1 前响应：%2"),
    TaskNote.DRAFT_UNFINISHED: QT_TRANSLATE_NOOP("TaskNotes", "走访记录尚未完成"),
}
NOT_ASSESSED = QT_TRANSLATE_NOOP("TaskNotes", "未评估")


def note_text(task: Task) -> str:
    """What the task is about, in the interface's language."""
    text = QCoreApplication.translate("TaskNotes", str(NOTES[task.note]))
    if task.note == TaskNote.VISIT_DUE:
        not_assessed = QCoreApplication.translate("TaskNotes", str(NOT_ASSESSED))
        return text.replace("%1", enum_value_text(HardshipLevel, task.args[0]) or not_assessed)
    if task.note == TaskNote.REFERRAL_FOLLOW_UP:
        return text.replace("%1", enum_value_text(ReferralState, task.args[0]))
    if task.note == TaskNote.INTAKE_RESPONSE:
        by = dt.date.fromisoformat(task.args[0]).strftime("%m-%d")
        return text.replace("%1", by).replace("%2", task.args[1])
    return text


def _due_color(task: Task) -> QColor | None:
    if task.overdue:
        return ALERT_COLOR
    return WARNING_COLOR if task.due == task.today else None


class TaskListView(QWidget):
    """The advisor's tasks; ``household_requested`` / ``request_requested`` on double-click."""

    household_requested = Signal(str)
    request_requested = Signal(str)  # a help request not yet linked to a household
    tasks_loaded = Signal(int)

    def __init__(self, workspace: Workspace, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.login = login
        self._all: list[Task] = []
        self.model = RecordTableModel(self._columns(), self)
        self._build()

    def _columns(self) -> list[Column]:
        def overdue_text(task: Task) -> str:
            if task.overdue:
                return self.tr("逾期 %n 天", "", task.days_overdue)
            return self.tr("今天") if task.due == task.today else ""

        return [
            Column(self.tr("到期日"), lambda t: t.due.isoformat(), color=_due_color),
            Column(
                self.tr("状态"),
                overdue_text,
                sort_key=lambda t: -(t.today - t.due).days,
                color=_due_color,
                bold=lambda t: t.overdue,
            ),
            Column(self.tr("类型"), lambda t: enum_text(t.kind)),
            Column(self.tr("户主/求助人"), lambda t: t.head_name),
            Column(self.tr("地址"), lambda t: t.address),
            Column(self.tr("说明"), note_text),
        ]

    def _build(self) -> None:
        self.horizon_combo = QComboBox()
        for days, text in zip(
            HORIZONS,
            (self.tr("今天及逾期"), self.tr("7 天内到期"), self.tr("30 天内到期")),
            strict=True,
        ):
            self.horizon_combo.addItem(text, days)
        self.kind_combo = QComboBox()
        fill_enum_combo(self.kind_combo, TaskKind, empty_text=self.tr("全部类型"))
        self.count_label = QLabel(self.tr("正在加载…"))
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.horizon_combo)
        self.table = record_table(self)
        self.table.setModel(self.model)
        fit_columns(self.table, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.horizon_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._show())
        self.table.activated.connect(self._on_row_activated)

    def load(self) -> None:
        service = TaskService(self._workspace.store)
        self._workspace.tasks.submit(
            service.for_login,
            self.login,
            None,
            int(self.horizon_combo.currentData()),
            on_done=self._on_loaded,
            owner=self,
        )

    def _on_loaded(self, tasks: list[Task]) -> None:
        self._all = tasks
        self._show()
        self.tasks_loaded.emit(len(tasks))

    def _show(self) -> None:
        kind = combo_value(self.kind_combo)
        shown = [t for t in self._all if kind is None or t.kind.value == kind]
        self.model.set_records(shown)
        overdue = sum(1 for t in shown if t.overdue)
        today = sum(1 for t in shown if not t.overdue and t.due == t.today)
        text = self.tr("共 %1 项：逾期 %2 项，今天到期 %3 项").replace("%1", str(len(shown)))
        self.count_label.setText(text.replace("%2", str(overdue)).replace("%3", str(today)))

    def _on_row_activated(self, index: QModelIndex) -> None:
        task = self.model.record(index.row())
        if task is None:
            return
        if task.household_id:
            self.household_requested.emit(task.household_id)
        elif task.kind is TaskKind.INTAKE:
            self.request_requested.emit(task.ref_id)


class WorkbenchPage(LazyPage):
    """Two tabs: the task list, and the register's summary (given)."""

    def __init__(
        self, workspace: Workspace, login: str, summary: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.task_list = TaskListView(workspace, login)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.task_list, self.tr("我的待办"))
        self.tabs.addTab(summary, self.tr("户档案概况"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def load(self) -> None:
        self.task_list.load()
