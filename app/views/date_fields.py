"""Dates between Qt's date widgets and Python: QDate ⇄ date, typed for the views."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

NO_DATE = QDate(2000, 1, 1)  # an optional date field's minimum: shows its special "not set" text


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)
