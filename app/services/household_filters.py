"""Filters of the household list, shared by listing and search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, literal_column, select

from app.models import Household

SelectT = TypeVar("SelectT", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class HouseholdFilters:
    committee_code: str | None = None
    category: str | None = None  # HouseholdCategory value
    status: str | None = None  # HouseholdStatus value

    @property
    def empty(self) -> bool:
        return not (self.committee_code or self.category or self.status)


def apply_filters(stmt: SelectT, filters: HouseholdFilters | None) -> SelectT:
    """Restrict a Select over Household to live rows matching ``filters``."""
    stmt = stmt.where(Household.deleted.is_(False))
    if filters is None:
        return stmt
    if filters.committee_code:
        stmt = stmt.where(Household.committee_code == filters.committee_code)
    if filters.status:
        stmt = stmt.where(Household.status == filters.status)
    if filters.category:
        in_categories: Select[Any] = (
            select(literal_column("1"))
            .select_from(func.json_each(Household.categories))
            .where(literal_column("json_each.value") == filters.category)
        )
        stmt = stmt.where(in_categories.exists())
    return stmt
