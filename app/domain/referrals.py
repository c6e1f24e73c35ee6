"""The referral (转介) state machine and its follow-up deadlines.

草稿 → 已发送 → 已接收 → 服务中 → 已完成; the receiving side may return (退回) a
referral it has been sent or has accepted, the sender may withdraw (撤回) it until service
starts. 已完成, 已退回 and 已撤回 are final: to help further, make a new referral. A follow-up
note (跟进记录) keeps the state and restarts the follow-up clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.enums import ReferralAction, ReferralState
from app.domain.errors import ValidationError
from app.domain.working_days import add_working_days

S, A = ReferralState, ReferralAction
TRANSITIONS: Mapping[ReferralState, Mapping[ReferralAction, ReferralState]] = {
    S.DRAFT: {A.SEND: S.SENT, A.WITHDRAW: S.WITHDRAWN},
    S.SENT: {
        A.RECEIVE: S.RECEIVED,
        A.FOLLOW_UP: S.SENT,
        A.RETURN: S.RETURNED,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.RECEIVED: {
        A.START: S.IN_SERVICE,
        A.FOLLOW_UP: S.RECEIVED,
        A.RETURN: S.RETURNED,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.IN_SERVICE: {A.FOLLOW_UP: S.IN_SERVICE, A.COMPLETE: S.COMPLETED},
    S.COMPLETED: {},
    S.RETURNED: {},
    S.WITHDRAWN: {},
}
TERMINAL_STATES: frozenset[ReferralState] = frozenset(
    s for s, moves in TRANSITIONS.items() if not moves
)


@dataclass(frozen=True)
class OverdueRule:
    """A referral in this state needs a step (or a follow-up note) within `days`."""

    days: int
    working_days: bool = False


DEFAULT_OVERDUE_RULES: Mapping[ReferralState, OverdueRule] = {
    S.DRAFT: OverdueRule(7),  # a draft left unsent for a week
    S.SENT: OverdueRule(3, working_days=True),  # not received within 3 working days
    S.RECEIVED: OverdueRule(5, working_days=True),  # accepted but service not started
    S.IN_SERVICE: OverdueRule(30),  # in service without any update for 30 days
}


def allowed_next(state: ReferralState) -> list[ReferralAction]:
    return list(TRANSITIONS[state])


def is_terminal(state: ReferralState) -> bool:
    return state in TERMINAL_STATES


def transition(state: ReferralState, step: ReferralAction | ReferralState) -> ReferralState:
    """The state after `step` (an action, or the target state); ValidationError if illegal."""
    moves = TRANSITIONS[state]
    if isinstance(step, ReferralAction):
        if step in moves:
            return moves[step]
    elif step in moves.values():
        return step
    raise _illegal(state, step)


def follow_up_due(
    state: ReferralState,
    last_step_on: date,
    *,
    rules: Mapping[ReferralState, OverdueRule] = DEFAULT_OVERDUE_RULES,
    holidays: Set[date] | None = None,
    make_up_days: Set[date] | None = None,
) -> date | None:
    """The last day on which the next step is still on time; None for final states."""
    rule = rules.get(state)
    if rule is None or is_terminal(state):
        return None
    if rule.working_days:
        return add_working_days(
            last_step_on, rule.days, holidays=holidays, make_up_days=make_up_days
        )
    return last_step_on + timedelta(days=rule.days)


def is_referral_overdue(
    state: ReferralState,
    last_step_on: date,
    today: date,
    *,
    rules: Mapping[ReferralState, OverdueRule] = DEFAULT_OVERDUE_RULES,
    holidays: Set[date] | None = None,
    make_up_days: Set[date] | None = None,
) -> bool:
    due = follow_up_due(
        state, last_step_on, rules=rules, holidays=holidays, make_up_days=make_up_days
    )
    return due is not None and today > due


def _illegal(state: ReferralState, step: ReferralAction | ReferralState) -> ValidationError:
    wanted_zh = step.label if isinstance(step, ReferralAction) else f"改为“{step.label}”"
    wanted_en = step.value if isinstance(step, ReferralAction) else f"move to {step.value}"
    if is_terminal(state):
        return ValidationError.single(
            "state",
            "referral_transition",
            f"转介已是“{state.label}”，不能再{wanted_zh}；如需继续帮扶，请新建一条转介。",
            f"The referral is already {state.value} and cannot {wanted_en}; "
            "make a new referral to help further.",
        )
    allowed = allowed_next(state)
    return ValidationError.single(
        "state",
        "referral_transition",
        f"转介当前为“{state.label}”，不能{wanted_zh}。现在可以："
        + "、".join(f"{a.label}（→{TRANSITIONS[state][a].label}）" for a in allowed)
        + "。",
        f"The referral is {state.value} and cannot {wanted_en}; allowed now: "
        + ", ".join(f"{a.value} (-> {TRANSITIONS[state][a].value})" for a in allowed)
        + ".",
    )
