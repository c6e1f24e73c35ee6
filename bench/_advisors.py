"""N simulated advisors syncing against one server process (asyncio, our own load script).

Each advisor is a user with one committee and a registered device (made in the database
beforehand: logging 1,000 users in through argon2 and the login rate limits is not what is
measured). It first pulls its committee, then syncs a few times with a pause between: a push
of two household edits (based on the seqs it pulled) and a pull until nothing is left. Every
sync's wall time is recorded; any non-200 answer or broken connection is an error."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from app.domain.enums import Role
from app.sync import wire
from server.core.backend import Backend
from server.core.settings import ServerSettings
from server.core.tokens import issue, new_id
from server.models import Device, User


@dataclass
class Advisor:
    login: str
    token: str
    device_id: str
    households: list[str]
    cursor: int = 0
    fingerprint: str = ""
    mid: int = 0
    seqs: dict[str, int] = field(default_factory=dict)


@dataclass
class LoadResult:
    advisors: int
    syncs: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    first_pulls: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def p95_ms(self, values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[int(len(ordered) * 0.95)] * 1000 if ordered else 0.0


def make_advisors(
    database_url: str, households: list[tuple[str, str]], count: int
) -> list[Advisor]:
    """``count`` advisor users, each with a committee of the seeded data and a device."""
    by_committee: dict[str, list[str]] = defaultdict(list)
    for household, committee in households:
        by_committee[committee].append(household)
    committees = sorted(by_committee)
    backend = Backend(ServerSettings(database_url=database_url))
    made: list[Advisor] = []
    now = dt.datetime.now(dt.UTC)
    password_hash = backend.hasher.hash("load-test-password")
    try:
        with backend.database.writing() as session:
            for number in range(count):
                committee = committees[number % len(committees)]
                user = User(
                    id=new_id(),
                    login=f"load{number:04d}",
                    display_name=f"顾问{number}",
                    role=Role.ADVISOR.value,
                    scope=[committee],
                    password_hash=password_hash,
                    active=True,
                    created_at=now,
                )
                device = Device(
                    id=new_id(),
                    user_id=user.id,
                    name=f"load-{number}",
                    last_mid=0,
                    revoked_by="",
                    registered_at=now,
                    last_seen_at=now,
                )
                session.add(user)
                session.flush()  # the device refers to it (no ORM relationship orders them)
                session.add(device)
                session.flush()
                pair, _ = issue(session, backend.settings, user, device, new_id(), now)
                made.append(
                    Advisor(user.login, pair.access_token, device.id, by_committee[committee])
                )
    finally:
        backend.close()
    return made


async def run_load(
    base_url: str, advisors: list[Advisor], rounds: int, think: float, seed: int = 2026
) -> LoadResult:
    result = LoadResult(advisors=len(advisors))
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    timeout = httpx.Timeout(120.0, connect=30.0)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        rng = random.Random(seed)
        await asyncio.gather(
            *(
                _advisor(client, one, rounds, think, random.Random(rng.random()), result)
                for one in advisors
            )
        )
    result.seconds = time.perf_counter() - started
    return result


async def _advisor(
    client: httpx.AsyncClient,
    advisor: Advisor,
    rounds: int,
    think: float,
    rng: random.Random,
    result: LoadResult,
) -> None:
    headers = {"Authorization": f"Bearer {advisor.token}"}
    await asyncio.sleep(rng.uniform(0, think))
    began = time.perf_counter()
    if not await _pull_all(client, advisor, headers, result):
        return
    result.first_pulls.append(time.perf_counter() - began)
    for number in range(rounds):
        await asyncio.sleep(rng.uniform(0, think))
        began = time.perf_counter()
        pushed = await _push(client, advisor, headers, rng, number, result)
        if pushed and await _pull_all(client, advisor, headers, result):
            result.latencies.append(time.perf_counter() - began)
            result.syncs += 1


async def _push(
    client: httpx.AsyncClient,
    advisor: Advisor,
    headers: dict[str, str],
    rng: random.Random,
    number: int,
    result: LoadResult,
) -> bool:
    mutations = []
    for household in rng.sample(advisor.households, min(2, len(advisor.households))):
        advisor.mid += 1
        mutations.append(
            {
                "mid": advisor.mid,
                "entity": "household",
                "id": household,
                "fields": {"notes": f"第{number + 1}次走访（{advisor.login}）"},
                "base_seq": advisor.seqs.get(household, 0),
            }
        )
    body = {
        "device_id": advisor.device_id,
        "schema_version": wire.SCHEMA_VERSION,
        "mutations": mutations,
    }
    sent = {**headers, "Content-Type": "application/json"}
    return await _ok(client.post(wire.PUSH_PATH, content=orjson.dumps(body), headers=sent), result)


async def _pull_all(
    client: httpx.AsyncClient, advisor: Advisor, headers: dict[str, str], result: LoadResult
) -> bool:
    while True:
        params: dict[str, Any] = {
            "cursor": advisor.cursor,
            "schema_version": wire.SCHEMA_VERSION,
            "scope_fingerprint": advisor.fingerprint,
        }
        response = await _ok(client.get(wire.PULL_PATH, params=params, headers=headers), result)
        if not response:
            return False
        page = orjson.loads(response.content)
        for row in page["rows"]:
            advisor.seqs[row["id"]] = row["seq"]
        advisor.cursor = page["cursor"]
        advisor.fingerprint = page["scope"]["fingerprint"]
        if not page["has_more"]:
            return True


async def _ok(request: Any, result: LoadResult) -> Any:
    """The response when it is a 200, else None (counted as an error)."""
    try:
        response = await request
    except httpx.HTTPError:
        result.errors += 1
        return None
    if response.status_code != 200:
        result.errors += 1
        return None
    return response
