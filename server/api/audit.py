"""/api/v1/audit: the audit trail for supervisors and administrators."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from server.api.deps import BackendDep, PrincipalDep
from server.api.responses import ERRORS, wire_response
from server.core import audit_log

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERRORS)


@router.get("", response_model=list[audit_log.AuditEntry])
def list_audit(
    principal: PrincipalDep,
    backend: BackendDep,
    action: Annotated[str, Query(max_length=32, pattern=r"^[a-z_]*$")] = "",
    actor: Annotated[str, Query(max_length=64)] = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=audit_log.MAX_ROWS)] = 1000,
) -> Response:
    """Access events pushed by laptops and the server's login attempts, newest first."""
    wanted = audit_log.AuditQuery(action, actor, since, until, limit)
    return wire_response(audit_log.query(backend, principal, wanted))
