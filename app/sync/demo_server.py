"""`nuanxin demo` with a server: an embedded sync server for the demo profile, and demo laptops
that log in to it, so that sync works out of the box and two laptops can be watched converging.

The server runs as its own process (`python -m server serve`) on a free loopback port, on a
SQLite file in the demo profile folder, seeded once by `seed-demo` (the same generator as the
local demo data). The first laptop signs in as the demo advisor; a second one, started with
``--server URL``, as the demo station worker: both see the same street."""

from __future__ import annotations

import atexit
import contextlib
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.services.demo_profile import DEMO_PASSPHRASE
from app.store.engine import Store
from app.store.profile import Profile
from app.sync.engine import SyncEngine
from app.sync.errors import SyncError
from app.sync.state import load_state, save_state
from app.sync.wire import API_PREFIX

SERVER_FOLDER = "server"  # inside the demo profile folder
SERVER_DB = "nuanxin-server.db"
# The demo users seed-demo makes (server.core.demo_seed.DEMO_PASSWORDS; a test keeps them equal).
DEMO_USERS = {"advisor": "nuanxin-advisor", "station": "nuanxin-station"}
FIRST_LAPTOP, SECOND_LAPTOP = "advisor", "station"
START_BUDGET_S = 60.0


class DemoServerError(SyncError):
    """The embedded demo server did not start."""

    zh = "演示服务器没有启动，演示将不同步运行。"
    code = "demo_server"


@dataclass
class EmbeddedServer:
    """The demo's server process; stopped when the app exits."""

    folder: Path
    households: int
    process: subprocess.Popen[bytes] | None = None
    url: str = ""

    @property
    def database_url(self) -> str:
        return f"sqlite:///{(self.folder / SERVER_DB).resolve()}"

    def start(self) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.folder / SERVER_DB).exists():
            self._server_command("seed-demo", "--households", str(self.households))
        port = self._port()
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [*_server(), "serve", "--port", str(port), "--database-url", self.database_url],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        atexit.register(self.stop)
        self.url = f"http://127.0.0.1:{port}"
        self._wait_until_serving()
        return self.url

    def _port(self) -> int:
        """The port of the last run when it is free (a second laptop can find the server again
        after a restart), else a new free one."""
        remembered = self.folder / "port"
        try:
            port = int(remembered.read_text().strip())
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", port))
        except (OSError, ValueError):
            port = _free_port()
        remembered.write_text(str(port))
        return port

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)

    def _server_command(self, *args: str) -> None:
        done = subprocess.run(
            [*_server(), *args, "--database-url", self.database_url],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            raise DemoServerError(f"seed-demo failed: {done.stderr[-500:]}")

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_BUDGET_S
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DemoServerError(f"the demo server exited with {self.process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}{API_PREFIX}/health", timeout=2).status_code == 200:
                    return
            time.sleep(0.1)
        self.stop()
        raise DemoServerError("the demo server did not answer in time")


@dataclass
class DemoLaptop:
    profile: Profile
    store: Store
    passphrase: str
    server_url: str
    login: str
    server: EmbeddedServer | None
    message: str  # what to tell the user (the second laptop's command, or why it is offline)


def open_demo_laptop(folder: Path, households: int, server_url: str | None = None) -> DemoLaptop:
    """The demo profile in ``folder`` (empty at first: the first sync fills it), signed in to
    the embedded server (started here) or to ``server_url`` (a second laptop)."""
    folder = Path(folder)
    if Profile.exists(folder):
        profile = Profile.load(folder)
    else:
        profile = Profile.create(folder, DEMO_PASSPHRASE, use_keyring=False)
    store = profile.open(DEMO_PASSPHRASE)
    server = None if server_url else EmbeddedServer(folder / SERVER_FOLDER, households)
    login = SECOND_LAPTOP if server_url else FIRST_LAPTOP
    try:
        url = server_url or server.start()  # type: ignore[union-attr]
        _sign_in_and_sync(store, profile.store_id, url.rstrip("/"), login)
    except SyncError as error:
        return DemoLaptop(
            profile, store, DEMO_PASSPHRASE, server_url or "", login, server, error.zh
        )
    second = f"第二台演示电脑：nuanxin demo --profile 另一个文件夹 --server {url}"
    return DemoLaptop(profile, store, DEMO_PASSPHRASE, url, login, server, second)


def _sign_in_and_sync(store: Store, store_id: str, url: str, login: str) -> None:
    engine = SyncEngine(store, store_id)
    try:
        _same_server_new_port(store, url, login)
        engine.login(url, login, DEMO_USERS[login])
        engine.sync()
    finally:
        engine.close()


def _same_server_new_port(store: Store, url: str, login: str) -> None:
    """The embedded server gets a new port each run; it is still the same server."""
    with store.transaction() as session:
        state = load_state(session)
        if state.login == login and state.server_url.startswith("http://127.0.0.1:"):
            state.server_url = url
            save_state(session, state)


def _server() -> list[str]:
    return [sys.executable, "-m", "server"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
