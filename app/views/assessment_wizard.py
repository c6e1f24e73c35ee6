"""The assessment wizard (需求评估): one page per dimension of the instrument with a live score,
then the result (困境等级, urgent flags, service level, tier, change since last time) to save."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import ValidationError
from app.domain.instruments import Dimension, Indicator, Instrument
from app.domain.scoring import AssessmentResult, compare, score
from app.services.assessment_records import AssessmentView
from app.views.assessment_result import AssessmentResultView
from app.views.casework_services import CaseServices
from app.views.enum_text import enum_text
from app.views.form_fields import FieldMessage
from app.views.workspace import Workspace

HELP_STYLE = "color: #5f6368;"
SCORE_STYLE = "background: #eef3fb; border-radius: 4px; padding: 6px;"
OPTION_COLUMNS = 2


class DimensionPage(QWizardPage):
    """The indicators of one dimension, each a set of radio buttons and an optional note."""

    def __init__(self, wizard: AssessmentWizard, dimension: Dimension, step: str) -> None:
        super().__init__()
        self._wizard = wizard
        self.dimension = dimension
        self.setTitle(f"{step}　{dimension.title}")
        self.groups: dict[str, QButtonGroup] = {}
        self.notes: dict[str, QLineEdit] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for indicator in dimension.indicators:
            column.addWidget(self._indicator_box(indicator))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.score_label = QLabel()
        self.score_label.setStyleSheet(SCORE_STYLE)
        self.score_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.score_label)

    def _indicator_box(self, indicator: Indicator) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        text = QLabel(f"<b>{indicator.text}</b>")
        text.setWordWrap(True)
        grid.addWidget(text, 0, 0, 1, OPTION_COLUMNS)
        row = 1
        if indicator.help:
            help_label = QLabel(indicator.help)
            help_label.setWordWrap(True)
            help_label.setStyleSheet(HELP_STYLE)
            grid.addWidget(help_label, row, 0, 1, OPTION_COLUMNS)
            row += 1
        group = QButtonGroup(box)
        for position, option in enumerate(indicator.options):
            button = QRadioButton(option.label)
            button.setProperty("option_value", option.value)
            group.addButton(button, position)
            grid.addWidget(button, row + position // OPTION_COLUMNS, position % OPTION_COLUMNS)
        group.idToggled.connect(lambda _id, on: self._answered() if on else None)
        note = QLineEdit()
        note.setPlaceholderText(self.tr("备注（可选）：依据、观察到的情况"))
        grid.addWidget(note, row + (len(indicator.options) + 1) // OPTION_COLUMNS, 0, 1, 2)
        self.groups[indicator.id] = group
        self.notes[indicator.id] = note
        return box

    def answers(self) -> dict[str, str]:
        found = {}
        for indicator_id, group in self.groups.items():
            button = group.checkedButton()
            if button is not None:
                found[indicator_id] = str(button.property("option_value"))
        return found

    def choose(self, indicator_id: str, value: str) -> None:
        """Tick the answer ``value`` (for tests and for copying answers)."""
        for button in self.groups[indicator_id].buttons():
            if button.property("option_value") == value:
                button.setChecked(True)

    def isComplete(self) -> bool:
        return len(self.answers()) == len(self.groups)

    def initializePage(self) -> None:
        self._wizard.refresh_scores()

    def _answered(self) -> None:
        self.completeChanged.emit()
        self._wizard.refresh_scores()

    def show_score(self, result: AssessmentResult) -> None:
        own = result.dimension_scores.get(self.dimension.id)
        answered = len(self.answers())
        missing = len(self.groups) - answered
        if len(result.missing) == len(self._wizard.instrument.indicators):
            self.score_label.setText(self.tr("尚未作答：选中答案后，这里即时显示得分和困境等级。"))
            return
        parts = []
        if own is not None and answered:
            level = enum_text(result.dimension_levels[self.dimension.id])
            parts.append(
                self.tr("本维度 %1 分（%2）").replace("%1", f"{own:.1f}").replace("%2", level)
            )
        parts.append(self.tr("目前总分 %1，困境等级 %2").replace("%1", f"{result.total:.1f}")
                     .replace("%2", enum_text(result.hardship_level)))  # fmt: skip
        if missing:
            parts.append(self.tr("本页还有 %n 项未回答", "", missing))
        self.score_label.setText("　·　".join(parts))


class ResultPage(QWizardPage):
    def __init__(self, wizard: AssessmentWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("评估结果"))
        self.result_view = AssessmentResultView()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(self.tr("评估备注（可选）"))
        self.notes_edit.setFixedHeight(56)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_view, 1)
        layout.addWidget(self.notes_edit)
        layout.addWidget(self.message)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self._wizard.refresh_scores()

    def show_result(self, result: AssessmentResult) -> None:
        wizard = self._wizard
        previous = wizard.previous
        comparison = compare(previous.result, result) if previous is not None else None
        self.result_view.show_result(result, wizard.instrument, comparison)


class AssessmentWizard(QWizard):
    """Scores ``instrument`` for a household; 「保存评估」 stores it through AssessmentService."""

    assessment_saved = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        household_id: str,
        instrument: Instrument,
        previous: AssessmentView | None = None,
        *,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._services = CaseServices.of(workspace)
        self.household_id = household_id
        self.instrument = instrument
        self.previous = previous
        self.scored: AssessmentResult | None = None  # the live score of the answers so far
        self.setWindowTitle(self.tr("需求评估") + (f" — {title}" if title else ""))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("保存评估"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        total = len(instrument.dimensions)
        self.dimension_pages = []
        for number, dimension in enumerate(instrument.dimensions, start=1):
            step = self.tr("第 %1 / %2 步").replace("%1", str(number)).replace("%2", str(total))
            page = DimensionPage(self, dimension, step)
            self.dimension_pages.append(page)
            self.addPage(page)
        self.result_page = ResultPage(self)
        self.addPage(self.result_page)
        self.resize(900, 640)

    def answers(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for page in self.dimension_pages:
            found.update(page.answers())
        return found

    def page_of(self, dimension_id: str) -> DimensionPage:
        return next(p for p in self.dimension_pages if p.dimension.id == dimension_id)

    def refresh_scores(self) -> None:
        """Score what is answered so far (pure domain code, no disk) and show it live."""
        self.scored = score(self.instrument, self.answers())
        for page in self.dimension_pages:
            page.show_score(self.scored)
        self.result_page.show_result(self.scored)

    def accept(self) -> None:
        """Store the assessment first; the wizard closes when the service has it."""
        notes = {i: e.text() for p in self.dimension_pages for i, e in p.notes.items()}
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self._workspace.tasks.submit(
            self._record,
            self.answers(),
            notes,
            self.result_page.notes_edit.toPlainText(),
            on_done=self._on_saved,
            on_error=self._on_save_failed,
            changes="households",
            owner=self,
        )

    def _record(self, answers: dict[str, str], notes: dict[str, str], text: str) -> str:
        return self._services.assessments.record(
            self.household_id, self.instrument.key, answers, indicator_notes=notes, notes=text
        )

    def _on_saved(self, assessment_id: str) -> None:
        self.assessment_saved.emit(assessment_id)
        super().accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(error, ValidationError):
            language = self._workspace.language
            text = "\n".join(p.message(language) for p in error.problems)
        else:
            text = self.tr("保存失败：") + str(error)
        self.result_page.message.show_text(text)
