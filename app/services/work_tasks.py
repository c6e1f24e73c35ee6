"""工作台 tasks of an advisor, derived from the data each time (never typed twice): visits due by
困境等级 and the configured frequencies, plan reviews, referral follow-ups, intake deadlines, and
visit drafts left open. Today's and overdue ones; ``horizon_days`` looks further ahead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import HardshipLevel, HouseholdStatus, LabelledEnum, VisitState
from app.domain.referrals import TERMINAL_STATES
from app.domain.visit_schedule import plan_review_due
from app.models import HelpRequest, Household, Referral, ServicePlan, User, Visit
from app.services.help_request_records import OPEN_STATES
from app.services.local_time import local_date, today
from app.services.visits import last_visits, visit_due
from app.services.workflow_settings import visit_frequencies
from app.store.engine import Store


class TaskKind(LabelledEnum):
    VISIT = "visit", "走访"
    PLAN_REVIEW = "plan_review", "方案回顾"
    REFERRAL = "referral", "转介跟进"
    INTAKE = "intake", "求助响应"
    DRAFT = "draft", "未完成的走访草稿"


class TaskNote(StrEnum):
    """What a task says about itself; the views word it in the interface's language."""

    VISIT_DUE = "visit_due"  # args: (困境等级 code, or "" when not assessed)
    FIRST_VISIT = "first_visit"  # registered, never visited
    PLAN_REVIEW = "plan_review"
    REFERRAL_FOLLOW_UP = "referral_follow_up"  # args: (referral state code,)
    INTAKE_RESPONSE = "intake_response"  # args: (respond-by date, ISO; the request's first words)
    DRAFT_UNFINISHED = "draft_unfinished"


@dataclass(frozen=True)
class Task:
    kind: TaskKind
    due: dt.date
    household_id: str
    ref_id: str  # the household, plan, referral, help request or visit the task is about
    head_name: str
    address: str
    note: TaskNote
    args: tuple[str, ...]
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.today > self.due

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.due).days)


class TaskService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_login(self, login: str, on: dt.date | None = None, horizon_days: int = 0) -> list[Task]:
        with self.store.sessions() as session:
            advisor_id = session.execute(
                select(User.id).where(User.login == login)
            ).scalar_one_or_none()
        return self.for_advisor(advisor_id or "", on, horizon_days, login=login)

    def for_advisor(
        self,
        advisor_id: str,
        on: dt.date | None = None,
        horizon_days: int = 0,
        *,
        login: str | None = None,
    ) -> list[Task]:
        """Tasks of the advisor's households due by ``on`` + ``horizon_days``, earliest first."""
        day = on or today()
        until = day + dt.timedelta(days=horizon_days)
        with self.store.sessions() as session:
            households = _households(session, advisor_id)
            if login is None:
                user = session.get(User, advisor_id)
                login = user.login if user is not None else ""
            tasks = [
                *_visit_tasks(session, households, day),
                *_plan_tasks(session, households, day),
                *_referral_tasks(session, households, day),
                *_intake_tasks(session, advisor_id, households, day),
                *_draft_tasks(session, login, day),
            ]
        return sorted(
            (t for t in tasks if t.due <= until), key=lambda t: (t.due, t.kind.value, t.head_name)
        )


def _households(session: Session, advisor_id: str) -> dict[str, Household]:
    rows = session.execute(
        select(Household).where(
            Household.advisor_id == advisor_id,
            Household.deleted.is_(False),
            Household.status == HouseholdStatus.ACTIVE.value,
        )
    ).scalars()
    return {h.id: h for h in rows}


def _task(
    kind: TaskKind,
    due: dt.date,
    h: Household,
    ref: str,
    note: TaskNote,
    day: dt.date,
    *args: str,
) -> Task:
    return Task(kind, due, h.id, ref, h.head_name, h.address, note, args, day)


def _visit_tasks(session: Session, households: dict[str, Household], day: dt.date) -> list[Task]:
    frequencies = visit_frequencies(session)
    last = last_visits(session, list(households))
    tasks = []
    for household in households.values():
        due = visit_due(household, last.get(household.id), frequencies)
        if household.id in last:  # by the frequency of its 困境等级 ("" when not assessed)
            level = household.hardship_level or ""
            task = _task(
                TaskKind.VISIT, due, household, household.id, TaskNote.VISIT_DUE, day, level
            )
        else:
            task = _task(TaskKind.VISIT, due, household, household.id, TaskNote.FIRST_VISIT, day)
        tasks.append(task)
    return tasks


def _plan_tasks(session: Session, households: dict[str, Household], day: dt.date) -> list[Task]:
    plans = session.execute(
        select(ServicePlan).where(
            ServicePlan.household_id.in_(list(households)), ServicePlan.deleted.is_(False)
        )
    ).scalars()
    tasks = []
    for plan in plans:
        household = households[plan.household_id]
        level = HardshipLevel(household.hardship_level) if household.hardship_level else None
        due = plan_review_due(local_date(plan.updated_at), level, review_date=plan.review_on)
        tasks.append(
            _task(TaskKind.PLAN_REVIEW, due, household, plan.id, TaskNote.PLAN_REVIEW, day)
        )
    return tasks


def _referral_tasks(session: Session, households: dict[str, Household], day: dt.date) -> list[Task]:
    closed = [s.value for s in TERMINAL_STATES]
    rows = session.execute(
        select(Referral).where(
            Referral.household_id.in_(list(households)),
            Referral.deleted.is_(False),
            Referral.state.not_in(closed),
            Referral.follow_up_on.is_not(None),
        )
    ).scalars()
    return [
        _task(
            TaskKind.REFERRAL,
            r.follow_up_on,
            households[r.household_id],
            r.id,
            TaskNote.REFERRAL_FOLLOW_UP,
            day,
            r.state,
        )
        for r in rows
        if r.follow_up_on is not None
    ]


def _intake_tasks(
    session: Session, advisor_id: str, households: dict[str, Household], day: dt.date
) -> list[Task]:
    rows = session.execute(
        select(HelpRequest, Household)
        .outerjoin(Household, Household.id == HelpRequest.household_id)
        .where(
            HelpRequest.advisor_id == advisor_id,
            HelpRequest.deleted.is_(False),
            HelpRequest.state.in_(OPEN_STATES),
        )
    ).all()
    return [
        Task(
            TaskKind.INTAKE,
            local_date(r.respond_by),
            r.household_id or "",
            r.id,
            h.head_name if h is not None else r.requester_name,
            h.address if h is not None else r.address,
            TaskNote.INTAKE_RESPONSE,
            (local_date(r.respond_by).isoformat(), r.description[:30]),
            day,
        )
        for r, h in rows
    ]


def _draft_tasks(session: Session, login: str, day: dt.date) -> list[Task]:
    if not login:
        return []
    rows = session.execute(
        select(Visit, Household)
        .join(Household, Household.id == Visit.household_id)
        .where(
            Visit.state == VisitState.DRAFT.value,
            Visit.created_by == login,
            Visit.deleted.is_(False),
        )
    ).all()
    return [
        _task(TaskKind.DRAFT, local_date(v.updated_at), h, v.id, TaskNote.DRAFT_UNFINISHED, day)
        for v, h in rows
    ]
