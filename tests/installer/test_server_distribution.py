"""The server's container recipe and systemd unit, kept correct without a container engine: the
image's base, user, health check and start command are checked against the real application and
its command line, and (slow) the start command and health check run here on a temporary SQLite."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from installer.project import ROOT
from server.__main__ import build_parser
from server.api.app import create_app

SERVER = ROOT / "installer" / "server"
VENV_BIN = Path(sys.executable).parent


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    joined, current = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") and not current:
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.strip():
            keyword, _, rest = current.strip().partition(" ")
            joined.append((keyword.upper(), rest.strip()))
        current = ""
    return joined


def final_stage(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last:]


def env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in stage:
        if keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def one(stage: list[tuple[str, str]], keyword: str) -> str:
    found = [rest for k, rest in stage if k == keyword]
    assert len(found) == 1, f"{keyword}: {found}"
    return found[0]


def start_commands(cmd: str, env: dict[str, str]) -> list[list[str]]:
    """The nuanxin-server invocations of the image's CMD (`sh -c "a && exec b"`), env expanded."""
    argv = json.loads(cmd)
    script = argv[2] if argv[:2] == ["sh", "-c"] else shlex.join(argv)
    for key, value in env.items():
        script = script.replace(f'"${key}"', shlex.quote(value)).replace(f"${key}", value)
    commands = []
    for part in script.split("&&"):
        words = shlex.split(part)
        commands.append(words[1:] if words[0] == "exec" else words)
    return commands


def get_routes() -> set[str]:
    """Paths the application answers GET on, from its OpenAPI description."""
    paths = create_app(database_url="sqlite://").openapi()["paths"]
    return {path for path, operations in paths.items() if "get" in operations}


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return instructions(SERVER / "Dockerfile")


def test_image_builds_the_wheel_and_runs_on_python_311_slim(
    dockerfile: list[tuple[str, str]],
) -> None:
    bases = [rest.split()[0] for keyword, rest in dockerfile if keyword == "FROM"]
    assert bases == ["python:3.11-slim", "python:3.11-slim"]
    copied = [
        rest.split()[0]
        for keyword, rest in dockerfile
        if keyword == "COPY" and "--from" not in rest
    ]
    sources = {word for rest in copied for word in rest.split()}
    assert all((ROOT / source).exists() for source in sources)
    ignore = (SERVER / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    assert all(f"!{source.rstrip('/')}/" in ignore or f"!{source}" in ignore for source in sources)
    run = " ".join(rest for keyword, rest in final_stage(dockerfile) if keyword == "RUN")
    assert "pip install --no-cache-dir /wheels/nuanxin-*.whl" in run


def test_image_runs_as_an_unprivileged_user(dockerfile: list[tuple[str, str]]) -> None:
    user = one(final_stage(dockerfile), "USER").split(":")[0]
    assert user not in ("root", "0")
    assert re.search(rf"useradd .*--system .*\b{user}\b", one(final_stage(dockerfile), "RUN"))


def test_health_check_asks_a_route_the_server_has(dockerfile: list[tuple[str, str]]) -> None:
    check = one(final_stage(dockerfile), "HEALTHCHECK")
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/[\w/]+)", check)
    assert url is not None
    assert url.group(2) in get_routes()
    assert one(final_stage(dockerfile), "EXPOSE") == url.group(1)


def test_start_command_migrates_then_serves_with_the_database_url_from_env(
    dockerfile: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = final_stage(dockerfile)
    env = env_of(stage)
    assert env["NUANXIN_DATABASE_URL"].startswith("sqlite:////data/")
    commands = start_commands(one(stage, "CMD"), env)
    assert [c[:2] for c in commands] == [["nuanxin-server", "migrate"], ["nuanxin-server", "serve"]]
    monkeypatch.setenv("NUANXIN_DATABASE_URL", env["NUANXIN_DATABASE_URL"])
    for command in commands:
        args = build_parser().parse_args(command[1:])  # exits (code 2) on an unknown option
        assert args.database_url == env["NUANXIN_DATABASE_URL"]
    serve = build_parser().parse_args(commands[1][1:])
    assert (serve.host, str(serve.port)) == ("0.0.0.0", one(stage, "EXPOSE"))
    assert one(stage, "WORKDIR") == "/data" and '"/data"' in one(stage, "VOLUME")


def unit() -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in (SERVER / "nuanxin-server.service").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def test_systemd_unit_runs_the_real_commands_hardened() -> None:
    values = unit()
    for key in ("ExecStartPre", "ExecStart"):
        words = shlex.split(values[key][0])
        assert words[0].endswith("/bin/nuanxin-server")
        build_parser().parse_args(words[1:])
    assert shlex.split(values["ExecStartPre"][0])[1] == "migrate"
    assert values["User"] == ["nuanxin"]
    for option in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "RestrictSUIDSGID"):
        assert values[option] == ["yes"], option
    assert values["ProtectSystem"] == ["strict"] and values["StateDirectory"] == ["nuanxin-server"]
    assert values["CapabilityBoundingSet"] == [""]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is missing")
def test_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    text = (SERVER / "nuanxin-server.service").read_text(encoding="utf-8")
    local = text.replace("/opt/nuanxin-server/venv/bin/", f"{VENV_BIN}/")
    path = tmp_path / "nuanxin-server.service"
    path.write_text(local, encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_start_command_and_health_check_work_on_a_fresh_database(
    dockerfile: list[tuple[str, str]], tmp_path: Path
) -> None:
    """The image's CMD and HEALTHCHECK, run here: only the port and the data folder differ."""
    stage = final_stage(dockerfile)
    port, exposed = str(free_port()), one(stage, "EXPOSE")
    env = dict(os.environ, **env_of(stage), PATH=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}")
    env["NUANXIN_DATABASE_URL"] = f"sqlite:///{tmp_path / 'nuanxin-server.db'}"
    command = json.loads(one(stage, "CMD"))
    command[-1] = command[-1].replace(f"--port {exposed}", f"--port {port}")
    check = json.loads(one(stage, "HEALTHCHECK").split("CMD", 1)[1])
    check = [word.replace(f":{exposed}/", f":{port}/") for word in check]
    check[0] = sys.executable
    server = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while subprocess.run(check, capture_output=True).returncode != 0:
            assert server.poll() is None, server.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "no answer on the health route within 60 s"
            time.sleep(0.2)  # polling another process's readiness
        assert (tmp_path / "nuanxin-server.db").is_file()
    finally:
        server.terminate()
        server.communicate(timeout=30)
