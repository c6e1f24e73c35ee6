"""Moments (stored in UTC) shown as Shanghai wall-clock time, and how close a deadline is."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from app.services.local_time import SHANGHAI, aware, now
from app.views.record_table_model import ALERT_COLOR, WARNING_COLOR

SOON = dt.timedelta(hours=24)


def moment_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return aware(moment).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def deadline_color(deadline: dt.datetime, open_: bool = True) -> QColor | None:
    """Red once passed, amber within a day, nothing for closed requests."""
    if not open_:
        return None
    left = aware(deadline) - now()
    if left < dt.timedelta(0):
        return ALERT_COLOR
    return WARNING_COLOR if left < SOON else None
