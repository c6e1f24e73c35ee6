"""Local dates in Shanghai: times are stored as UTC and read as Asia/Shanghai (UTC+8, no DST)."""

from __future__ import annotations

import datetime as dt

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def local_date(moment: dt.datetime) -> dt.date:
    """The Shanghai calendar date of an aware moment (a naive one is taken as Shanghai time)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(SHANGHAI).date()


def aware(moment: dt.datetime) -> dt.datetime:
    """An aware moment: a naive one (typed into a form) is Shanghai wall-clock time."""
    return moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 Shanghai time of ``day``, as an aware moment."""
    return dt.datetime.combine(day, dt.time(), SHANGHAI)
