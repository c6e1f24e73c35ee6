"""What the case-work tabs of the household page (走访, 评估, 方案, 转介) share: the household
shown, its reload on the task runner after every case-work change, and printing one record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView, QWidget

from app.printing.records import SPECS, FormKind
from app.views.casework_services import CASEWORK_CHANGES, CaseServices
from app.views.form_printing import PrintLauncher
from app.views.workspace import Workspace


class CaseworkTab(QWidget):
    """Subclasses say how to read their data (``_loader``), what to forget when another
    household is shown (``_forget``) and how to show what was read (``_show_loaded``)."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._services = CaseServices.of(workspace)
        self._household_id: str | None = None
        self.title = ""  # the household's name, on printed forms
        self.printing = PrintLauncher(workspace, self)

    def show_household(self, household_id: str, title: str = "") -> None:
        if household_id != self._household_id:
            self._forget()
        self._household_id, self.title = household_id, title
        self.reload()

    def reload(self) -> None:
        household_id = self._household_id
        if household_id is None:
            return
        self._workspace.tasks.submit(
            self._loader(),
            household_id,
            on_done=lambda found: self._on_loaded(household_id, found),
            owner=self,
        )

    def _on_loaded(self, household_id: str, found: Any) -> None:
        if household_id == self._household_id:  # not a household shown before this one
            self._show_loaded(found)

    def _on_data_changed(self, what: str) -> None:
        if what in CASEWORK_CHANGES:
            self.reload()

    def _watch_changes(self) -> None:
        """Reload after every case-work change (called once the tab is built)."""
        self._workspace.tasks.changed.connect(self._on_data_changed)

    def _loader(self) -> Callable[[str], Any]:
        """The service call that reads this tab's data of a household, off the GUI thread."""
        raise NotImplementedError

    def _forget(self) -> None:
        raise NotImplementedError

    def _show_loaded(self, found: Any) -> None:
        raise NotImplementedError

    def _print_button(self, text: str, tip: str) -> QPushButton:
        """The tab's 打印 button, off until there is something to print."""
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setEnabled(False)
        return button

    def _print(self, kind: FormKind, record_id: str, detail: str = "") -> None:
        """Print one record; the preview's title names the form, ``detail`` and the household."""
        heading = f"{SPECS[kind].title} {detail}" if detail else SPECS[kind].title
        self.printing.print_form(kind, record_id, f"{heading} — {self.title}")


def casework_table(model: QAbstractItemModel, font_of: QWidget, stretch: int) -> QTableView:
    """A table of whole rows, one selected at a time; column ``stretch`` takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(font_of.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
