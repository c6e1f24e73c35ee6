"""Visits, plan reviews and reassessments fall due by 困境等级 (高 every 2 weeks, 中 monthly,
低 quarterly by default; configurable)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import HardshipLevel
from app.domain.errors import ValidationError
from app.domain.visit_schedule import (
    DEFAULT_VISIT_FREQUENCIES,
    Interval,
    days_overdue,
    is_overdue,
    next_visit_due,
    parse_frequencies,
    plan_review_due,
    reassessment_due,
)

H, M, L = HardshipLevel.HIGH, HardshipLevel.MEDIUM, HardshipLevel.LOW


@pytest.mark.parametrize(
    ("last_visit", "level", "registered", "agreed", "due"),
    [
        (date(2024, 3, 1), H, None, None, date(2024, 3, 15)),
        (date(2024, 1, 31), M, None, None, date(2024, 2, 29)),  # month end, leap year
        (date(2024, 11, 30), L, None, None, date(2025, 2, 28)),
        (date(2024, 3, 1), None, None, None, date(2024, 4, 1)),  # never assessed: monthly
        (None, L, date(2024, 3, 1), None, date(2024, 3, 15)),  # first visit within 14 days
        (None, H, date(2024, 3, 1), None, date(2024, 3, 15)),
        (date(2024, 3, 1), L, None, date(2024, 3, 4), date(2024, 3, 4)),  # agreed earlier
        (date(2024, 3, 1), H, None, date(2024, 5, 1), date(2024, 3, 15)),  # never later
    ],
)
def test_next_visit_due(
    last_visit: date | None,
    level: HardshipLevel | None,
    registered: date | None,
    agreed: date | None,
    due: date,
) -> None:
    assert next_visit_due(last_visit, level, registered_on=registered, agreed=agreed) == due


def test_household_never_visited_needs_its_registration_date() -> None:
    with pytest.raises(ValueError):
        next_visit_due(None, H)


def test_supervisor_sets_weekly_visits_for_high_risk() -> None:
    frequencies = parse_frequencies({"高": "7天", "low": "6m"})
    assert frequencies == {H: Interval(days=7), M: Interval(months=1), L: Interval(months=6)}
    assert next_visit_due(date(2024, 3, 1), H, frequencies) == date(2024, 3, 8)
    assert Interval(days=7).label == "每7天" and str(Interval(months=6)) == "6m"


def test_bad_frequency_settings_are_all_reported() -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_frequencies({"urgent": "7d", "medium": "monthly", "low": "0m"})
    assert [p.field for p in excinfo.value.problems] == [
        "visit_frequency.urgent",
        "visit_frequency.medium",
        "visit_frequency.low",
    ]


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("14d", Interval(days=14)),
        ("2w", Interval(days=14)),
        ("2周", Interval(days=14)),
        ("1m", Interval(months=1)),
        ("3个月", Interval(months=3)),
        (" 12M ", Interval(months=12)),
    ],
)
def test_intervals_parse(text: str, interval: Interval) -> None:
    assert Interval.parse(text) == interval
    assert Interval.parse(str(interval)) == interval


def test_overdue_from_the_day_after_due() -> None:
    due = date(2024, 3, 15)
    assert not is_overdue(due, due) and is_overdue(due, due + timedelta(days=1))
    assert days_overdue(due, date(2024, 3, 20)) == 5 and days_overdue(due, date(2024, 3, 1)) == 0


def test_plan_review_and_reassessment() -> None:
    assert plan_review_due(date(2024, 1, 10), H) == date(2024, 2, 10)
    assert plan_review_due(date(2024, 1, 10), L) == date(2024, 7, 10)
    assert plan_review_due(date(2024, 1, 10), L, review_date=date(2024, 3, 1)) == date(2024, 3, 1)
    assert reassessment_due(date(2024, 2, 29), L) == date(2025, 2, 28)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.sampled_from(list(HardshipLevel)),
)
def test_due_dates_move_forward_and_higher_risk_is_never_later(
    day: date, level: HardshipLevel
) -> None:
    due = next_visit_due(day, level)
    assert day < due <= day + timedelta(days=92)
    assert next_visit_due(day, H) <= next_visit_due(day, M) <= next_visit_due(day, L)
    assert DEFAULT_VISIT_FREQUENCIES[level].after(day) == due
