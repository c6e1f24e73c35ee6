"""Household register use cases: create and edit households and members, list, reveal IDs.

Every write validates first (nothing stored on error), then writes the row, its outbox entry, an
audit row and the search document in one transaction."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction, JurisdictionLevel, RelationToHead
from app.models import Household, Jurisdiction, Member
from app.services import audit, search
from app.services.household_checks import (
    check_committee,
    check_no_other_head,
    check_one_head,
    check_unique_id,
    validate_members,
)
from app.services.household_filters import HouseholdFilters, apply_filters
from app.services.household_inputs import (
    HouseholdInput,
    MemberInput,
    validate_household,
    validate_member,
)
from app.services.household_records import (
    HouseholdDetail,
    HouseholdRow,
    MemberView,
    household_row,
    member_view,
)
from app.services.outbox import enqueue
from app.services.search_keys import name_sort_key
from app.store.engine import Store

__all__ = [
    "HouseholdDetail",
    "HouseholdFilters",
    "HouseholdInput",
    "HouseholdRow",
    "HouseholdService",
    "MemberInput",
    "MemberView",
    "sort_key",
]

SORT_COLUMNS: dict[str, Any] = {
    "head_name": Household.head_name_sort,
    "committee_code": Household.committee_code,
    "address": Household.address,
    "categories": Household.categories,
    "member_count": Household.member_count,
    "status": Household.status,
    "hardship_level": Household.hardship_level,
    "next_visit_due": Household.next_visit_due,
    "created_at": Household.created_at,
}
HOUSEHOLD_FIELDS = tuple(f for f in HouseholdInput.__dataclass_fields__)
MEMBER_FIELDS = tuple(f for f in MemberInput.__dataclass_fields__)


def sort_key(name: str) -> str:
    """Pinyin of a name, for ordering lists the way Chinese users expect."""
    return name_sort_key(name)


class HouseholdService:
    """The household register of one open store, acting as ``actor`` (a user login)."""

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    # ---- reading -------------------------------------------------------------------------

    def committees(self) -> list[tuple[str, str]]:
        with self.store.sessions() as session:
            rows = session.execute(
                select(Jurisdiction.code, Jurisdiction.name)
                .where(Jurisdiction.level == JurisdictionLevel.COMMITTEE.value)
                .where(Jurisdiction.deleted.is_(False))
                .order_by(Jurisdiction.code)
            )
            return [(code, name) for code, name in rows]

    def count(self, filters: HouseholdFilters | None = None) -> int:
        with self.store.sessions() as session:
            stmt = apply_filters(select(func.count()).select_from(Household), filters)
            return int(session.execute(stmt).scalar_one())

    def page(
        self,
        filters: HouseholdFilters | None = None,
        sort: str = "head_name",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[HouseholdRow]:
        column = SORT_COLUMNS[sort]
        order = [column.desc() if descending else column.asc(), Household.id]
        stmt = apply_filters(
            select(Household, Jurisdiction.name).join(
                Jurisdiction, Jurisdiction.code == Household.committee_code
            ),
            filters,
        )
        with self.store.sessions() as session:
            result = session.execute(stmt.order_by(*order).offset(offset).limit(limit))
            return [household_row(household, name) for household, name in result]

    def rows(self, household_ids: list[str]) -> list[HouseholdRow]:
        """List rows for the given ids, in the given order (search results)."""
        stmt = apply_filters(
            select(Household, Jurisdiction.name).join(
                Jurisdiction, Jurisdiction.code == Household.committee_code
            ),
            None,
        ).where(Household.id.in_(household_ids))
        with self.store.sessions() as session:
            found = {h.id: household_row(h, name) for h, name in session.execute(stmt)}
        return [found[i] for i in household_ids if i in found]

    def get_household(self, household_id: str) -> HouseholdDetail:
        with self.store.sessions() as session:
            household = self._live_household(session, household_id)
            committee = session.execute(
                select(Jurisdiction.name).where(Jurisdiction.code == household.committee_code)
            ).scalar_one_or_none()
            members = [member_view(m) for m in self._members(session, household_id)]
            data = HouseholdInput(**{f: getattr(household, f) for f in HOUSEHOLD_FIELDS})
            return HouseholdDetail(
                id=household.id,
                data=data,
                committee_name=committee or household.committee_code,
                head_name=household.head_name,
                hardship_level=household.hardship_level,
                service_level=household.service_level,
                next_visit_due=household.next_visit_due,
                members=members,
                updated_at=household.updated_at,
            )

    def get_member(self, member_id: str) -> MemberInput:
        """The stored values of a member for editing (the ID number unmasked is not included)."""
        with self.store.sessions() as session:
            member = self._live_member(session, member_id)
            values = {f: getattr(member, f) for f in MEMBER_FIELDS}
            values["id_number"] = ""
            return MemberInput(**values)

    def reveal_id(self, member_id: str) -> str:
        """The full ID number of one member; the reveal is written to the audit log."""
        with self.store.transaction() as session:
            member = self._live_member(session, member_id)
            audit.record(
                session,
                self.actor,
                AuditAction.REVEAL_ID,
                "member",
                member.id,
                household_id=member.household_id,
            )
            return member.id_number

    # ---- writing -------------------------------------------------------------------------

    def validate_member(self, data: MemberInput) -> MemberInput:
        return validate_member(data)

    def create_household(self, data: HouseholdInput, members: list[MemberInput]) -> str:
        clean = validate_household(data)
        clean_members = validate_members(members)
        check_one_head(clean_members)
        with self.store.transaction() as session:
            check_committee(session, clean.committee_code)
            for index, member in enumerate(clean_members):
                check_unique_id(session, member, None, index)
            household = Household(created_by=self.actor, updated_by=self.actor, **asdict(clean))
            session.add(household)
            session.flush()
            enqueue(session, "household", household.id, asdict(clean), 0)
            for member in clean_members:
                self._insert_member(session, household.id, member)
            self._refresh_household(session, household)
            audit.record(session, self.actor, AuditAction.CREATE, "household", household.id)
            return household.id

    def update_household(self, household_id: str, data: HouseholdInput) -> None:
        clean = validate_household(data)
        with self.store.transaction() as session:
            check_committee(session, clean.committee_code)
            household = self._live_household(session, household_id)
            changed = _apply(household, asdict(clean))
            if not changed:
                return
            household.updated_by = self.actor
            enqueue(session, "household", household.id, changed, household.server_seq)
            self._refresh_household(session, household)
            audit.record(
                session,
                self.actor,
                AuditAction.UPDATE,
                "household",
                household.id,
                fields=sorted(changed),
            )

    def add_member(self, household_id: str, data: MemberInput) -> str:
        clean = validate_member(data)
        with self.store.transaction() as session:
            household = self._live_household(session, household_id)
            check_unique_id(session, clean, None)
            if clean.relation_to_head == RelationToHead.SELF:
                check_no_other_head(session, household_id, None)
            member = self._insert_member(session, household_id, clean)
            self._refresh_household(session, household)
            return member.id

    def update_member(self, member_id: str, data: MemberInput) -> None:
        """Save edits to a member; an empty id_number keeps the stored one (it is never shown)."""
        with self.store.transaction() as session:
            member = self._live_member(session, member_id)
            if not data.id_number.strip():
                data = MemberInput(**{**asdict(data), "id_number": member.id_number})
            clean = validate_member(data)
            check_unique_id(session, clean, member.id)
            if clean.relation_to_head == RelationToHead.SELF:
                check_no_other_head(session, member.household_id, member.id)
            changed = _apply(member, asdict(clean))
            if not changed:
                return
            member.updated_by = self.actor
            enqueue(session, "member", member.id, changed, member.server_seq)
            household = self._live_household(session, member.household_id)
            self._refresh_household(session, household)
            audit.record(
                session,
                self.actor,
                AuditAction.UPDATE,
                "member",
                member.id,
                fields=sorted(changed),
            )

    def remove_member(self, member_id: str) -> None:
        with self.store.transaction() as session:
            member = self._live_member(session, member_id)
            member.deleted = True
            member.updated_by = self.actor
            enqueue(session, "member", member.id, {"deleted": True}, member.server_seq)
            household = self._live_household(session, member.household_id)
            self._refresh_household(session, household)
            audit.record(session, self.actor, AuditAction.DELETE, "member", member.id)

    # ---- internals -----------------------------------------------------------------------

    def _insert_member(self, session: Session, household_id: str, clean: MemberInput) -> Member:
        values = asdict(clean)
        member = Member(
            household_id=household_id,
            created_by=self.actor,
            updated_by=self.actor,
            **values,
        )
        session.add(member)
        session.flush()
        enqueue(session, "member", member.id, {"household_id": household_id, **values}, 0)
        audit.record(
            session,
            self.actor,
            AuditAction.CREATE,
            "member",
            member.id,
            household_id=household_id,
        )
        return member

    def _refresh_household(self, session: Session, household: Household) -> None:
        """Recompute the list's denormalised head name and member count, and the search entry."""
        session.flush()
        members = self._members(session, household.id)
        head = next((m for m in members if m.relation_to_head == RelationToHead.SELF), None)
        household.head_name = head.name if head else (members[0].name if members else "")
        household.head_name_sort = sort_key(household.head_name)
        household.member_count = len(members)
        session.flush()
        search.index_household(session, household.id)

    @staticmethod
    def _members(session: Session, household_id: str) -> list[Member]:
        stmt = (
            select(Member)
            .where(Member.household_id == household_id, Member.deleted.is_(False))
            .order_by(Member.created_at, Member.id)
        )
        return list(session.execute(stmt).scalars())

    @staticmethod
    def _live_household(session: Session, household_id: str) -> Household:
        household = session.get(Household, household_id)
        if household is None or household.deleted:
            raise LookupError(f"household {household_id} not found")
        return household

    @staticmethod
    def _live_member(session: Session, member_id: str) -> Member:
        member = session.get(Member, member_id)
        if member is None or member.deleted:
            raise LookupError(f"member {member_id} not found")
        return member


def _apply(row: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Set changed attributes; return the changed ones."""
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    for key, value in changed.items():
        setattr(row, key, value)
    return changed
