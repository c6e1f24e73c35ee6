"""New referral (转介), directly or from a plan action: need, resource (suggested for the
household's need and area), reason, urgency, the member concerned and a note for the first step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.domain.enums import NeedCategory, Urgency
from app.domain.errors import Problem
from app.services.household_records import HouseholdDetail
from app.services.plan_records import ActionView
from app.services.referral_records import ReferralInput, validate_referral
from app.views.casework_services import CaseServices
from app.views.form_dialog import FormDialog
from app.views.form_fields import combo_value, fill_enum_combo, problems_of, set_combo_value
from app.views.plan_actions_model import need_text
from app.views.resource_picker import ResourcePicker
from app.views.workspace import Workspace

NOTE_STYLE = "color: #5f6368;"


class ReferralDialog(FormDialog):
    """Creates the referral (state 草稿) through ReferralService on the task runner."""

    referral_created = Signal(str)
    FALLBACK_FIELD = "reason"

    def __init__(
        self,
        workspace: Workspace,
        household_id: str,
        action: ActionView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self._services = CaseServices.of(workspace)
        self._household_id = household_id
        self._action = action
        self.setWindowTitle(self.tr("新建转介"))
        self._build()
        self._connect()
        self._prefill(action)
        workspace.tasks.submit(
            workspace.households.get_household,
            household_id,
            on_done=self._on_household_loaded,
            owner=self,
        )

    def _build(self) -> None:
        self.source_label = QLabel()
        self.source_label.setStyleSheet(NOTE_STYLE)
        self.source_label.setWordWrap(True)
        self.need_combo = QComboBox()
        fill_enum_combo(self.need_combo, NeedCategory, empty_text=self.tr("请选择"))
        self.picker = ResourcePicker(self._workspace, self._household_id)
        self.picker.setMinimumHeight(190)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("说明家庭的困难和希望对方提供的帮助"))
        self.reason_edit.setFixedHeight(70)
        self.urgency_combo = QComboBox()
        fill_enum_combo(self.urgency_combo, Urgency)
        set_combo_value(self.urgency_combo, Urgency.NORMAL.value)
        self.member_combo = QComboBox()
        self.member_combo.addItem(self.tr("全户"), None)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("记入转介第一步的备注（可选）"))
        self.note_edit.setFixedHeight(48)
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("need_category", self.tr("需求类别"), self.need_combo),
            ("resource_id", self.tr("转介资源"), self.picker),
            ("reason", self.tr("转介原因"), self.reason_edit),
            ("urgency", self.tr("紧急程度"), self.urgency_combo),
            ("member_id", self.tr("涉及成员"), self.member_combo),
            ("note", self.tr("备注"), self.note_edit),
        ]
        self.messages.add_rows(form, rows)
        self.hint_label = QLabel(self.tr("★ 为服务本户所在区域、对口本需求的资源。"))
        self.hint_label.setStyleSheet(NOTE_STYLE)
        self._set_save_texts(self.tr("创建转介"), self.tr("取消"), self.tr("保存失败："))
        self._lay_out([self.source_label, form, self.hint_label], min_width=760)

    def _connect(self) -> None:
        self.need_combo.currentIndexChanged.connect(lambda _i: self._on_need_changed())
        self.reason_edit.textChanged.connect(lambda: self._changed("reason"))

    def _prefill(self, action: ActionView | None) -> None:
        if action is None:
            self.source_label.hide()
            self.picker.set_need(None)
            return
        text = self.tr("来自方案措施：%1（%2）").replace("%1", action.description)
        self.source_label.setText(text.replace("%2", need_text(action.need_category)))
        self.need_combo.blockSignals(True)
        set_combo_value(self.need_combo, action.need_category)
        self.need_combo.blockSignals(False)
        self.reason_edit.setPlainText(action.description)
        self.picker.set_need(action.need_category, action.resource_id)

    def _on_household_loaded(self, detail: HouseholdDetail) -> None:
        for member in detail.members:
            self.member_combo.addItem(member.name, member.id)

    def _on_need_changed(self) -> None:
        self._changed("need_category")
        self.picker.set_need(combo_value(self.need_combo))

    def value(self) -> ReferralInput:
        return ReferralInput(
            household_id=self._household_id,
            need_category=combo_value(self.need_combo) or "",
            reason=self.reason_edit.toPlainText(),
            urgency=combo_value(self.urgency_combo) or "",
            resource_id=self.picker.resource_id,
            member_id=combo_value(self.member_combo),
            plan_action_id=self._action.id if self._action else None,
        )

    def _problems(self) -> list[Problem]:
        return problems_of(validate_referral, self.value())

    def _submit(self) -> None:
        self._workspace.tasks.submit(
            self._services.referrals.create,
            self.value(),
            self.note_edit.toPlainText(),
            on_done=self._on_created,
            on_error=self._on_save_failed,
            changes="referrals",
            owner=self,
        )

    def _on_created(self, referral_id: str) -> None:
        self.referral_created.emit(referral_id)
        self.accept()
