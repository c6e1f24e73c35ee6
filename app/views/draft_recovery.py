"""At start, visit drafts left open (closed without 「完成」, or cut off by a crash or power cut)
are offered for recovery: 「继续填写」 opens the household and its visit form with the draft."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.households import HouseholdService
from app.services.visit_records import VisitView
from app.views.casework_services import CaseServices
from app.views.visit_form import VisitForm
from app.views.visit_text import visit_heading

if TYPE_CHECKING:
    from app.views.main_window import MainWindow


@dataclass(frozen=True)
class OpenDraft:
    visit: VisitView
    head_name: str


def load_open_drafts(services: CaseServices, households: HouseholdService) -> list[OpenDraft]:
    """The signed-in advisor's open drafts, newest first, with the head of each household."""
    found = []
    for visit in services.visits.open_drafts():
        try:
            head = households.get_household(visit.household_id).head_name
        except LookupError:
            continue  # the household was merged away or removed
        found.append(OpenDraft(visit, head))
    return found


class DraftRecoveryDialog(QDialog):
    """Lists the open drafts; ``chosen`` is the one to continue once accepted."""

    def __init__(self, drafts: list[OpenDraft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.setWindowTitle(self.tr("未完成的走访记录"))
        intro = QLabel(self.tr("以下走访记录尚未完成（可能因关闭或意外退出），可继续填写："))
        intro.setWordWrap(True)
        self.list = QListWidget()
        for draft in drafts:
            text = f"{draft.head_name}　{visit_heading(draft.visit)}"
            if draft.visit.situation.strip():
                text += "\n　" + " ".join(draft.visit.situation.split())[:60]
            self.list.addItem(QListWidgetItem(text))
        self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("继续填写"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("稍后"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(560, 320)

    @property
    def chosen(self) -> OpenDraft | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None


class DraftRecovery(QObject):
    """Looks for open drafts once the window has loaded for the first time."""

    offered = Signal(object)  # the DraftRecoveryDialog
    form_opened = Signal(object)  # the VisitForm continuing a draft

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._done = False
        window.loaded.connect(self._on_window_loaded)

    def _on_window_loaded(self) -> None:
        if self._done:
            return
        self._done = True
        workspace = self._window.workspace
        workspace.tasks.submit(
            load_open_drafts,
            CaseServices.of(workspace),
            workspace.households,
            on_done=self._offer,
            owner=self,
        )

    def _offer(self, drafts: list[OpenDraft]) -> None:
        if not drafts or self._window.locked:
            return
        dialog = DraftRecoveryDialog(drafts, self._window)
        dialog.setObjectName("draft_recovery_dialog")
        dialog.accepted.connect(lambda: self._continue(dialog.chosen))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.offered.emit(dialog)

    def _continue(self, draft: OpenDraft | None) -> None:
        if draft is None:
            return
        household_id = draft.visit.household_id
        self._window.open_household(household_id)
        workspace = self._window.workspace
        form = VisitForm(
            workspace, household_id, draft.visit, title=draft.head_name, parent=self._window
        )
        form.setObjectName("visit_form")
        form.finished.connect(form.deleteLater)
        form.open()
        self.form_opened.emit(form)
