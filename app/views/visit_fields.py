"""The fields of a visit record (time, kind, people met, needs, next visit; situation, advice,
agreed actions) in two columns, with their message lines; read, filled and locked as a whole."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain.enums import NeedCategory, VisitKind
from app.services.local_time import SHANGHAI
from app.services.visit_records import VisitView
from app.views.date_fields import NO_DATE, to_date, to_qdate
from app.views.enum_text import enum_text
from app.views.form_fields import (
    FieldMessages,
    combo_value,
    fill_enum_combo,
    set_combo_value,
)

NEED_COLUMNS = 3
TEXT_MIN_WIDTH = 280  # px: the situation, advice and agreed actions boxes


def shanghai_now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI).replace(tzinfo=None, second=0, microsecond=0)


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    local = moment.astimezone(SHANGHAI) if moment.tzinfo else moment
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    """Shanghai wall-clock time, naive (the service reads it as Shanghai time)."""
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


class VisitFields(QWidget):
    """``edited`` names the field the user changed; filling by code emits nothing."""

    edited = Signal(str)

    def __init__(self, messages: FieldMessages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._messages = messages
        self._loading = False
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self._left_column(), 1)
        columns.addSpacing(12)
        columns.addWidget(self._right_column(), 1)
        self._connect()

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        self._messages.add_rows(form, [(name, label, widget)])

    def _left_column(self) -> QWidget:
        self.time_edit = QDateTimeEdit()
        self.time_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.time_edit.setCalendarPopup(True)
        self.kind_combo = QComboBox()
        fill_enum_combo(self.kind_combo, VisitKind, empty_text=self.tr("请选择"))
        self.people_edit = QLineEdit()
        self.people_edit.setPlaceholderText(self.tr("如：户主本人、配偶、居委干部"))
        self.need_boxes = {n.value: QCheckBox(enum_text(n)) for n in NeedCategory}
        needs = QWidget()
        grid = QGridLayout(needs)
        grid.setContentsMargins(0, 0, 0, 0)
        for position, box in enumerate(self.need_boxes.values()):
            grid.addWidget(box, *divmod(position, NEED_COLUMNS))
        self.next_edit = QDateEdit()
        self.next_edit.setDisplayFormat("yyyy-MM-dd")
        self.next_edit.setMinimumDate(NO_DATE)
        self.next_edit.setSpecialValueText(self.tr("未约定"))
        self.next_edit.setCalendarPopup(True)
        column = QWidget()
        form = QFormLayout(column)
        form.setContentsMargins(0, 0, 0, 0)
        self._row(form, "visited_at", self.tr("走访时间"), self.time_edit)
        self._row(form, "kind", self.tr("走访方式"), self.kind_combo)
        self._row(form, "people_met", self.tr("接触对象"), self.people_edit)
        self._row(form, "needs", self.tr("发现的需求"), needs)
        self._row(form, "next_visit_on", self.tr("下次走访"), self.next_edit)
        return column

    def _right_column(self) -> QWidget:
        self.situation_edit = QPlainTextEdit()
        self.situation_edit.setPlaceholderText(self.tr("居住、健康、经济、照护、情绪等所见所闻"))
        self.advice_edit = QPlainTextEdit()
        self.actions_edit = QPlainTextEdit()
        column = QWidget()
        form = QFormLayout(column)
        form.setContentsMargins(0, 0, 0, 0)
        for edit, height in ((self.situation_edit, 120), (self.advice_edit, 70),
                             (self.actions_edit, 70)):  # fmt: skip
            edit.setMinimumHeight(height)
            edit.setMinimumWidth(TEXT_MIN_WIDTH)  # the record itself: never squeezed
        self._row(form, "situation", self.tr("观察到的情况"), self.situation_edit)
        self._row(form, "advice", self.tr("给出的建议"), self.advice_edit)
        self._row(form, "agreed_actions", self.tr("约定的行动"), self.actions_edit)
        return column

    def _connect(self) -> None:
        self.people_edit.textEdited.connect(lambda _t: self._edited("people_met"))
        self.situation_edit.textChanged.connect(lambda: self._edited("situation"))
        self.advice_edit.textChanged.connect(lambda: self._edited("advice"))
        self.actions_edit.textChanged.connect(lambda: self._edited("agreed_actions"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._edited("kind"))
        self.time_edit.dateTimeChanged.connect(lambda _v: self._edited("visited_at"))
        self.next_edit.dateChanged.connect(lambda _v: self._edited("next_visit_on"))
        for box in self.need_boxes.values():
            box.toggled.connect(lambda _on: self._edited("needs"))

    def _edited(self, name: str) -> None:
        if not self._loading:
            self.edited.emit(name)

    def values(self) -> dict[str, Any]:
        """What the fields hold, as the fields VisitService takes."""
        next_day = self.next_edit.date()
        return {
            "visited_at": from_qdatetime(self.time_edit.dateTime()),
            "kind": combo_value(self.kind_combo),
            "people_met": self.people_edit.text(),
            "situation": self.situation_edit.toPlainText(),
            "needs": [code for code, box in self.need_boxes.items() if box.isChecked()],
            "advice": self.advice_edit.toPlainText(),
            "agreed_actions": self.actions_edit.toPlainText(),
            "next_visit_on": None if next_day == NO_DATE else to_date(next_day),
        }

    def has_content(self) -> bool:
        """Anything typed or chosen (the time is filled in by itself)."""
        values = self.values()
        texts = ("people_met", "situation", "advice", "agreed_actions")
        return any(str(values[n]).strip() for n in texts) or bool(values["needs"] or values["kind"])

    def fill(self, view: VisitView | None) -> None:
        """Show ``view`` (None: an empty visit now)."""
        self._loading = True
        try:
            at = view.visited_at if view and view.visited_at else shanghai_now()
            self.time_edit.setDateTime(to_qdatetime(at))
            set_combo_value(self.kind_combo, view.kind if view else None)
            self.people_edit.setText(view.people_met if view else "")
            self.situation_edit.setPlainText(view.situation if view else "")
            for code, box in self.need_boxes.items():
                box.setChecked(view is not None and code in view.needs)
            self.advice_edit.setPlainText(view.advice if view else "")
            self.actions_edit.setPlainText(view.agreed_actions if view else "")
            next_on = view.next_visit_on if view else None
            self.next_edit.setDate(to_qdate(next_on) if next_on else NO_DATE)
        finally:
            self._loading = False

    def set_editable(self, editable: bool) -> None:
        for edit in (self.people_edit, self.situation_edit, self.advice_edit, self.actions_edit):
            edit.setReadOnly(not editable)
        self.time_edit.setReadOnly(not editable)
        self.next_edit.setReadOnly(not editable)
        self.kind_combo.setEnabled(editable)
        for box in self.need_boxes.values():
            box.setEnabled(editable)
