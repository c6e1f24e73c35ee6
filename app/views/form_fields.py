"""Pieces shared by the dialogs: enum combo boxes and the inline message shown under a field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.domain.enums import LabelledEnum
from app.domain.errors import Problem, ValidationError
from app.views.enum_text import enum_text

ERROR_STYLE = "color: #b3261e;"
MIN_MESSAGE_WIDTH = 160
WARNING_STYLE = "color: #8a5a00;"
FormRow = tuple[str, str, QWidget]  # field name, label, the field's widget
Value = TypeVar("Value")


def fill_enum_combo(
    combo: QComboBox,
    enum: type[LabelledEnum],
    *,
    empty_text: str | None = None,
    skip: Iterable[LabelledEnum] = (),
) -> None:
    """Items for every member of ``enum`` (label shown, code as data); optional empty first item."""
    combo.clear()
    if empty_text is not None:
        combo.addItem(empty_text, None)
    skipped = set(skip)
    for member in enum:
        if member not in skipped:
            combo.addItem(enum_text(member), member.value)


def combo_value(combo: QComboBox) -> str | None:
    value = combo.currentData()
    return None if value is None else str(value)


def set_combo_value(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class FieldMessage(QLabel):
    """The red line under a field saying what is wrong and how to fix it; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def show_text(self, text: str, *, warning: bool = False) -> None:
        self.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Form layouts do not give wrapped labels their height-for-width: claim it here."""
        needed = self.heightForWidth(max(self.width(), MIN_MESSAGE_WIDTH)) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(needed, 0))

    def clear_text(self) -> None:
        self.show_text("")


def problems_of(check: Callable[[Value], object], value: Value) -> list[Problem]:
    """The problems ``check(value)`` raises as a ValidationError; none when it passes."""
    try:
        check(value)
    except ValidationError as error:
        return list(error.problems)
    return []


def failure_text(error: BaseException, language: str, prefix: str) -> str:
    """A failed operation in words: a ValidationError's problems, else ``prefix`` and the error."""
    if isinstance(error, ValidationError):
        return "\n".join(p.message(language) for p in error.problems)
    return prefix + str(error)


def with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """A field with its message line under it, for a QFormLayout row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


class FieldMessages:
    """Routes validation problems to the message lines of their fields.

    Fields the user has not touched stay quiet until the first save attempt, so a fresh
    dialog does not open full of red text.
    """

    def __init__(self, language: str, owner: QWidget) -> None:
        self.language = language
        self._owner = owner
        self._messages: dict[str, FieldMessage] = {}
        self._touched: set[str] = set()
        self.show_all = False

    def add(self, field_name: str, message: FieldMessage) -> FieldMessage:
        self._messages[field_name] = message
        return message

    def add_rows(self, form: QFormLayout, rows: Iterable[FormRow]) -> None:
        """Each row: its label, then the field with its own message line under it."""
        for field_name, label, widget in rows:
            form.addRow(label, with_message(widget, self.add(field_name, FieldMessage())))

    def touch(self, field_name: str) -> None:
        self._touched.add(field_name)

    def fields(self) -> list[str]:
        return list(self._messages)

    def show_warning(self, field_name: str, text: str) -> None:
        """A soft note (e.g. an unknown region code) that does not block saving."""
        if self.show_all or field_name in self._touched:
            self._messages[field_name].show_text(text, warning=True)

    def show(self, problems: Iterable[Problem], *, fallback: str | None = None) -> list[Problem]:
        """Show each problem at its field; return those with no field here (shown at fallback)."""
        texts: dict[str, list[str]] = {}
        unplaced: list[Problem] = []
        for problem in problems:
            target = problem.field if problem.field in self._messages else fallback
            if target is None or problem.field not in self._messages:
                unplaced.append(problem)
            if target is not None:
                texts.setdefault(target, []).append(problem.message(self.language))
        for name, message in self._messages.items():
            visible = self.show_all or name in self._touched
            message.show_text("\n".join(texts.get(name, [])) if visible else "")
        QTimer.singleShot(0, self._owner, self._grow_owner)
        return unplaced

    def show_refusal(self, problems: Iterable[Problem], line: FieldMessage) -> None:
        """Problems a save was refused with: each at its field, the others on ``line``."""
        unplaced = self.show(problems, fallback=None)
        line.show_text("\n".join(p.message(self.language) for p in unplaced))

    def _grow_owner(self) -> None:
        """A dialog does not grow by itself for wrapped messages (height-for-width): grow it."""
        layout = self._owner.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self._owner.width())
        if needed > self._owner.height():
            self._owner.resize(self._owner.width(), needed)
