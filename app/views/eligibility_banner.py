"""政策找人 on the household page: a banner when the household's per-capita income is under the
低保 standard in force, or near it (边缘); hidden otherwise."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.eligibility import Hint
from app.views.casework_services import CaseServices
from app.views.workspace import Workspace

STYLES = {
    "below": "background: #fde7e4; border: 1px solid #e3a29a; border-radius: 4px; padding: 6px;",
    "marginal": "background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; padding: 6px;",
}


def load_hint(services: CaseServices, workspace: Workspace, household_id: str) -> Hint | None:
    """The hint, or None while no member has any income entered (unknown is not zero)."""
    detail = workspace.households.get_household(household_id)
    if not any(member.monthly_income for member in detail.members):
        return None
    return services.standards.hint(household_id)


class EligibilityBanner(QLabel):
    """Shows the hint of the household given to ``show_household``; reloads when data changes."""

    hint_loaded = Signal(object)  # the Hint, or None

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._services = CaseServices.of(workspace)
        self._household_id: str | None = None
        self.hint: Hint | None = None
        self.setWordWrap(True)
        self.hide()
        workspace.tasks.changed.connect(self._on_data_changed)

    def show_household(self, household_id: str) -> None:
        if household_id != self._household_id:
            self.hide()
        self._household_id = household_id
        self.reload()

    def reload(self) -> None:
        household_id = self._household_id
        if household_id is None:
            return
        self._workspace.tasks.submit(
            load_hint,
            self._services,
            self._workspace,
            household_id,
            on_done=lambda hint: self._on_loaded(household_id, hint),
            on_error=lambda _error: self.hide(),  # e.g. no members yet: no hint to give
            owner=self,
        )

    def _on_data_changed(self, what: str) -> None:
        if what == "households":
            self.reload()

    def _on_loaded(self, household_id: str, hint: Hint | None) -> None:
        if household_id != self._household_id:
            return
        self.hint = hint
        if hint is None or hint.kind is None:
            self.hide()
        else:
            text = hint.zh if self._workspace.language == "zh_CN" else hint.en
            self.setText(self.tr("政策找人：") + text)
            self.setStyleSheet(STYLES[hint.kind])
            self.show()
        self.hint_loaded.emit(hint)
