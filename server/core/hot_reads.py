"""The reads every request makes, done on a raw DBAPI connection: the principal of an access
token, and the counter (what an idle pull needs). Same answers as the ORM would give, with the
per-dialect differences (SQLite keeps JSON and times as text, PostgreSQL parses them) ironed out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from server.core.database import Database

_TOKEN_SQL = (
    "SELECT a.family_id, a.expires_at, u.id, u.login, u.role, u.scope, u.active, d.id,"
    " d.revoked_at FROM access_token AS a"
    " JOIN user_account AS u ON u.id = a.user_id"
    " JOIN device AS d ON d.id = a.device_id"
    " WHERE a.token_hash = {marker}"
)
_COUNTER_SQL = "SELECT seq, purged_seq, tree_version, history FROM counter WHERE id = 1"


@dataclass(frozen=True)
class TokenRow:
    family_id: str
    expires_at: dt.datetime
    user_id: str
    login: str
    role: str
    scope: tuple[str, ...]
    active: bool
    device_id: str
    device_revoked: bool


@dataclass(frozen=True)
class CounterRow:
    seq: int
    purged_seq: int
    tree_version: int
    history: str  # the line of the sequence (server.core.history)


def read_token(
    database: Database, token_hash: str, *, with_counter: bool = False
) -> tuple[TokenRow | None, CounterRow | None]:
    """The token's row (None when unknown) and, when asked, the counter, on one connection."""
    with database.raw() as connection:
        cursor = connection.cursor()
        try:
            cursor.execute(_TOKEN_SQL.format(marker=database.marker), (token_hash,))
            found = cursor.fetchone()
            counter = None
            if with_counter:
                cursor.execute(_COUNTER_SQL)
                counter = _counter(cursor.fetchone())
        finally:
            cursor.close()
    return (_token(found) if found is not None else None), counter


def _token(found: tuple[Any, ...]) -> TokenRow:
    family, expires, user, login, role, scope, active, device, revoked = found
    return TokenRow(
        family_id=family,
        expires_at=_utc(expires),
        user_id=user,
        login=login,
        role=role,
        scope=tuple(json.loads(scope) if isinstance(scope, str) else scope),
        active=bool(active),
        device_id=device,
        device_revoked=revoked is not None,
    )


def _utc(value: Any) -> dt.datetime:
    """SQLite gives naive UTC text, PostgreSQL an aware datetime."""
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed


def read_counter(database: Database) -> CounterRow:
    with database.raw() as connection:
        cursor = connection.cursor()
        try:
            cursor.execute(_COUNTER_SQL)
            found = cursor.fetchone()
        finally:
            cursor.close()
    return _counter(found)


def _counter(found: tuple[Any, ...]) -> CounterRow:
    seq, purged, version, history = found
    return CounterRow(int(seq), int(purged), int(version), str(history))
