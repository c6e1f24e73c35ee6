"""Working days by the State Council's schedule (国务院办公厅关于2026年部分节假日安排的通知):
the holidays and the make-up working days, and Monday–Friday for a year not announced yet."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.referrals import ReferralState, follow_up_due
from app.domain.working_days import add_working_days, is_working_day, official_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 2), False),  # 元旦: Friday off
        (date(2026, 1, 4), True),  # Sunday worked
        (date(2026, 2, 14), True),  # Saturday worked before 春节
        (date(2026, 2, 17), False),  # 春节
        (date(2026, 2, 28), True),  # Saturday worked after it
        (date(2026, 5, 9), True),  # Saturday worked after 劳动节
        (date(2026, 10, 7), False),  # 国庆
        (date(2026, 10, 10), True),  # Saturday worked after it
        (date(2026, 11, 25), True),  # an ordinary Wednesday
        (date(2026, 11, 28), False),  # an ordinary Saturday
    ],
)
def test_the_2026_schedule(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_a_referral_sent_before_national_day_is_due_on_the_make_up_saturday() -> None:
    # Wed 30 Sep; 1–7 Oct off; Thu 8, Fri 9 and Sat 10 Oct (worked) are the 3 working days.
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert follow_up_due(ReferralState.SENT, date(2026, 9, 30)) == date(2026, 10, 10)


def test_a_year_not_announced_yet_counts_monday_to_friday() -> None:
    assert official_working_day(date(2099, 1, 1)) is None
    assert is_working_day(date(2099, 1, 2)) is True  # a Friday
    assert is_working_day(date(2099, 1, 3)) is False  # a Saturday
    assert add_working_days(date(2099, 1, 2), 1) == date(2099, 1, 5)  # Friday + 1: Monday


def test_a_calendar_given_by_the_caller_replaces_the_official_one() -> None:
    assert is_working_day(date(2026, 10, 7), holidays=frozenset()) is True
    assert is_working_day(date(2026, 10, 10), holidays=frozenset()) is False
