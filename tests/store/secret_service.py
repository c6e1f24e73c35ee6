"""A private D-Bus session bus with gnome-keyring's Secret Service: the real Linux keyring path.

Both daemons run in the foreground as our children, so stopping them is exact and leaves nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from jeepney.bus_messages import MatchRule, message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

PROGRAMS = ("dbus-daemon", "gnome-keyring-daemon")
INSTALL_HINT = "apt-get install gnome-keyring dbus"
SECRETS_NAME = "org.freedesktop.secrets"
START_TIMEOUT = 30.0


@dataclass
class SecretService:
    """The bus address to point DBUS_SESSION_BUS_ADDRESS at, and the two daemons."""

    address: str = ""
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def require_programs() -> None:
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: the keyring tests run against a real Secret Service."
            f" Install it with `{INSTALL_HINT}` (python3 dev.py test does this as root).",
            pytrace=False,
        )


def start(home: Path) -> SecretService:
    """Start a session bus, then gnome-keyring with an empty (open) login keyring on it."""
    require_programs()
    service = SecretService()
    try:
        with (home / "bus.log").open("wb") as log:  # root cannot raise its fd limit: noise
            bus = subprocess.Popen(
                ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                stdout=subprocess.PIPE,
                stderr=log,
            )
        service.processes.append(bus)
        assert bus.stdout is not None
        service.address = bus.stdout.readline().decode().strip()
        _start_keyring(service, home)
    except BaseException:
        service.stop()
        raise
    return service


def _start_keyring(service: SecretService, home: Path) -> None:
    """Run gnome-keyring-daemon and wait for its bus name to appear (a D-Bus signal, no sleep)."""
    for sub in ("run", "data", "config", "cache"):
        (home / sub).mkdir(mode=0o700, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "DBUS_SESSION_BUS_ADDRESS": service.address,
        "LANG": "C.UTF-8",
    }
    rule = MatchRule(
        type="signal",
        sender="org.freedesktop.DBus",
        interface="org.freedesktop.DBus",
        member="NameOwnerChanged",
    )
    rule.add_arg_condition(0, SECRETS_NAME)
    with open_dbus_connection(bus=service.address) as conn:
        conn.send_and_get_reply(message_bus.AddMatch(rule))
        with conn.filter(rule) as owner_changes, (home / "keyring.log").open("wb") as log:
            daemon = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=log,
                env=env,
            )
            service.processes.append(daemon)
            assert daemon.stdin is not None
            daemon.stdin.write(b"\n")  # the login password, read from stdin: empty
            daemon.stdin.close()
            conn.recv_until_filtered(owner_changes, timeout=START_TIMEOUT)
