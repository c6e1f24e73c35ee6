"""Sync fixtures: a migrated server database with the small world of the server tests, a real
server on a loopback socket, and laptops with real SQLCipher stores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.core.database import Database, migrate
from tests.store.conftest import real_keyring  # noqa: F401  (the keyring fixture, reused)
from tests.sync.harness import Laptop, LiveServer, make_world


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    database = Database(url)
    migrate(database)
    database.dispose()
    make_world(url)
    return url


@pytest.fixture
def server(database_url: str) -> Iterator[LiveServer]:
    with LiveServer(database_url) as live:
        yield live


LaptopMaker = Callable[..., Laptop]


@pytest.fixture
def laptop(tmp_path: Path, server: LiveServer) -> Iterator[LaptopMaker]:
    """Make logged-in laptops: ``laptop("advisor")``; closed at the end."""
    made: list[Laptop] = []

    def make(login: str = "advisor", *, name: str | None = None, sync: bool = True) -> Laptop:
        one = Laptop(tmp_path / (name or f"{login}-{len(made)}"), server.url, login)
        made.append(one)
        one.login()
        if sync:
            one.sync()
        return one

    yield make
    for one in made:
        one.close()
