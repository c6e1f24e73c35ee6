"""Shared pieces of the sync benchmarks: a seeded server database (the demo generator's
households and members via the server's seed-demo code, plus visits), a server process, and
fresh client stores logged in to it."""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uuid_utils
from sqlalchemy import insert, select

from app.domain.enums import NeedCategory, Role, VisitKind
from app.store.engine import DB_FILENAME, Store, open_engine
from app.store.migrations import upgrade_to_head
from app.sync.engine import SyncEngine
from server.core.accounts import NewUser, create_user
from server.core.backend import Backend
from server.core.database import Database, migrate
from server.core.demo_seed import seed_demo
from server.core.records import lock_counter
from server.core.settings import ServerSettings
from server.models import Record, Revision

ROOT = Path(__file__).resolve().parents[1]
BENCH_LOGIN, BENCH_PASSWORD = "bench", "bench-password-1"
SITUATIONS = (
    "老人独居，行动不便，冰箱里食物不多，子女每月来一次。",
    "夫妻二人均有慢性病，药费负担重，希望了解医疗救助。",
    "孩子上初中，学费和午餐费有困难，母亲打零工。",
    "房屋漏水，楼道堆物，存在安全隐患，已联系居委。",
    "家属反映近期情绪低落，少出门，建议心理疏导。",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class SeededServer:
    url: str  # database URL
    districts: tuple[str, ...]
    households: list[tuple[str, str]]  # (household id, committee code)
    rows: int


def seed_server(
    database_url: str, households: int, visits_per_household: int, *, migrated: bool = False
) -> SeededServer:
    """Demo households and members through seed-demo, visits added the same way, a bench user
    (an advisor whose scope is every demo district: all of the data)."""
    if not migrated:
        database = Database(database_url)
        migrate(database)
        database.dispose()
    backend = Backend(ServerSettings(database_url=database_url))
    try:
        report = seed_demo(backend, households)
        with backend.database.reading() as session:
            found = session.execute(
                select(Record.id, Record.scope_code).where(Record.entity == "household")
            ).all()
            tree = session.execute(
                select(Record.fields).where(Record.entity == "jurisdiction")
            ).scalars()
            districts = tuple(j["code"] for j in tree if j["level"] == "district")
        pairs = [(row_id, code) for row_id, code in found]
        visits = add_visits(backend, pairs, visits_per_household)
        create_user(backend, NewUser(BENCH_LOGIN, BENCH_PASSWORD, Role.ADVISOR, districts))
    finally:
        backend.close()
    return SeededServer(database_url, districts, pairs, report.rows + visits)


def add_visits(backend: Backend, households: list[tuple[str, str]], each: int) -> int:
    """``each`` finalised visits per household, as synced rows with their revisions."""
    rng = random.Random(2026)
    start = dt.datetime(2025, 1, 6, 1, 30, tzinfo=dt.UTC)
    now = dt.datetime.now(dt.UTC)
    kinds = [k.value for k in VisitKind]
    needs = [n.value for n in NeedCategory]
    made = 0
    for first in range(0, len(households), 2000):
        with backend.database.writing() as session:
            counter = lock_counter(session)
            records, revisions = [], []
            for household, committee in households[first : first + 2000]:
                for number in range(each):
                    counter.seq += 1
                    visited = start + dt.timedelta(days=number * 14, hours=rng.randint(0, 8))
                    fields = {
                        "household_id": household,
                        "advisor_id": None,
                        "visited_at": visited.isoformat(),
                        "kind": rng.choice(kinds),
                        "people_met": "本人及配偶",
                        "situation": rng.choice(SITUATIONS),
                        "needs": rng.sample(needs, 2),
                        "advice": "告知临时救助申请流程，留下服务站电话。",
                        "agreed_actions": "两周内再次上门，协助准备申请材料。",
                        "next_visit_on": (visited + dt.timedelta(days=14)).date().isoformat(),
                        "state": "final",
                        "finalised_at": visited.isoformat(),
                    }
                    row_id = str(uuid_utils.uuid7())
                    records.append(
                        _record("visit", row_id, committee, household, fields, counter.seq, now)
                    )
                    revisions.append(_revision("visit", row_id, fields, counter.seq, now))
            if records:
                session.execute(insert(Record), records)
                session.execute(insert(Revision), revisions)
            made += len(records)
    return made


def _record(
    entity: str,
    row_id: str,
    scope: str,
    parent: str,
    fields: dict[str, Any],
    seq: int,
    at: dt.datetime,
) -> dict[str, Any]:
    return {
        "entity": entity,
        "id": row_id,
        "scope_code": scope,
        "parent_id": parent,
        "fields": fields,
        "field_seq": dict.fromkeys(fields, seq),
        "deleted": False,
        "seq": seq,
        "created_at": at,
        "created_by": "bench",
        "updated_at": at,
        "updated_by": "bench",
    }


def _revision(
    entity: str, row_id: str, fields: dict[str, Any], seq: int, at: dt.datetime
) -> dict[str, Any]:
    return {
        "seq": seq,
        "entity": entity,
        "row_id": row_id,
        "fields": fields,
        "user_login": "bench",
        "device_id": "",
        "mid": 0,
        "at": at,
    }


@contextmanager
def server_process(database_url: str, *, log_level: str = "warning") -> Iterator[str]:
    """`nuanxin-server serve` in its own process; yields its base URL."""
    port = free_port()
    env = dict(os.environ)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "serve",
            "--port",
            str(port),
            "--database-url",
            database_url,
            "--log-level",
            log_level,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}")
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Client:
    store: Store
    engine: SyncEngine

    def close(self) -> None:
        self.engine.close()
        self.store.close()


def fresh_client(folder: Path, server_url: str, login: str = BENCH_LOGIN) -> Client:
    """A new SQLCipher store at the newest schema, logged in (refresh token in its settings)."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_engine(folder / DB_FILENAME, secrets.token_bytes(32))
    upgrade_to_head(store.engine)
    engine = SyncEngine(store, str(uuid.uuid4()), device_name=folder.name)
    engine.login(server_url, login, BENCH_PASSWORD)
    return Client(store, engine)
