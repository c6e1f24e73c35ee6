"""Acting on duplicates: candidates for a form, the review list, dismissing a pair, and merging
one household (or member) into another so that every visit, assessment, plan action, referral and
help request is kept, re-pointed at the surviving row. Each merge is one transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.duplicates import HouseholdKey, PersonKey
from app.domain.enums import RelationToHead
from app.models import (
    Assessment,
    DuplicateDismissal,
    HelpRequest,
    Household,
    LedgerKey,
    Member,
    MergeRecord,
    PlanAction,
    Referral,
    Visit,
)
from app.services import search
from app.services.duplicates import (
    DuplicatePair,
    HouseholdCandidate,
    PersonCandidate,
    household_candidates,
    person_candidates,
    review_pairs,
)
from app.services.households import sort_key
from app.services.plans import plan_of
from app.services.row_writes import insert_row, live, tombstone_row, update_row
from app.store.engine import Store

# Rows that hang off a household and move with a merge.
HOUSEHOLD_CHILDREN = (Visit, Assessment, Referral, HelpRequest)


class DuplicateService:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def person_candidates(
        self, key: PersonKey, exclude_member_id: str | None = None
    ) -> list[PersonCandidate]:
        with self.store.sessions() as session:
            return person_candidates(session, key, exclude_member_id=exclude_member_id)

    def household_candidates(
        self, key: HouseholdKey, exclude_household_id: str | None = None
    ) -> list[HouseholdCandidate]:
        with self.store.sessions() as session:
            return household_candidates(session, key, exclude_household_id=exclude_household_id)

    def review_list(self, committee_code: str | None = None) -> list[DuplicatePair]:
        return review_pairs(self.store, committee_code)

    def dismiss(self, entity: str, first_id: str, second_id: str, note: str = "") -> None:
        """Record that a reviewed pair is two different people (households)."""
        a, b = sorted([first_id, second_id])
        with self.store.transaction() as session:
            row = DuplicateDismissal(entity=entity, first_id=a, second_id=b, note=note.strip())
            insert_row(session, self.actor, row)

    def merge_households(self, keep_id: str, drop_id: str, note: str = "") -> None:
        """Move everything of ``drop_id`` to ``keep_id`` and tombstone it. Members with the same
        ID number are merged; the others join as members (a second head becomes 其他)."""
        if keep_id == drop_id:
            raise ValueError("a household cannot be merged into itself")
        with self.store.transaction() as session:
            keep = live(session, Household, keep_id, "household")
            drop = live(session, Household, drop_id, "household")
            self._move_members(session, keep, drop)
            self._move_children(session, keep.id, drop.id)
            self._move_plan(session, keep.id, drop.id)
            for ledger_key in session.execute(
                select(LedgerKey).where(LedgerKey.household_id == drop.id)
            ).scalars():
                update_row(session, self.actor, ledger_key, {"household_id": keep.id})
            tombstone_row(session, self.actor, drop, merged_into=keep.id)
            merged = MergeRecord(entity="household", from_id=drop.id, into_id=keep.id, note=note)
            insert_row(session, self.actor, merged)
            refresh_counts(session, self.actor, keep)
            search.index_household(session, drop.id)

    def merge_members(self, keep_id: str, drop_id: str, note: str = "") -> None:
        """Tombstone member ``drop_id``; its assessments and referrals point at ``keep_id``."""
        if keep_id == drop_id:
            raise ValueError("a member cannot be merged into itself")
        with self.store.transaction() as session:
            keep = live(session, Member, keep_id, "member")
            drop = live(session, Member, drop_id, "member")
            self._merge_member(session, keep, drop, note)
            for household_id in {keep.household_id, drop.household_id}:
                refresh_counts(session, self.actor, live(session, Household, household_id))

    # ---- internals -----------------------------------------------------------------------

    def _merge_member(self, session: Session, keep: Member, drop: Member, note: str) -> None:
        fill = {
            name: getattr(drop, name)
            for name in ("id_number", "birth_date", "phone")
            if not getattr(keep, name) and getattr(drop, name)
        }
        for model in (Assessment, Referral):
            rows = session.execute(select(model).where(model.member_id == drop.id)).scalars()
            for row in rows:
                update_row(session, self.actor, row, {"member_id": keep.id})
        tombstone_row(session, self.actor, drop, merged_into=keep.id)
        session.flush()  # the dropped ID number is free before the kept member takes it
        update_row(session, self.actor, keep, fill)
        insert_row(
            session,
            self.actor,
            MergeRecord(entity="member", from_id=drop.id, into_id=keep.id, note=note),
        )

    def _move_members(self, session: Session, keep: Household, drop: Household) -> None:
        kept = _live_members(session, keep.id)
        by_id = {m.id_number: m for m in kept if m.id_number}
        by_name = {(m.name, m.birth_date): m for m in kept}
        for member in _live_members(session, drop.id):
            twin = by_id.get(member.id_number) if member.id_number else None
            twin = twin or by_name.get((member.name, member.birth_date))
            if twin is not None:
                self._merge_member(session, twin, member, "merged with its household")
                continue
            values: dict[str, object] = {"household_id": keep.id}
            if member.relation_to_head == RelationToHead.SELF:
                values["relation_to_head"] = RelationToHead.OTHER.value
            update_row(session, self.actor, member, values)

    def _move_children(self, session: Session, keep_id: str, drop_id: str) -> None:
        for model in HOUSEHOLD_CHILDREN:
            rows = session.execute(select(model).where(model.household_id == drop_id)).scalars()
            for row in rows:
                update_row(session, self.actor, row, {"household_id": keep_id})

    def _move_plan(self, session: Session, keep_id: str, drop_id: str) -> None:
        dropped = plan_of(session, drop_id)
        if dropped is None:
            return
        kept = plan_of(session, keep_id)
        if kept is None:
            update_row(session, self.actor, dropped, {"household_id": keep_id})
            return
        goals = kept.goals + [g for g in dropped.goals if g not in kept.goals]
        update_row(session, self.actor, kept, {"goals": goals})
        actions = session.execute(select(PlanAction).where(PlanAction.plan_id == dropped.id))
        for action in actions.scalars():
            update_row(session, self.actor, action, {"plan_id": kept.id})
        tombstone_row(session, self.actor, dropped, merged_into=kept.id)


def _live_members(session: Session, household_id: str) -> list[Member]:
    return list(
        session.execute(
            select(Member)
            .where(Member.household_id == household_id, Member.deleted.is_(False))
            .order_by(Member.created_at)
        ).scalars()
    )


def refresh_counts(session: Session, actor: str, household: Household) -> None:
    """Recompute the household's head name and member count, and its search document."""
    session.flush()
    members = _live_members(session, household.id)
    head = next((m for m in members if m.relation_to_head == RelationToHead.SELF), None)
    head_name = head.name if head else (members[0].name if members else "")
    household.head_name = head_name
    household.head_name_sort = sort_key(head_name)
    household.member_count = len(members)
    session.flush()
    search.index_household(session, household.id)


__all__ = ["DuplicateService", "refresh_counts"]
