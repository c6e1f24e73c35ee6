"""The referral state machine: every legal step, every illegal one refused with the allowed steps
named, and follow-up deadlines in calendar or working days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import ReferralAction, ReferralState
from app.domain.errors import ValidationError
from app.domain.referrals import (
    TERMINAL_STATES,
    TRANSITIONS,
    allowed_next,
    follow_up_due,
    is_referral_overdue,
    is_terminal,
    transition,
)
from app.domain.working_days import add_working_days, is_working_day

S, A = ReferralState, ReferralAction

LEGAL = [
    (S.DRAFT, A.SEND, S.SENT),
    (S.DRAFT, A.WITHDRAW, S.WITHDRAWN),
    (S.SENT, A.RECEIVE, S.RECEIVED),
    (S.SENT, A.RETURN, S.RETURNED),
    (S.SENT, A.WITHDRAW, S.WITHDRAWN),
    (S.SENT, A.FOLLOW_UP, S.SENT),
    (S.RECEIVED, A.START, S.IN_SERVICE),
    (S.RECEIVED, A.RETURN, S.RETURNED),
    (S.RECEIVED, A.WITHDRAW, S.WITHDRAWN),
    (S.RECEIVED, A.FOLLOW_UP, S.RECEIVED),
    (S.IN_SERVICE, A.FOLLOW_UP, S.IN_SERVICE),
    (S.IN_SERVICE, A.COMPLETE, S.COMPLETED),
]
ILLEGAL = [
    (state, action)
    for state in S
    for action in A
    if (state, action) not in {(s, a) for s, a, _ in LEGAL}
]


@pytest.mark.parametrize(("state", "action", "after"), LEGAL)
def test_each_legal_step_by_action_and_by_target(
    state: ReferralState, action: ReferralAction, after: ReferralState
) -> None:
    assert transition(state, action) is after
    assert transition(state, after) is after
    assert action in allowed_next(state)


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_each_illegal_step_is_refused_naming_the_state(
    state: ReferralState, action: ReferralAction
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        transition(state, action)
    (problem,) = excinfo.value.problems
    assert (problem.field, problem.code) == ("state", "referral_transition")
    assert f"“{state.label}”" in problem.zh and action.label in problem.zh
    assert state.value in problem.en
    for allowed in allowed_next(state):
        assert allowed.label in problem.zh and allowed.value in problem.en


def test_advisor_cannot_complete_a_referral_that_was_only_sent() -> None:
    with pytest.raises(ValidationError) as excinfo:
        transition(S.SENT, S.COMPLETED)
    assert excinfo.value.problems[0].zh == (
        "转介当前为“已发送”，不能改为“已完成”。现在可以：接收（→已接收）、跟进记录（→已发送）、"
        "退回（→已退回）、撤回（→已撤回）。"
    )


def test_final_states_suggest_a_new_referral() -> None:
    assert {S.COMPLETED, S.RETURNED, S.WITHDRAWN} == TERMINAL_STATES
    for state in TERMINAL_STATES:
        assert is_terminal(state) and allowed_next(state) == []
        with pytest.raises(ValidationError) as excinfo:
            transition(state, A.FOLLOW_UP)
        assert "请新建一条转介" in excinfo.value.problems[0].zh


@given(st.lists(st.sampled_from(list(A)), max_size=30))
def test_any_sequence_of_clicks_stays_on_the_map(actions: list[ReferralAction]) -> None:
    state, visited = S.DRAFT, [S.DRAFT]
    for action in actions:
        try:
            state = transition(state, action)
        except ValidationError:
            assert action not in TRANSITIONS[state]
            continue
        visited.append(state)
    order = [S.DRAFT, S.SENT, S.RECEIVED, S.IN_SERVICE, S.COMPLETED]
    main = [order.index(s) for s in visited if s in order]
    assert main == sorted(main)  # never goes backwards
    assert all(s not in TERMINAL_STATES for s in visited[:-1])


# 2024-10-01..07 National Day holiday; Sunday 29 Sep and Saturday 12 Oct were make-up working days.
HOLIDAYS = frozenset(date(2024, 10, d) for d in range(1, 8))
MAKE_UP = frozenset({date(2024, 9, 29), date(2024, 10, 12)})


@pytest.mark.parametrize(
    ("state", "last_step", "due"),
    [
        (S.DRAFT, date(2024, 3, 1), date(2024, 3, 8)),
        (S.SENT, date(2024, 3, 1), date(2024, 3, 6)),  # Friday + 3 working days = Wednesday
        (S.SENT, date(2024, 9, 27), date(2024, 10, 8)),  # Fri; Sun 29 Sep worked, 30 Sep, 8 Oct
        (S.RECEIVED, date(2024, 10, 8), date(2024, 10, 14)),  # Sat 12 Oct is a working day
        (S.IN_SERVICE, date(2024, 3, 1), date(2024, 3, 31)),
        (S.COMPLETED, date(2024, 3, 1), None),
        (S.RETURNED, date(2024, 3, 1), None),
    ],
)
def test_follow_up_deadlines(state: ReferralState, last_step: date, due: date | None) -> None:
    assert follow_up_due(state, last_step, holidays=HOLIDAYS, make_up_days=MAKE_UP) == due


def test_sent_referral_turns_overdue_after_three_working_days() -> None:
    sent = date(2024, 3, 1)
    assert not is_referral_overdue(S.SENT, sent, date(2024, 3, 6))
    assert is_referral_overdue(S.SENT, sent, date(2024, 3, 7))
    assert not is_referral_overdue(S.COMPLETED, sent, date(2030, 1, 1))


def test_follow_up_note_restarts_the_clock() -> None:
    assert transition(S.IN_SERVICE, A.FOLLOW_UP) is S.IN_SERVICE
    assert not is_referral_overdue(S.IN_SERVICE, date(2024, 4, 20), date(2024, 5, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)), st.integers(0, 40))
def test_working_days_land_on_working_days(start: date, days: int) -> None:
    end = add_working_days(start, days, holidays=HOLIDAYS, make_up_days=MAKE_UP)
    assert end >= start
    if days:
        assert is_working_day(end, holidays=HOLIDAYS, make_up_days=MAKE_UP)
        assert (end - start).days <= days * 7 // 5 + 10
