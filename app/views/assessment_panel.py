"""The 评估 tab of the household page: the latest result (or a chosen earlier one) with its
comparison, the history of assessments, and 「新评估」 which opens the wizard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.instruments import Instrument
from app.domain.scoring import Comparison
from app.printing.records import FormKind
from app.services.assessment_records import AssessmentView
from app.views.assessment_result import AssessmentResultView
from app.views.assessment_wizard import AssessmentWizard
from app.views.casework_services import CaseServices
from app.views.casework_tab import CaseworkTab
from app.views.enum_text import enum_text
from app.views.form_fields import FieldMessage
from app.views.workspace import Workspace


@dataclass(frozen=True)
class Shown:
    """One assessment ready to show: its instrument (None if no longer installed), comparison."""

    view: AssessmentView
    instrument: Instrument | None
    comparison: Comparison | None


@dataclass(frozen=True)
class WizardStart:
    instrument: Instrument
    previous: AssessmentView | None


def _installed(services: CaseServices, key: str) -> Instrument | None:
    try:
        return services.assessments.instrument(key)
    except ValidationError:
        return None


def load_shown(services: CaseServices, view: AssessmentView) -> Shown:
    comparison = services.assessments.comparison(view.id)
    return Shown(view, _installed(services, view.instrument_key), comparison)


def load_wizard_start(services: CaseServices, household_id: str) -> WizardStart:
    instrument = services.assessments.current_instrument()
    return WizardStart(instrument, services.assessments.latest(household_id))


class AssessmentPanel(CaseworkTab):
    """Assessments of the household given to ``show_household``."""

    wizard_opened = Signal(object)  # the AssessmentWizard

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.history: list[AssessmentView] = []
        self.new_button = QPushButton(self.tr("新评估…"))
        self.print_button = self._print_button(
            self.tr("打印…"), self.tr("打印所示评估的需求评估表（Ctrl+P）")
        )
        self.summary_label = QLabel()
        self.message = FieldMessage()
        self.result_view = AssessmentResultView()
        self.history_list = QListWidget()
        history_box = QWidget()
        widest = self.tr("困境等级 高 · 紧急保护 · 总分 100.0")
        history_box.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest) + 32)
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel(self.tr("评估历史")))
        history_layout.addWidget(self.history_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.result_view)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.new_button.clicked.connect(self.open_wizard)
        self.print_button.clicked.connect(self.print_selected)
        self.history_list.currentRowChanged.connect(self._on_history_row_changed)
        self._watch_changes()

    def _loader(self) -> Callable[[str], list[AssessmentView]]:
        return self._services.assessments.history

    def _forget(self) -> None:
        self.history = []
        self.history_list.clear()
        self.print_button.setEnabled(False)
        self.result_view.clear()

    def _show_loaded(self, history: list[AssessmentView]) -> None:
        self.history = history
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for view in history:
            result = view.result
            text = self.tr("%1\n困境等级 %2 · %3 · 总分 %4").replace("%1", str(view.assessed_on))
            text = text.replace("%2", enum_text(result.hardship_level))
            text = text.replace("%3", enum_text(result.service_level))
            text = text.replace("%4", f"{result.total:.1f}")
            item = QListWidgetItem(text)
            item.setToolTip(f"{view.instrument_key} · {view.assessor}")
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        self.print_button.setEnabled(bool(history))
        if not history:
            self.result_view.clear()
            self.summary_label.setText(
                self.tr("尚未评估。点「新评估」按评估工具逐项询问、观察后填写。")
            )
            self.loaded.emit()
            return
        self.history_list.setCurrentRow(0)
        self._show(history[0])

    def selected_assessment(self) -> AssessmentView | None:
        row = self.history_list.currentRow()
        return self.history[row] if 0 <= row < len(self.history) else None

    def print_selected(self) -> bool:
        """Print the assessment shown; False when there is none."""
        view = self.selected_assessment()
        if view is None:
            return False
        self._print(FormKind.ASSESSMENT, view.id, str(view.assessed_on))
        return True

    def _on_history_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.history):
            self._show(self.history[row])

    def _show(self, view: AssessmentView) -> None:
        self._workspace.tasks.submit(
            load_shown, self._services, view, on_done=self._on_shown, owner=self
        )

    def _on_shown(self, shown: Shown) -> None:
        view = shown.view
        text = self.tr("%1 评估（%2，评估人 %3）").replace("%1", str(view.assessed_on))
        title = shown.instrument.title if shown.instrument else view.instrument_key
        text = text.replace("%2", title).replace("%3", view.assessor)
        self.summary_label.setText(text)
        self.result_view.show_result(view.result, shown.instrument, shown.comparison)
        self.loaded.emit()

    def open_wizard(self) -> None:
        if self._household_id is None:
            return
        self.new_button.setEnabled(False)
        self._workspace.tasks.submit(
            load_wizard_start,
            self._services,
            self._household_id,
            on_done=self._on_wizard_ready,
            on_error=self._on_wizard_failed,
            owner=self,
        )

    def _on_wizard_ready(self, start: WizardStart) -> None:
        self.new_button.setEnabled(True)
        self.message.clear_text()
        assert self._household_id is not None
        wizard = AssessmentWizard(
            self._workspace,
            self._household_id,
            start.instrument,
            start.previous,
            title=self.title,
            parent=self.window(),
        )
        wizard.setObjectName("assessment_wizard")
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        self.wizard_opened.emit(wizard)

    def _on_wizard_failed(self, error: BaseException) -> None:
        """A broken instrument file: say which file, line and column, as the domain reports it."""
        self.new_button.setEnabled(True)
        if isinstance(error, ValidationError):
            text = "\n".join(p.message(self._workspace.language) for p in error.problems)
        else:
            text = str(error)
        self.message.show_text(self.tr("无法打开评估工具：") + text)
