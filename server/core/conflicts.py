"""Stored conflicts: written by the push, listed for the user's scope, resolved by a mutation."""

from __future__ import annotations

import datetime as dt

import uuid_utils
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.wire import FieldConflict
from server.core.backend import Backend
from server.core.merge import Clash
from server.core.records import Author, StoredRow
from server.core.scope import Access, Principal
from server.models import Conflict, Counter, Record, Revision

MAX_LISTED = 1000


def store_conflict(
    session: Session, record: StoredRow, clash: Clash, author: Author
) -> FieldConflict:
    """Keep a losing field value; ``theirs_by`` is whoever made the value that stayed."""
    theirs = session.execute(
        select(Revision.user_login, Revision.at).where(Revision.seq == clash.theirs_seq)
    ).first()
    theirs_by, theirs_at = (theirs.user_login, theirs.at) if theirs is not None else ("", None)
    conflict = Conflict(
        id=str(uuid_utils.uuid7()),
        entity=record.entity,
        row_id=record.id,
        field=clash.field,
        base=clash.base,
        mine=clash.mine,
        theirs=clash.theirs,
        mine_by=author.login,
        mine_device=author.device_id,
        mine_mid=author.mid,
        theirs_by=theirs_by or "",
        theirs_seq=clash.theirs_seq,
        at=author.at,
        resolved_at=None,
    )
    session.add(conflict)
    return wire_conflict(conflict, theirs_at)


def wire_conflict(conflict: Conflict, theirs_at: dt.datetime | None) -> FieldConflict:
    return FieldConflict(
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
        at=conflict.at,
        resolved=conflict.resolved_at is not None,
        theirs_at=theirs_at,
    )


def list_conflicts(
    backend: Backend, principal: Principal, *, include_resolved: bool = False
) -> list[FieldConflict]:
    """Conflicts on rows in the caller's scope, oldest first (at most MAX_LISTED)."""
    with backend.database.reading() as session:
        counter = session.get(Counter, 1)
        assert counter is not None
        access = Access.of(principal, backend.trees.tree(session, counter.tree_version))
        stmt = (
            select(Conflict, Revision.at)
            .join(Record, (Record.entity == Conflict.entity) & (Record.id == Conflict.row_id))
            .outerjoin(Revision, Revision.seq == Conflict.theirs_seq)
            .where(Record.scope_code.in_(access.readable))
            .order_by(Conflict.at, Conflict.id)
            .limit(MAX_LISTED)
        )
        if not include_resolved:
            stmt = stmt.where(Conflict.resolved_at.is_(None))
        return [wire_conflict(c, at) for c, at in session.execute(stmt)]
