"""The outbox numbers a device's edits with mids that only ever grow."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.models import OutboxEntry
from app.services.outbox import enqueue
from app.store.engine import Store


def test_mids_are_not_reused_after_acknowledged_entries_are_deleted(store: Store) -> None:
    with store.transaction() as session:
        enqueue(session, "household", "h1", {"phone": "13812345678"}, 0)
        enqueue(session, "household", "h1", {"address": "华阳路 1 号"}, 0)
    with store.transaction() as session:
        acknowledged = session.execute(select(func.max(OutboxEntry.mid))).scalar_one()
        session.execute(delete(OutboxEntry))
    with store.transaction() as session:
        enqueue(session, "household", "h1", {"notes": "复访"}, 0)
    with store.sessions() as session:
        assert session.execute(select(OutboxEntry.mid)).scalar_one() > acknowledged
