"""Pull (DESIGN §5): the rows of the caller's scope changed after a cursor, in seq order.

Rows that left the caller's scope come as ``left_scope`` entries (drop them locally unless they
have pending edits). Readers never see a gap: seqs are taken under the counter lock and commit in
order, so any snapshot holds a prefix of the sequence. A cursor below the purge horizon
(tombstones older than 180 days are gone) gets 410.

Built for speed, since every laptop pulls every few minutes: ``start`` authenticates and reads
the counter in two raw reads, and an idle pull (nothing newer) is answered from that alone; a
page with rows is written straight to JSON, each row's stored field JSON spliced in as it is
(orjson.Fragment) instead of being parsed and written again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import BindParameter, Text, bindparam, cast, select
from sqlalchemy.orm import Session

from app.sync.wire import (
    MAX_PULL_LIMIT,
    OLDEST_CLIENT_SCHEMA,
    PUBLIC_SCOPE,
    SCHEMA_VERSION,
    ErrorCode,
    PullPage,
    decode,
)
from server.core.auth import authenticate_with_counter
from server.core.backend import Backend
from server.core.entities import NOT_PULLED
from server.core.errors import Forbidden, Gone, check_schema_version
from server.core.history import check_line, other_line
from server.core.hot_reads import CounterRow, read_counter
from server.core.scope import Principal
from server.models import Counter, Record, ScopeExit

_EPOCH = "1970-01-01T00:00:00+00:00"
_OFFSET_HOURS = re.compile(r"[+-]\d\d$")
_OFFSET_FULL = re.compile(r"([+-]\d\d:\d\d|Z)$")


@dataclass(frozen=True)
class PullQuery:
    cursor: int
    schema_version: int
    limit: int = MAX_PULL_LIMIT
    codes: tuple[str, ...] = ()  # only these codes (bootstrapping codes that entered the scope)
    scope_fingerprint: str = ""  # the client's; the codes are sent back when it differs
    history: str = ""  # the line of the client's cursor (server.core.history)


@dataclass(frozen=True)
class PullStart:
    """What every pull knows before reading rows: who asks, the counter, the scope."""

    principal: Principal
    counter: CounterRow
    codes: frozenset[str]  # the caller's expanded codes (without the public scope)
    fingerprint: str
    wanted: frozenset[str]  # the codes to read: the readable ones, or the query's subset

    @property
    def readable(self) -> frozenset[str]:
        return self.codes | {PUBLIC_SCOPE}


def start(backend: Backend, token: str | None, query: PullQuery) -> PullStart:
    """Check the schema version, the token and the cursor; work out the scope (raises 401,
    403, 410, 426 as the protocol says)."""
    principal, counter = authenticate_with_counter(backend, token)
    assert counter is not None
    return begin(backend, principal, counter, query)


def begin(
    backend: Backend, principal: Principal, counter: CounterRow, query: PullQuery
) -> PullStart:
    """start() for a caller authenticated already (with the counter read on the way)."""
    check_schema_version(query.schema_version, oldest=OLDEST_CLIENT_SCHEMA, newest=SCHEMA_VERSION)
    if query.cursor > 0 and other_line(query.history, counter.history):
        with backend.database.reading() as session:  # rare: only after a restore
            check_line(session, query.history, counter.history)
    _check_cursor(query.cursor, counter)
    tree = backend.trees.current(backend.database, counter.tree_version)
    codes, print_ = tree.expanded(principal.scope)
    wanted = _wanted_codes(codes | {PUBLIC_SCOPE}, query.codes)
    return PullStart(principal, counter, codes, print_, wanted)


def idle_body(begun: PullStart, query: PullQuery) -> bytes | None:
    """The answer to a pull with nothing newer anywhere, or None when rows must be read."""
    if query.cursor < begun.counter.seq:
        return None
    return _body([], begun, query, has_more=False, seq=begun.counter.seq)


def page_body(backend: Backend, begun: PullStart, query: PullQuery) -> bytes:
    """A page of rows after the cursor, as the JSON of a wire.PullPage."""
    limit = max(1, min(query.limit, MAX_PULL_LIMIT))
    with backend.database.reading() as session:
        counter = session.get(Counter, 1)  # again, in the snapshot the rows are read from
        assert counter is not None
        exits = _exits(session, query.cursor, begun.wanted, begun.readable, limit)
        if exits:  # rare: merge the two orders by seq
            changed = _changed_seqs(session, query.cursor, begun.wanted, limit + 1)
            taken = sorted([*changed, *(int(row["seq"]) for row in exits)])
            has_more = len(taken) > limit
            last = taken[limit - 1] if has_more else None
        else:  # the seq the page ends at, and whether one follows: two seqs at most
            ends = _changed_seqs(session, query.cursor, begun.wanted, 2, skip=limit - 1)
            has_more = len(ends) == 2
            last = ends[0] if has_more else None
        upper = counter.seq if last is None else last
        rows = _rows_between(session, query.cursor, upper, begun.wanted)
        rows += [row for row in exits if int(row["seq"]) <= upper]
        rows.sort(key=lambda row: int(row["seq"]))
        return _body(rows, begun, query, has_more=has_more, seq=counter.seq, last=last)


def pull(backend: Backend, principal: Principal, query: PullQuery) -> PullPage:
    """One page for an already authenticated principal, as wire objects (tests, tools)."""
    begun = begin(backend, principal, read_counter(backend.database), query)
    body = idle_body(begun, query) or page_body(backend, begun, query)
    return decode(PullPage, body)


def _body(
    rows: list[dict[str, Any]],
    begun: PullStart,
    query: PullQuery,
    *,
    has_more: bool,
    seq: int,
    last: int | None = None,
) -> bytes:
    """``last``: the highest seq this page covers when more follow (rows of entities that are
    not pulled are passed over, so it may be beyond the last row)."""
    cursor = (last or 0) if has_more else max(seq, query.cursor)
    codes = None if query.scope_fingerprint == begun.fingerprint else sorted(begun.codes)
    page = {
        "rows": rows,
        "cursor": cursor,
        "has_more": has_more,
        "server_seq": seq,
        "scope": {"fingerprint": begun.fingerprint, "codes": codes},
        "history": begun.counter.history,
    }
    return orjson.dumps(page)


def _check_cursor(cursor: int, counter: CounterRow) -> None:
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


def _wanted_codes(readable: frozenset[str], codes: tuple[str, ...]) -> frozenset[str]:
    if not codes:
        return readable
    outside = sorted(set(codes) - readable)
    if outside:
        raise Forbidden(
            ErrorCode.FORBIDDEN,
            f"这些辖区不在您的权限内：{', '.join(outside)}。",
            f"codes outside your scope: {', '.join(outside)}",
        )
    return frozenset(codes)


def _iso(value: Any) -> str:
    """A stored time as ISO 8601 with its offset: SQLite keeps naive UTC text, PostgreSQL's
    timestamptz as text ends in ``+HH``."""
    text = str(value)
    if len(text) == 26 and text[10] == " " and text[20:].isdigit():  # SQLite's naive UTC
        return f"{text[:10]}T{text[11:]}+00:00"
    text = text.replace(" ", "T", 1)
    if _OFFSET_FULL.search(text):
        return text
    if _OFFSET_HOURS.search(text):
        return text + ":00"
    return text + "+00:00"


# The three statements of a page, built once: the code lists (a street's 180-odd committees)
# are expanding parameters given at execution. Built per call with .in_(codes), SQLAlchemy
# coerced every code of every list again, and that took a 100-row page 1 ms of 2.6.
_CODES: BindParameter[list[str]] = bindparam("codes", expanding=True)
_CHANGED_SEQS = (
    select(Record.seq)
    .where(Record.seq > bindparam("cursor"), Record.scope_code.in_(_CODES))
    .order_by(Record.seq)
    .limit(bindparam("count"))
    .offset(bindparam("skip"))
)
_ROWS_BETWEEN = select(
    Record.entity,
    Record.id,
    Record.seq,
    Record.scope_code,
    Record.deleted,
    cast(Record.fields, Text),
    cast(Record.created_at, Text),
    Record.created_by,
    cast(Record.updated_at, Text),
    Record.updated_by,
).where(
    Record.scope_code.in_(_CODES),
    Record.seq > bindparam("cursor"),
    Record.seq <= bindparam("upper"),
    Record.entity.not_in(NOT_PULLED),
)
_EXITS = (
    select(ScopeExit.entity, ScopeExit.row_id, ScopeExit.seq, ScopeExit.from_code)
    .add_columns(cast(ScopeExit.at, Text))
    .where(ScopeExit.seq > bindparam("cursor"), ScopeExit.from_code.in_(_CODES))
    .where(ScopeExit.to_code.not_in(bindparam("readable", expanding=True)))
    .order_by(ScopeExit.seq)
    .limit(bindparam("count"))
)

_ANY_EXIT = select(ScopeExit.seq).where(ScopeExit.seq > bindparam("cursor")).limit(1)


def _changed_seqs(
    session: Session, cursor: int, codes: frozenset[str], count: int, *, skip: int = 0
) -> list[int]:
    """``count`` seqs after the cursor in these codes, past the first ``skip``, from the
    (scope_code, seq) index alone: only integers are sorted, never whole rows."""
    values = {"cursor": cursor, "codes": sorted(codes), "count": count, "skip": skip}
    return list(session.connection().execute(_CHANGED_SEQS, values).scalars())  # Core


def _rows_between(
    session: Session, cursor: int, upper: int, codes: frozenset[str]
) -> list[dict[str, Any]]:
    """The pulled rows in these codes with cursor < seq <= upper (entities kept on the server
    are left out): a range of the (scope_code, seq) index for each code, in one query."""
    values = {"cursor": cursor, "upper": upper, "codes": sorted(codes)}
    return [
        {
            "entity": entity,
            "id": row_id,
            "seq": seq,
            "scope_code": scope_code,
            "deleted": bool(deleted),
            "fields": orjson.Fragment(fields),
            "created_at": _iso(created_at),
            "created_by": created_by,
            "updated_at": _iso(updated_at),
            "updated_by": updated_by,
            "left_scope": False,
        }
        for (
            entity,
            row_id,
            seq,
            scope_code,
            deleted,
            fields,
            created_at,
            created_by,
            updated_at,
            updated_by,
        ) in session.connection().execute(_ROWS_BETWEEN, values)  # Core: no ORM row loading
    ]


def _exits(
    session: Session, cursor: int, codes: frozenset[str], readable: frozenset[str], limit: int
) -> list[dict[str, Any]]:
    """Rows that moved from a wanted code to one the caller cannot read."""
    connection = session.connection()
    if connection.execute(_ANY_EXIT, {"cursor": cursor}).first() is None:
        return []  # the usual case, answered from the seq key alone (180-odd code probes else)
    values = {
        "cursor": cursor,
        "codes": sorted(codes),
        "readable": sorted(readable),
        "count": limit + 1,
    }
    return [
        {
            "entity": entity,
            "id": row_id,
            "seq": seq,
            "scope_code": from_code,
            "deleted": False,
            "fields": {},
            "created_at": _EPOCH,
            "created_by": "",
            "updated_at": _iso(at),
            "updated_by": "",
            "left_scope": True,
        }
        for entity, row_id, seq, from_code, at in connection.execute(_EXITS, values)
    ]
