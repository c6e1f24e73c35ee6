"""`seed-demo`: the client demo's jurisdictions, households and members as synced rows, plus
demo users with known passwords (app.services.demo_data.generate, the same generator)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.enums import Role
from app.services.demo_data import generate
from app.sync.wire import PUBLIC_SCOPE
from server.core.accounts import NewUser, create_user
from server.core.backend import Backend
from server.core.records import lock_counter
from server.models import Counter, Jurisdiction, Record, Revision, User

SEEDER = "seed-demo"
# Denormalised list columns each client computes itself; never synced.
CLIENT_ONLY_FIELDS = frozenset({"id", "head_name", "head_name_sort", "member_count"})
DEMO_PASSWORDS = {
    "advisor": "nuanxin-advisor",
    "station": "nuanxin-station",
    "supervisor": "nuanxin-supervisor",
    "admin": "nuanxin-admin",
}


@dataclass(frozen=True)
class SeedReport:
    rows: int
    users: dict[str, str]  # login -> password, for the demo users created now


def seed_demo(backend: Backend, households: int, seed: int = 2026) -> SeedReport:
    """Fill an empty server with demo data (rows are skipped when the demo is already there)."""
    data = generate(households, seed=seed)
    street = next(j["code"] for j in data.jurisdictions if j["level"] == "street")
    district = data.jurisdictions[0]["code"]
    rows = 0
    with backend.database.writing() as session:
        first = data.jurisdictions[0]["id"]
        if session.get(Record, ("jurisdiction", first)) is None:
            counter = lock_counter(session)
            new: list[tuple[str, str, str | None, dict[str, Any]]] = [
                ("jurisdiction", PUBLIC_SCOPE, None, j) for j in data.jurisdictions
            ]
            new += [("household", h["committee_code"], None, h) for h in data.households]
            committee = {h["id"]: h["committee_code"] for h in data.households}
            new += [
                ("member", committee[m["household_id"]], m["household_id"], m) for m in data.members
            ]
            rows = _insert(session, counter, new, backend.now())
            session.execute(
                insert(Jurisdiction),
                [_projection(j) for j in data.jurisdictions],
            )
            counter.tree_version += 1
    scopes = {
        "advisor": [street],
        "station": [street],
        "supervisor": [district],
        "admin": [district],
    }
    return SeedReport(rows=rows, users=_demo_users(backend, scopes))


def _insert(
    session: Session,
    counter: Counter,
    new: list[tuple[str, str, str | None, dict[str, Any]]],
    at: dt.datetime,
) -> int:
    records: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    for entity, scope, parent, values in new:
        counter.seq += 1
        fields = {k: _json(v) for k, v in values.items() if k not in CLIENT_ONLY_FIELDS}
        seq = counter.seq
        records.append(
            {
                "entity": entity,
                "id": values["id"],
                "scope_code": scope,
                "parent_id": parent,
                "fields": fields,
                "field_seq": dict.fromkeys(fields, seq),
                "deleted": False,
                "seq": seq,
                "created_at": at,
                "created_by": SEEDER,
                "updated_at": at,
                "updated_by": SEEDER,
            }
        )
        revisions.append(
            {
                "seq": seq,
                "entity": entity,
                "row_id": values["id"],
                "fields": fields,
                "user_login": SEEDER,
                "device_id": "",
                "mid": 0,
                "at": at,
            }
        )
    for start in range(0, len(records), 5000):
        session.execute(insert(Record), records[start : start + 5000])
        session.execute(insert(Revision), revisions[start : start + 5000])
    return len(records)


def _projection(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": row["code"],
        "parent_code": row["parent_code"],
        "level": row["level"],
        "name": row["name"],
        "record_id": row["id"],
    }


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _demo_users(backend: Backend, scopes: dict[str, list[str]]) -> dict[str, str]:
    made: dict[str, str] = {}
    with backend.database.reading() as session:
        existing = set(session.execute(select(User.login)).scalars())
    for login, password in DEMO_PASSWORDS.items():
        if login in existing:
            continue
        new = NewUser(login, password, Role(login), tuple(scopes[login]), display_name=login)
        create_user(backend, new)
        made[login] = password
    return made
