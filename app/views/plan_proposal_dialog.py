"""「从评估生成」: the plan PlanService proposes from the latest assessment, to edit (goals,
review date, which actions) before adopting it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.plan_records import PlanProposal
from app.views.casework_services import CaseServices
from app.views.date_fields import to_date, to_qdate
from app.views.form_fields import FieldMessage, failure_text
from app.views.plan_actions_model import need_text
from app.views.workspace import Workspace


@dataclass(frozen=True)
class ProposalData:
    proposal: PlanProposal
    resource_names: dict[str, str]
    assessed_on: str


def load_proposal(services: CaseServices, household_id: str) -> ProposalData | None:
    """The proposal from the household's latest assessment; None when it was never assessed."""
    latest = services.assessments.latest(household_id)
    if latest is None:
        return None
    proposal = services.plans.propose_from_assessment(latest.id)
    ids = {a.resource_id for a in proposal.actions if a.resource_id}
    names = {i: services.resources.get(i).name for i in ids}
    return ProposalData(proposal, names, str(latest.assessed_on))


class PlanProposalDialog(QDialog):
    plan_adopted = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        household_id: str,
        data: ProposalData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._services = CaseServices.of(workspace)
        self._household_id = household_id
        self._data = data
        self.setWindowTitle(self.tr("从评估生成方案"))
        proposal = data.proposal
        intro = QLabel(
            self.tr("根据 %1 的评估结果生成，可修改后采用；采用后措施可逐条编辑。").replace(
                "%1", data.assessed_on
            )
        )
        intro.setWordWrap(True)
        self.goals_edit = QPlainTextEdit("\n".join(proposal.goals))
        self.goals_edit.setMinimumHeight(90)
        self.review_edit = QDateEdit()
        self.review_edit.setDisplayFormat("yyyy-MM-dd")
        self.review_edit.setCalendarPopup(True)
        review = proposal.review_on
        self.review_edit.setDate(to_qdate(review))
        self.actions_list = QListWidget()
        for action in proposal.actions:
            resource = data.resource_names.get(action.resource_id or "", "")
            text = f"{need_text(action.need_category)}：{action.description}"
            if resource:
                text += self.tr("（资源：%1）").replace("%1", resource)
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.actions_list.addItem(item)
        form = QFormLayout()
        form.addRow(self.tr("目标（每行一条）"), self.goals_edit)
        form.addRow(self.tr("回顾日期"), self.review_edit)
        form.addRow(self.tr("措施"), self.actions_list)
        self.message = FieldMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("采用"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_adopt_clicked)
        self.buttons.rejected.connect(self.reject)
        self.resize(720, 520)

    def edited(self) -> PlanProposal:
        proposal = self._data.proposal
        kept = [
            action
            for row, action in enumerate(proposal.actions)
            if self.actions_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        goals = [line for line in self.goals_edit.toPlainText().splitlines() if line.strip()]
        review = to_date(self.review_edit.date())
        return replace(proposal, goals=goals, review_on=review, actions=kept)

    def _on_adopt_clicked(self) -> None:
        self.buttons.setEnabled(False)
        self._workspace.tasks.submit(
            self._services.plans.adopt,
            self._household_id,
            self.edited(),
            on_done=self._on_adopted,
            on_error=self._on_failed,
            changes="plans",
            owner=self,
        )

    def _on_adopted(self, plan_id: str) -> None:
        self.plan_adopted.emit(plan_id)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        language = self._workspace.language
        self.message.show_text(failure_text(error, language, self.tr("保存失败：")))
