"""After a 410: give a server restored from a backup back what it forgot.

A server that knows of the restore answers ``history_changed`` with the last seq the laptop's
line of the sequence shares with its own (server.core.history): ``recover_line`` then queues the
laptop's rows above it again, based on it, and moves the outbox's older bases down to it, so an
edit made on the restored server meanwhile is a conflict rather than overwritten. Without that
answer (a server from before lines were kept), the old rule below applies.

Edits acknowledged after the server's backup are gone from the server and from the outbox. Any
local row whose ``server_seq`` is above the server's counter holds such a version: it is queued
again (all its fields, based on the server's counter, so they apply) before the re-bootstrap,
which then keeps it as a pending edit. Only rows this user wrote are queued (others' laptops
queue theirs), and the access events of the audit log (the server takes a row it has unchanged).
On an ordinary 410 (a cursor older than the purge horizon) no row is above the counter."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.models import AuditEvent, OutboxEntry, SyncSeen
from app.services.audit import AUDIT_ENTITY, SYNCED_ACTIONS
from app.store.engine import Store
from app.sync.client import SyncClient
from app.sync.state import SyncState, load_state, save_state
from app.sync.tables import sync_tables, wire_value
from app.sync.transactions import write_transaction
from app.sync.wire import HistoryChange


def requeue_forgotten(store: Store, client: SyncClient) -> int:
    """Ask the server for its counter and queue what it lacks; returns the entries queued."""
    server_seq = client.pull(0, limit=1).server_seq
    with write_transaction(store) as session:
        login = load_state(session).login
        if not _has_rows_above(session, server_seq):
            return 0
        queued = requeue_rows_above(session, server_seq, login)
        queued += requeue_audit(session)
        return queued


def _has_rows_above(session: Session, server_seq: int) -> bool:
    connection = session.connection()
    for entity in sync_tables():
        found = connection.exec_driver_sql(
            f'SELECT 1 FROM "{entity}" WHERE server_seq > ? LIMIT 1', (server_seq,)
        ).first()
        if found is not None:
            return True
    return False


def recover_line(store: Store, change: HistoryChange) -> int:
    """After ``history_changed``: queue again what the server forgot, rebase the outbox on the
    shared seq, and start pulling everything again on the server's line, in one transaction
    (a crash leaves the old state, and the next sync gets the same answer). Returns the entries
    queued."""
    since = change.since
    with write_transaction(store) as session:
        state = load_state(session)
        # Rows with pending edits too: an entry holds only the fields edited since, and the
        # forgotten ones would be lost. Queued after it, the whole row is the same values.
        queued = requeue_rows_above(session, since, state.login, base_seq=since, pending=True)
        queued += requeue_audit(session)
        session.execute(
            update(OutboxEntry).where(OutboxEntry.base_seq > since).values(base_seq=since)
        )
        state.history = change.history
        restart_from_zero(session, state)
        save_state(session, state)
    return queued


def restart_from_zero(session: Session, state: SyncState) -> None:
    """Set the state to pull everything again from 0, keeping the outbox (sync_seen collects
    the rows sent again; those not sent are dropped at the end); the caller saves it."""
    session.execute(delete(SyncSeen))
    state.rebootstrap, state.cursor = True, 0
    state.entered, state.entered_cursor = [], 0


def requeue_rows_above(
    session: Session,
    server_seq: int,
    login: str,
    *,
    base_seq: int | None = None,
    pending: bool = False,
) -> int:
    """Queue every row of ``login`` newer than ``server_seq`` (those with a pending entry only
    when ``pending``), based on ``base_seq`` (default: ``server_seq``)."""
    base = server_seq if base_seq is None else base_seq
    waiting = (
        set()
        if pending
        else {(e, r) for e, r in session.execute(select(OutboxEntry.entity, OutboxEntry.row_id))}
    )
    queued = 0
    for entity, spec in sync_tables().items():
        table = spec.table
        stmt = select(table).where(
            table.c.server_seq > server_seq,
            (table.c.updated_by == login) | (table.c.created_by == login),
        )
        for row in session.execute(stmt).mappings():
            if (entity, row["id"]) in waiting:
                continue
            fields = {name: wire_value(row[name]) for name in spec.fields}
            if row["deleted"]:
                fields["deleted"] = True
            session.add(OutboxEntry(entity=entity, row_id=row["id"], fields=fields, base_seq=base))
            queued += 1
    return queued


def requeue_audit(session: Session) -> int:
    """Queue the synced audit events again (the server keeps the ones it still has as they are)."""
    pending = set(
        session.execute(
            select(OutboxEntry.row_id).where(OutboxEntry.entity == AUDIT_ENTITY)
        ).scalars()
    )
    actions = [a.value for a in SYNCED_ACTIONS]
    stmt = select(AuditEvent).where(AuditEvent.action.in_(actions)).order_by(AuditEvent.at)
    queued = 0
    for event in session.execute(stmt).scalars():
        if event.id in pending:
            continue
        fields = {
            "at": wire_value(event.at),
            "actor": event.actor,
            "action": event.action,
            "entity": event.entity,
            "entity_id": event.entity_id,
            "detail": event.detail,
        }
        session.add(OutboxEntry(entity=AUDIT_ENTITY, row_id=event.id, fields=fields, base_seq=0))
        queued += 1
    return queued
