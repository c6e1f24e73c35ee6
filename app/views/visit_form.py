"""The visit form (走访记录): autosaved as a draft while typed, 「完成」 finalises it; a finished
visit opens read-only and 「更正」 records an amendment that keeps the original text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import VisitState
from app.domain.errors import Problem, ValidationError
from app.printing.records import SPECS, FormKind
from app.services.local_time import SHANGHAI
from app.services.visit_records import VisitView, clean_fields, validate_visit
from app.views.casework_services import CaseServices
from app.views.form_fields import FieldMessage, FieldMessages, problems_of
from app.views.form_printing import PrintLauncher
from app.views.visit_drafts import DraftWriter
from app.views.visit_fields import VisitFields
from app.views.visit_text import amendment_lines, local_time_text
from app.views.workspace import Workspace

AUTOSAVE_MS = 3000  # a crash loses at most these seconds of typing
BANNER_STYLE = "background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; padding: 6px;"
NOTE_STYLE = "color: #5f6368;"


class VisitForm(QDialog):
    """A new visit for ``household_id`` (an open draft of it is recovered), or ``visit``."""

    recovery_checked = Signal(bool)  # True when an open draft was found and loaded
    draft_saved = Signal(str)
    visit_finalised = Signal(str)
    visit_amended = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        household_id: str,
        visit: VisitView | None = None,
        *,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._services = CaseServices.of(workspace)
        self._household_id = household_id
        self.view: VisitView | None = visit
        self.recovered = False
        self._closed = False
        self.messages = FieldMessages(workspace.language, self)
        self.writer = DraftWriter(workspace.tasks, self._services.visits, household_id)
        self._connect_writer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self._autosave)
        self.setWindowTitle(self.tr("走访记录") + (f" — {title}" if title else ""))
        self.household_title = title
        self._build()
        self._connect()
        if visit is None:
            self._check_drafts()
        else:
            self._show_visit(visit)

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QWidget()
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.discard_button = QPushButton(self.tr("放弃草稿，重新填写"))
        banner_row = QHBoxLayout(self.banner)
        banner_row.addWidget(self.banner_label, 1)
        banner_row.addWidget(self.discard_button)
        self.banner.hide()
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.fields = VisitFields(self.messages)
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        self.history_label.setStyleSheet(NOTE_STYLE)
        self.history_label.hide()
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例如：走访时间记错，应为上午"))
        self.reason_row = QWidget()
        reason_form = QFormLayout(self.reason_row)
        reason_form.setContentsMargins(0, 0, 0, 0)
        self.messages.add_rows(reason_form, [("reason", self.tr("更正原因"), self.reason_edit)])
        self.reason_row.hide()
        self.form_message = FieldMessage()
        self.autosave_label = QLabel()
        self.autosave_label.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        for widget in (self.banner, self.state_label, self.fields, self.history_label,
                       self.reason_row, self.form_message):  # fmt: skip
            layout.addWidget(widget)
        layout.addLayout(self._buttons())
        # At least what the layout needs (the English labels and needs are wider): a set
        # minimum width replaces the layout's own.
        self.setMinimumWidth(max(880, layout.minimumSize().width()))
        self.resize(max(920, self.sizeHint().width()), 600)

    def _buttons(self) -> QHBoxLayout:
        self.finish_button = QPushButton(self.tr("完成"))
        self.finish_button.setToolTip(self.tr("核对后定稿；定稿后只能通过「更正」修改"))
        self.delete_button = QPushButton(self.tr("删除草稿"))
        self.amend_button = QPushButton(self.tr("更正…"))
        self.save_amend_button = QPushButton(self.tr("保存更正"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.hide()
        self.printing = PrintLauncher(self._workspace, self)
        row = QHBoxLayout()
        row.addWidget(self.autosave_label, 1)
        for button in (self.delete_button, self.amend_button, self.save_amend_button,
                       self.print_button, self.finish_button, self.close_button):  # fmt: skip
            row.addWidget(button)
        return row

    def _connect(self) -> None:
        self.fields.edited.connect(self._edited)
        self.reason_edit.textEdited.connect(lambda _t: self._edited("reason"))
        self.discard_button.clicked.connect(self._on_discard_clicked)
        self.delete_button.clicked.connect(self._on_discard_clicked)
        self.finish_button.clicked.connect(self._on_finish_clicked)
        self.amend_button.clicked.connect(self._on_amend_clicked)
        self.save_amend_button.clicked.connect(self._on_save_amendment_clicked)
        self.close_button.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_visit)

    def _connect_writer(self) -> None:
        self.writer.saved.connect(self._on_draft_saved)
        self.writer.finalised.connect(self._on_finalised)
        self.writer.refused.connect(self._on_refused)
        self.writer.discarded.connect(self._on_discarded)
        self.writer.failed.connect(self._on_failed)

    def values(self) -> dict[str, Any]:
        return self.fields.values()

    def _fill(self, view: VisitView | None) -> None:
        self.fields.fill(view)
        self._revalidate()

    # ---- drafts and recovery -------------------------------------------------------------

    def _check_drafts(self) -> None:
        self.fields.setEnabled(False)
        self.autosave_label.setText(self.tr("正在查找未完成的草稿…"))
        self._show_mode(VisitState.DRAFT.value)
        self._workspace.tasks.submit(
            self._services.visits.open_drafts, on_done=self._on_drafts_found, owner=self
        )

    def _on_drafts_found(self, drafts: list[VisitView]) -> None:
        mine = [d for d in drafts if d.household_id == self._household_id]
        self.fields.setEnabled(True)
        self.autosave_label.clear()
        if mine:
            self._recover(mine[0])
        else:
            self._fill(None)
            self._show_mode(VisitState.DRAFT.value)
        self.recovery_checked.emit(bool(mine))

    def _recover(self, draft: VisitView) -> None:
        """Continue an open draft, saying so, with the offer to throw it away."""
        self.view, self.recovered = draft, True
        self.writer.visit_id = draft.id
        saved = local_time_text(draft.updated_at)
        text = self.tr("已恢复 %1 自动保存的未完成草稿，可继续填写。").replace("%1", saved)
        self.banner_label.setText(text)
        self.banner.show()
        self._fill(draft)
        self._show_mode(VisitState.DRAFT.value)

    def _edited(self, name: str) -> None:
        self.messages.touch(name)
        self._revalidate()
        if self._is_draft() and not self._timer.isActive():
            self._timer.start()

    def _is_draft(self) -> bool:
        return self.view is None or self.view.state == VisitState.DRAFT.value

    def _autosave(self) -> None:
        if self._is_draft():
            self.writer.save(self.values())

    def _on_draft_saved(self, visit_id: str) -> None:
        at = dt.datetime.now(SHANGHAI).strftime("%H:%M:%S")
        self.autosave_label.setText(self.tr("草稿已自动保存（%1）").replace("%1", at))
        self.delete_button.setVisible(True)
        self.draft_saved.emit(visit_id)

    def _on_discard_clicked(self) -> None:
        self._timer.stop()
        self.writer.discard()

    def _on_discarded(self) -> None:
        self.view, self.recovered = None, False
        self.banner.hide()
        self.messages.show_all = False
        self._fill(None)
        self.autosave_label.setText(self.tr("草稿已删除"))
        self.delete_button.setVisible(False)

    # ---- finishing and amending ----------------------------------------------------------

    def _revalidate(self) -> list[Problem]:
        problems = problems_of(validate_visit, {**clean_fields(self.values()), "advisor_id": None})
        self.messages.show(problems, fallback="situation")
        return problems

    def _on_finish_clicked(self) -> None:
        self.messages.show_all = True
        if self._revalidate():
            return
        self._timer.stop()
        self.finish_button.setEnabled(False)
        self.writer.finalise(self.values())

    def _on_finalised(self, view: VisitView) -> None:
        self.view = view
        self.visit_finalised.emit(view.id)
        self.accept()

    def _on_refused(self, error: ValidationError) -> None:
        self.finish_button.setEnabled(True)
        self.messages.show_refusal(error.problems, self.form_message)

    def _on_failed(self, error: BaseException) -> None:
        self.finish_button.setEnabled(True)
        self.save_amend_button.setEnabled(True)
        self.form_message.show_text(self.tr("保存失败：") + str(error))

    def _on_amend_clicked(self) -> None:
        self.fields.set_editable(True)
        self.reason_row.show()
        self.amend_button.hide()
        self.save_amend_button.show()
        self.reason_edit.setFocus()

    def _on_save_amendment_clicked(self) -> None:
        assert self.view is not None
        self.messages.show_all = True
        if self._revalidate():
            return
        self.save_amend_button.setEnabled(False)
        self._workspace.tasks.submit(
            self._services.visits.amend,
            self.view.id,
            self.values(),
            self.reason_edit.text(),
            on_done=self._on_amended,
            on_error=self._on_amend_failed,
            changes="households",
            owner=self,
        )

    def _on_amended(self, _amendment_id: str) -> None:
        assert self.view is not None
        self.visit_amended.emit(self.view.id)
        self.accept()

    def _on_amend_failed(self, error: BaseException) -> None:
        self.save_amend_button.setEnabled(True)
        if not isinstance(error, ValidationError):
            self._on_failed(error)
            return
        problems = [Problem("reason", p.code, p.zh, p.en) if p.field == "changes" else p
                    for p in error.problems]  # fmt: skip
        self.messages.show_refusal(problems, self.form_message)

    # ---- modes and closing ---------------------------------------------------------------

    def _show_visit(self, visit: VisitView) -> None:
        if visit.state == VisitState.DRAFT.value:
            self._recover(visit)
            return
        self._fill(visit)
        self._show_mode(visit.state)

    def _show_mode(self, state: str) -> None:
        final = state == VisitState.FINAL.value
        self.fields.set_editable(not final)
        self.finish_button.setVisible(not final)
        self.delete_button.setVisible(not final and self.writer.visit_id is not None)
        self.amend_button.setVisible(final)
        self.print_button.setVisible(final and self.view is not None)
        self.save_amend_button.hide()
        self.reason_row.hide()
        if not final or self.view is None:
            self.state_label.setText(self.tr("草稿：输入内容每隔几秒自动保存。"))
            self.history_label.hide()
            return
        text = self.tr("已完成：%1 由 %2 定稿，内容只读；如需修改请点「更正」，原记录会保留。")
        finalised = local_time_text(self.view.finalised_at)
        self.state_label.setText(text.replace("%1", finalised).replace("%2", self.view.created_by))
        lines = [line for a in self.view.amendments for line in amendment_lines(a)]
        self.history_label.setText(self.tr("更正记录：") + "\n" + "\n".join(lines))
        self.history_label.setVisible(bool(lines))

    def print_visit(self) -> None:
        """Print this finished visit (with its corrections) for the resident to sign."""
        if self.view is not None and self.view.state == VisitState.FINAL.value:
            title = f"{SPECS[FormKind.VISIT].title} — {self.household_title}"
            self.printing.print_form(FormKind.VISIT, self.view.id, title)

    def done(self, result: int) -> None:
        """Every way out (完成, 关闭, Esc, the window's ×) passes here: keep the typed text."""
        self._timer.stop()
        if not self._closed:
            self._closed = True
            accepted = result == QDialog.DialogCode.Accepted
            if (
                not accepted
                and self._is_draft()
                and (self.writer.visit_id or self.fields.has_content())
            ):
                self.writer.save(self.values())
            self.writer.close()
        super().done(result)
