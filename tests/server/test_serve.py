"""`nuanxin-server serve` runs a real HTTP server that answers health checks and serves OpenAPI."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app import __version__
from server.__main__ import EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[2]
STARTUP_BUDGET_S = 30.0


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the health endpoint until it answers, the process dies or the budget runs out."""
    deadline = time.monotonic() + STARTUP_BUDGET_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            httpx.get(f"{url}/api/v1/health", timeout=2.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail(f"server did not answer within {STARTUP_BUDGET_S} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server process on a free loopback port, stopped after the module's tests."""
    port = free_loopback_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    command = [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--database-url", "sqlite://"],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_operator_checks_that_the_server_is_up(server_url: str) -> None:
    response = httpx.get(f"{server_url}/api/v1/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_client_developers_find_the_api_described_in_openapi(server_url: str) -> None:
    schema = httpx.get(f"{server_url}/openapi.json").json()

    assert schema["info"]["version"] == __version__
    assert "/api/v1/health" in schema["paths"]


def test_server_without_a_command_shows_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_USAGE
    assert "serve" in capsys.readouterr().err
