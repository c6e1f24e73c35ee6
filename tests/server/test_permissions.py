"""Permission matrix: every endpoint × every role × a row outside the caller's scope. Nothing
leaks (pull, conflicts) and nothing is written (push, admin) outside what the role may do.

Rows of committee 21 (street 2) are out of scope for the advisor (committee 11) and the station
(street 1); the supervisor and the admin hold the whole district."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from app.sync import wire
from app.sync.wire import MutationStatus
from tests.server.laptops import Laptop
from tests.server.world import COMMITTEE_11, COMMITTEE_21, DISTRICT, STREET_1

PUBLIC = {("GET", "/api/v1/health"), ("POST", wire.LOGIN_PATH), ("POST", wire.REFRESH_PATH)}
ADMIN_ROUTES = {
    ("GET", "/api/v1/admin/users"),
    ("POST", "/api/v1/admin/users"),
    ("GET", "/api/v1/admin/devices"),
    ("POST", "/api/v1/admin/devices/{device_id}/revoke"),
    ("POST", "/api/v1/admin/users/{user_id}/password"),
}
SCOPED_ROUTES = {("POST", wire.PUSH_PATH), ("GET", wire.PULL_PATH), ("GET", wire.CONFLICTS_PATH)}
SELF_ROUTES = {("POST", wire.LOGOUT_PATH), ("GET", wire.ME_PATH), ("POST", "/api/v1/auth/password")}
READER_ROUTES = {("GET", "/api/v1/audit")}  # supervisors and admins (tests/server/test_operations)
READS_DISTRICT = {"supervisor", "admin"}


@dataclass
class Secret:
    """Rows of committee 21 with a stored conflict, made by the street-2 advisor."""

    household: wire.Row
    member_id: str
    conflict_id: str
    device_id: str


def make_secret(api: TestClient) -> Secret:
    first, second = Laptop(api, "outsider"), Laptop(api, "outsider")
    created = (
        first.push(
            first.mutation(
                "household", str(uuid.uuid4()), {"committee_code": COMMITTEE_21, "phone": "1"}
            )
        )
        .outcomes[0]
        .row
    )
    assert created is not None
    member_id = str(uuid.uuid4())
    first.push(first.mutation("member", member_id, {"household_id": created.id, "name": "秘密"}))
    first.push(first.mutation("household", created.id, {"phone": "2"}, created.seq))
    clash = second.push(second.mutation("household", created.id, {"phone": "3"}, created.seq))
    (conflict,) = clash.outcomes[0].conflicts
    return Secret(created, member_id, conflict.id, first.device_id)


def all_routes(api: TestClient) -> set[tuple[str, str]]:
    """Every operation the server documents in /openapi.json."""
    paths = api.get("/openapi.json").json()["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def test_the_matrix_covers_every_endpoint(api: TestClient) -> None:
    assert all_routes(api) == PUBLIC | ADMIN_ROUTES | SCOPED_ROUTES | SELF_ROUTES | READER_ROUTES


def test_no_private_endpoint_answers_without_a_valid_token(api: TestClient) -> None:
    for method, path in sorted(all_routes(api) - PUBLIC):
        url = path.replace("{device_id}", "x").replace("{user_id}", "x")
        for headers in ({}, {"Authorization": "Bearer nxa_forged"}):
            response = api.request(method, url, headers=headers, json={})
            assert response.status_code == 401, (method, path, response.text)
            assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("login", ["advisor", "station", "supervisor", "admin"])
def test_each_role_sees_and_writes_only_what_it_may(api: TestClient, login: str) -> None:
    secret = make_secret(api)
    laptop = Laptop(api, login)
    readable = login in READS_DISTRICT

    pulled = laptop.pull_all()
    scopes = {row.scope_code for row in pulled.values()}
    assert (("household", secret.household.id) in pulled) is readable
    assert (("member", secret.member_id) in pulled) is readable
    if not readable:
        assert scopes <= {"*", COMMITTEE_11, "310907001002"}

    listed = api.get(wire.CONFLICTS_PATH, headers=laptop.headers).json()["conflicts"]
    assert (secret.conflict_id in {c["id"] for c in listed}) is readable

    pushed = laptop.push(
        laptop.mutation("household", secret.household.id, {"notes": "x"}, secret.household.seq),
        laptop.mutation("member", str(uuid.uuid4()), {"household_id": secret.household.id}),
        laptop.mutation(
            "household", secret.household.id, {"phone": "9"}, 0, resolves=[secret.conflict_id]
        ),
    ).outcomes
    expected = {
        "advisor": "out_of_scope",
        "station": "out_of_scope",
        "supervisor": "read_only_role",
        "admin": None,
    }[login]
    if expected is None:
        assert all(o.status is not MutationStatus.REFUSED for o in pushed)
    else:
        assert [o.refusal.code if o.refusal else None for o in pushed] == [expected] * 3
        assert all(o.row is None for o in pushed)
        owner = Laptop(api, "outsider").pull_all()
        assert owner[("household", secret.household.id)].fields["phone"] == "2"
        assert ("member", secret.member_id) in owner and len(
            [k for k in owner if k[0] == "member"]
        ) == 1
        still = api.get(wire.CONFLICTS_PATH, headers=Laptop(api, "outsider").headers).json()
        assert secret.conflict_id in {c["id"] for c in still["conflicts"]}

    me = api.get(wire.ME_PATH, headers=laptop.headers).json()
    assert me["login"] == login

    check_admin_routes(api, laptop, login, secret)


def check_admin_routes(api: TestClient, laptop: Laptop, login: str, secret: Secret) -> None:
    admin = login == "admin"
    new_user = {
        "login": f"new-{login}",
        "password": "long-enough-1",
        "role": "advisor",
        "scope": [STREET_1],
    }
    responses = [
        api.get("/api/v1/admin/users", headers=laptop.headers),
        api.post("/api/v1/admin/users", headers=laptop.headers, json=new_user),
        api.get("/api/v1/admin/devices", headers=laptop.headers),
        api.post(f"/api/v1/admin/devices/{secret.device_id}/revoke", headers=laptop.headers),
    ]
    if admin:
        assert [r.status_code for r in responses] == [200, 201, 200, 200]
        return
    assert [r.status_code for r in responses] == [403] * 4
    assert all(r.json()["code"] == "forbidden" for r in responses)
    outsider = Laptop(api, "outsider")  # the secret's device still works: nothing was revoked
    assert outsider.pull_raw(0).status_code == 200
    users = api.get("/api/v1/admin/users", headers=Laptop(api, "admin").headers).json()
    assert f"new-{login}" not in {u["login"] for u in users}
    assert DISTRICT  # the admin's scope covers the district
