"""N simulated advisors syncing against one server process (asyncio, our own load script).

Each advisor is a user with one committee and a registered device (made in the database
beforehand: logging 1,000 users in through argon2 and the login rate limits is not what is
measured). It first pulls its committee, then syncs a few times with a pause between: a push
of two household edits (based on the seqs it pulled) and a pull until nothing is left. Every
sync's wall time is recorded; any non-200 answer or broken connection is an error.

The requests go over raw asyncio connections (bench._http_load's requests): an HTTP library in
the load process spent more CPU than the server it measured, on the same two cores."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import orjson
import zstandard

from app.domain.enums import Role
from app.sync import wire
from bench._http_load import raw_request
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
    """Every advisor's first pull, then ``rounds`` syncs, each at a random moment within
    ``think`` seconds of the one before; each sync on a connection of its own (as a laptop on
    a one-minute timer finds its last connection closed)."""
    result = LoadResult(advisors=len(advisors))
    address = urlsplit(base_url)
    server = (address.hostname or "127.0.0.1", address.port or 80)
    started = time.perf_counter()
    rng = random.Random(seed)
    await asyncio.gather(
        *(
            _advisor(server, one, rounds, think, random.Random(rng.random()), result)
            for one in advisors
        )
    )
    result.seconds = time.perf_counter() - started
    return result


async def _advisor(
    server: tuple[str, int],
    advisor: Advisor,
    rounds: int,
    think: float,
    rng: random.Random,
    result: LoadResult,
) -> None:
    await asyncio.sleep(rng.uniform(0, think))
    began = time.perf_counter()
    if not await _session(server, advisor, result, None):
        return
    result.first_pulls.append(time.perf_counter() - began)
    for number in range(rounds):
        await asyncio.sleep(rng.uniform(0, think))
        began = time.perf_counter()
        if await _session(server, advisor, result, _push_body(advisor, rng, number)):
            result.latencies.append(time.perf_counter() - began)
            result.syncs += 1


async def _session(
    server: tuple[str, int], advisor: Advisor, result: LoadResult, push: bytes | None
) -> bool:
    """One sync on a new connection: the push (if any), then pulls until nothing is left."""
    try:
        reader, writer = await asyncio.open_connection(*server)
    except OSError:
        result.errors += 1
        return False
    try:
        host = f"{server[0]}:{server[1]}"
        if push is not None:
            request = raw_request("POST", wire.PUSH_PATH, _headers(advisor, True), host, push)
            if await _exchange(reader, writer, request) is None:
                result.errors += 1
                return False
        while True:
            path = (
                f"{wire.PULL_PATH}?cursor={advisor.cursor}&schema_version={wire.SCHEMA_VERSION}"
                f"&scope_fingerprint={advisor.fingerprint}"
            )
            body = await _exchange(
                reader, writer, raw_request("GET", path, _headers(advisor, False), host)
            )
            if body is None:
                result.errors += 1
                return False
            page = orjson.loads(body)
            for row in page["rows"]:
                advisor.seqs[row["id"]] = row["seq"]
            advisor.cursor = page["cursor"]
            advisor.fingerprint = page["scope"]["fingerprint"]
            if not page["has_more"]:
                return True
    except (OSError, asyncio.IncompleteReadError, ValueError, KeyError):
        result.errors += 1
        return False
    finally:
        writer.close()


_ZSTD = zstandard.ZstdDecompressor()


def _headers(advisor: Advisor, json_body: bool) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {advisor.token}", "Accept-Encoding": "zstd, gzip"}
    if json_body:
        headers["Content-Type"] = "application/json"
    return headers


def _push_body(advisor: Advisor, rng: random.Random, number: int) -> bytes:
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
    return orjson.dumps(body)


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> bytes | None:
    """Send one request and read its answer; the body of a 200, else None."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip().lower()
    if b"content-length" in headers:
        body = await reader.readexactly(int(headers[b"content-length"]))
    elif headers.get(b"transfer-encoding") == b"chunked":
        body = await _chunked(reader)
    else:
        body = b""
    if headers.get(b"content-encoding") == b"zstd":
        body = _ZSTD.decompressobj().decompress(body)  # no content size in a streamed frame
    elif headers.get(b"content-encoding") == b"gzip":
        body = gzip.decompress(body)
    return body if status == 200 else None


async def _chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
