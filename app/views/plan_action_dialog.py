"""Add or edit one action of the service plan: need, measure, resource (suggested for the
household's area and need) or policy, owner, due date, state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLineEdit, QWidget

from app.domain.enums import NeedCategory, PlanActionState
from app.domain.errors import Problem
from app.services.plan_records import ActionInput, ActionView, validate_action
from app.services.resource_records import ResourceView
from app.views.casework_services import CaseServices
from app.views.date_fields import NO_DATE, to_date, to_qdate
from app.views.form_dialog import FormDialog
from app.views.form_fields import combo_value, fill_enum_combo, problems_of, set_combo_value
from app.views.workspace import Workspace


class PlanActionDialog(FormDialog):
    """Saves through PlanService (add or update) on the task runner, then closes."""

    action_saved = Signal(str)
    FALLBACK_FIELD = "description"

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
        self.setWindowTitle(self.tr("编辑措施") if action else self.tr("添加措施"))
        self._build()
        self._load(action)
        self._connect()
        self._load_resources()

    def _build(self) -> None:
        self.need_combo = QComboBox()
        fill_enum_combo(self.need_combo, NeedCategory, empty_text=self.tr("请选择"))
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(self.tr("如：协助申请医疗救助，陪同办理"))
        self.resource_combo = QComboBox()
        self.resource_combo.setMinimumContentsLength(24)
        self.policy_edit = QLineEdit()
        self.policy_edit.setPlaceholderText(self.tr("如：本市医疗救助政策、临时救助"))
        self.owner_edit = QLineEdit(self._workspace.actor)
        self.due_edit = QDateEdit()
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setMinimumDate(NO_DATE)
        self.due_edit.setSpecialValueText(self.tr("未定"))
        self.due_edit.setCalendarPopup(True)
        self.state_combo = QComboBox()
        fill_enum_combo(self.state_combo, PlanActionState)
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("need_category", self.tr("需求类别"), self.need_combo),
            ("description", self.tr("具体措施"), self.description_edit),
            ("resource_id", self.tr("对接资源"), self.resource_combo),
            ("policy", self.tr("适用政策"), self.policy_edit),
            ("owner", self.tr("负责人"), self.owner_edit),
            ("due_on", self.tr("期限"), self.due_edit),
            ("state", self.tr("状态"), self.state_combo),
        ]
        self.messages.add_rows(form, rows)
        self._set_save_texts(self.tr("保存"), self.tr("取消"), self.tr("保存失败："))
        self._lay_out([form], min_width=560)

    def _load(self, action: ActionView | None) -> None:
        if action is None:
            return
        set_combo_value(self.need_combo, action.need_category)
        self.description_edit.setText(action.description)
        self.policy_edit.setText(action.policy)
        self.owner_edit.setText(action.owner)
        due = action.due_on
        self.due_edit.setDate(to_qdate(due) if due else NO_DATE)
        set_combo_value(self.state_combo, action.state)

    def _connect(self) -> None:
        self.need_combo.currentIndexChanged.connect(lambda _i: self._changed("need_category"))
        self.need_combo.currentIndexChanged.connect(lambda _i: self._load_resources())
        self.description_edit.textEdited.connect(lambda _t: self._changed("description"))

    def _load_resources(self) -> None:
        """The active resources for the chosen need in the household's area (off-thread)."""
        need = combo_value(self.need_combo)
        current = self._action.resource_id if self._action else None
        self._fill_resources([], current)
        if not need:
            return
        self._workspace.tasks.submit(
            self._services.resources.suggest,
            self._household_id,
            [need],
            on_done=lambda found: self._fill_resources(found.get(need, []), current),
            owner=self,
        )

    def _fill_resources(self, resources: list[ResourceView], current: str | None) -> None:
        chosen = self.resource_combo.currentData() or current
        self.resource_combo.clear()
        self.resource_combo.addItem(self.tr("（不指定资源）"), None)
        for resource in resources:
            self.resource_combo.addItem(f"{resource.name}（{resource.provider_name}）", resource.id)
        if current and self.resource_combo.findData(current) < 0 and self._action is not None:
            self.resource_combo.addItem(self._action.resource_name or current, current)
        set_combo_value(self.resource_combo, chosen)

    def value(self) -> ActionInput:
        due = self.due_edit.date()
        return ActionInput(
            need_category=combo_value(self.need_combo) or "",
            description=self.description_edit.text(),
            resource_id=combo_value(self.resource_combo),
            policy=self.policy_edit.text(),
            owner=self.owner_edit.text().strip(),
            due_on=None if due == NO_DATE else to_date(due),
            state=combo_value(self.state_combo) or "",
        )

    def _problems(self) -> list[Problem]:
        return problems_of(validate_action, self.value())

    def _submit(self) -> None:
        plans = self._services.plans
        job: tuple[Any, ...] = (
            (plans.add_action, self._household_id, self.value())
            if self._action is None
            else (plans.update_action, self._action.id, self.value())
        )
        self._workspace.tasks.submit(
            *job, on_done=self._on_saved, on_error=self._on_save_failed, changes="plans", owner=self
        )

    def _on_saved(self, result: str | None) -> None:
        self.action_saved.emit(result or (self._action.id if self._action else ""))
        self.accept()
