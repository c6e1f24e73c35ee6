"""The members of one household as a table; ID numbers masked unless revealed for one row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.domain.enums import Health, IdType, RelationToHead, SelfCare, Sex
from app.domain.money import format_fen
from app.services.household_records import MemberView
from app.views.enum_text import enum_value_text
from app.views.row_table_model import RowTableModel

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ID_COLUMN = 5
REVEALED_COLOR = QColor("#8a5a00")


def _headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("MembersModel", "姓名"),
        translate("MembersModel", "与户主关系"),
        translate("MembersModel", "性别"),
        translate("MembersModel", "出生日期"),
        translate("MembersModel", "证件类型"),
        translate("MembersModel", "证件号码"),
        translate("MembersModel", "健康状况"),
        translate("MembersModel", "自理能力"),
        translate("MembersModel", "月收入（元）"),
        translate("MembersModel", "电话"),
    ]


class MembersModel(RowTableModel[MemberView]):
    """Rows are MemberView; ``reveal`` shows one member's full ID number until reset."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_headers(), parent)
        self._revealed: dict[str, str] = {}

    def set_members(self, members: list[MemberView]) -> None:
        self._revealed.clear()
        self.set_rows(members)

    def member_at(self, row: int) -> MemberView | None:
        return self.row_at(row)

    def reveal(self, member_id: str, full_number: str) -> None:
        """Show the full number of one member (the reveal was audited by the service)."""
        self._revealed[member_id] = full_number
        for row, member in enumerate(self._rows):
            if member.id == member_id:
                index = self.index(row, ID_COLUMN)
                self.dataChanged.emit(index, index)

    def hide_revealed(self) -> None:
        """Mask every number again (e.g. when the window locks)."""
        rows = [r for r, m in enumerate(self._rows) if m.id in self._revealed]
        self._revealed.clear()
        for row in rows:
            index = self.index(row, ID_COLUMN)
            self.dataChanged.emit(index, index)

    def is_revealed(self, member_id: str) -> bool:
        return member_id in self._revealed

    def _cell(self, member: MemberView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(member, column)
        if role == MEMBER_ID_ROLE:
            return member.id
        if role == Qt.ItemDataRole.ForegroundRole and column == ID_COLUMN:
            return REVEALED_COLOR if member.id in self._revealed else None
        return None

    def _text(self, member: MemberView, column: int) -> str:
        if column == 0:
            return member.name
        if column == 1:
            return enum_value_text(RelationToHead, member.relation_to_head)
        if column == 2:
            return enum_value_text(Sex, member.sex)
        if column == 3:
            return member.birth_date.isoformat() if member.birth_date else ""
        if column == 4:
            return enum_value_text(IdType, member.id_type)
        if column == ID_COLUMN:
            return self._revealed.get(member.id, member.id_number_masked)
        if column == 6:
            health = enum_value_text(Health, member.health)
            grade = member.disability_grade
            return f"{health}（{grade}级）" if grade else health
        if column == 7:
            return enum_value_text(SelfCare, member.self_care)
        if column == 8:
            total = sum(member.monthly_income.values())
            return format_fen(total) if total else ""
        return member.phone
