"""The 方案 tab (一户一方案): goals, review date and notes, the actions table, 「从评估生成」, and
「转介」 for the chosen action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.printing.records import FormKind
from app.services.local_time import local_date
from app.services.plan_records import ActionView, PlanView
from app.views.casework_tab import CaseworkTab, casework_table
from app.views.date_fields import NO_DATE, to_date, to_qdate
from app.views.form_fields import FieldMessage, failure_text
from app.views.plan_action_dialog import PlanActionDialog
from app.views.plan_actions_model import PlanActionsModel
from app.views.plan_proposal_dialog import PlanProposalDialog, ProposalData, load_proposal
from app.views.referral_dialog import ReferralDialog
from app.views.workspace import Workspace

NOTE_STYLE = "color: #5f6368;"
GOAL_LINES = 4


class PlanEditor(CaseworkTab):
    """The plan of the household given to ``show_household``."""

    dialog_opened = Signal(object)  # each dialog it opens, for tests and screenshots

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.plan: PlanView | None = None
        self._edited = self._filling = False  # goals, review date or notes typed, not saved
        self.model = PlanActionsModel(self)
        self._build()
        self._watch_changes()

    def _build(self) -> None:
        self.goals_edit = QPlainTextEdit()
        self.goals_edit.setPlaceholderText(self.tr("每行一条目标，如：三个月内落实医疗救助"))
        self.goals_edit.setFixedHeight(self.fontMetrics().lineSpacing() * GOAL_LINES + 14)
        self.review_edit = QDateEdit()
        self.review_edit.setDisplayFormat("yyyy-MM-dd")
        self.review_edit.setMinimumDate(NO_DATE)
        self.review_edit.setSpecialValueText(self.tr("未定"))
        self.review_edit.setCalendarPopup(True)
        self.notes_edit = QLineEdit()
        self.save_button = QPushButton(self.tr("保存方案"))
        self.propose_button = QPushButton(self.tr("从评估生成…"))
        self.print_button = self._print_button(
            self.tr("打印…"), self.tr("打印已保存的一户一方案（Ctrl+P）")
        )
        self.status_label = QLabel()
        self.status_label.setStyleSheet(NOTE_STYLE)
        self.message = FieldMessage()
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_edit)
        review_row.addSpacing(12)
        review_row.addWidget(QLabel(self.tr("备注")))
        review_row.addWidget(self.notes_edit, 1)
        review_row.addWidget(self.status_label)
        review_row.addWidget(self.propose_button)
        review_row.addWidget(self.save_button)
        review_row.addWidget(self.print_button)
        form = QFormLayout()
        form.addRow(self.tr("目标"), self.goals_edit)
        form.addRow(self.tr("回顾日期"), review_row)
        self.table = casework_table(self.model, self, stretch=1)
        self.add_button = QPushButton(self.tr("添加措施…"))
        self.edit_button = QPushButton(self.tr("编辑措施…"))
        self.remove_button = QPushButton(self.tr("删除措施"))
        self.refer_button = QPushButton(self.tr("转介…"))
        self.refer_button.setToolTip(self.tr("为所选措施发起转介，需求和资源自动带入"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.refer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.goals_edit.textChanged.connect(self._on_plan_edited)
        self.notes_edit.textEdited.connect(lambda _t: self._on_plan_edited())
        self.review_edit.dateChanged.connect(lambda _d: self._on_plan_edited())
        self.save_button.clicked.connect(self._on_save_clicked)
        self.propose_button.clicked.connect(self._on_propose_clicked)
        self.add_button.clicked.connect(lambda: self._open_action_dialog(None))
        self.edit_button.clicked.connect(lambda: self._open_action_dialog(self.selected_action()))
        self.table.doubleClicked.connect(
            lambda _i: self._open_action_dialog(self.selected_action())
        )
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.refer_button.clicked.connect(self._on_refer_clicked)
        self.print_button.clicked.connect(self.print_selected)

    # ---- loading -------------------------------------------------------------------------

    def _loader(self) -> Callable[[str], PlanView | None]:
        return self._services.plans.get

    def _forget(self) -> None:
        self._show_plan(None)

    def _show_loaded(self, plan: PlanView | None) -> None:
        self._show_plan(plan, keep_edits=True)
        self.loaded.emit()

    def _on_plan_edited(self) -> None:
        if not self._filling:
            self._edited = True

    def _show_plan(self, plan: PlanView | None, *, keep_edits: bool = False) -> None:
        """Show ``plan``; with ``keep_edits`` goals, date and notes being typed are kept."""
        self.plan = plan
        self.print_button.setEnabled(plan is not None)
        self.model.set_actions(plan.actions if plan else [])
        if not (keep_edits and self._edited):
            self._filling = True
            self.goals_edit.setPlainText("\n".join(plan.goals) if plan else "")
            review = plan.review_on if plan else None
            self.review_edit.setDate(to_qdate(review) if review else NO_DATE)
            self.notes_edit.setText(plan.notes if plan else "")
            self._filling = self._edited = False
        if plan is None:
            self.status_label.setText(self.tr("尚未制定方案"))
        else:
            updated = local_date(plan.updated_at).isoformat()
            self.status_label.setText(self.tr("方案更新于 %1").replace("%1", updated))

    def print_selected(self) -> bool:
        """Print the saved plan (what is typed but not saved is not on it); False if none."""
        if self.plan is None:
            return False
        self._print(FormKind.PLAN, self.plan.id)
        return True

    def selected_action(self) -> ActionView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.action_at(rows[0].row()) if rows else None

    # ---- actions -------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        if self._household_id is None:
            return
        goals = self.goals_edit.toPlainText().splitlines()
        review = self.review_edit.date()
        self.save_button.setEnabled(False)
        self._workspace.tasks.submit(
            self._services.plans.save,
            self._household_id,
            goals,
            None if review == NO_DATE else to_date(review),
            self.notes_edit.text(),
            on_done=lambda _id: self._on_saved(),
            on_error=self._on_failed,
            changes="plans",
            owner=self,
        )

    def _on_saved(self) -> None:
        self._edited = False
        self.save_button.setEnabled(True)
        self.message.clear_text()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.propose_button.setEnabled(True)
        language = self._workspace.language
        self.message.show_text(failure_text(error, language, self.tr("操作失败：")))

    def _on_propose_clicked(self) -> None:
        if self._household_id is None:
            return
        self.propose_button.setEnabled(False)
        self._workspace.tasks.submit(
            load_proposal,
            self._services,
            self._household_id,
            on_done=self._on_proposal_loaded,
            on_error=self._on_failed,
            owner=self,
        )

    def _on_proposal_loaded(self, data: ProposalData | None) -> None:
        self.propose_button.setEnabled(True)
        if data is None or self._household_id is None:
            self.message.show_text(self.tr("该户还没有评估，请先在「评估」页完成一次评估。"))
            return
        self.message.clear_text()
        dialog = PlanProposalDialog(self._workspace, self._household_id, data, self.window())
        self._open(dialog, "plan_proposal_dialog")

    def _open_action_dialog(self, action: ActionView | None) -> None:
        if self._household_id is None:
            return
        dialog = PlanActionDialog(self._workspace, self._household_id, action, self.window())
        self._open(dialog, "plan_action_dialog")

    def _on_remove_clicked(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        self._workspace.tasks.submit(
            self._services.plans.remove_action,
            action.id,
            on_error=self._on_failed,
            changes="plans",
            owner=self,
        )

    def _on_refer_clicked(self) -> None:
        action = self.selected_action()
        if action is None or self._household_id is None:
            self.message.show_text(self.tr("请先在表格中选择一条措施。"))
            return
        self.message.clear_text()
        dialog = ReferralDialog(self._workspace, self._household_id, action, self.window())
        self._open(dialog, "referral_dialog")

    def _open(self, dialog: QWidget, name: str) -> None:
        dialog.setObjectName(name)
        dialog.finished.connect(dialog.deleteLater)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
        self.dialog_opened.emit(dialog)
