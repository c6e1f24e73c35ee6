"""/api/v1/sync: push, pull and the list of conflicts (protocol: server/core/README.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool

from app.sync.wire import BIGGEST, MAX_PULL_LIMIT, ConflictList, PullPage, PushRequest, PushResponse
from server.api.deps import BackendDep, CallerAndCounterDep, PrincipalDep
from server.api.responses import ERRORS, wire_response
from server.core import conflicts
from server.core import pull as pulling
from server.core import push as pushing

router = APIRouter(prefix="/sync", tags=["sync"], responses=ERRORS)
CODES_PATTERN = r"^[0-9A-Za-z*]{1,16}(,[0-9A-Za-z*]{1,16})*$"


@router.post("/push", response_model=PushResponse)
def push(body: PushRequest, principal: PrincipalDep, backend: BackendDep) -> Response:
    """Apply this device's mutations in one transaction; a retried push applies nothing twice."""
    return wire_response(pushing.push(backend, principal, body))


@router.get("/pull", response_model=PullPage)
async def pull(
    backend: BackendDep,
    caller: CallerAndCounterDep,
    cursor: Annotated[int, Query(ge=0, le=BIGGEST)],
    schema_version: Annotated[int, Query(ge=0, le=BIGGEST)],
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = MAX_PULL_LIMIT,
    codes: Annotated[str, Query(pattern=CODES_PATTERN, max_length=20_000)] | None = None,
    scope_fingerprint: Annotated[str, Query(max_length=64)] = "",
    history: Annotated[str, Query(max_length=32, pattern=r"^[0-9a-f]*$")] = "",
) -> Response:
    """Rows of your scope changed after ``cursor`` (410: start again from 0; 426: update).

    Well-formed pulls without ``codes`` are answered before routing, with the same body
    (server/api/plain_pulls.py). Here, as there, the token and the counter are read on the
    event loop (two small reads); only a page with rows goes to a worker thread."""
    query = pulling.PullQuery(
        cursor=cursor,
        schema_version=schema_version,
        limit=limit,
        codes=tuple(codes.split(",")) if codes else (),
        scope_fingerprint=scope_fingerprint,
        history=history,
    )
    begun = pulling.begin(backend, *caller, query)
    body = pulling.idle_body(begun, query)
    if body is None:
        body = await run_in_threadpool(pulling.page_body, backend, begun, query)
    return Response(body, media_type="application/json")


@router.get("/conflicts", response_model=ConflictList)
def list_conflicts(
    principal: PrincipalDep, backend: BackendDep, include_resolved: bool = False
) -> Response:
    """Conflicts on rows of your scope, unresolved ones unless ``include_resolved``."""
    found = conflicts.list_conflicts(backend, principal, include_resolved=include_resolved)
    return wire_response(ConflictList(conflicts=found))
