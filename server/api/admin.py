"""/api/v1/admin: users and devices (administrators only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from app.domain.enums import Role
from app.sync.wire import UserInfo
from server.api.deps import BackendDep, PrincipalDep
from server.api.responses import ERRORS, wire_response
from server.core import accounts, passwords

router = APIRouter(prefix="/admin", tags=["admin"], responses=ERRORS)
Code = Annotated[str, Field(pattern=r"^[0-9A-Za-z]{1,16}$")]


class NewUserRequest(BaseModel):
    login: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")]
    password: Annotated[str, Field(min_length=accounts.MIN_PASSWORD, max_length=1000)]
    role: Role
    scope: Annotated[list[Code], Field(max_length=1000)]
    display_name: Annotated[str, Field(max_length=50, pattern=r"^[^\x00]*$")] = ""


@router.get("/users", response_model=list[UserInfo])
def list_users(principal: PrincipalDep, backend: BackendDep) -> Response:
    accounts.require_admin(principal)
    return wire_response(accounts.list_users(backend))


@router.post("/users", response_model=UserInfo, status_code=201)
def create_user(body: NewUserRequest, principal: PrincipalDep, backend: BackendDep) -> Response:
    accounts.require_admin(principal)
    new = accounts.NewUser(
        login=body.login,
        password=body.password,
        role=body.role,
        scope=tuple(body.scope),
        display_name=body.display_name,
    )
    return wire_response(accounts.create_user(backend, new), 201)


@router.get("/devices", response_model=list[accounts.DeviceInfo])
def list_devices(principal: PrincipalDep, backend: BackendDep) -> Response:
    accounts.require_admin(principal)
    return wire_response(accounts.list_devices(backend))


@router.post("/devices/{device_id}/revoke", response_model=accounts.DeviceInfo)
def revoke_device(
    device_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")],
    principal: PrincipalDep,
    backend: BackendDep,
) -> Response:
    """Stop a laptop now: its tokens die, and it can no longer log in or refresh."""
    accounts.require_admin(principal)
    return wire_response(accounts.revoke_device(backend, principal, device_id))


class PasswordReset(BaseModel):
    new_password: Annotated[
        str, Field(min_length=accounts.MIN_PASSWORD, max_length=passwords.MAX_PASSWORD)
    ]


@router.post("/users/{user_id}/password", status_code=204)
def reset_password(
    user_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")],
    body: PasswordReset,
    principal: PrincipalDep,
    backend: BackendDep,
) -> Response:
    """Set a user's password (they forgot it); every session of that user ends."""
    passwords.reset_password(backend, principal, user_id, body.new_password)
    return Response(status_code=204)
