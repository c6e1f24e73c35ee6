"""One help request at the reception desk and its triage: link it to a registered household (with
the duplicate suggestions) or register a new one, assign an advisor, move it on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HelpRequestChannel, HelpRequestState, MatchReason, Urgency
from app.domain.errors import ValidationError
from app.services.duplicates import SAME_PHONE, HouseholdCandidate
from app.services.help_request_records import OPEN_STATES, HelpRequestView
from app.services.help_requests import HelpRequestService
from app.services.household_records import HouseholdDetail
from app.services.staff import StaffMember
from app.views.enum_text import enum_text, enum_value_text
from app.views.form_fields import FieldMessage, combo_value, set_combo_value
from app.views.moments import moment_text
from app.views.workspace import Workspace

CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 1


class RequestPanel(QWidget):
    """Shows the request given to ``show_request``; its buttons act through the service."""

    household_requested = Signal(str)  # open this household
    register_requested = Signal(object)  # HelpRequestView: register a new household for it

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.request: HelpRequestView | None = None
        self.candidates: list[HouseholdCandidate] = []
        self._staff: dict[str, str] = {}
        self._build()
        self.show_request(None)

    @property
    def service(self) -> HelpRequestService:
        return HelpRequestService(self._workspace.store, self._workspace.actor)

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.fields = {name: QLabel() for name in ("who", "where", "what", "when", "state")}
        form = QFormLayout()
        for name, label in (
            ("who", self.tr("求助人")),
            ("where", self.tr("居委/地址")),
            ("what", self.tr("求助内容")),
            ("when", self.tr("受理/期限")),
            ("state", self.tr("状态")),
        ):
            self.fields[name].setWordWrap(True)
            self.fields[name].setTextFormat(Qt.TextFormat.PlainText)
            self.fields[name].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self.fields[name])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self._household_box())
        layout.addWidget(self._assign_box())
        self.message = FieldMessage()
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _household_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("关联户档案"))
        self.linked_label = QLabel()
        self.linked_label.setWordWrap(True)
        self.linked_label.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestions_label = QLabel(self.tr("可能已登记的户（请核对后关联）："))
        self.suggestion_list = QListWidget()
        self.suggestion_list.setMaximumHeight(96)
        self.link_button = QPushButton(self.tr("关联到所选户"))
        self.register_button = QPushButton(self.tr("登记为新户…"))
        self.open_button = QPushButton(self.tr("打开户档案"))
        buttons = QHBoxLayout()
        for button in (self.link_button, self.register_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.linked_label)
        layout.addWidget(self.suggestions_label)
        layout.addWidget(self.suggestion_list)
        layout.addLayout(buttons)
        self.link_button.clicked.connect(self._on_link_clicked)
        self.register_button.clicked.connect(self._on_register_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.suggestion_list.itemSelectionChanged.connect(self._enable_buttons)
        self.suggestion_list.itemDoubleClicked.connect(lambda _i: self._on_link_clicked())
        return box

    def _assign_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("分派与办理"))
        self.advisor_combo = QComboBox()
        self.assign_button = QPushButton(self.tr("分派"))
        self.start_button = QPushButton(self.tr("开始处理"))
        self.close_button = QPushButton(self.tr("办结"))
        self.cancel_button = QPushButton(self.tr("撤销"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("救助顾问")))
        row.addWidget(self.advisor_combo, 1)
        row.addWidget(self.assign_button)
        states = QHBoxLayout()
        for button in (self.start_button, self.close_button, self.cancel_button):
            states.addWidget(button)
        states.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addLayout(states)
        self.assign_button.clicked.connect(self._on_assign_clicked)
        self.advisor_combo.currentIndexChanged.connect(lambda _i: self._enable_buttons())
        for button, state in (
            (self.start_button, HelpRequestState.IN_PROGRESS),
            (self.close_button, HelpRequestState.CLOSED),
            (self.cancel_button, HelpRequestState.CANCELLED),
        ):
            button.clicked.connect(lambda _c=False, s=state: self._act(self.service.set_state, s))
        return box

    # ---- showing -------------------------------------------------------------------------

    def set_advisors(self, advisors: list[StaffMember]) -> None:
        self._staff = {a.id: a.display_name for a in advisors}
        current = combo_value(self.advisor_combo)
        self.advisor_combo.clear()
        if advisors:
            self.advisor_combo.addItem(self.tr("请选择救助顾问"), None)
        else:
            self.advisor_combo.addItem(self.tr("暂无顾问名单（与服务器同步后可选）"), None)
        for advisor in advisors:
            self.advisor_combo.addItem(f"{advisor.display_name}（{advisor.login}）", advisor.id)
        set_combo_value(self.advisor_combo, current)
        self._enable_buttons()

    def show_request(self, request: HelpRequestView | None) -> None:
        self.request = request
        self.candidates = []
        self.suggestion_list.clear()
        self.message.clear_text()
        if request is None:
            self.title.setText(self.tr("请在左侧选择一条求助。"))
            for label in self.fields.values():
                label.clear()
            self.linked_label.clear()
        else:
            self._show_fields(request)
            if request.household_id is None and request.state in OPEN_STATES:
                self._load_suggestions(request.id)
            elif request.household_id is not None:
                self._load_household(request.household_id)
            set_combo_value(self.advisor_combo, request.advisor_id)
        self._enable_buttons()

    def _show_fields(self, request: HelpRequestView) -> None:
        channel = enum_value_text(HelpRequestChannel, request.channel)
        urgency = enum_value_text(Urgency, request.urgency)
        self.title.setText(f"<b>{channel}</b> · {urgency}")
        phone = f"  {request.phone}" if request.phone else ""
        self.fields["who"].setText(request.requester_name + phone)
        committee = self._workspace.committee_name(request.committee_code or "")
        self.fields["where"].setText(" ".join(t for t in (committee, request.address) if t))
        self.fields["what"].setText(request.description)
        when = self.tr("%1 受理，须在 %2 前响应")
        when = when.replace("%1", moment_text(request.received_at))
        self.fields["when"].setText(when.replace("%2", moment_text(request.respond_by)))
        state = enum_value_text(HelpRequestState, request.state)
        advisor = self._staff.get(request.advisor_id or "", "")
        overdue = self.tr("（已超期）") if request.overdue else ""
        self.fields["state"].setText(state + overdue + (f" · {advisor}" if advisor else ""))
        linked = self.tr("尚未关联户档案。") if request.household_id is None else ""
        self.linked_label.setText(linked)

    def _load_suggestions(self, request_id: str) -> None:
        self._workspace.tasks.submit(
            self.service.suggestions,
            request_id,
            on_done=lambda found: self._on_suggestions(request_id, found),
            owner=self,
        )

    def _on_suggestions(self, request_id: str, found: list[HouseholdCandidate]) -> None:
        if self.request is None or self.request.id != request_id:
            return
        self.candidates = found
        self.suggestion_list.clear()
        for candidate in found:
            committee = self._workspace.committee_name(candidate.committee_code)
            reason = _reason_text(candidate.reason)
            text = f"{candidate.head_name} · {committee} {candidate.address} · {reason}"
            item = QListWidgetItem(text)
            item.setData(CANDIDATE_ROLE, candidate.household_id)
            self.suggestion_list.addItem(item)
        if not found:
            self.suggestion_list.addItem(self.tr("未找到可能重复的户，可登记为新户。"))
        self._enable_buttons()

    def _load_household(self, household_id: str) -> None:
        self._workspace.tasks.submit(
            self._workspace.households.get_household,
            household_id,
            on_done=self._on_household,
            owner=self,
        )

    def _on_household(self, detail: HouseholdDetail) -> None:
        if self.request is not None and self.request.household_id == detail.id:
            text = self.tr("已关联：%1（%2）").replace("%1", detail.head_name)
            self.linked_label.setText(text.replace("%2", detail.data.address))

    def _enable_buttons(self) -> None:
        request = self.request
        open_ = request is not None and request.state in OPEN_STATES
        unlinked = open_ and request is not None and request.household_id is None
        selected = self.selected_candidate() is not None
        self.suggestions_label.setVisible(unlinked)
        self.suggestion_list.setVisible(unlinked)
        self.link_button.setVisible(unlinked)
        self.link_button.setEnabled(unlinked and selected)
        self.register_button.setVisible(unlinked)
        self.open_button.setVisible(request is not None and request.household_id is not None)
        self.advisor_combo.setEnabled(open_ and bool(self._staff))
        self.assign_button.setEnabled(open_ and combo_value(self.advisor_combo) is not None)
        for button in (self.start_button, self.close_button, self.cancel_button):
            button.setEnabled(open_)

    def selected_candidate(self) -> str | None:
        items = self.suggestion_list.selectedItems()
        value = items[0].data(CANDIDATE_ROLE) if items else None
        return str(value) if value else None

    # ---- acting --------------------------------------------------------------------------

    def _on_register_clicked(self) -> None:
        if self.request is not None:
            self.register_requested.emit(self.request)

    def _on_open_clicked(self) -> None:
        if self.request is not None and self.request.household_id:
            self.household_requested.emit(self.request.household_id)

    def _on_link_clicked(self) -> None:
        household_id = self.selected_candidate()
        if self.request is not None and household_id:
            self._act(self.service.link, household_id, combo_value(self.advisor_combo))

    def _on_assign_clicked(self) -> None:
        advisor = combo_value(self.advisor_combo)
        if self.request is not None and advisor:
            self._act(self.service.assign, advisor)

    def link_new_household(self, household_id: str) -> None:
        """After a household was registered for the shown request."""
        if self.request is not None:
            self._act(self.service.link, household_id, combo_value(self.advisor_combo))

    def _act(self, method: Callable[..., Any], *args: Any) -> None:
        if self.request is None:
            return
        self.message.clear_text()
        self._workspace.tasks.submit(
            method,
            self.request.id,
            *args,
            on_error=self._on_failed,
            changes="help_requests",
            owner=self,
        )

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            language = self._workspace.language
            self.message.show_text("\n".join(p.message(language) for p in error.problems))
        else:
            self.message.show_text(self.tr("操作失败：") + str(error))


def _reason_text(reason: str) -> str:
    if reason == SAME_PHONE:
        return QCoreApplication.translate("RequestPanel", "联系电话相同")
    try:
        return enum_text(MatchReason(reason))
    except ValueError:
        return reason
