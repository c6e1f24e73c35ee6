"""Counts for the workbench (工作台): live households by status, category and committee."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select, true

from app.models import Household, Jurisdiction
from app.store.engine import Store


@dataclass(frozen=True)
class HouseholdSummary:
    total: int
    by_status: dict[str, int] = field(default_factory=dict)  # HouseholdStatus value -> count
    by_category: dict[str, int] = field(default_factory=dict)  # HouseholdCategory value -> count
    by_committee: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, count
    overdue_visits: int = 0  # active households whose next visit date has passed


def summarize(store: Store, today: str | None = None) -> HouseholdSummary:
    """One pass over the live households (a grouped query, then categories from JSON)."""
    live = Household.deleted.is_(False)
    with store.sessions() as session:
        grouped = session.execute(
            select(Household.status, Household.committee_code, func.count())
            .where(live)
            .group_by(Household.status, Household.committee_code)
        ).all()
        each = func.json_each(Household.categories).table_valued("value")
        categories = session.execute(
            select(each.c.value, func.count())
            .select_from(Household)
            .join(each, true())
            .where(live)
            .group_by(each.c.value)
        ).all()
        names: dict[str, str] = {
            code: name
            for code, name in session.execute(select(Jurisdiction.code, Jurisdiction.name))
        }
        overdue = session.execute(
            select(func.count())
            .select_from(Household)
            .where(live, Household.status == "active")
            .where(Household.next_visit_due < func.coalesce(today, func.date("now", "localtime")))
        ).scalar_one()
    by_status: Counter[str] = Counter()
    by_committee: Counter[str] = Counter()
    for status, committee, count in grouped:
        by_status[status] += count
        by_committee[committee] += count
    committees = sorted(
        ((code, names.get(code, code), n) for code, n in by_committee.items()),
        key=lambda item: (-item[2], item[0]),
    )
    return HouseholdSummary(
        total=sum(by_status.values()),
        by_status=dict(by_status),
        by_category={str(value): int(count) for value, count in categories},
        by_committee=committees,
        overdue_visits=int(overdue),
    )
