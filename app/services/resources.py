"""资源库 use cases: keep the directory, search and filter it, suggest resources for a household."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Assessment, Household, Jurisdiction, Resource
from app.services.resource_records import (
    ResourceInput,
    ResourceView,
    resource_view,
    validate_resource,
)
from app.services.row_writes import insert_row, live, update_row
from app.store.engine import Store


class ResourceService:
    """The resource directory of one store, written as ``actor``."""

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def create(self, data: ResourceInput) -> str:
        clean = validate_resource(data)
        with self.store.transaction() as session:
            return insert_row(session, self.actor, Resource(**asdict(clean)))

    def update(self, resource_id: str, data: ResourceInput) -> None:
        clean = validate_resource(data)
        with self.store.transaction() as session:
            row = live(session, Resource, resource_id, "resource")
            update_row(session, self.actor, row, asdict(clean))

    def set_active(self, resource_id: str, active: bool) -> None:
        with self.store.transaction() as session:
            row = live(session, Resource, resource_id, "resource")
            update_row(session, self.actor, row, {"active": active})

    def get(self, resource_id: str) -> ResourceView:
        with self.store.sessions() as session:
            return resource_view(live(session, Resource, resource_id, "resource"))

    def search(
        self,
        text: str = "",
        *,
        category: str | None = None,
        area_code: str | None = None,
        active_only: bool = True,
        limit: int = 500,
    ) -> list[ResourceView]:
        """Resources whose name, provider, eligibility or description contain ``text``; a
        committee ``area_code`` keeps those serving it (or its street/district, or everywhere)."""
        stmt = select(Resource).where(Resource.deleted.is_(False))
        if active_only:
            stmt = stmt.where(Resource.active.is_(True))
        if category:
            stmt = stmt.where(Resource.category == category)
        for word in text.split():
            pattern = f"%{word}%"
            stmt = stmt.where(
                or_(
                    Resource.name.like(pattern),
                    Resource.provider_name.like(pattern),
                    Resource.eligibility.like(pattern),
                    Resource.description.like(pattern),
                )
            )
        with self.store.sessions() as session:
            rows = list(session.execute(stmt.order_by(Resource.category, Resource.name)).scalars())
            areas = area_chain(session, area_code) if area_code else None
        found = [r for r in rows if areas is None or serves(r.area_codes, areas)]
        return [resource_view(r) for r in found[:limit]]

    def suggest(
        self, household_id: str, needs: list[str] | None = None
    ) -> dict[str, list[ResourceView]]:
        """Active resources per need (from ``needs`` or the latest assessment) in the household's
        area; needs without a matching resource map to []."""
        with self.store.sessions() as session:
            household = live(session, Household, household_id, "household")
            wanted = needs if needs is not None else latest_needs(session, household_id)
            areas = area_chain(session, household.committee_code)
            rows = list(
                session.execute(
                    select(Resource)
                    .where(Resource.deleted.is_(False), Resource.active.is_(True))
                    .where(Resource.category.in_(wanted))
                    .order_by(Resource.name)
                ).scalars()
            )
        result: dict[str, list[ResourceView]] = {need: [] for need in wanted}
        for row in rows:
            if serves(row.area_codes, areas):
                result[row.category].append(resource_view(row))
        return result


def area_chain(session: Session, code: str) -> set[str]:
    """A jurisdiction code with its ancestors (committee → street → district)."""
    chain: set[str] = set()
    current: str | None = code
    while current and current not in chain:
        chain.add(current)
        current = session.execute(
            select(Jurisdiction.parent_code).where(Jurisdiction.code == current)
        ).scalar_one_or_none()
    return chain


def serves(area_codes: list[str], areas: set[str]) -> bool:
    return not area_codes or bool(set(area_codes) & areas)


def latest_needs(session: Session, household_id: str) -> list[str]:
    needs = session.execute(
        select(Assessment.needs)
        .where(Assessment.household_id == household_id, Assessment.deleted.is_(False))
        .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    return list(needs or [])
