"""Writing server rows into the local store (pulled pages and the rows of push outcomes).

A row with pending local edits (outbox entries, or refusals the user has not dealt with) keeps
the local values of those fields and takes the others. A row is only replaced by a version at
least as new as the local one (``server_seq``), unless ``force`` (a re-bootstrap: the server's
numbering may have restarted). ``left_scope`` rows are dropped unless they have pending edits.
Bulk work runs as driver-level executemany of values already in their stored form
(app.sync.columns)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.models import OutboxEntry, SyncRefusal
from app.sync.columns import row_plan, store_datetime
from app.sync.pages import WireRow
from app.sync.tables import DERIVED, sync_tables
from app.sync.wire import Outcome, Row

IN_CHUNK = 900  # ids per IN (...) list
NARROW_ROWS = 1000  # batches up to this size update only the columns that differ


@dataclass
class Pending:
    """Fields with local edits the server has not taken yet, by (entity, row id)."""

    fields: dict[tuple[str, str], set[str]]

    @classmethod
    def load(cls, session: Session) -> Pending:
        found: dict[tuple[str, str], set[str]] = defaultdict(set)
        outbox = select(OutboxEntry.entity, OutboxEntry.row_id, OutboxEntry.fields)
        refused = select(SyncRefusal.entity, SyncRefusal.row_id, SyncRefusal.fields).where(
            SyncRefusal.settled.is_(False)
        )
        for statement in (outbox, refused):
            for entity, row_id, names in session.execute(statement):
                found[(entity, row_id)].update(names)
        return cls(dict(found))

    def of(self, entity: str, row_id: str) -> set[str]:
        return self.fields.get((entity, row_id), set())

    def has(self, entity: str, row_id: str) -> bool:
        return (entity, row_id) in self.fields

    def ids(self, entity: str) -> set[str]:
        return {row_id for (kind, row_id) in self.fields if kind == entity}


@dataclass
class Changes:
    """What a batch of rows changed locally: counts, and households whose list data moved."""

    households: set[str] = field(default_factory=set)
    rows: int = 0
    dropped: int = 0
    kept: int = 0  # left_scope rows kept because they have pending edits
    unknown: int = 0  # rows of entities this client does not have (a newer server)

    def add(self, other: Changes) -> None:
        self.households |= other.households
        self.rows += other.rows
        self.dropped += other.dropped
        self.kept += other.kept
        self.unknown += other.unknown


@cache
def _updated_columns(entity: str) -> tuple[str, ...]:
    """The columns a server row sets on a local row already here: all but the id and the
    columns this laptop derives itself (head name, member count...)."""
    derived = DERIVED.get(entity, frozenset())
    return tuple(c for c in row_plan(entity).columns if c != "id" and c not in derived)


@cache
def _upsert_sql(entity: str, force: bool) -> str:
    plan = row_plan(entity)
    quoted = ", ".join(f'"{c}"' for c in plan.columns)
    marks = ", ".join("?" * len(plan.columns))
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in _updated_columns(entity))
    newer = "" if force else f' WHERE excluded.server_seq >= "{entity}".server_seq'
    return (
        f'INSERT INTO "{entity}" ({quoted}) VALUES ({marks}) '
        f"ON CONFLICT(id) DO UPDATE SET {sets}{newer}"
    )


def wire_row(row: Row) -> WireRow:
    """A wire.Row (from a push outcome) in the shape of a pulled row."""
    return {
        "entity": row.entity,
        "id": row.id,
        "seq": row.seq,
        "scope_code": row.scope_code,
        "deleted": row.deleted,
        "fields": row.fields,
        "created_at": row.created_at,
        "created_by": row.created_by,
        "updated_at": row.updated_at,
        "updated_by": row.updated_by,
        "left_scope": row.left_scope,
    }


class RowWriter:
    """Applies server rows in one local transaction (the caller's session).

    ``Changes.households`` are the households whose list or search data (app.sync.derived,
    app.services.search) the rows may change. With ``listed_changes``, rows already here count
    only when they change a listed field (LISTED_FIELDS) or ``deleted``: a pull of edited notes
    needs no re-indexing. Rows new here, rows with pending edits and rows that left the scope
    always count. Without it (a first sync or a re-bootstrap redoes all derived data anyway),
    every row counts."""

    def __init__(
        self,
        session: Session,
        pending: Pending,
        *,
        force: bool = False,
        track_seen: bool = False,
        listed_changes: bool = False,
    ) -> None:
        self.session = session
        self.connection: Connection = session.connection()
        self.pending = pending
        self.force = force
        self.track_seen = track_seen
        self.listed_changes = listed_changes
        self.tables = sync_tables()

    def apply(self, rows: Sequence[WireRow]) -> Changes:
        """Write rows in the wire's JSON shape (a pulled page, or wire_row() of an outcome)."""
        changes = Changes()
        grouped: dict[str, list[WireRow]] = defaultdict(list)
        for row in rows:
            if row["entity"] in self.tables:
                grouped[row["entity"]].append(row)
            else:
                changes.unknown += 1
        for entity, group in grouped.items():
            gone = [r for r in group if r.get("left_scope")]
            present = [r for r in group if not r.get("left_scope")]
            changes.add(self._drop(entity, gone))
            changes.add(self._write(entity, present))
        return changes

    # ---- present rows --------------------------------------------------------------------

    def _write(self, entity: str, rows: list[WireRow]) -> Changes:
        changes = Changes(rows=len(rows))
        if not rows:
            return changes
        edited = [row for row in rows if self.pending.of(entity, row["id"])]  # edits pending
        plain = [row for row in rows if not self.pending.of(entity, row["id"])]
        narrow = bool(plain) and not self.force and len(plain) <= NARROW_ROWS
        # Households are read before anything is written (a member's old household).
        if narrow and self.listed_changes:  # the plain rows' are found as they are compared
            changes.households |= self._households(entity, edited)
        else:
            changes.households |= self._households(entity, rows)
        if entity == "jurisdiction":
            self._free_codes(rows)
        plain += [row for row in edited if not self._merge_pending(entity, row)]
        if narrow:
            plain, differing = self._update_differing(entity, plain)
            if self.listed_changes:
                changes.households |= differing
        if plain:
            build = row_plan(entity).build
            self.connection.exec_driver_sql(
                _upsert_sql(entity, self.force), [build(row) for row in plain]
            )
        if self.track_seen:
            self.connection.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_seen (entity, row_id) VALUES (?, ?)",
                [(entity, r["id"]) for r in rows],
            )
        return changes

    def _households(self, entity: str, rows: list[WireRow]) -> set[str]:
        """The households these rows belong to, here and on the server."""
        found = _named_households(entity, rows)
        if entity == "member" and rows:
            found |= self._local_parents(entity, [r["id"] for r in rows])
        return found

    def _update_differing(self, entity: str, rows: list[WireRow]) -> tuple[list[WireRow], set[str]]:
        """Update the rows already here in only the columns whose stored values differ; return
        the others (new here: the upsert inserts them, and they count as changing their
        household) and the households whose listed data the updates change. An upsert assigns
        every column, and SQLite then rewrites every index entry of the row even when its
        value is the same: the answer to a push of 100 households wrote 2.5 times the pages
        it changed. A row whose local copy is newer is left alone, as the upsert's condition
        does."""
        plan = row_plan(entity)
        names = list(_updated_columns(entity))
        at = [plan.columns.index(name) for name in names]
        seq_at = names.index("server_seq")
        listed = LISTED_FIELDS.get(entity, frozenset()) | {"deleted"}
        parent_at = names.index("household_id") if entity == "member" else -1
        local = _stored_rows(self.connection, entity, names, [row["id"] for row in rows])
        absent: list[WireRow] = []
        households: set[str] = set()
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            here = local.get(row["id"])
            if here is None:
                absent.append(row)
                continue
            if here[seq_at] is None or int(here[seq_at]) > int(row["seq"]):
                continue  # the local row is newer already (NULL: as the upsert's condition)
            values = plan.build(row)
            differing = [
                (n, values[i])
                for n, i, old in zip(names, at, here, strict=True)
                if values[i] != old
            ]
            if not differing:
                continue
            key = tuple(name for name, _ in differing)
            updates[key].append((*(value for _, value in differing), row["id"]))
            if entity in LISTED_FIELDS and not listed.isdisjoint(key):
                if parent_at < 0:
                    households.add(row["id"])
                else:
                    parents = (here[parent_at], values[at[parent_at]])
                    households.update(str(p) for p in parents if p)
        for key, params in updates.items():
            sets = ", ".join(f'"{name}" = ?' for name in key)
            self.connection.exec_driver_sql(f'UPDATE "{entity}" SET {sets} WHERE id = ?', params)
        return absent, households | _named_households(entity, absent)  # absent: no old parent

    def _merge_pending(self, entity: str, row: WireRow) -> bool:
        """Update an existing local row except its pending fields; False when it is absent
        (then the whole row is inserted like any other)."""
        current = self.connection.exec_driver_sql(
            f'SELECT server_seq FROM "{entity}" WHERE id = ?', (row["id"],)
        ).scalar_one_or_none()
        if current is None:
            return False
        if not self.force and int(current) > int(row["seq"]):
            return True  # the local row is newer already
        keep = self.pending.of(entity, row["id"])
        plan = row_plan(entity)
        names = [c for c in _updated_columns(entity) if c not in keep]
        values = [plan.stored[name](row) for name in names]
        sets = ", ".join(f'"{n}" = ?' for n in names)
        self.connection.exec_driver_sql(
            f'UPDATE "{entity}" SET {sets} WHERE id = ?', (*values, row["id"])
        )
        return True

    def _free_codes(self, rows: list[WireRow]) -> None:
        """A jurisdiction code is unique: a locally seeded row under another id gives way."""
        pairs = [(str(r["fields"]["code"]), r["id"]) for r in rows if r["fields"].get("code")]
        if pairs:
            self.connection.exec_driver_sql(
                "DELETE FROM jurisdiction WHERE code = ? AND id != ?", pairs
            )

    # ---- rows that left the scope --------------------------------------------------------

    def _drop(self, entity: str, rows: list[WireRow]) -> Changes:
        changes = Changes()
        doomed = []
        for row in rows:
            if self.pending.has(entity, row["id"]):
                changes.kept += 1
            else:
                doomed.append(row["id"])
        if entity == "household":
            changes.households.update(doomed)
        elif entity == "member":
            changes.households.update(self._local_parents(entity, doomed))
        changes.dropped = delete_rows(self.connection, entity, doomed)
        return changes

    def _local_parents(self, entity: str, ids: list[str]) -> set[str]:
        """The households the local copies of these members belong to now."""
        found: set[str] = set()
        for chunk in chunks(ids):
            marks = ", ".join("?" * len(chunk))
            result = self.connection.exec_driver_sql(
                f'SELECT household_id FROM "{entity}" WHERE id IN ({marks})', tuple(chunk)
            )
            found.update(str(value) for (value,) in result if value)
        return found


def _named_households(entity: str, rows: list[WireRow]) -> set[str]:
    """The households these rows name: a household itself, a member's household_id."""
    if entity == "household":
        return {r["id"] for r in rows}
    if entity == "member":
        return {str(p) for r in rows if (p := r["fields"].get("household_id"))}
    return set()


def stamp_rows(connection: Connection, entity: str, outcomes: Sequence[Outcome]) -> set[str]:
    """Take the server's seq and stamp on rows a push left exactly as they are here (outcomes
    with a ``stamp``): only those three columns change, and a local copy newer already stays.
    Returns the ids of rows not here (rows with outbox entries always are)."""
    stamped = [(o, o.stamp) for o in outcomes if o.stamp is not None]
    ids = [o.id for o, _ in stamped]
    missing = set(ids) - set(_stored_rows(connection, entity, [], ids))
    params = [
        (o.seq, store_datetime(stamp.updated_at), stamp.updated_by, o.id, o.seq)
        for o, stamp in stamped
        if o.id not in missing
    ]
    if params:
        connection.exec_driver_sql(
            f'UPDATE "{entity}" SET server_seq = ?, updated_at = ?, updated_by = ? '
            "WHERE id = ? AND server_seq <= ?",
            params,
        )
    return missing


def delete_rows(connection: Connection, entity: str, ids: Iterable[str]) -> int:
    """Remove rows physically (rows that left the scope or that the server no longer has)."""
    count = 0
    for chunk in chunks(list(ids)):
        marks = ", ".join("?" * len(chunk))
        result = connection.exec_driver_sql(
            f'DELETE FROM "{entity}" WHERE id IN ({marks})', tuple(chunk)
        )
        count += max(result.rowcount, 0)
    return count


def _stored_rows(
    connection: Connection, entity: str, names: list[str], ids: list[str]
) -> dict[str, tuple[Any, ...]]:
    """These columns of the local rows with these ids, as stored (read by the driver)."""
    found: dict[str, tuple[Any, ...]] = {}
    quoted = ", ".join(f'"{name}"' for name in ("id", *names))
    for chunk in chunks(ids):
        marks = ", ".join("?" * len(chunk))
        result = connection.exec_driver_sql(
            f'SELECT {quoted} FROM "{entity}" WHERE id IN ({marks})', tuple(chunk)
        )
        for row_id, *values in result:
            found[row_id] = tuple(values)
    return found


def chunks(items: list[str], size: int = IN_CHUNK) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The fields the household list's derived columns and the search documents are made of
# (app.sync.derived, app.services.search): an edit of any other field (notes, income, ...)
# leaves both as they are.
LISTED_FIELDS = {
    "household": frozenset({"committee_code", "address", "phone", "status", "categories"}),
    "member": frozenset({"household_id", "name", "phone", "relation_to_head"}),
}
