"""The small world every server test starts from: one district with two streets and three
committees, and one user per role (plus an advisor of the other street)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.enums import Role
from app.sync.wire import SCHEMA_VERSION, LoginRequest, Mutation, MutationStatus, PushRequest
from server.core import auth
from server.core.accounts import NewUser, create_user
from server.core.backend import Backend
from server.core.push import push

DISTRICT = "310907000000"
STREET_1 = "310907001000"
STREET_2 = "310907002000"
COMMITTEE_11 = "310907001001"
COMMITTEE_12 = "310907001002"
COMMITTEE_21 = "310907002001"
PASSWORD = "correct-horse-1"
TREE = [
    (DISTRICT, None, "district", "示例·普陀区"),
    (STREET_1, DISTRICT, "street", "示例·曹杨新村街道"),
    (STREET_2, DISTRICT, "street", "示例·长风新村街道"),
    (COMMITTEE_11, STREET_1, "committee", "示例·枣阳居委会"),
    (COMMITTEE_12, STREET_1, "committee", "示例·兰溪居委会"),
    (COMMITTEE_21, STREET_2, "committee", "示例·天山居委会"),
]
USERS: dict[str, tuple[Role, list[str]]] = {
    "admin": (Role.ADMIN, [DISTRICT]),
    "advisor": (Role.ADVISOR, [COMMITTEE_11]),
    "station": (Role.STATION, [STREET_1]),
    "supervisor": (Role.SUPERVISOR, [DISTRICT]),
    "outsider": (Role.ADVISOR, [STREET_2]),
}


@dataclass
class World:
    logins: dict[str, Role] = field(default_factory=dict)
    password: str = PASSWORD


def build_world(backend: Backend) -> World:
    create_user(backend, NewUser("admin", PASSWORD, Role.ADMIN, (DISTRICT,)), check_scope=False)
    pair = auth.login(backend, LoginRequest(login="admin", password=PASSWORD), "world")
    admin = auth.authenticate(backend, pair.access_token)
    mutations = [
        Mutation(
            mid=number,
            entity="jurisdiction",
            id=f"j-{code}",
            fields={"code": code, "parent_code": parent, "level": level, "name": name},
        )
        for number, (code, parent, level, name) in enumerate(TREE, start=1)
    ]
    request = PushRequest(
        device_id=pair.device_id, schema_version=SCHEMA_VERSION, mutations=mutations
    )
    outcomes = push(backend, admin, request).outcomes
    assert all(o.status is MutationStatus.APPLIED for o in outcomes), outcomes
    for login, (role, scope) in USERS.items():
        if login != "admin":
            create_user(backend, NewUser(login, PASSWORD, role, tuple(scope)))
    return World(logins={login: role for login, (role, _) in USERS.items()})
