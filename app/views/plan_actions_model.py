"""The actions of a service plan (一户一方案) as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.domain.enums import NeedCategory, PlanActionState, ResourceCategory
from app.services.local_time import today
from app.services.plan_records import ActionView
from app.views.enum_text import enum_value_text
from app.views.row_table_model import RowTableModel

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DUE_COLUMN, STATE_COLUMN = 4, 5
OVERDUE_COLOR = QColor("#b3261e")
OPEN_STATES = {PlanActionState.PLANNED.value, PlanActionState.IN_PROGRESS.value}


def need_text(code: str) -> str:
    """A need category code as text (a resource-only category such as 助残服务 too)."""
    if code in {n.value for n in NeedCategory}:
        return enum_value_text(NeedCategory, code)
    return enum_value_text(ResourceCategory, code)


def _headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("PlanActionsModel", "需求类别"),
        translate("PlanActionsModel", "具体措施"),
        translate("PlanActionsModel", "资源或政策"),
        translate("PlanActionsModel", "负责人"),
        translate("PlanActionsModel", "期限"),
        translate("PlanActionsModel", "状态"),
    ]


class PlanActionsModel(RowTableModel[ActionView]):
    """Rows are ActionView; overdue open actions show their due date in red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_headers(), parent)

    def set_actions(self, actions: list[ActionView]) -> None:
        self.set_rows(actions)

    def action_at(self, row: int) -> ActionView | None:
        return self.row_at(row)

    def _cell(self, action: ActionView, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(action, column)
        if role == ACTION_ID_ROLE:
            return action.id
        if role == Qt.ItemDataRole.ForegroundRole and column == DUE_COLUMN:
            overdue = action.due_on is not None and action.due_on < today()
            return OVERDUE_COLOR if overdue and action.state in OPEN_STATES else None
        return None

    def _text(self, action: ActionView, column: int) -> str:
        if column == 0:
            return need_text(action.need_category)
        if column == 1:
            return action.description
        if column == 2:
            return "；".join(t for t in (action.resource_name, action.policy) if t)
        if column == 3:
            return action.owner
        if column == DUE_COLUMN:
            return action.due_on.isoformat() if action.due_on else ""
        return enum_value_text(PlanActionState, action.state)
