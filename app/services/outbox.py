"""Recording local edits in the sync outbox, in the same transaction as the edit (DESIGN §5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from app.models import OutboxEntry


def wire_value(value: Any) -> Any:
    """A JSON-ready form of a column value (dates as ISO text)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def enqueue(
    session: Session, entity: str, row_id: str, fields: dict[str, Any], base_seq: int
) -> None:
    """Queue the changed ``fields`` of one row for push; ``base_seq`` is the row's server_seq."""
    if not fields:
        return
    payload = {name: wire_value(value) for name, value in fields.items()}
    session.add(OutboxEntry(entity=entity, row_id=row_id, fields=payload, base_seq=base_seq))
