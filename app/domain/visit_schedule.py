"""When a household is next due for a visit, a plan review or a reassessment, by its 困境等级.

Frequencies are configurable (settings hold them as {"high": "14d", "medium": "1m", "low": "3m"});
months are calendar months, clamped to the month's end (31 Jan + 1m = 28/29 Feb).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.enums import HardshipLevel
from app.domain.errors import Problem, ValidationError

_INTERVAL = re.compile(r"(?P<n>[0-9]+)\s*(?P<unit>d|w|m|天|日|周|个月|月)", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "天": 1, "日": 1, "w": 7, "周": 7}


@dataclass(frozen=True)
class Interval:
    """A span of days or calendar months (one of them, both ≥ 0)."""

    days: int = 0
    months: int = 0

    def after(self, day: date) -> date:
        month_index = day.month - 1 + self.months
        year, month = day.year + month_index // 12, month_index % 12 + 1
        moved = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        return moved + timedelta(days=self.days)

    @classmethod
    def parse(cls, text: str, *, field: str = "interval") -> Interval:
        """'14d', '2w', '1m', '3m' (or 14天, 2周, 3个月); ValidationError otherwise."""
        match = _INTERVAL.fullmatch(text.strip())
        if match is None or int(match["n"]) == 0:
            raise ValidationError.single(
                field,
                "interval_format",
                f"“{text}”不是有效的间隔，请写成天数或月数，"
                "如 14d（14天）、1m（每月）、3m（每季度）。",
                f"{text!r} is not an interval; write days or months such as 14d, 1m or 3m.",
            )
        n, unit = int(match["n"]), match["unit"].lower()
        return cls(days=n * _UNIT_DAYS[unit]) if unit in _UNIT_DAYS else cls(months=n)

    def __str__(self) -> str:
        return f"{self.months}m" if self.months else f"{self.days}d"

    @property
    def label(self) -> str:
        if self.months:
            return "每月" if self.months == 1 else f"每{self.months}个月"
        return f"每{self.days}天"


DEFAULT_VISIT_FREQUENCIES: Mapping[HardshipLevel, Interval] = {
    HardshipLevel.HIGH: Interval(days=14),
    HardshipLevel.MEDIUM: Interval(months=1),
    HardshipLevel.LOW: Interval(months=3),
}
DEFAULT_PLAN_REVIEWS: Mapping[HardshipLevel, Interval] = {
    HardshipLevel.HIGH: Interval(months=1),
    HardshipLevel.MEDIUM: Interval(months=3),
    HardshipLevel.LOW: Interval(months=6),
}
DEFAULT_REASSESSMENTS: Mapping[HardshipLevel, Interval] = {
    HardshipLevel.HIGH: Interval(months=3),
    HardshipLevel.MEDIUM: Interval(months=6),
    HardshipLevel.LOW: Interval(months=12),
}
FIRST_VISIT_WITHIN = Interval(days=14)
UNASSESSED_LEVEL = HardshipLevel.MEDIUM  # frequency for households never assessed


def next_visit_due(
    last_visit: date | None,
    hardship_level: HardshipLevel | None,
    frequencies: Mapping[HardshipLevel, Interval] = DEFAULT_VISIT_FREQUENCIES,
    registered_on: date | None = None,
    *,
    agreed: date | None = None,
    first_visit_within: Interval = FIRST_VISIT_WITHIN,
) -> date:
    """The date the next visit is due: one frequency after the last visit, or for a household never
    visited the earlier of registration + frequency and registration + `first_visit_within`.
    A next-visit date agreed in a visit brings the due date forward, never later."""
    interval = frequencies[hardship_level or UNASSESSED_LEVEL]
    if last_visit is not None:
        due = interval.after(last_visit)
    elif registered_on is not None:
        due = min(interval.after(registered_on), first_visit_within.after(registered_on))
    else:
        raise ValueError("a household never visited needs its registration date")
    return min(due, agreed) if agreed is not None else due


def is_overdue(due: date, today: date) -> bool:
    """Overdue from the day after the due date."""
    return today > due


def days_overdue(due: date, today: date) -> int:
    return max(0, (today - due).days)


def plan_review_due(
    last_reviewed_on: date,
    hardship_level: HardshipLevel | None,
    *,
    review_date: date | None = None,
    intervals: Mapping[HardshipLevel, Interval] = DEFAULT_PLAN_REVIEWS,
) -> date:
    """When a service plan made or last reviewed on `last_reviewed_on` is due for review; a review
    date written in the plan wins when it is earlier."""
    due = intervals[hardship_level or UNASSESSED_LEVEL].after(last_reviewed_on)
    return min(due, review_date) if review_date is not None else due


def reassessment_due(
    last_assessed_on: date,
    hardship_level: HardshipLevel,
    intervals: Mapping[HardshipLevel, Interval] = DEFAULT_REASSESSMENTS,
) -> date:
    return intervals[hardship_level].after(last_assessed_on)


def parse_frequencies(
    settings: Mapping[str, str], *, field: str = "visit_frequency"
) -> dict[HardshipLevel, Interval]:
    """Read {"high": "14d", "中": "1m", ...}; levels not given keep the defaults."""
    found = dict(DEFAULT_VISIT_FREQUENCIES)
    problems: list[Problem] = []
    for key, text in settings.items():
        try:
            level = HardshipLevel(HardshipLevel.from_label(key))
        except ValueError:
            problems.append(
                Problem(
                    f"{field}.{key}",
                    "frequency_level",
                    f"“{key}”不是困境等级，请用 高/中/低（high/medium/low）。",
                    f"{key!r} is not a hardship level; use high, medium or low.",
                )
            )
            continue
        try:
            found[level] = Interval.parse(text, field=f"{field}.{level.value}")
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return found
