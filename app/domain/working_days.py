"""Working days (工作日): Monday–Friday, minus public holidays, plus the weekend make-up days (调休)
that the State Council announces each year.

The official calendar comes from ``chinesecalendar``, which is updated each year once the
schedule is announced (usually in November for the next year); updating the app brings the new
year. For a year it does not cover yet, Monday–Friday count: a deadline that spans an unknown
holiday then falls due early, never late, and a make-up Saturday is missed. Callers may pass
their own ``holidays`` and ``make_up_days`` instead (both, or neither)."""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta
from functools import cache

import chinese_calendar


@cache
def official_working_day(day: date) -> bool | None:
    """Whether ``day`` is a working day by the State Council's schedule; None for a year the
    calendar does not cover yet."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def is_working_day(
    day: date, *, holidays: Set[date] | None = None, make_up_days: Set[date] | None = None
) -> bool:
    if holidays is None and make_up_days is None:
        official = official_working_day(day)
        if official is not None:
            return official
        return day.weekday() < 5
    if make_up_days and day in make_up_days:
        return True
    return day.weekday() < 5 and day not in (holidays or frozenset())


def add_working_days(
    start: date,
    days: int,
    *,
    holidays: Set[date] | None = None,
    make_up_days: Set[date] | None = None,
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
