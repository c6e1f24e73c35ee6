"""Writing checked ledger households into the store inside the import's one transaction: a new
household with its members, or an update of the household its ID numbers (or 户编号) name, so a
re-import adds nothing twice. Every row written gets its outbox entry and audit row.

New rows are collected per chunk and inserted with executemany (what makes 10,000 rows a matter
of seconds); updates of stored rows go through ``update_row`` like any other edit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction, RelationToHead
from app.domain.visit_schedule import next_visit_due
from app.models import AuditEvent, Household, LedgerKey, Member, OutboxEntry, new_id
from app.services import search
from app.services.duplicate_merge import refresh_counts
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import sort_key
from app.services.ledger_rows import LedgerRow
from app.services.local_time import today
from app.services.outbox import wire_value
from app.services.row_writes import update_row

LOOKUP_CHUNK = 500
HOUSEHOLD_KEEPS = ("discovery_source", "status", "advisor_id")  # the ledger never overwrites


@dataclass
class WriteCounts:
    households_created: int = 0
    households_updated: int = 0
    members_created: int = 0
    members_updated: int = 0


class LedgerWriter:
    def __init__(self, session: Session, actor: str, source: str) -> None:
        self.session = session
        self.actor = actor
        self.source = source  # the ledger's file name, kept in the audit rows
        self.by_id: dict[str, tuple[str, str]] = {}  # id number -> (member id, household id)
        self.by_key: dict[tuple[str, str], str] = {}  # (committee, 户编号) -> household id
        self.counts = WriteCounts()
        self.pending: dict[type[Any], list[dict[str, Any]]] = defaultdict(list)
        self.created: list[str] = []  # new households of this chunk (counts already right)
        self.touched: set[str] = set()  # stored households changed (counts recomputed)
        self.households: dict[str, Household] = {}  # stored households read for updates
        self.members: dict[str, list[Member]] = {}  # stored household id -> live members

    def preload(self, rows: Iterable[LedgerRow]) -> None:
        """Look up the ID numbers and 户编号 of the file among the stored rows (indexed)."""
        rows = list(rows)
        numbers = sorted({r.member.id_number for r in rows if r.member and r.member.id_number})
        for chunk in _chunks(numbers):
            for member_id, household_id, number in self.session.execute(
                select(Member.id, Member.household_id, Member.id_number).where(
                    Member.id_number.in_(chunk), Member.deleted.is_(False)
                )
            ):
                self.by_id[number] = (member_id, household_id)
        keys = sorted({r.text("household_key") for r in rows if r.text("household_key")})
        for chunk in _chunks(keys):
            for committee, key, household_id in self.session.execute(
                select(LedgerKey.committee_code, LedgerKey.key, LedgerKey.household_id).where(
                    LedgerKey.key.in_(chunk), LedgerKey.deleted.is_(False)
                )
            ):
                self.by_key[(committee, key)] = household_id

    def load(self, household_ids: set[str]) -> None:
        """Read the stored households a chunk updates, and their members, in two queries."""
        for chunk in _chunks(sorted(household_ids - self.members.keys())):
            for household in self.session.execute(
                select(Household).where(Household.id.in_(chunk))
            ).scalars():
                self.households[household.id] = household
            for household_id in chunk:
                self.members[household_id] = []
            for member in self.session.execute(
                select(Member).where(Member.household_id.in_(chunk), Member.deleted.is_(False))
            ).scalars():
                self.members[member.household_id].append(member)

    def target(self, household: HouseholdInput, rows: list[LedgerRow], key: str) -> set[str]:
        """The stored households this group's ID numbers (or 户编号) belong to."""
        found = {
            self.by_id[r.member.id_number][1]
            for r in rows
            if r.member and r.member.id_number in self.by_id
        }
        if not found and key and (household.committee_code, key) in self.by_key:
            found.add(self.by_key[(household.committee_code, key)])
        return found

    def create(self, household: HouseholdInput, rows: list[LedgerRow], key: str) -> None:
        values = asdict(household) | {
            "next_visit_due": next_visit_due(None, None, registered_on=today())
        }
        head = next(r.member for r in rows if r.is_head and r.member)
        household_id = new_id()
        self._add(
            Household,
            household_id,
            values,
            head_name=head.name,
            head_name_sort=sort_key(head.name),
            member_count=len(rows),
        )
        for row in rows:
            assert row.member is not None
            self._insert_member(household_id, row.member)
        if key:
            self._key(household.committee_code, key, household_id)
        self.counts.households_created += 1
        self.created.append(household_id)

    def update(
        self, household_id: str, household: HouseholdInput, rows: list[LedgerRow], key: str
    ) -> None:
        """Bring a stored household up to the ledger (a refused row gets its error)."""
        self.load({household_id})
        stored = self.households[household_id]
        values = {
            k: v
            for k, v in asdict(household).items()
            if k not in HOUSEHOLD_KEEPS and v not in ("", [], None)
        }
        if update_row(self.session, self.actor, stored, values, ledger=self.source):
            self.counts.households_updated += 1
            self.touched.add(household_id)
        members = self.members[household_id]
        for row in rows:
            self._merge_member(household_id, members, row)
        if key and (household.committee_code, key) not in self.by_key:
            self._key(household.committee_code, key, household_id)

    def finish(self) -> None:
        """Insert the chunk's new rows; index new households; recompute the changed ones."""
        for model in (Household, Member, LedgerKey, OutboxEntry, AuditEvent):
            if self.pending.get(model):
                self.session.execute(insert(model), self.pending.pop(model))
        self.session.flush()
        search.index_new_households(self.session, self.created)
        for household_id in sorted(self.touched - set(self.created)):
            household = self.session.get(Household, household_id)
            if household is not None:
                refresh_counts(self.session, self.actor, household)
        self.created.clear()
        self.touched.clear()

    # ---- internals -----------------------------------------------------------------------

    def _add(self, model: type[Any], row_id: str, values: dict[str, Any], **extra: Any) -> None:
        """Queue a new row with its outbox entry and audit row (inserted by ``finish``)."""
        self.pending[model].append(
            {"id": row_id, "created_by": self.actor, "updated_by": self.actor, **values, **extra}
        )
        entity = str(model.__tablename__)
        payload = {k: wire_value(v) for k, v in values.items()}
        self.pending[OutboxEntry].append(
            {"entity": entity, "row_id": row_id, "fields": payload, "base_seq": 0}
        )
        self.pending[AuditEvent].append(
            {
                "id": new_id(),
                "actor": self.actor,
                "action": AuditAction.CREATE.value,
                "entity": entity,
                "entity_id": row_id,
                "detail": {"ledger": self.source},
            }
        )

    def _merge_member(self, household_id: str, members: list[Member], row: LedgerRow) -> None:
        data = row.member
        assert data is not None
        known = self.by_id.get(data.id_number) if data.id_number else None
        twin = next((m for m in members if known and m.id == known[0]), None)
        twin = twin or next((m for m in members if not m.id_number and m.name == data.name), None)
        head = next((m for m in members if m.relation_to_head == RelationToHead.SELF), None)
        if data.relation_to_head == RelationToHead.SELF and head is not None and head is not twin:
            row.error(
                "relation",
                f"该户已有户主（{head.name}），请核对与户主关系。",
                "This household already has a head; check the relation.",
            )
            return
        if twin is None:
            self._insert_member(household_id, data)
            self.touched.add(household_id)
            return
        values = {k: v for k, v in asdict(data).items() if k in row.provided}
        if update_row(self.session, self.actor, twin, values, ledger=self.source):
            self.counts.members_updated += 1
            self.touched.add(household_id)

    def _insert_member(self, household_id: str, data: MemberInput) -> None:
        member_id = new_id()
        self._add(Member, member_id, {"household_id": household_id, **asdict(data)})
        if data.id_number:
            self.by_id[data.id_number] = (member_id, household_id)
        self.counts.members_created += 1

    def _key(self, committee: str, key: str, household_id: str) -> None:
        values = {"committee_code": committee, "key": key, "household_id": household_id}
        self._add(LedgerKey, new_id(), values)
        self.by_key[(committee, key)] = household_id


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]
