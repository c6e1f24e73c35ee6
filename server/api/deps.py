"""Request dependencies as typed aliases: the process backend and the authenticated caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.core import auth
from server.core.backend import Backend
from server.core.hot_reads import CounterRow
from server.core.scope import Principal

bearer = HTTPBearer(auto_error=False, description="access_token from /api/v1/auth/login")


async def get_backend(request: Request) -> Backend:
    """async: a plain def dependency would cost every request a worker-thread round trip."""
    backend: Backend = request.app.state.backend
    return backend


BackendDep = Annotated[Backend, Depends(get_backend)]


BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def get_principal(request: Request, backend: BackendDep, credentials: BearerDep) -> Principal:
    """The caller, looked up on the event loop: one indexed raw read, cheaper than a thread
    switch (server.core.hot_reads)."""
    principal = auth.authenticate(backend, credentials.credentials if credentials else None)
    note_caller(request, principal)
    return principal


async def get_caller_and_counter(
    request: Request, backend: BackendDep, credentials: BearerDep
) -> tuple[Principal, CounterRow]:
    """get_principal() and the counter, read on the same connection (every pull needs both)."""
    token = credentials.credentials if credentials else None
    principal, counter = auth.authenticate_with_counter(backend, token)
    assert counter is not None
    note_caller(request, principal)
    return principal, counter


CallerAndCounterDep = Annotated[tuple[Principal, CounterRow], Depends(get_caller_and_counter)]


def note_caller(request: Request, principal: Principal) -> None:
    """Who made the request, for the access log."""
    request.scope.setdefault("state", {}).update(
        login=principal.login, device_id=principal.device_id
    )


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""
