"""Writing synced rows: the gap-free sequence, new rows, field changes, scope moves, projections.

Every function runs inside the push's write transaction, after the counter row is locked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.sync.wire import Row
from server.core.bulk import executemany
from server.core.entities import DELETED, children_of
from server.models import Counter, Jurisdiction, Record, Revision, ScopeExit

COUNTER_ID = 1


def lock_counter(session: Session) -> Counter:
    """The counter row, locked until commit (FOR UPDATE on PostgreSQL; SQLite's write lock is
    already held by BEGIN IMMEDIATE). Every writer queues here, so seqs commit in order."""
    stmt = select(Counter).where(Counter.id == COUNTER_ID).with_for_update()
    return session.execute(stmt).scalar_one()


def take_seq(counter: Counter) -> int:
    counter.seq += 1
    return counter.seq


@dataclass(frozen=True)
class Author:
    """Who makes a change: the user's login, their device and the mutation's mid."""

    login: str
    device_id: str
    mid: int
    at: dt.datetime


def row_of(record: Record) -> Row:
    return Row(
        entity=record.entity,
        id=record.id,
        seq=record.seq,
        scope_code=record.scope_code,
        deleted=record.deleted,
        fields=record.fields,
        created_at=record.created_at,
        created_by=record.created_by,
        updated_at=record.updated_at,
        updated_by=record.updated_by,
    )


# What a field change writes to its row: through the journal, not the unit of work.
CHANGED = ("fields", "field_seq", "deleted", "seq", "updated_at", "updated_by")
_RECORDS = cast(Table, Record.__table__)
_INSERT_REVISION = insert(cast(Table, Revision.__table__))
_UPDATE_CHANGED = (
    update(_RECORDS)
    .where(_RECORDS.c.entity == bindparam("k_entity"), _RECORDS.c.id == bindparam("k_id"))
    .values({name: bindparam(f"v_{name}", type_=_RECORDS.c[name].type) for name in CHANGED})
)


class Journal:
    """What one push writes to rows and revisions, in bulk: through the ORM's unit of work,
    100 changed rows and their 100 revisions cost a push half its time. Changed rows are written
    with their values as they are at flush time (a row changed twice, or moved, ends right);
    whatever reads revisions in the push (the merge, a conflict's other side) flushes the
    journal first, and the push flushes it before commit."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pending: list[dict[str, Any]] = []
        self.changed: dict[tuple[str, str], Record] = {}

    def revise(self, record: Record, values: dict[str, Any], author: Author) -> None:
        """Remember a revision of the row: these values, by this author."""
        self.pending.append(
            {
                "seq": record.seq,
                "entity": record.entity,
                "row_id": record.id,
                "fields": values,
                "user_login": author.login,
                "device_id": author.device_id,
                "mid": author.mid,
                "at": author.at,
            }
        )

    def change(self, record: Record, **values: Any) -> None:
        """Set these attributes without the unit of work noticing; flush() writes them."""
        for name, value in values.items():
            set_committed_value(record, name, value)
        self.changed[(record.entity, record.id)] = record

    def flush(self) -> None:
        if self.changed:
            records, self.changed = list(self.changed.values()), {}
            self.session.flush()  # rows created in this push exist before they are updated
            executemany(
                self.session.connection(),
                _UPDATE_CHANGED,
                [
                    {
                        "k_entity": r.entity,
                        "k_id": r.id,
                        **{f"v_{name}": getattr(r, name) for name in CHANGED},
                    }
                    for r in records
                ],
            )
        if self.pending:
            rows, self.pending = self.pending, []
            executemany(self.session.connection(), _INSERT_REVISION, rows)


def create_record(
    journal: Journal,
    counter: Counter,
    key: tuple[str, str],
    place: tuple[str, str | None],
    values: dict[str, Any],
    author: Author,
) -> Record:
    """A new row with every field stamped with its first seq; ``place`` is (scope, parent id)."""
    seq = take_seq(counter)
    fields = {k: v for k, v in values.items() if k != DELETED}
    record = Record(
        entity=key[0],
        id=key[1],
        scope_code=place[0],
        parent_id=place[1],
        fields=fields,
        field_seq=dict.fromkeys(values, seq),
        deleted=bool(values.get(DELETED, False)),
        seq=seq,
        created_at=author.at,
        created_by=author.login,
        updated_at=author.at,
        updated_by=author.login,
    )
    journal.session.add(record)
    journal.revise(record, values, author)
    project_jurisdiction(journal.session, counter, record)
    return record


def change_record(
    journal: Journal, counter: Counter, record: Record, changes: dict[str, Any], author: Author
) -> None:
    """Apply field changes under a new seq and remember them in the revision history."""
    seq = take_seq(counter)
    fields = dict(record.fields)
    field_seq = dict(record.field_seq)
    deleted = record.deleted
    for name, value in changes.items():
        field_seq[name] = seq
        if name == DELETED:
            deleted = bool(value)
        else:
            fields[name] = value
    journal.change(
        record,
        fields=fields,
        field_seq=field_seq,
        deleted=deleted,
        seq=seq,
        updated_at=author.at,
        updated_by=author.login,
    )
    journal.revise(record, changes, author)
    project_jurisdiction(journal.session, counter, record)


def move_record(
    session: Session,
    counter: Counter,
    record: Record,
    place: tuple[str, str | None],
    at: dt.datetime,
) -> None:
    """Give a row (and, recursively, its children) a new scope; each move is a new seq and a
    scope exit, so pulls in the old scope drop the row and pulls in the new one fetch it."""
    scope_code, parent_id = place
    record.parent_id = parent_id
    if scope_code == record.scope_code:
        return
    if record.seq != counter.seq:  # not changed by this mutation yet: it needs a seq of its own
        record.seq = take_seq(counter)
    session.add(
        ScopeExit(
            seq=record.seq,
            entity=record.entity,
            row_id=record.id,
            from_code=record.scope_code,
            to_code=scope_code,
            at=at,
        )
    )
    record.scope_code = scope_code
    session.flush()
    for rule in children_of(record.entity):
        stmt = select(Record).where(Record.entity == rule.name, Record.parent_id == record.id)
        for child in session.execute(stmt).scalars():
            child.seq = take_seq(counter)
            move_record(session, counter, child, (scope_code, record.id), at)


def value_at(journal: Journal, record: Record, name: str, seq: int) -> Any:
    """The value a field had at ``seq`` (None before it existed), from the revision history."""
    journal.flush()
    stmt = (
        select(Revision.fields)
        .where(Revision.entity == record.entity, Revision.row_id == record.id)
        .where(Revision.seq <= seq)
        .order_by(Revision.seq.desc())
    )
    for fields in journal.session.execute(stmt).scalars():
        if name in fields:
            return fields[name]
    return False if name == DELETED else None


def changed_only_by(journal: Journal, record: Record, name: str, seq: int, device_id: str) -> bool:
    """True when every change of a field after ``seq`` was made by ``device_id`` (from the
    revision history): that device's new edit was made on top of its own earlier ones."""
    stmt = (
        select(Revision.fields, Revision.device_id)
        .where(Revision.entity == record.entity, Revision.row_id == record.id)
        .where(Revision.seq > seq)
    )
    journal.flush()
    rows = journal.session.execute(stmt)
    return all(device == device_id for fields, device in rows if name in fields)


def project_jurisdiction(session: Session, counter: Counter, record: Record) -> None:
    """Keep the typed jurisdiction table (which scope expands along) equal to the rows."""
    if record.entity != "jurisdiction":
        return
    stmt = select(Jurisdiction).where(Jurisdiction.record_id == record.id)
    projected = session.execute(stmt).scalar_one_or_none()
    if projected is not None:
        session.delete(projected)
        session.flush()
    code = record.fields.get("code")
    if not record.deleted and isinstance(code, str) and code:
        session.add(
            Jurisdiction(
                code=code,
                parent_code=record.fields.get("parent_code"),
                level=str(record.fields.get("level", "")),
                name=str(record.fields.get("name", "")),
                record_id=record.id,
            )
        )
    counter.tree_version += 1
