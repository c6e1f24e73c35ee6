"""Recording what the server made of pushed outbox entries, in one local transaction.

Acknowledged entries (applied, or applied with conflicts) leave the outbox in the same
transaction that applies the server's row and stores the conflicts, so an edit is never both
gone from the outbox and missing from the store. Refused entries move to ``sync_refusal`` with
their reason; the local row keeps the edit until the user retries or discards it. An entry
refused as ``mid_reused`` (a store restored from an older backup) is queued again under a new
mid above the server's last one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from app.models import OutboxEntry, SyncConflict, SyncRefusal
from app.sync.apply import Changes, Pending, RowWriter, stamp_rows, wire_row
from app.sync.state import load_state, save_state
from app.sync.tables import sync_tables
from app.sync.wire import FieldConflict, MutationStatus, Outcome, PushResponse, RefusalCode

# Built once: an IN list built on each call coerced every mid (1 ms of a push of 100).
_MIDS: BindParameter[int] = bindparam("mids", expanding=True)
_PRESENT = select(OutboxEntry.mid).where(OutboxEntry.mid.in_(_MIDS))
_ACKNOWLEDGED = delete(OutboxEntry).where(OutboxEntry.mid.in_(_MIDS))


@dataclass
class PushResult:
    """One batch's outcomes as they were recorded locally."""

    acknowledged: int = 0
    conflicts: list[FieldConflict] = field(default_factory=list)
    refused: list[SyncRefusal] = field(default_factory=list)
    renumbered: int = 0
    changes: Changes = field(default_factory=Changes)


def record_outcomes(
    session: Session, sent: Sequence[OutboxEntry], response: PushResponse
) -> PushResult:
    """Apply one push response to the outbox, the conflicts, the refusals and the rows."""
    result = PushResult()
    outcomes = {o.mid: o for o in response.outcomes}
    present = set(session.execute(_PRESENT, {"mids": [e.mid for e in sent]}).scalars())
    rows: list[Outcome] = []
    stamped: dict[str, list[Outcome]] = defaultdict(list)
    acknowledged: list[int] = []
    for entry in sent:
        outcome = outcomes.get(entry.mid)
        if outcome is None or entry.mid not in present:
            continue  # not answered, or recorded already by an earlier attempt
        if outcome.status is MutationStatus.REFUSED:
            _refused(session, entry, outcome, response.last_mid, result)
            continue
        acknowledged.append(entry.mid)
        for conflict in outcome.conflicts:
            if keep_conflict(session, conflict):
                result.conflicts.append(conflict)
        if outcome.row is not None:
            rows.append(outcome)
        elif outcome.stamp is not None and outcome.entity in sync_tables():
            stamped[outcome.entity].append(outcome)
    session.execute(_ACKNOWLEDGED, {"mids": acknowledged})
    result.acknowledged = len(acknowledged)
    session.flush()
    for entity, answered in stamped.items():
        if stamp_rows(session.connection(), entity, answered):
            # A stamped row is always here (it has outbox entries, which nothing drops); if
            # one is not, the server's copy is fetched again in full rather than left missing.
            state = load_state(session)
            state.refetch = True
            save_state(session, state)
    if rows:
        pulled = [wire_row(o.row) for o in rows if o.row is not None]
        writer = RowWriter(session, Pending.load(session), listed_changes=True)
        result.changes = writer.apply(pulled)  # households whose lists and search change
    return result


def keep_conflict(session: Session, conflict: FieldConflict) -> bool:
    """Store a conflict the server reported; False when it is known already."""
    if session.get(SyncConflict, conflict.id) is not None:
        return False
    session.add(
        SyncConflict(
            id=conflict.id,
            entity=conflict.entity,
            row_id=conflict.row_id,
            field=conflict.field,
            base=conflict.base,
            mine=conflict.mine,
            theirs=conflict.theirs,
            mine_by=conflict.mine_by,
            theirs_by=conflict.theirs_by,
            theirs_seq=conflict.theirs_seq,
            theirs_at=conflict.theirs_at,
            at=conflict.at,
            resolved=conflict.resolved,
        )
    )
    return True


def _refused(
    session: Session, entry: OutboxEntry, outcome: Outcome, last_mid: int, result: PushResult
) -> None:
    refusal = outcome.refusal
    code = refusal.code if refusal is not None else "refused"
    if code == RefusalCode.MID_REUSED:
        _requeue(session, entry, last_mid)
        result.renumbered += 1
        return
    session.execute(delete(OutboxEntry).where(OutboxEntry.mid == entry.mid))
    if session.get(SyncRefusal, entry.mid) is not None:
        return
    kept = SyncRefusal(
        mid=entry.mid,
        entity=entry.entity,
        row_id=entry.row_id,
        fields=dict(entry.fields),
        base_seq=entry.base_seq,
        resolves=list(entry.resolves or []),
        code=code,
        message=refusal.message if refusal else "",
        message_en=refusal.message_en if refusal else "",
        field=refusal.field if refusal else "",
        at=dt.datetime.now(dt.UTC),
    )
    session.add(kept)
    result.refused.append(kept)


def _requeue(session: Session, entry: OutboxEntry, last_mid: int) -> None:
    """Give an entry a new mid above everything the server has taken from this device."""
    raise_mid_floor(session, last_mid)
    session.execute(delete(OutboxEntry).where(OutboxEntry.mid == entry.mid))
    highest = session.execute(select(func.max(OutboxEntry.mid))).scalar_one_or_none() or 0
    session.add(
        OutboxEntry(
            mid=max(highest, last_mid, entry.mid) + 1,  # explicit: never trust a lost counter
            entity=entry.entity,
            row_id=entry.row_id,
            fields=dict(entry.fields),
            base_seq=entry.base_seq,
            resolves=list(entry.resolves or []),
            created_at=entry.created_at,
        )
    )
    session.flush()


def raise_mid_floor(session: Session, floor: int) -> None:
    """Make the outbox's next AUTOINCREMENT mid greater than ``floor``."""
    connection = session.connection()
    updated = connection.exec_driver_sql(
        "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'", (floor,)
    )
    if updated.rowcount == 0:
        connection.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)", (floor,)
        )
