"""A household's referrals (转介) as a table; overdue follow-ups in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.domain.enums import ReferralState, Urgency
from app.services.local_time import local_date, today
from app.services.referral_records import ReferralView
from app.views.enum_text import enum_value_text
from app.views.plan_actions_model import need_text
from app.views.row_table_model import RowTableModel

REFERRAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLLOW_UP_COLUMN = 5
OVERDUE_COLOR = QColor("#b3261e")


def _headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("ReferralsModel", "创建日期"),
        translate("ReferralsModel", "需求类别"),
        translate("ReferralsModel", "转介资源"),
        translate("ReferralsModel", "紧急程度"),
        translate("ReferralsModel", "状态"),
        translate("ReferralsModel", "跟进期限"),
    ]


class ReferralsModel(RowTableModel[ReferralView]):
    """Rows are ReferralView, newest first as the service returns them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_headers(), parent)

    def set_referrals(self, referrals: list[ReferralView]) -> None:
        self.set_rows(referrals)

    def referral_at(self, row: int) -> ReferralView | None:
        return self.row_at(row)

    def row_of(self, referral_id: str) -> int:
        return next((r for r, v in enumerate(self._rows) if v.id == referral_id), -1)

    def _cell(self, referral: ReferralView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(referral, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return referral.reason
        if role == REFERRAL_ID_ROLE:
            return referral.id
        if role == Qt.ItemDataRole.ForegroundRole and column == FOLLOW_UP_COLUMN:
            due = referral.follow_up_on
            return OVERDUE_COLOR if due is not None and due < today() else None
        return None

    def _text(self, referral: ReferralView, column: int) -> str:
        if column == 0:
            return local_date(referral.created_at).isoformat()
        if column == 1:
            return need_text(referral.need_category)
        if column == 2:
            return referral.resource_name or "—"
        if column == 3:
            return enum_value_text(Urgency, referral.urgency)
        if column == 4:
            return enum_value_text(ReferralState, referral.state)
        due = referral.follow_up_on
        return due.isoformat() if due else ""
