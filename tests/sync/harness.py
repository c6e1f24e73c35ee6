"""Real pieces for sync tests: a restartable server on a loopback socket, and laptops (a real
SQLCipher store with its sync engine) that log in, edit through the services, crash and sync."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import select

from app.models import OutboxEntry, SyncConflict, SyncRefusal
from app.services.households import HouseholdService
from app.store.engine import Store, open_engine
from app.store.migrations import upgrade_to_head
from app.sync.client import RetryPolicy
from app.sync.engine import SyncEngine
from app.sync.report import SyncReport
from app.sync.tables import sync_tables, wire_value
from server.api.app import create_app
from server.core.backend import Backend
from server.core.settings import ServerSettings
from server.models import Record
from tests.server.postgres import free_port
from tests.server.world import PASSWORD, build_world

NO_WAIT = RetryPolicy(delays=(0.0, 0.0, 0.0), sleep=lambda _s: None)
ROOMY = "100000/minute"


def server_settings(database_url: str, **changes: Any) -> ServerSettings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "login_limit_per_user": ROOMY,
        "login_limit_per_address": ROOMY,
        **changes,
    }
    return ServerSettings(**values)


class LiveServer:
    """uvicorn serving a fresh Backend on a fixed loopback port; ``restart`` is a new process
    in all but name (new backend, caches and limiter; same database file)."""

    def __init__(self, database_url: str, *, port: int | None = None) -> None:
        self.database_url = database_url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.backend: Backend | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LiveServer:
        self.backend = Backend(server_settings(self.database_url))
        config = uvicorn.Config(
            create_app(backend=self.backend),
            host="127.0.0.1",
            port=self.port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=20)
        if self.backend is not None:
            self.backend.close()
        self._server = self._thread = self.backend = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class FlakyTransport(httpx.HTTPTransport):
    """A real HTTP transport that can lose answers after the server has acted on the request,
    and send a request twice (a duplicate push)."""

    def __init__(self) -> None:
        super().__init__()
        self.lose = 0  # answers to drop (each raises ReadError once the answer has arrived)
        self.duplicate = 0  # requests to send twice, the first answer thrown away
        self.lost: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.duplicate:
            self.duplicate -= 1
            first = super().handle_request(request)
            first.read()
            first.close()
        response = super().handle_request(request)
        if self.lose:
            self.lose -= 1
            response.read()
            response.close()
            self.lost.append(request.url.path)
            raise httpx.ReadError("answer lost after the server acted", request=request)
        return response


@dataclass
class Laptop:
    """One advisor's laptop: an encrypted store on disk and its sync engine."""

    folder: Path
    server_url: str
    login_name: str
    password: str = PASSWORD
    timeout: float = 10.0

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.key = secrets.token_bytes(32)
        self.store_id = str(uuid.uuid4())
        self.transport = FlakyTransport()
        self.store = self._open()

    def _open(self) -> Store:
        store = open_engine(self.folder / "nuanxin.db", self.key)
        upgrade_to_head(store.engine)
        self.engine = SyncEngine(
            store,
            self.store_id,
            http_factory=self._http,
            retry=NO_WAIT,
            device_name=self.folder.name,
        )
        return store

    def _http(self, url: str) -> httpx.Client:
        return httpx.Client(base_url=url, transport=self.transport, timeout=self.timeout)

    def login(self) -> None:
        self.engine.login(self.server_url, self.login_name, self.password)

    def sync(self) -> SyncReport:
        return self.engine.sync()

    @property
    def households(self) -> HouseholdService:
        return HouseholdService(self.store, self.login_name)

    def crash(self) -> None:
        """Stop as a crash would (memory gone, files kept) and start again."""
        self.engine.close()
        self.store.close()
        self.store = self._open()

    def close(self) -> None:
        self.engine.close()
        self.store.close()

    # ---- looking inside ------------------------------------------------------------------

    def rows(self, entity: str) -> dict[str, dict[str, Any]]:
        """Synced rows of one entity: id -> wire fields plus ``deleted`` and ``server_seq``."""
        spec = sync_tables()[entity]
        table = spec.table
        found: dict[str, dict[str, Any]] = {}
        with self.store.sessions() as session:
            for row in session.execute(select(table)).mappings():
                values = {name: wire_value(row[name]) for name in spec.fields}
                found[row["id"]] = {
                    **values,
                    "deleted": row["deleted"],
                    "server_seq": row["server_seq"],
                }
        return found

    def outbox(self) -> list[OutboxEntry]:
        with self.store.sessions() as session:
            return list(session.execute(select(OutboxEntry).order_by(OutboxEntry.mid)).scalars())

    def conflicts(self, *, open_only: bool = True) -> list[SyncConflict]:
        with self.store.sessions() as session:
            stmt = select(SyncConflict)
            if open_only:
                stmt = stmt.where(SyncConflict.resolved.is_(False))
            return list(session.execute(stmt).scalars())

    def refusals(self) -> list[SyncRefusal]:
        with self.store.sessions() as session:
            stmt = select(SyncRefusal).where(SyncRefusal.settled.is_(False))
            return list(session.execute(stmt).scalars())


def server_rows(server: LiveServer, entity: str) -> dict[str, dict[str, Any]]:
    """The server's rows of one entity: id -> fields plus ``deleted`` and ``seq``."""
    assert server.backend is not None
    with server.backend.database.reading() as session:
        records = session.execute(select(Record).where(Record.entity == entity)).scalars()
        return {
            r.id: {**r.fields, "deleted": r.deleted, "seq": r.seq, "scope_code": r.scope_code}
            for r in records
        }


def differences(laptop: Laptop, server: LiveServer, entity: str, codes: set[str]) -> list[str]:
    """Where a laptop's rows of ``entity`` differ from the server's rows in ``codes``."""
    here = laptop.rows(entity)
    there = {
        row_id: row
        for row_id, row in server_rows(server, entity).items()
        if row["scope_code"] in codes
    }
    found = [f"{entity} {i} missing here" for i in sorted(set(there) - set(here))]
    found += [
        f"{entity} {i} only here"
        for i in sorted(set(here) - set(there))
        if here[i]["server_seq"] > 0
    ]
    for row_id in sorted(set(here) & set(there)):
        mine, theirs = here[row_id], there[row_id]
        if mine["server_seq"] != theirs["seq"] or mine["deleted"] != theirs["deleted"]:
            found.append(f"{entity} {row_id} at {mine['server_seq']}, server {theirs['seq']}")
        for name, value in theirs.items():
            if name in mine and name not in ("deleted", "server_seq") and mine[name] != value:
                found.append(f"{entity} {row_id}.{name}: {mine[name]!r} != {value!r}")
    return found


def make_world(database_url: str) -> None:
    """The small world of the server tests (tests/server/world.py) in a new database."""
    backend = Backend(server_settings(database_url))
    try:
        build_world(backend)
    finally:
        backend.close()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
