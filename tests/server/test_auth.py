"""Auth stories: argon2id logins audited and rate limited, rotating refresh tokens whose reuse
revokes the family, expiring access tokens, revoked devices. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.sync import wire
from server.api.app import create_app
from server.core.backend import Backend
from server.core.settings import ServerSettings
from server.models import LoginAudit, User
from tests.server.conftest import tighter
from tests.server.laptops import Laptop
from tests.server.postgres import free_port
from tests.server.world import PASSWORD, build_world


class Clock:
    """A clock the test moves forward (token lifetimes without waiting)."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def served(settings: ServerSettings) -> Iterator[tuple[TestClient, Backend]]:
    backend = Backend(settings)
    build_world(backend)
    with TestClient(create_app(backend=backend)) as client:
        yield client, backend
    backend.close()


def log_in(api: TestClient, login: str, password: str, **extra: object) -> wire.TokenPair | int:
    response = api.post(wire.LOGIN_PATH, json={"login": login, "password": password, **extra})
    if response.status_code != 200:
        return response.status_code
    return wire.decode(wire.TokenPair, response.content)


def audit(backend: Backend, login: str) -> list[str]:
    with backend.database.reading() as session:
        stmt = select(LoginAudit.outcome).where(LoginAudit.login == login).order_by(LoginAudit.id)
        return list(session.execute(stmt).scalars())


def test_passwords_are_stored_as_argon2id_hashes(backend: Backend, world: object) -> None:
    with backend.database.reading() as session:
        hashes = session.execute(select(User.password_hash)).scalars().all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


def test_wrong_passwords_and_unknown_users_are_refused_alike_and_audited(
    api: TestClient, backend: Backend
) -> None:
    wrong = api.post(wire.LOGIN_PATH, json={"login": "advisor", "password": "guess"})
    nobody = api.post(wire.LOGIN_PATH, json={"login": "nobody", "password": "guess"})
    right = log_in(api, "advisor", PASSWORD)

    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json() == nobody.json()
    assert wrong.json()["code"] == "invalid_credentials"
    assert isinstance(right, wire.TokenPair) and right.user.role == "advisor"
    assert audit(backend, "advisor") == ["bad_password", "success"]
    assert audit(backend, "nobody") == ["unknown_user"]


def test_logins_are_rate_limited_per_user(settings: ServerSettings) -> None:
    for api, backend in served(tighter(settings, login_limit_per_user="3/minute")):
        for _ in range(3):
            assert log_in(api, "advisor", "guess") == 401
        limited = api.post(wire.LOGIN_PATH, json={"login": "advisor", "password": PASSWORD})

        assert limited.status_code == 429
        assert limited.json()["code"] == "rate_limited"
        assert int(limited.headers["Retry-After"]) > 0
        assert isinstance(log_in(api, "station", PASSWORD), wire.TokenPair)
        assert audit(backend, "advisor")[-1] == "rate_limited"


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port, nothing kept on disk (dev.py installs it)."""
    program = shutil.which("redis-server")
    assert program is not None, "redis-server is missing: run the tests through dev.py"
    port = free_port()
    options = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen([program, *options, "--dir", str(tmp_path)], stdout=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "redis did not start"
                time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_several_server_processes_share_login_limits_through_redis(
    settings: ServerSettings, redis_url: str
) -> None:
    """Two processes on one database (two backends, each with its own limiter): counted in
    their own memory each lets the limit through twice over; counted in Redis, not."""

    world = Backend(settings)
    build_world(world)
    world.close()

    def attempts(storage: str) -> list[object]:
        shared = tighter(settings, login_limit_per_user="3/minute", rate_limit_storage=storage)
        one, two = Backend(shared), Backend(shared)
        try:
            with TestClient(create_app(backend=one)) as a, TestClient(create_app(backend=two)) as b:
                tries = [log_in(a, "advisor", "guess"), log_in(b, "advisor", "guess")]
                tries += [log_in(a, "advisor", "guess"), log_in(b, "advisor", PASSWORD)]
                return [t if isinstance(t, int) else "success" for t in tries]
        finally:
            one.close()
            two.close()

    assert attempts("memory://") == [401, 401, 401, "success"]  # 4 tries, limit 3
    assert attempts(redis_url) == [401, 401, 401, 429]


def test_logins_are_rate_limited_per_address(settings: ServerSettings) -> None:
    for api, _backend in served(tighter(settings, login_limit_per_address="4/minute")):
        for login in ("advisor", "station", "supervisor", "outsider"):
            assert log_in(api, login, "guess") == 401

        assert log_in(api, "admin", PASSWORD) == 429


def test_refresh_rotates_and_a_reused_token_revokes_the_whole_family(api: TestClient) -> None:
    first = log_in(api, "advisor", PASSWORD)
    assert isinstance(first, wire.TokenPair)
    second = refresh(api, first.refresh_token)
    third = refresh(api, second.refresh_token)

    reused = api.post(wire.REFRESH_PATH, json={"refresh_token": first.refresh_token})

    assert reused.status_code == 401
    assert reused.json()["code"] == "refresh_reused"
    after = api.post(wire.REFRESH_PATH, json={"refresh_token": third.refresh_token})
    assert after.json()["code"] == "refresh_reused"
    me = api.get(wire.ME_PATH, headers={"Authorization": f"Bearer {third.access_token}"})
    assert me.status_code == 401


def test_a_refresh_retried_after_its_answer_was_lost_still_works(api: TestClient) -> None:
    first = log_in(api, "advisor", PASSWORD)
    assert isinstance(first, wire.TokenPair)
    refresh(api, first.refresh_token)  # the answer never reached the laptop

    retried = refresh(api, first.refresh_token)

    assert refresh(api, retried.refresh_token).device_id == first.device_id


def refresh(api: TestClient, token: str) -> wire.TokenPair:
    response = api.post(wire.REFRESH_PATH, json={"refresh_token": token})
    assert response.status_code == 200, response.text
    return wire.decode(wire.TokenPair, response.content)


def test_access_tokens_expire_after_fifteen_minutes(settings: ServerSettings, clock: Clock) -> None:
    for api, _backend in served(tighter(settings, clock=clock)):
        laptop = Laptop(api, "advisor")
        assert laptop.pull_raw(0).status_code == 200

        clock.now += dt.timedelta(minutes=15, seconds=1)

        expired = laptop.pull_raw(0)
        assert expired.status_code == 401
        assert expired.json()["code"] == "token_expired"
        laptop.tokens = refresh(api, laptop.tokens.refresh_token)
        assert laptop.pull_raw(0).status_code == 200


def test_a_device_revoked_by_an_admin_can_do_nothing_more(api: TestClient) -> None:
    admin, advisor = Laptop(api, "admin"), Laptop(api, "advisor")
    path = f"{wire.API_PREFIX}/admin/devices/{advisor.device_id}/revoke"

    revoked = api.post(path, headers=admin.headers)

    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert advisor.pull_raw(0).json()["code"] == "device_revoked"
    assert advisor.push_raw([]).status_code == 403
    again = api.post(wire.REFRESH_PATH, json={"refresh_token": advisor.tokens.refresh_token})
    assert (again.status_code, again.json()["code"]) == (403, "device_revoked")
    assert log_in(api, "advisor", PASSWORD, device_id=advisor.device_id) == 403
    devices = api.get(f"{wire.API_PREFIX}/admin/devices", headers=admin.headers).json()
    assert [d["revoked"] for d in devices if d["id"] == advisor.device_id] == [True]


def test_logging_out_ends_the_session_of_this_device(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")

    assert api.post(wire.LOGOUT_PATH, headers=advisor.headers).status_code == 204

    assert advisor.pull_raw(0).status_code == 401
    gone = api.post(wire.REFRESH_PATH, json={"refresh_token": advisor.tokens.refresh_token})
    assert gone.status_code == 401


def test_a_laptop_logging_in_again_keeps_its_device_and_mids(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")
    again = log_in(api, "advisor", PASSWORD, device_id=advisor.device_id)
    someone_else = log_in(api, "station", PASSWORD, device_id=advisor.device_id)

    assert isinstance(again, wire.TokenPair) and again.device_id == advisor.device_id
    assert someone_else == 403
