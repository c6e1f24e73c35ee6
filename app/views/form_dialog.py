"""The shape of every form dialog that saves through a service: fields checked as they are
typed, a message under each, 保存 submitted on the task runner, a refused save shown in place."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from app.domain.errors import Problem, ValidationError
from app.views.form_fields import FieldMessage, FieldMessages
from app.views.workspace import Workspace

SAVE = QDialogButtonBox.StandardButton.Save
CANCEL = QDialogButtonBox.StandardButton.Cancel


class FormDialog(QDialog):
    """Subclasses add their rows to ``messages``, name the buttons (``_set_save_texts``) and
    lay out (``_lay_out``); they say what is wrong now (``_problems``) and how to save
    (``_submit``, whose task ends in their own ``on_done`` or in ``_on_save_failed``)."""

    FALLBACK_FIELD = ""  # shows the problems of fields this form does not have

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.messages = FieldMessages(workspace.language, self)
        self.form_message = FieldMessage()
        self.buttons = QDialogButtonBox(SAVE | CANCEL)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self._failed_text = ""

    def _set_save_texts(self, save: str, cancel: str, failed: str) -> None:
        """The buttons' texts, and what precedes an unexpected error when saving fails."""
        self.buttons.button(SAVE).setText(save)
        self.buttons.button(CANCEL).setText(cancel)
        self._failed_text = failed

    def _lay_out(self, parts: Sequence[QWidget | QLayout], min_width: int) -> None:
        """``parts`` top to bottom, then the form's own message line and the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)
        # Never narrower than the layout needs: a set minimum width replaces the layout's own,
        # and the English category boxes of the household form were cut at 620 px.
        self.setMinimumWidth(max(min_width, layout.minimumSize().width()))

    def _changed(self, field_name: str) -> None:
        self.messages.touch(field_name)
        self._revalidate()

    def _revalidate(self) -> list[Problem]:
        problems = self._problems()
        self.messages.show(problems, fallback=self.FALLBACK_FIELD)
        return problems

    def _problems(self) -> list[Problem]:
        raise NotImplementedError

    def _on_save_clicked(self) -> None:
        self.messages.show_all = True
        if self._revalidate():
            return
        self.buttons.setEnabled(False)
        self._submit()

    def _submit(self) -> None:
        raise NotImplementedError

    def _on_save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.messages.show_refusal(error.problems, self.form_message)
        else:
            self.form_message.show_text(self._failed_text + str(error))
