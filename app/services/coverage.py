"""全覆盖、不遗漏 per committee: active households with no visit in their due period, never
assessed, or without a service plan; and the lists behind each count.

"No visit in the due period" reads household.next_visit_due, which every finalised visit,
amendment and assessment keeps up to date; a household never scheduled counts from its
registration plus the first-visit period (14 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, cast, exists, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnClause

from app.domain.enums import HouseholdStatus, JurisdictionLevel
from app.domain.visit_schedule import FIRST_VISIT_WITHIN
from app.models import Assessment, Household, Jurisdiction, ServicePlan
from app.services.household_records import HouseholdRow, household_row
from app.services.local_time import today
from app.store.engine import Store

GAPS = ("visit_overdue", "no_assessment", "no_plan")
# "+committee_code": group with a table scan, not a walk of the committee index (see dashboard).
BY_COMMITTEE: ColumnClause[Any] = literal_column("+household.committee_code")


@dataclass(frozen=True)
class CoverageRow:
    committee_code: str
    committee_name: str
    households: int
    visit_overdue: int
    no_assessment: int
    no_plan: int


def due_date() -> ColumnElement[dt.date]:
    """The household's visit due date, registration + 14 days when never scheduled."""
    first = func.date(Household.created_at, f"+{FIRST_VISIT_WITHIN.days} days")
    return func.coalesce(Household.next_visit_due, cast(first, Date))


def active() -> ColumnElement[bool]:
    return and_(Household.deleted.is_(False), Household.status == HouseholdStatus.ACTIVE.value)


def gap_condition(gap: str, on: dt.date) -> ColumnElement[bool]:
    if gap == "visit_overdue":
        return due_date() < on
    if gap == "no_assessment":
        return ~exists().where(
            Assessment.household_id == Household.id, Assessment.deleted.is_(False)
        )
    if gap == "no_plan":
        return ~exists().where(
            ServicePlan.household_id == Household.id, ServicePlan.deleted.is_(False)
        )
    raise ValueError(f"unknown coverage gap {gap!r}; one of {GAPS}")


class CoverageService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def by_committee(self, on: dt.date | None = None) -> list[CoverageRow]:
        day = on or today()
        counts = [func.count()] + [func.sum(func.iif(gap_condition(g, day), 1, 0)) for g in GAPS]
        with self.store.sessions() as session:
            rows = session.execute(
                select(Household.committee_code, *counts).where(active()).group_by(BY_COMMITTEE)
            ).all()
            names = committee_names(session)
        return sorted(
            (
                CoverageRow(code, names.get(code, code), int(n), int(v), int(a), int(p))
                for code, n, v, a, p in rows
            ),
            key=lambda r: r.committee_code,
        )

    def missing(
        self, committee_code: str, gap: str, on: dt.date | None = None, limit: int = 1000
    ) -> list[HouseholdRow]:
        """The households behind one count, most overdue first."""
        stmt = (
            select(Household, Jurisdiction.name)
            .join(Jurisdiction, Jurisdiction.code == Household.committee_code)
            .where(active(), Household.committee_code == committee_code)
            .where(gap_condition(gap, on or today()))
            .order_by(due_date(), Household.head_name_sort)
            .limit(limit)
        )
        with self.store.sessions() as session:
            return [household_row(h, name) for h, name in session.execute(stmt)]


def committee_names(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(Jurisdiction.code, Jurisdiction.name).where(
            Jurisdiction.level == JurisdictionLevel.COMMITTEE.value
        )
    )
    return {code: name for code, name in rows}
