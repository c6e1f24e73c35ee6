"""The sync wire schema (DESIGN §5), the one module that the client and the server both import.

Frozen dataclasses: ``encode`` writes them with orjson, ``decode`` reads and validates them
(pydantic derives the validators, and the server's OpenAPI, from these classes). The protocol is
described in server/core/README.md. Imports nothing of the project, so either side can use it.
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import orjson
from pydantic import Field, TypeAdapter

SCHEMA_VERSION = 1  # of the synced rows and this wire format; the client sends it on every sync
OLDEST_CLIENT_SCHEMA = 1  # a client below this gets 426 and is asked to update
MAX_PULL_LIMIT = 5000
PUBLIC_SCOPE = "*"  # scope code of reference rows that every signed-in user pulls (jurisdictions)
API_PREFIX = "/api/v1"
LOGIN_PATH = f"{API_PREFIX}/auth/login"
REFRESH_PATH = f"{API_PREFIX}/auth/refresh"
LOGOUT_PATH = f"{API_PREFIX}/auth/logout"
ME_PATH = f"{API_PREFIX}/auth/me"
PUSH_PATH = f"{API_PREFIX}/sync/push"
PULL_PATH = f"{API_PREFIX}/sync/pull"
CONFLICTS_PATH = f"{API_PREFIX}/sync/conflicts"
GZIP_MIN_BYTES = 1024  # bodies at least this long are worth compressing

BIGGEST = 2**62  # seqs and mids fit a signed 64-bit column

T = TypeVar("T")
RowId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
EntityName = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_]*$")]
Seq = Annotated[int, Field(ge=0, le=BIGGEST)]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL
Mid = Annotated[int, Field(ge=1, le=BIGGEST)]
HistoryId = Annotated[str, Field(max_length=32, pattern=r"^[0-9a-f]*$")]  # server_history.id


class MutationStatus(StrEnum):
    APPLIED = "applied"  # every field applied (or already equal)
    CONFLICT = "conflict"  # some fields kept the server value; see ``conflicts``
    REFUSED = "refused"  # nothing applied; see ``refusal``


class RefusalCode(StrEnum):
    """Why one mutation was refused; the client shows ``Refusal.message`` to the user."""

    OUT_OF_SCOPE = "out_of_scope"
    TARGET_OUT_OF_SCOPE = "target_out_of_scope"
    READ_ONLY_ROLE = "read_only_role"
    UNKNOWN_ENTITY = "unknown_entity"
    MISSING_PARENT = "missing_parent"
    UNKNOWN_PARENT = "unknown_parent"
    INVALID_FIELDS = "invalid_fields"
    ROW_PURGED = "row_purged"
    BAD_BASE_SEQ = "bad_base_seq"
    MID_REUSED = "mid_reused"
    APPEND_ONLY = "append_only"


class ErrorCode(StrEnum):
    """``ErrorBody.code`` of every error response."""

    INVALID_REQUEST = "invalid_request"  # 400/422
    NOT_AUTHENTICATED = "not_authenticated"  # 401: no or unknown access token
    TOKEN_EXPIRED = "token_expired"  # 401: refresh and retry
    INVALID_CREDENTIALS = "invalid_credentials"  # 401
    REFRESH_INVALID = "refresh_invalid"  # 401: log in again
    REFRESH_REUSED = "refresh_reused"  # 401: the token family is revoked; log in again
    DEVICE_REVOKED = "device_revoked"  # 403: an admin revoked this laptop
    DEVICE_MISMATCH = "device_mismatch"  # 403: the device is not the token's
    FORBIDDEN = "forbidden"  # 403: role or scope
    NOT_FOUND = "not_found"  # 404
    METHOD_NOT_ALLOWED = "method_not_allowed"  # 405
    CONFLICT = "conflict"  # 409: e.g. a login name taken
    CURSOR_EXPIRED = "cursor_expired"  # 410: re-bootstrap from cursor 0, keeping the outbox
    HISTORY_CHANGED = "history_changed"  # 410: restored from a backup; see ErrorBody.history
    BODY_TOO_LARGE = "body_too_large"  # 413
    CLIENT_OUTDATED = "client_outdated"  # 426: update the client
    SERVER_OUTDATED = "server_outdated"  # 400: the client is newer than the server
    RATE_LIMITED = "rate_limited"  # 429: see the Retry-After header
    INTERNAL = "internal"  # 500


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryChange:
    """The server was restored from a backup since the client's last sync: the client's seqs
    above ``since`` (its cursor, its acknowledged edits) were another line of the sequence.
    Push again what it holds above ``since`` (based on ``since``) and pull everything again."""

    history: HistoryId  # the server's line now: send it from now on
    since: Seq  # the last seq the client's line and the server's share


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorBody:
    code: str
    message: str  # Chinese, for the user
    message_en: str = ""
    history: HistoryChange | None = None  # with history_changed


# ---- sync ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Mutation:
    """One outbox entry: new ``fields`` values; ``base_seq`` is the row's server_seq when edited."""

    mid: Mid
    entity: EntityName
    id: RowId
    fields: dict[str, Any]
    base_seq: Seq = 0
    resolves: list[RowId] = field(default_factory=list)  # ids of conflicts this edit settles


@dataclass(frozen=True, slots=True, kw_only=True)
class PushRequest:
    device_id: RowId
    schema_version: Annotated[int, Field(ge=0, le=BIGGEST)]
    mutations: list[Mutation]
    history: HistoryId = ""  # of the base_seqs (PullPage.history); empty: not checked
    # True: an outcome that left the row exactly as the laptop has it (the row unchanged since
    # the mutation's base_seq, no conflict, no move) carries ``stamp`` instead of ``row``.
    # Absent (older clients): every outcome carries the whole row.
    stamps: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """A synced row as the server holds it; ``left_scope`` rows carry no fields: drop them."""

    entity: str
    id: str
    seq: int
    scope_code: str
    deleted: bool
    fields: dict[str, Any]
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    left_scope: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldConflict:
    """One field that kept the server value (``theirs``) instead of the pushed one (``mine``)."""

    id: str
    entity: str
    row_id: str
    field: str
    base: Any
    mine: Any
    theirs: Any
    mine_by: str
    theirs_by: str
    theirs_seq: int
    at: dt.datetime  # when the server found it (the push of ``mine``)
    resolved: bool = False
    theirs_at: dt.datetime | None = None  # when ``theirs`` was made (absent from older servers)


@dataclass(frozen=True, slots=True, kw_only=True)
class Refusal:
    code: str  # a RefusalCode
    message: str  # Chinese, naming what to do
    message_en: str
    field: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Stamp:
    """What the server set itself on a row that a mutation left as the laptop has it: the row
    is the laptop's copy at ``base_seq`` plus the pushed fields, now at ``Outcome.seq``."""

    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What became of one mutation: ``row`` is the server's row after it, or ``stamp`` when
    the push asked for stamps and the row is exactly the pushed one (neither when refused)."""

    mid: int
    entity: str
    id: str
    status: MutationStatus
    seq: int  # the row's seq after this mutation (0 when refused)
    applied: list[str] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)
    refusal: Refusal | None = None
    row: Row | None = None
    stamp: Stamp | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PushResponse:
    outcomes: list[Outcome]
    last_mid: int  # the highest mid of this device the server has taken
    server_seq: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ScopeInfo:
    """The user's jurisdiction codes; ``codes`` comes only when the client's fingerprint differs."""

    fingerprint: str
    codes: list[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PullPage:
    rows: list[Row]
    cursor: int  # pass it as the next ``cursor``
    has_more: bool
    server_seq: int
    scope: ScopeInfo
    history: HistoryId = ""  # the line of the sequence the seqs belong to (send it back)


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictList:
    conflicts: list[FieldConflict]


# ---- auth ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginRequest:
    login: Annotated[str, Field(max_length=200, pattern=NO_NUL)]
    password: Annotated[str, Field(max_length=1000)]
    device_id: RowId | None = None  # None registers this laptop as a new device
    device_name: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshRequest:
    refresh_token: Annotated[str, Field(max_length=200)]


@dataclass(frozen=True, slots=True, kw_only=True)
class UserInfo:
    id: str
    login: str
    display_name: str
    role: str
    scope: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenPair:
    """Send ``access_token`` as ``Authorization: Bearer …``; keep ``refresh_token`` in a keyring."""

    access_token: str
    access_expires_at: dt.datetime
    refresh_token: str
    refresh_expires_at: dt.datetime
    device_id: str
    user: UserInfo


# ---- encoding -----------------------------------------------------------------------------------


def encode(value: Any) -> bytes:
    """JSON bytes of a wire object (dataclasses, datetimes and enums included)."""
    return orjson.dumps(value)


def decode(kind: type[T], data: bytes | str) -> T:
    """Parse and validate JSON into ``kind``; pydantic.ValidationError when it does not fit."""
    adapter: TypeAdapter[T] = _adapter(kind)
    return adapter.validate_json(data)


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(kind: type[T]) -> TypeAdapter[T]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def gzip_request(body: bytes) -> tuple[bytes, dict[str, str]]:
    """A request body and its headers, gzipped when it is long enough to gain from it."""
    headers = {"Content-Type": "application/json"}
    if len(body) < GZIP_MIN_BYTES:
        return body, headers
    headers["Content-Encoding"] = "gzip"
    return gzip.compress(body, compresslevel=5), headers
