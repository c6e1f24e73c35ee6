"""Duplicate suggestions in the household and member dialogs (不重复): before saving, the
DuplicateService candidates are looked up off-thread; when there are some, the dialog shows them
with 「打开该户」 and saves only when the user saves again (「仍然保存」)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from app.domain.duplicates import HouseholdKey, PersonKey
from app.domain.enums import MatchReason
from app.services.duplicates import HouseholdCandidate, PersonCandidate
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.household_records import HouseholdDetail
from app.views.casework_services import CaseServices
from app.views.enum_text import enum_text
from app.views.tasks import TaskRunner

NOTICE_STYLE = (
    "#duplicate_notice { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; }"
)
MAX_SHOWN = 5


@dataclass(frozen=True)
class Suggestion:
    household_id: str
    text: str


PersonLookup = Callable[[MemberInput], list[Suggestion]]


def reason_text(reason: str, fallback: str) -> str:
    try:
        return enum_text(MatchReason(reason))
    except ValueError:
        return fallback


def person_suggestions(candidates: list[PersonCandidate]) -> list[Suggestion]:
    found = []
    for c in candidates:
        parts = [c.name, c.id_number_masked, c.birth_date.isoformat() if c.birth_date else "",
                 c.address]  # fmt: skip
        text = "　".join(p for p in parts if p)
        found.append(
            Suggestion(c.household_id, f"{text}（{reason_text(c.reason, c.reason_label)}）")
        )
    return found


def household_suggestions(candidates: list[HouseholdCandidate]) -> list[Suggestion]:
    return [
        Suggestion(
            c.household_id, f"{c.head_name}　{c.address}（{reason_text(c.reason, c.reason_label)}）"
        )
        for c in candidates
    ]


def person_lookup(
    services: CaseServices, address: str, exclude_member_id: str | None = None
) -> PersonLookup:
    """For MemberDialog: people already on file who may be this member (runs on a worker)."""

    def lookup(data: MemberInput) -> list[Suggestion]:
        key = PersonKey(data.name.strip(), data.id_number.strip(), data.birth_date, address)
        found = services.duplicates.person_candidates(key, exclude_member_id)
        return person_suggestions(found)

    return lookup


def household_lookup(
    services: CaseServices,
    data: HouseholdInput,
    members: list[MemberInput],
    detail: HouseholdDetail | None = None,
) -> Callable[[], list[Suggestion]] | None:
    """For HouseholdDialog: households already on file that may be this one (for an edit of
    ``detail``, only when the address changes; None when there is nothing to check)."""
    if detail is not None:
        if " ".join(data.address.split()) == " ".join(detail.data.address.split()):
            return None
        members = [MemberInput(name=m.name, birth_date=m.birth_date) for m in detail.members]
    people = tuple(PersonKey(m.name, m.id_number, m.birth_date) for m in members)
    key = HouseholdKey(data.address, people)
    exclude_household_id = detail.id if detail is not None else None

    def lookup() -> list[Suggestion]:
        found = services.duplicates.household_candidates(key, exclude_household_id)
        return household_suggestions(found)

    return lookup


class DuplicateNotice(QFrame):
    """The yellow box listing possible duplicates, each with 「打开该户」."""

    open_requested = Signal(str)  # household id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate_notice")
        self.setStyleSheet(NOTICE_STYLE)
        self.suggestions: list[Suggestion] = []
        self._grid = QGridLayout(self)
        self.hide()

    def show_suggestions(self, suggestions: list[Suggestion]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.suggestions = list(suggestions)
        head = QLabel(self.tr("可能已有登记，请核对是否为同一户（人）："))
        self._grid.addWidget(head, 0, 0, 1, 2)
        for row, suggestion in enumerate(suggestions[:MAX_SHOWN], start=1):
            label = QLabel(suggestion.text)
            label.setWordWrap(True)
            button = QPushButton(self.tr("打开该户"))
            button.clicked.connect(lambda _c=False, h=suggestion.household_id: self._open(h))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(button, row, 1)
        tail = QLabel(self.tr("确认不是同一户（人）后，再点「仍然保存」。"))
        self._grid.addWidget(tail, len(suggestions[:MAX_SHOWN]) + 1, 0, 1, 2)
        self._grid.setColumnStretch(0, 1)
        self.setVisible(bool(suggestions))

    def _open(self, household_id: str) -> None:
        self.open_requested.emit(household_id)


class DuplicateCheck(QObject):
    """Looks up duplicates before a save; the save goes on when none are found, or when the
    same data is saved again after the suggestions were shown."""

    suggestions_shown = Signal()

    def __init__(self, tasks: TaskRunner | None, notice: DuplicateNotice, parent: QObject) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.notice = notice
        self._seen: Hashable | None = None  # data whose suggestions the user has seen

    def run(
        self,
        key: Hashable,
        lookup: Callable[..., list[Suggestion]],
        *args: Any,
        proceed: Callable[[], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        if key == self._seen or self._tasks is None:
            proceed()
            return
        self._tasks.submit(
            lookup,
            *args,
            on_done=lambda found: self._on_found(key, found, proceed),
            on_error=on_error,
            owner=self.parent(),
        )

    def _on_found(
        self, key: Hashable, found: list[Suggestion], proceed: Callable[[], None]
    ) -> None:
        if not found:
            self.notice.hide()
            proceed()
            return
        self._seen = key
        self.notice.show_suggestions(found)
        self.suggestions_shown.emit()
