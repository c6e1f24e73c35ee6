"""Stories of the advisor's workbench (工作台): tasks derived from the data, never typed twice."""

from __future__ import annotations

import datetime as dt

import pytest
from test_assessments import answers
from test_visits import visit_fields
from workflow_data import ADVISOR_LOGIN

from app.domain.enums import HardshipLevel
from app.domain.errors import ValidationError
from app.models import Household
from app.services.assessments import AssessmentService
from app.services.local_time import SHANGHAI, today
from app.services.plans import PlanService
from app.services.visits import VisitService
from app.services.work_tasks import TaskKind, TaskService
from app.services.workflow_settings import read_visit_frequencies
from app.store.engine import Store


def visit_on(store: Store, household_id: str, day: dt.date) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    at = dt.datetime.combine(day, dt.time(10), SHANGHAI)
    visits.finalise(
        visits.save_draft(None, {"household_id": household_id, **visit_fields(visited_at=at)})
    )


def visit_tasks(store: Store, advisor_id: str, on: dt.date) -> list[dt.date]:
    return [
        t.due for t in TaskService(store).for_advisor(advisor_id, on) if t.kind is TaskKind.VISIT
    ]


def test_a_new_household_is_due_for_a_first_visit_within_two_weeks(
    store: Store, household_id: str, advisor_id: str
) -> None:
    assert visit_tasks(store, advisor_id, today()) == []
    due = visit_tasks(store, advisor_id, today() + dt.timedelta(days=14))
    assert due == [today() + dt.timedelta(days=14)]
    task = TaskService(store).for_login(ADVISOR_LOGIN, today() + dt.timedelta(days=20))[0]
    assert task.overdue and task.days_overdue == 6 and task.head_name == "张伟"


def test_visits_fall_due_by_hardship_level_with_configurable_frequencies(
    store: Store, household_id: str, advisor_id: str
) -> None:
    assessments = AssessmentService(store, ADVISOR_LOGIN)
    instrument = assessments.current_instrument()
    assessments.record(household_id, instrument.key, answers(instrument, "worst"))  # 高
    last = today() - dt.timedelta(days=20)
    visit_on(store, household_id, last)
    assert visit_tasks(store, advisor_id, today()) == [last + dt.timedelta(days=14)]  # 2 weeks

    assert VisitService(store, "admin1").set_frequencies({"高": "30d"}) == 1
    assert read_visit_frequencies(store)[HardshipLevel.HIGH].days == 30
    assert visit_tasks(store, advisor_id, today()) == []  # now due in 10 days
    with store.sessions() as session:
        household = session.get(Household, household_id)
        assert household is not None and household.next_visit_due == last + dt.timedelta(days=30)
    with pytest.raises(ValidationError):
        VisitService(store, "admin1").set_frequencies({"很高": "1m"})


def test_plan_review_becomes_a_task_on_its_review_date(
    store: Store, household_id: str, advisor_id: str
) -> None:
    review = today() + dt.timedelta(days=3)
    PlanService(store, ADVISOR_LOGIN).save(household_id, ["稳定基本生活"], review)
    tasks = TaskService(store)
    kinds = {t.kind for t in tasks.for_advisor(advisor_id, today() + dt.timedelta(days=3))}
    assert TaskKind.PLAN_REVIEW in kinds
    assert TaskKind.PLAN_REVIEW not in {t.kind for t in tasks.for_advisor(advisor_id, today())}
    ahead = tasks.for_advisor(advisor_id, today(), horizon_days=3)
    assert TaskKind.PLAN_REVIEW in {t.kind for t in ahead}


def test_an_open_draft_is_on_the_workbench_until_finalised(
    store: Store, household_id: str, advisor_id: str
) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    draft = visits.save_draft(None, {"household_id": household_id, **visit_fields()})
    tasks = TaskService(store)
    assert [t.ref_id for t in tasks.for_advisor(advisor_id) if t.kind is TaskKind.DRAFT] == [draft]
    visits.finalise(draft)
    assert [t for t in tasks.for_advisor(advisor_id) if t.kind is TaskKind.DRAFT] == []
