"""Server fixtures: a real database (SQLite file and a throwaway PostgreSQL), a backend on it with a
small jurisdiction tree and one user per role, the app in-process and on a real loopback socket."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace

import psycopg
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from server.api.app import create_app
from server.core.backend import Backend
from server.core.database import Database, migrate
from server.core.settings import ServerSettings
from tests.server.postgres import INSTALL_HINT, find_bin_dir, free_port, throwaway_cluster
from tests.server.world import World, build_world

TEMPLATE = "nuanxin_template"
ROOMY_LIMIT = "10000/minute"  # the tests log in often from one address; test_auth sets tight ones


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A cluster for the whole run, with a migrated template database to copy per test."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.fail(INSTALL_HINT)
    with throwaway_cluster(bin_dir) as url:
        admin_sql(url, f"CREATE DATABASE {TEMPLATE}")
        template = Database(database_named(url, TEMPLATE))
        migrate(template)
        template.dispose()
        yield url


def admin_sql(url: str, statement: str) -> None:
    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


def database_named(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A new empty, migrated database: a SQLite file, or a PostgreSQL copy of the template."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "server.db"
        database = Database(f"sqlite:///{path}")
        migrate(database)
        database.dispose()
        yield f"sqlite:///{path}"
        return
    cluster = request.getfixturevalue("postgres_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin_sql(cluster, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield database_named(cluster, name)
    admin_sql(cluster, f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def settings(database_url: str) -> ServerSettings:
    return ServerSettings(
        database_url=database_url,
        login_limit_per_user=ROOMY_LIMIT,
        login_limit_per_address=ROOMY_LIMIT,
    )


@pytest.fixture
def backend(settings: ServerSettings) -> Iterator[Backend]:
    made = Backend(settings)
    yield made
    made.close()


@pytest.fixture
def world(backend: Backend) -> World:
    """Jurisdictions pushed by an admin, and one user per role (see tests/server/world.py)."""
    return build_world(backend)


@pytest.fixture
def api(backend: Backend, world: World) -> Iterator[TestClient]:
    """The app in-process (httpx through the ASGI interface), for speed."""
    with TestClient(create_app(backend=backend)) as client:
        yield client


class LiveServer:
    """uvicorn serving the app on a free loopback port in a thread."""

    def __init__(self, backend: Backend) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(backend=backend),
            host="127.0.0.1",
            port=self.port,
            log_config=None,
            access_log=False,
            limit_concurrency=200,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture
def live(backend: Backend, world: World) -> Iterator[LiveServer]:
    with LiveServer(backend) as server:
        yield server


def tighter(settings: ServerSettings, **changes: object) -> ServerSettings:
    return replace(settings, **changes)  # type: ignore[arg-type]
