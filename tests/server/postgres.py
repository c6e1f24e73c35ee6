"""A throwaway PostgreSQL cluster for the server tests (shared/notes/postgresql.md).

initdb into a temporary folder, pg_ctl on a free loopback port, removed afterwards. As root the
tools run as the ``postgres`` user (initdb refuses root)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with "
    "`apt-get install postgresql` (Debian 12: postgresql-15)"
)


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin, or the folder of an initdb on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[str]:
    """Start a cluster and yield its URL (database ``postgres``); stop and delete it after."""
    folder = Path(tempfile.mkdtemp(prefix="nuanxin-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()
    started = False
    try:
        _run(
            [
                *as_postgres,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
            ]
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data)]
        _run([*pg_ctl, "-o", options, "-l", str(folder / "log"), "-w", "start"])
        started = True
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _run(
                [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
            )
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
