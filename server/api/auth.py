"""/api/v1/auth: login (registers the device), refresh (rotates), logout, me."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from app.sync.wire import LoginRequest, RefreshRequest, TokenPair, UserInfo
from server.api.deps import BackendDep, PrincipalDep, client_address
from server.api.responses import ERRORS, wire_response
from server.core import accounts, auth, passwords

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERRORS)


@router.post("/login", response_model=TokenPair)
def login(body: LoginRequest, request: Request, backend: BackendDep) -> Response:
    """Password login; without ``device_id`` this laptop is registered as a new device."""
    return wire_response(auth.login(backend, body, client_address(request)))


@router.post("/refresh", response_model=TokenPair)
def refresh(body: RefreshRequest, backend: BackendDep) -> Response:
    """A new token pair for a refresh token, which is used up (present it again: 401)."""
    return wire_response(auth.refresh(backend, body.refresh_token))


@router.post("/logout", status_code=204)
def logout(principal: PrincipalDep, backend: BackendDep) -> Response:
    """Revoke this device's tokens."""
    auth.logout(backend, principal)
    return Response(status_code=204)


@router.get("/me", response_model=UserInfo)
def me(principal: PrincipalDep, backend: BackendDep) -> Response:
    return wire_response(accounts.me(backend, principal))


class PasswordChange(BaseModel):
    current_password: Annotated[str, Field(max_length=passwords.MAX_PASSWORD)]
    new_password: Annotated[
        str, Field(min_length=accounts.MIN_PASSWORD, max_length=passwords.MAX_PASSWORD)
    ]


@router.post("/password", status_code=204)
def change_password(body: PasswordChange, principal: PrincipalDep, backend: BackendDep) -> Response:
    """Change the caller's password; the user's sessions on other devices end."""
    passwords.change_password(backend, principal, body.current_password, body.new_password)
    return Response(status_code=204)
