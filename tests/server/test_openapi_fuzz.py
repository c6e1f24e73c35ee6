"""schemathesis against /openapi.json: generated requests (valid and invalid) to every operation
never get a 5xx, and every answer matches the documented status codes, types and schemas.
Bounded (a few examples per operation) so it stays well under a minute on both databases."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

from app.sync.wire import SCHEMA_VERSION
from server.api.app import create_app
from server.core.backend import Backend
from server.core.tokens import issue, new_id
from server.models import Device, User
from tests.server.world import World

EXAMPLES = 8
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


def admin_token(backend: Backend) -> str:
    """A fresh access token of the admin on a new device (no password hashing per example)."""
    with backend.database.writing() as session:
        user = session.query(User).filter(User.login == "admin").one()
        device = Device(id=new_id(), user_id=user.id, name="fuzz", last_mid=0, revoked_by="")
        session.add(device)
        session.flush()
        pair, _ = issue(session, backend.settings, user, device, new_id(), backend.now())
    return pair.access_token


def test_generated_requests_get_documented_answers_and_no_server_error(
    backend: Backend, world: World
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(backend=backend))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, backend)


def fuzz(operation: Any, mode: GenerationMode, backend: Backend) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def call(case: schemathesis.Case) -> None:
        if case.query and case.query.get("cursor") == 0:
            case.query["schema_version"] = SCHEMA_VERSION  # also reach the reading code
        case.call_and_validate(
            headers={"Authorization": f"Bearer {admin_token(backend)}"}, checks=CHECKS
        )

    try:
        call()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # an operation without inputs has no invalid ones
