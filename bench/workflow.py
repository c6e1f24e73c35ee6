"""Workflow benchmark (issue 4): on a demo store of 100k households (10k with --quick) on a real
SQLCipher file: opening a household with 200 visits (p95), a visit draft autosave (p95), the
supervisor dashboard and coverage, and importing a 10,000-row ledger (then re-importing it)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from app.domain.enums import RelationToHead, Sex
from app.models import Household, Jurisdiction, Member, Visit, new_id, utcnow
from app.services.assessments import AssessmentService
from app.services.coverage import CoverageService
from app.services.dashboard import DashboardService
from app.services.demo_data import DEMO_LOGIN, generate
from app.services.demo_profile import load_demo
from app.services.duplicates import review_pairs
from app.services.households import HouseholdService
from app.services.ledger_import import import_ledger
from app.services.local_time import SHANGHAI
from app.services.plans import PlanService
from app.services.referrals import ReferralService
from app.services.visits import VisitService
from app.services.work_tasks import TaskService
from app.store.engine import DB_FILENAME, Store, open_engine
from app.store.migrations import upgrade_to_head

FULL_HOUSEHOLDS, QUICK_HOUSEHOLDS = 100_000, 10_000
LEDGER_ROWS, QUICK_LEDGER_ROWS = 10_000, 2_000
VISITS_PER_HOUSEHOLD = 200
ACTOR = "bench"
LEDGER_HEADERS = ["户编号", "姓名", "与户主关系", "身份证号码", "性别", "出生日期", "联系电话",
                  "家庭住址", "所属居委", "救助类别"]  # fmt: skip


def run(quick: bool) -> Iterator[dict[str, Any]]:
    households = QUICK_HOUSEHOLDS if quick else FULL_HOUSEHOLDS
    with tempfile.TemporaryDirectory(prefix="nuanxin-bench-") as folder:
        store = open_engine(Path(folder) / DB_FILENAME, secrets.token_bytes(32))
        try:
            upgrade_to_head(store.engine)
            yield _row("households", load_demo(store, households, seed=2026), "count")
            yield from _visits_seed(store)
            yield from _household_page(store)
            yield from _dashboard(store)
            rows = QUICK_LEDGER_ROWS if quick else LEDGER_ROWS
            yield from _ledger(store, Path(folder), rows)
        finally:
            store.close()


def _row(metric: str, value: float, unit: str) -> dict[str, Any]:
    return {"bench": "workflow", "metric": metric, "value": round(value, 4), "unit": unit}


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]


def _visits_seed(store: Store) -> Iterator[dict[str, Any]]:
    """Finalised visits for a fifth of the households, this month and last (seed data)."""
    rng = random.Random(4)
    with store.sessions() as session:
        ids = list(session.execute(select(Household.id)).scalars())
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "id": new_id(),
            "household_id": household_id,
            "visited_at": now - dt.timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 8)),
            "kind": "home",
            "situation": "情况稳定",
            "needs": ["basic_living"],
            "state": "final",
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
        for household_id in rng.sample(ids, len(ids) // 5)
    ]
    started = time.perf_counter()
    with store.transaction() as session:
        session.execute(insert(Visit), rows)
    yield _row("seed_visits", len(rows), "count")
    yield _row("seed_visits_insert", time.perf_counter() - started, "s")


def _household_page(store: Store) -> Iterator[dict[str, Any]]:
    """Everything the household page reads, for a household with 200 visits."""
    with store.sessions() as session:
        household_id = session.execute(select(Household.id).limit(1)).scalar_one()
    visits = VisitService(store, ACTOR)
    base = dt.datetime(2024, 1, 1, 9, tzinfo=SHANGHAI)
    for day in range(VISITS_PER_HOUSEHOLD):
        fields = {"visited_at": base + dt.timedelta(days=3 * day), "kind": "home"}
        draft = visits.save_draft(None, {"household_id": household_id, **fields})
        visits.save_draft(draft, {"situation": f"第{day}次走访：情况稳定"})
        visits.finalise(draft)
    households = HouseholdService(store, ACTOR)
    assessments, plans = AssessmentService(store, ACTOR), PlanService(store, ACTOR)
    referrals = ReferralService(store, ACTOR)

    def open_page() -> None:
        households.get_household(household_id)
        visits.timeline(household_id)
        assessments.history(household_id)
        plans.get(household_id)
        referrals.for_household(household_id)

    yield _row("open_household_200_visits_p95", _p95(_timed(open_page, 50)) * 1000, "ms")
    draft = visits.save_draft(None, {"household_id": household_id, "kind": "home"})
    text = iter(f"正在输入第{n}个字" for n in range(1000))
    saves = _timed(lambda: visits.save_draft(draft, {"situation": next(text)}), 100)
    yield _row("draft_autosave_p95", _p95(saves) * 1000, "ms")


def _dashboard(store: Store) -> Iterator[dict[str, Any]]:
    board = DashboardService(store)
    times = _timed(board.snapshot, 5)
    yield _row("dashboard_snapshot_median", statistics.median(times), "s")
    yield _row("dashboard_snapshot_max", max(times), "s")
    coverage = _timed(CoverageService(store).by_committee, 3)
    yield _row("coverage_by_committee_median", statistics.median(coverage), "s")
    tasks = _timed(lambda: TaskService(store).for_login(DEMO_LOGIN), 5)
    yield _row("advisor_tasks_median", statistics.median(tasks), "s")
    with store.sessions() as session:
        committee = session.execute(select(Household.committee_code).limit(1)).scalar_one()
    review = _timed(lambda: review_pairs(store, committee), 3)
    yield _row("duplicate_review_one_committee_median", statistics.median(review), "s")


def _ledger(store: Store, folder: Path, rows: int) -> Iterator[dict[str, Any]]:
    path = folder / "ledger.csv"
    _write_ledger(store, path, rows)
    started = time.perf_counter()
    first = import_ledger(store, path)
    yield _row("ledger_rows", first.imported + first.rejected, "count")
    yield _row("ledger_import", time.perf_counter() - started, "s")
    yield _row("ledger_rejected", first.rejected, "count")
    started = time.perf_counter()
    again = import_ledger(store, path)
    yield _row("ledger_reimport", time.perf_counter() - started, "s")
    yield _row("ledger_reimport_created", again.counts.members_created, "count")


def _write_ledger(store: Store, path: Path, rows: int) -> None:
    """A GB18030 ledger of about ``rows`` member rows of new people in the store's committees."""
    with store.sessions() as session:
        committees = list(
            session.execute(
                select(Jurisdiction.code).where(Jurisdiction.level == "committee")
            ).scalars()
        )
        taken = set(session.execute(select(Member.id_number)).scalars())
    data = generate(rows, seed=77)
    members: dict[str, list[dict[str, Any]]] = {}
    for member in data.members:
        members.setdefault(member["household_id"], []).append(member)
    clash = {m["household_id"] for m in data.members if m["id_number"] in taken}
    rng = random.Random(5)
    written = 0
    with path.open("w", encoding="gb18030", errors="replace", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(LEDGER_HEADERS)
        for number, household in enumerate(data.households):
            if household["id"] in clash:  # random ID numbers of two generators can meet
                continue
            committee = rng.choice(committees)
            for member in members[household["id"]]:
                if written >= rows:
                    return
                writer.writerow(_ledger_row(number, household, member, committee))
                written += 1


def _ledger_row(
    number: int, household: dict[str, Any], member: dict[str, Any], committee: str
) -> list[str]:
    return [
        f"B{number:06d}",
        member["name"],
        RelationToHead(member["relation_to_head"]).label,
        member["id_number"],
        Sex(member["sex"]).label,
        member["birth_date"].isoformat() if member["birth_date"] else "",
        member["phone"],
        household["address"],
        committee,
        "低保",
    ]
