"""Pull (DESIGN §5): the rows of the caller's scope changed after a cursor, in seq order.

Rows that left the caller's scope come as ``left_scope`` entries (drop them locally unless they
have pending edits). Readers never see a gap: seqs are taken under the counter lock and commit in
order. A cursor below the purge horizon (tombstones older than 180 days are gone) gets 410.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.wire import (
    MAX_PULL_LIMIT,
    OLDEST_CLIENT_SCHEMA,
    SCHEMA_VERSION,
    ErrorCode,
    PullPage,
    Row,
    ScopeInfo,
)
from server.core.backend import Backend
from server.core.errors import Forbidden, Gone, check_schema_version
from server.core.scope import Access, Principal, fingerprint
from server.models import Counter, Record, ScopeExit

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class PullQuery:
    cursor: int
    schema_version: int
    limit: int = MAX_PULL_LIMIT
    codes: tuple[str, ...] = ()  # only these codes (bootstrapping codes that entered the scope)
    scope_fingerprint: str = ""  # the client's; the codes are sent back when it differs


def pull(backend: Backend, principal: Principal, query: PullQuery) -> PullPage:
    check_schema_version(query.schema_version, oldest=OLDEST_CLIENT_SCHEMA, newest=SCHEMA_VERSION)
    limit = max(1, min(query.limit, MAX_PULL_LIMIT))
    with backend.database.reading() as session:
        counter = session.get(Counter, 1)  # read first: every row up to counter.seq is visible
        assert counter is not None
        _check_cursor(query.cursor, counter)
        access = Access.of(principal, backend.trees.tree(session, counter.tree_version))
        wanted = _wanted_codes(access, query.codes)
        rows: list[Row] = []
        if query.cursor < counter.seq:  # an idle pull (nothing newer anywhere) reads no rows
            rows = _changed_rows(session, query.cursor, wanted, limit)
            rows += _exits(session, query.cursor, wanted, access, limit)
            rows.sort(key=lambda row: row.seq)
        has_more = len(rows) > limit
        rows = rows[:limit]
        cursor = rows[-1].seq if has_more else max(counter.seq, query.cursor)
        print_ = fingerprint(access.codes)
        codes = None if query.scope_fingerprint == print_ else sorted(access.codes)
        return PullPage(
            rows=rows,
            cursor=cursor,
            has_more=has_more,
            server_seq=counter.seq,
            scope=ScopeInfo(fingerprint=print_, codes=codes),
        )


def _check_cursor(cursor: int, counter: Counter) -> None:
    if cursor == 0 or counter.purged_seq <= cursor <= counter.seq:
        return
    if cursor > counter.seq:
        message = (
            "服务器的数据比本机记录的旧（可能已从备份恢复），需要重新下载全部数据；"
            "本机未同步的修改会保留。"
        )
        english = f"cursor {cursor} is ahead of the server ({counter.seq}): bootstrap again"
    else:
        message = "本机太久没有同步，需要重新下载全部数据；本机未同步的修改会保留。"
        english = f"cursor {cursor} is older than the purge horizon {counter.purged_seq}"
    raise Gone(ErrorCode.CURSOR_EXPIRED, message, english)


def _wanted_codes(access: Access, codes: tuple[str, ...]) -> frozenset[str]:
    if not codes:
        return access.readable
    outside = sorted(set(codes) - access.readable)
    if outside:
        raise Forbidden(
            ErrorCode.FORBIDDEN,
            f"这些辖区不在您的权限内：{', '.join(outside)}。",
            f"codes outside your scope: {', '.join(outside)}",
        )
    return frozenset(codes)


def _changed_rows(session: Session, cursor: int, codes: frozenset[str], limit: int) -> list[Row]:
    stmt = (
        select(
            Record.entity,
            Record.id,
            Record.seq,
            Record.scope_code,
            Record.deleted,
            Record.fields,
            Record.created_at,
            Record.created_by,
            Record.updated_at,
            Record.updated_by,
        )
        .where(Record.seq > cursor, Record.scope_code.in_(codes))
        .order_by(Record.seq)
        .limit(limit + 1)
    )
    return [Row(**row._asdict()) for row in session.execute(stmt)]


def _exits(
    session: Session, cursor: int, codes: frozenset[str], access: Access, limit: int
) -> list[Row]:
    """Rows that moved from a wanted code to one the caller cannot read."""
    stmt = (
        select(ScopeExit)
        .where(ScopeExit.seq > cursor, ScopeExit.from_code.in_(codes))
        .where(ScopeExit.to_code.not_in(access.readable))
        .order_by(ScopeExit.seq)
        .limit(limit + 1)
    )
    return [
        Row(
            entity=gone.entity,
            id=gone.row_id,
            seq=gone.seq,
            scope_code=gone.from_code,
            deleted=False,
            fields={},
            created_at=_EPOCH,
            created_by="",
            updated_at=gone.at,
            updated_by="",
            left_scope=True,
        )
        for gone in session.execute(stmt).scalars()
    ]
