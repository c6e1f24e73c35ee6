"""A throwaway PostgreSQL cluster for the load benchmark (as the server tests make one):
initdb into a temporary folder, pg_ctl on a free loopback port, removed afterwards."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench._sync_world import free_port


def bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Yield the URL of a new cluster's ``postgres`` database; stop and delete it after."""
    tools = bin_dir()
    if tools is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="nuanxin-bench-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()
    pg_ctl = [*as_postgres, str(tools / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        _run(
            [*as_postgres, str(tools / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c max_connections=300 -c shared_buffers=256MB"
        )
        _run([*pg_ctl, "-o", options, "-l", str(folder / "log"), "-w", "start"])
        started = True
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _run([*pg_ctl, "-m", "fast", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
