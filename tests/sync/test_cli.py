"""`nuanxin login` and `nuanxin sync` as an operator runs them, against a real server process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.profile import Profile
from server.core.database import Database, migrate
from tests.server.test_serve import wait_until_serving
from tests.server.world import PASSWORD
from tests.sync.harness import make_world
from tests.sync.households import set_household

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "命令行的口令 1234"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`nuanxin-server serve` in its own process, on the small world of the server tests."""
    folder = tmp_path_factory.mktemp("cli-server")
    url = f"sqlite:///{folder / 'server.db'}"
    database = Database(url)
    migrate(database)
    database.dispose()
    make_world(url)
    from tests.server.postgres import free_port

    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(port), "--database-url", url],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=15)


def nuanxin(*args: str, password: str | None = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUANXIN_")}
    env["NUANXIN_PASSPHRASE"] = PASSPHRASE
    if password is not None:
        env["NUANXIN_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_an_advisor_logs_in_and_syncs_from_the_command_line(
    tmp_path: Path, server_url: str
) -> None:
    profile = tmp_path / "laptop"

    login = nuanxin("--profile", str(profile), "login", "--server", server_url, "--user", "advisor")
    sync = nuanxin("--profile", str(profile), "sync")

    assert login.returncode == 0, login.stderr
    assert "已登录" in login.stdout
    assert sync.returncode == 0, sync.stderr
    assert "下载 6 条记录" in sync.stdout  # the jurisdictions of the small world


def test_a_wrong_password_fails_with_code_1(tmp_path: Path, server_url: str) -> None:
    result = nuanxin(
        "--profile",
        str(tmp_path / "p"),
        "login",
        "--server",
        server_url,
        "--user",
        "advisor",
        password="not-the-password",
    )

    assert result.returncode == 1
    assert "用户名或密码不正确" in result.stderr


def test_without_a_password_and_a_terminal_login_stops_at_once_with_code_2(
    tmp_path: Path, server_url: str
) -> None:
    result = nuanxin(
        "--profile",
        str(tmp_path / "p"),
        "login",
        "--server",
        server_url,
        "--user",
        "advisor",
        password=None,
    )

    assert result.returncode == 2
    assert "NUANXIN_PASSWORD" in result.stderr


def test_sync_of_a_profile_never_logged_in_fails_with_code_1(tmp_path: Path) -> None:
    Profile.create(tmp_path / "p", PASSPHRASE, use_keyring=False)

    result = nuanxin("--profile", str(tmp_path / "p"), "sync")

    assert result.returncode == 1
    assert "尚未登录" in result.stderr


def test_refused_edits_make_sync_exit_with_code_3(tmp_path: Path, server_url: str) -> None:
    advisor, supervisor = tmp_path / "advisor", tmp_path / "supervisor"
    for folder, login in ((advisor, "advisor"), (supervisor, "supervisor")):
        nuanxin("--profile", str(folder), "login", "--server", server_url, "--user", login)
        assert nuanxin("--profile", str(folder), "sync").returncode == 0
    household = _register_household(advisor)
    assert nuanxin("--profile", str(advisor), "sync").returncode == 0
    assert nuanxin("--profile", str(supervisor), "sync").returncode == 0
    _edit_notes(supervisor, household)

    result = nuanxin("--profile", str(supervisor), "sync")

    assert result.returncode == 3, result.stderr
    assert "只能查看" in result.stderr


def test_sync_without_the_server_fails_with_code_1(tmp_path: Path, server_url: str) -> None:
    folder = tmp_path / "p"
    nuanxin("--profile", str(folder), "login", "--server", server_url, "--user", "advisor")
    _point_at(folder, "http://127.0.0.1:9")  # nothing listens on the discard port

    result = nuanxin("--profile", str(folder), "sync")

    assert result.returncode == 1
    assert "离线" in result.stderr


# ---- touching a profile in-process, as the app would --------------------------------------


class _Opened:
    def __init__(self, folder: Path) -> None:
        from app.services.households import HouseholdService

        profile = Profile.load(folder)
        self.store = profile.open(PASSPHRASE)
        self.households = HouseholdService(self.store, "cli-test")

    def close(self) -> None:
        self.store.close()


def _register_household(folder: Path) -> str:
    from tests.sync.households import new_household

    opened = _Opened(folder)
    try:
        return new_household(opened)  # type: ignore[arg-type]
    finally:
        opened.close()


def _edit_notes(folder: Path, household: str) -> None:
    opened = _Opened(folder)
    try:
        set_household(opened, household, notes="督导写的")  # type: ignore[arg-type]
    finally:
        opened.close()


def _point_at(folder: Path, url: str) -> None:
    from app.sync.state import load_state, save_state

    opened = _Opened(folder)
    try:
        with opened.store.transaction() as session:
            state = load_state(session)
            state.server_url = url
            save_state(session, state)
    finally:
        opened.close()


def test_two_demo_laptops_converge_through_the_embedded_server(tmp_path: Path) -> None:
    from app.sync.demo_server import DEMO_USERS, open_demo_laptop
    from app.sync.engine import SyncEngine
    from server.core.demo_seed import DEMO_PASSWORDS

    assert {k: DEMO_PASSWORDS[k] for k in DEMO_USERS} == DEMO_USERS
    first = open_demo_laptop(tmp_path / "first", households=30)
    assert first.server is not None
    try:
        second = open_demo_laptop(tmp_path / "second", 30, server_url=first.server_url)
        from app.services.households import HouseholdService

        mine = HouseholdService(first.store, first.login)
        theirs = HouseholdService(second.store, second.login)
        household = mine.page(limit=1)[0].id
        assert theirs.count() == mine.count() > 0
        data = mine.get_household(household).data
        data.phone = "13912345678"
        mine.update_household(household, data)
        for laptop in (first, second):
            engine = SyncEngine(laptop.store, laptop.profile.store_id)
            engine.sync()
            engine.close()
        assert theirs.get_household(household).data.phone == "13912345678"
        second.store.close()
    finally:
        first.store.close()
        first.server.stop()
