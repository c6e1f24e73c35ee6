"""Writing synced rows: the gap-free sequence, new rows, field changes, scope moves, projections.

Every function runs inside the push's write transaction, after the counter row is locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

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


@dataclass(slots=True, eq=False)
class StoredRow:
    """One synced row as a push holds it: read through Core and written back by the journal.
    As ORM objects, loading a push's 100 rows and reading their attributes cost it some 2 ms."""

    entity: str
    id: str
    scope_code: str
    parent_id: str | None
    fields: dict[str, Any]
    field_seq: dict[str, Any]
    deleted: bool
    seq: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str

    @property
    def key(self) -> tuple[str, str]:
        return self.entity, self.id


def row_of(record: StoredRow) -> Row:
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


# What a field change writes to its row; a move writes its place as well.
CHANGED = ("fields", "field_seq", "deleted", "seq", "updated_at", "updated_by")
MOVED = (*CHANGED, "scope_code", "parent_id")
_RECORDS = cast(Table, Record.__table__)
_COLUMNS = tuple(StoredRow.__slots__)  # the record's columns, in StoredRow's order
_SELECT = select(*(_RECORDS.c[name] for name in _COLUMNS)).where(
    _RECORDS.c.entity == bindparam("entity"), _RECORDS.c.id.in_(bindparam("ids", expanding=True))
)
_CHILD_IDS = select(_RECORDS.c.id).where(
    _RECORDS.c.entity == bindparam("entity"), _RECORDS.c.parent_id == bindparam("parent_id")
)
_INSERT_RECORD = insert(_RECORDS)
_INSERT_REVISION = insert(cast(Table, Revision.__table__))
LOAD_CHUNK = 500  # ids per IN (...) list


def _update(names: tuple[str, ...]) -> Any:
    return (
        update(_RECORDS)
        .where(_RECORDS.c.entity == bindparam("k_entity"), _RECORDS.c.id == bindparam("k_id"))
        .values({name: bindparam(f"v_{name}", type_=_RECORDS.c[name].type) for name in names})
    )


_UPDATE_CHANGED, _UPDATE_MOVED = _update(CHANGED), _update(MOVED)


class Journal:
    """The rows one push reads and writes, and its revisions, in bulk.

    It holds one object per row (as the ORM's identity map would), so a row changed by one
    mutation and moved by another is one object. New rows, changed rows and revisions are
    written by flush() in a few statements: through the ORM's unit of work, 100 changed rows
    and their 100 revisions cost a push half its time. Rows are written with their values as
    they are at flush time (a row changed twice, or moved, ends right); whatever reads rows or
    revisions in the push (the merge, a conflict's other side, a move's children) flushes the
    journal first, and the push flushes it before commit."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[tuple[str, str], StoredRow | None] = {}  # None: not on the server
        self.pending: list[dict[str, Any]] = []
        self.new: dict[tuple[str, str], StoredRow] = {}
        self.changed: dict[tuple[str, str], StoredRow] = {}
        self.moved: dict[tuple[str, str], StoredRow] = {}

    def load(self, entity: str, ids: Iterable[str]) -> None:
        """Read these rows (those not held yet) in a few queries."""
        wanted = sorted({i for i in ids if (entity, i) not in self.rows})
        connection = self.session.connection()
        for first in range(0, len(wanted), LOAD_CHUNK):
            chunk = wanted[first : first + LOAD_CHUNK]
            self.rows.update(dict.fromkeys(((entity, i) for i in chunk), None))
            for values in connection.execute(_SELECT, {"entity": entity, "ids": chunk}):
                row = StoredRow(*values)
                self.rows[row.key] = row

    def get(self, key: tuple[str, str]) -> StoredRow | None:
        """A row by (entity, id): as this push loaded or created it, else from the database."""
        if key not in self.rows:
            self.load(key[0], [key[1]])
        return self.rows[key]

    def children(self, entity: str, parent_id: str) -> list[StoredRow]:
        """The ``entity`` rows whose parent is ``parent_id``, as they are in this push."""
        self.flush()
        values = {"entity": entity, "parent_id": parent_id}
        ids = list(self.session.connection().execute(_CHILD_IDS, values).scalars())
        self.load(entity, ids)
        return [row for i in ids if (row := self.rows[(entity, i)]) is not None]

    def add(self, row: StoredRow) -> None:
        self.rows[row.key] = row
        self.new[row.key] = row

    def change(self, row: StoredRow, **values: Any) -> None:
        """Set these columns of the row; flush() writes them."""
        self._set(row, self.changed, values)

    def move(self, row: StoredRow, **values: Any) -> None:
        """Set the row's place (scope code, parent) and seq; flush() writes them."""
        self._set(row, self.moved, values)

    def _set(
        self, row: StoredRow, written: dict[tuple[str, str], StoredRow], values: dict[str, Any]
    ) -> None:
        for name, value in values.items():
            setattr(row, name, value)
        if row.key not in self.new:  # a new row is inserted with its values at flush time
            written[row.key] = row

    def revise(self, record: StoredRow, values: dict[str, Any], author: Author) -> None:
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

    def flush(self) -> None:
        connection = self.session.connection()
        if self.new:
            new, self.new = list(self.new.values()), {}
            rows = [{name: getattr(r, name) for name in _COLUMNS} for r in new]
            executemany(connection, _INSERT_RECORD, rows)
        if self.moved:
            moved, self.moved = self.moved, {}
            executemany(
                connection, _UPDATE_MOVED, [_update_values(r, MOVED) for r in moved.values()]
            )
            for key in moved:
                self.changed.pop(key, None)
        if self.changed:
            changed, self.changed = list(self.changed.values()), {}
            executemany(connection, _UPDATE_CHANGED, [_update_values(r, CHANGED) for r in changed])
        if self.pending:
            revisions, self.pending = self.pending, []
            executemany(connection, _INSERT_REVISION, revisions)


def _update_values(row: StoredRow, names: tuple[str, ...]) -> dict[str, Any]:
    return {"k_entity": row.entity, "k_id": row.id, **{f"v_{n}": getattr(row, n) for n in names}}


def create_record(
    journal: Journal,
    counter: Counter,
    key: tuple[str, str],
    place: tuple[str, str | None],
    values: dict[str, Any],
    author: Author,
) -> StoredRow:
    """A new row with every field stamped with its first seq; ``place`` is (scope, parent id)."""
    seq = take_seq(counter)
    fields = {k: v for k, v in values.items() if k != DELETED}
    record = StoredRow(
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
    journal.add(record)
    journal.revise(record, values, author)
    project_jurisdiction(journal.session, counter, record)
    return record


def change_record(
    journal: Journal, counter: Counter, record: StoredRow, changes: dict[str, Any], author: Author
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
    journal: Journal,
    counter: Counter,
    record: StoredRow,
    place: tuple[str, str | None],
    at: dt.datetime,
) -> None:
    """Give a row (and, recursively, its children) a new scope; each move is a new seq and a
    scope exit, so pulls in the old scope drop the row and pulls in the new one fetch it."""
    scope_code, parent_id = place
    if scope_code == record.scope_code:
        if parent_id != record.parent_id:
            journal.move(record, parent_id=parent_id)
        return
    # Not changed by this mutation yet: the move needs a seq of its own.
    seq = record.seq if record.seq == counter.seq else take_seq(counter)
    journal.session.add(
        ScopeExit(
            seq=seq,
            entity=record.entity,
            row_id=record.id,
            from_code=record.scope_code,
            to_code=scope_code,
            at=at,
        )
    )
    journal.move(record, scope_code=scope_code, parent_id=parent_id, seq=seq)
    for rule in children_of(record.entity):
        for child in journal.children(rule.name, record.id):
            journal.move(child, seq=take_seq(counter))
            move_record(journal, counter, child, (scope_code, record.id), at)


def value_at(journal: Journal, record: StoredRow, name: str, seq: int) -> Any:
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


def changed_only_by(
    journal: Journal, record: StoredRow, name: str, seq: int, device_id: str
) -> bool:
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


def project_jurisdiction(session: Session, counter: Counter, record: StoredRow) -> None:
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
