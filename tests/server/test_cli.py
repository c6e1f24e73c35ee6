"""The server's command line on both databases: migrate, create-user, seed-demo, and a real
`nuanxin-server serve` process that a demo advisor logs in to and syncs with over HTTP."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.sync import wire
from server.__main__ import EXIT_FAILED, EXIT_OK, build_parser, main
from server.core.database import Database
from server.core.demo_seed import DEMO_PASSWORDS
from server.core.maintenance import SchemaNotCurrentError, prepare_schema
from tests.server.conftest import admin_sql, database_named
from tests.server.laptops import Laptop
from tests.server.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_migrate_is_repeatable(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--database-url", database_url]) == EXIT_OK
    assert main(["migrate", "--database-url", database_url]) == EXIT_OK
    assert "newest schema" in capsys.readouterr().out


def test_operator_seeds_the_demo_and_adds_a_user(
    database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["seed-demo", "--households", "40", "--database-url", database_url]) == EXIT_OK
    printed = capsys.readouterr().out
    assert f"demo user advisor password {DEMO_PASSWORDS['advisor']}" in printed

    monkeypatch.setenv("NUANXIN_PASSWORD", "a-long-password")
    command = ["create-user", "wang", "--role", "station", "--scope", "310907001000"]
    assert main([*command, "--display-name", "王", "--database-url", database_url]) == EXIT_OK
    assert main([*command, "--database-url", database_url]) == EXIT_FAILED  # taken
    unknown = ["create-user", "li", "--role", "advisor", "--scope", "999999999999"]
    assert main([*unknown, "--database-url", database_url]) == EXIT_FAILED
    assert "999999999999" in capsys.readouterr().err


def test_demo_advisor_syncs_with_a_served_demo_over_http(database_url: str) -> None:
    assert main(["seed-demo", "--households", "60", "--database-url", database_url]) == EXIT_OK
    port = free_port()
    command = [sys.executable, "-m", "server", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--database-url", database_url],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process)
        with httpx.Client(base_url=url) as http:
            advisor = Laptop(http, "advisor", DEMO_PASSWORDS["advisor"])
            rows = advisor.pull_all()
            households = [r for r in rows.values() if r.entity == "household"]
            assert households and all(r.scope_code.startswith("310907001") for r in households)
            first = households[0]
            outcome = advisor.push(
                advisor.mutation("household", first.id, {"phone": "13900001111"}, first.seq)
            )
            assert outcome.outcomes[0].status is wire.MutationStatus.APPLIED
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=20)
    assert b'"msg":"request"' in errors  # structured access log lines


def wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll health until the server answers; fail with its stderr if it exits first."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {process.communicate()[1].decode()}")
        try:
            httpx.get(f"{url}/api/v1/health", timeout=2.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail("the server did not answer within 30 s")


def test_serving_refuses_a_postgresql_database_that_was_not_migrated(postgres_url: str) -> None:
    admin_sql(postgres_url, "CREATE DATABASE not_migrated")
    database = Database(database_named(postgres_url, "not_migrated"))
    try:
        with pytest.raises(SchemaNotCurrentError, match="nuanxin-server migrate"):
            prepare_schema(database)
    finally:
        database.dispose()
        admin_sql(postgres_url, "DROP DATABASE not_migrated WITH (FORCE)")


def test_serve_takes_a_shared_rate_limit_store_and_refuses_an_unknown_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["serve", "--rate-limit-storage", "bogus://host"])
    assert refused.value.code == 2
    error = capsys.readouterr().err
    assert "--rate-limit-storage: 'bogus://host' is not a rate-limit store" in error

    monkeypatch.setenv("NUANXIN_RATE_LIMIT_STORAGE", "memory://")
    assert build_parser().parse_args(["serve"]).rate_limit_storage == "memory://"
