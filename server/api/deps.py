"""Request dependencies as typed aliases: the process backend and the authenticated caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.core import auth
from server.core.backend import Backend
from server.core.scope import Principal

bearer = HTTPBearer(auto_error=False, description="access_token from /api/v1/auth/login")


def get_backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


BackendDep = Annotated[Backend, Depends(get_backend)]


async def get_principal(
    request: Request,
    backend: BackendDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    token = credentials.credentials if credentials else None
    principal = await run_in_threadpool(auth.authenticate, backend, token)
    request.scope.setdefault("state", {}).update(
        login=principal.login, device_id=principal.device_id
    )
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""
