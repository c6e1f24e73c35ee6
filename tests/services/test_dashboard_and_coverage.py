"""Stories of the supervisor: coverage gaps per committee, and dashboard numbers that equal counts
computed directly from the database; the dashboard exports to xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import text
from test_assessments import answers
from test_help_requests import online_request
from test_ledger_import import good_rows, write_csv
from test_visits import visit_fields
from workflow_data import ADVISOR_LOGIN, COMMITTEE

from app.services.assessments import AssessmentService
from app.services.coverage import CoverageService
from app.services.dashboard import DashboardService
from app.services.dashboard_export import export_dashboard
from app.services.help_requests import HelpRequestService
from app.services.ledger_import import import_ledger
from app.services.local_time import SHANGHAI, today
from app.services.plans import PlanService
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.services.visits import VisitService
from app.store.engine import Store


def busy_store(store: Store, tmp_path: Path, household_id: str) -> None:
    """Four households in two committees with visits, an assessment, a plan, referrals, intake."""
    import_ledger(store, write_csv(tmp_path / "t.csv", good_rows(), "utf-8"))
    visits = VisitService(store, ADVISOR_LOGIN)
    now = dt.datetime.now(SHANGHAI).replace(microsecond=0)
    for at in (now, now - dt.timedelta(minutes=5), now - dt.timedelta(days=70)):
        fields = visit_fields(visited_at=at)
        visits.finalise(visits.save_draft(None, {"household_id": household_id, **fields}))
    assessments = AssessmentService(store, ADVISOR_LOGIN)
    instrument = assessments.current_instrument()
    assessments.record(household_id, instrument.key, answers(instrument, "worst"))
    PlanService(store, ADVISOR_LOGIN).save(
        household_id, ["稳定生活"], today() - dt.timedelta(days=1)
    )
    clinic = ResourceService(store, ADVISOR_LOGIN).create(
        ResourceInput(name="社区医院", category="medical", provider_kind="department")
    )
    referrals = ReferralService(store, ADVISOR_LOGIN)
    first = referrals.create(ReferralInput(household_id, "medical", "看病", resource_id=clinic))
    referrals.act(first, "send", at=dt.datetime.now(SHANGHAI) - dt.timedelta(days=30))
    referrals.create(ReferralInput(household_id, "legal_aid", "纠纷"))
    HelpRequestService(store, "station1").receive(
        online_request(received_at=dt.datetime.now(SHANGHAI) - dt.timedelta(days=10))
    )


def sql_count(store: Store, query: str, **params: object) -> int:
    with store.sessions() as session:
        return int(session.execute(text(query), params).scalar_one())


def test_dashboard_numbers_equal_counts_from_the_database(
    store: Store, tmp_path: Path, household_id: str
) -> None:
    busy_store(store, tmp_path, household_id)
    board = DashboardService(store).snapshot()
    first = next(c for c in board.committees if c.code == COMMITTEE)
    day = today().isoformat()
    month = today().replace(day=1)
    assert first.households == sql_count(
        store,
        "SELECT count(*) FROM household WHERE NOT deleted AND committee_code = :c",
        c=COMMITTEE,
    )
    assert first.by_category["dibao"] == sql_count(
        store,
        "SELECT count(*) FROM household, json_each(household.categories) AS j "
        "WHERE NOT deleted AND committee_code = :c AND j.value = 'dibao'",
        c=COMMITTEE,
    )
    assert first.by_level == {"high": 1, "none": 2}
    start = dt.datetime.combine(month, dt.time(), SHANGHAI).astimezone(dt.UTC)
    assert (
        first.visits_this_month
        == sql_count(
            store,
            "SELECT count(*) FROM visit WHERE state = 'final' AND visited_at >= :s",
            s=start.replace(tzinfo=None).isoformat(" "),
        )
        == 2
    )
    assert first.visited_this_month == 1
    assert first.overdue_plan_reviews == 1
    assert (
        first.overdue_referrals
        == sql_count(
            store,
            "SELECT count(*) FROM referral WHERE state NOT IN ('completed','returned','withdrawn') "
            "AND follow_up_on < :d",
            d=day,
        )
        == 1
    )
    assert first.overdue_intake == 1
    assert first.referrals_by_state == {"sent": 1, "draft": 1}
    assert board.referrals_by_category == {"sent": {"medical": 1}, "draft": {"legal_aid": 1}}
    total = board.total()
    assert total.households == sql_count(store, "SELECT count(*) FROM household WHERE NOT deleted")
    assert total.overdue_tasks == sum(c.overdue_tasks for c in board.committees)

    out = export_dashboard(store, "supervisor1", board, tmp_path / "dashboard.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["概览", "救助类别", "困境等级", "转介状态", "转介资源类别"]
    overview = list(book["概览"].iter_rows(min_row=3, values_only=True))
    assert overview[-1][1] == "合计" and overview[-1][2] == total.households


def test_coverage_shows_households_without_assessment_or_plan(
    store: Store, tmp_path: Path, household_id: str
) -> None:
    busy_store(store, tmp_path, household_id)
    coverage = CoverageService(store)
    row = next(r for r in coverage.by_committee() if r.committee_code == COMMITTEE)
    assert (row.households, row.no_assessment, row.no_plan) == (3, 2, 2)
    assert row.visit_overdue == 0  # new ones are due within 14 days; 张伟 was just visited
    later = today() + dt.timedelta(days=15)
    assert (
        next(r for r in coverage.by_committee(later) if r.committee_code == COMMITTEE).visit_overdue
        == 3
    )
    missing = coverage.missing(COMMITTEE, "no_plan")
    assert sorted(h.head_name for h in missing) == sorted(["张伟", "欧阳·𠮷"])  # the ledger's
    assert household_id not in {h.id for h in missing}
