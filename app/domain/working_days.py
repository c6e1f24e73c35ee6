"""Working days (工作日): Monday–Friday, minus public holidays, plus the weekend make-up days (调休)
that the State Council announces each year; both sets are passed in, none are guessed."""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta


def is_working_day(
    day: date, *, holidays: Set[date] = frozenset(), make_up_days: Set[date] = frozenset()
) -> bool:
    if day in make_up_days:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: date,
    days: int,
    *,
    holidays: Set[date] = frozenset(),
    make_up_days: Set[date] = frozenset(),
) -> date:
    """The date `days` working days after `start` (start itself not counted); days ≥ 0."""
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day, holidays=holidays, make_up_days=make_up_days):
            days -= 1
    return day
