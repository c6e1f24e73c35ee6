"""Sync benchmark (issue 5): a fresh SQLCipher client's initial sync of 20,000 households and
200,000 visits (2,000 and 20,000 with --quick) from a server process; incremental push of 100
edits and pull of 100 rows (p95); idle pulls per second on one server process; N simulated
advisors syncing against one server on a throwaway PostgreSQL (1,000; 50 with --quick).

The server data is made by the server's own seed-demo code (the demo generator's households and
members) plus visits written the same way; the server runs as `nuanxin-server serve`."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.services.households import HouseholdService
from app.sync import wire
from bench._advisors import make_advisors, run_load
from bench._http_load import raw_request
from bench._postgres import throwaway_cluster
from bench._sync_world import Client, fresh_client, seed_server, server_process

FULL, QUICK = (20_000, 10), (2_000, 10)  # households, visits per household
ROUNDS, QUICK_ROUNDS = 60, 10  # p95 of 60 rounds: the third slowest, not the slowest
ADVISORS, QUICK_ADVISORS = 1_000, 50


def _row(metric: str, value: float, unit: str) -> dict[str, Any]:
    return {"bench": "sync", "metric": metric, "value": round(value, 3), "unit": unit}


def run(quick: bool) -> Iterator[dict[str, Any]]:
    households, visits = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="nuanxin-bench-sync-") as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'server.db'}"
        seeded = seed_server(url, households, visits)
        yield _row("server_rows", seeded.rows, "count")
        with server_process(url) as base:
            client = fresh_client(folder / "laptop", base)
            try:
                yield from _initial_sync(client)
                yield from _incremental(client, folder, base, QUICK_ROUNDS if quick else ROUNDS)
                yield from _idle_pulls(client, base, 3.0 if quick else 8.0)
            finally:
                client.close()
    yield from _advisors(QUICK_ADVISORS if quick else ADVISORS, quick)


def _initial_sync(client: Client) -> Iterator[dict[str, Any]]:
    marks: dict[str, float] = {}
    started = time.perf_counter()

    def progress(_done: int, _total: int, text: str) -> None:
        if "索引" in text:
            marks.setdefault("index", time.perf_counter() - started)

    report = client.engine.sync(progress=progress)
    total = time.perf_counter() - started
    yield _row("initial_sync_rows", report.pulled, "count")
    yield _row("initial_sync", total, "s")
    yield _row("initial_sync_download", marks.get("index", total), "s")
    yield _row("initial_sync_rows_per_s", report.pulled / total, "rows/s")


def _incremental(client: Client, folder: Path, base: str, rounds: int) -> Iterator[dict[str, Any]]:
    """Laptop A edits 100 households and pushes; laptop B, a second advisor's laptop synced
    with the same street, pulls the 100 changed rows into the copies it holds.

    B first syncs in full, as a laptop in use has: a B started empty at the server's cursor
    pulled each round's households as rows it never had, and indexed them for search, which is
    not what an incremental pull of someone else's edits does."""
    other = fresh_client(folder / "other", base)
    try:
        other.engine.sync()
        service = HouseholdService(client.store, "bench")
        ids = [row.id for row in service.page(limit=100 * rounds)]
        pushes, pulls = [], []
        for number in range(rounds):
            for household in ids[number * 100 : (number + 1) * 100]:
                data = service.get_household(household).data
                service.update_household(household, replace(data, notes=f"第{number}轮复查"))
            started = time.perf_counter()
            assert client.engine.push().pushed == 100
            pushes.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert other.engine.pull().pulled == 100
            pulls.append(time.perf_counter() - started)
    finally:
        other.close()
    both = [a + b for a, b in zip(pushes, pulls, strict=True)]
    yield _row("push_100_p50", sorted(pushes)[len(pushes) // 2] * 1000, "ms")
    yield _row("pull_100_p50", sorted(pulls)[len(pulls) // 2] * 1000, "ms")
    yield _row("push_100_p95", _p95(pushes) * 1000, "ms")
    yield _row("pull_100_p95", _p95(pulls) * 1000, "ms")
    yield _row("push_100_pull_100_p95", _p95(both) * 1000, "ms")


def _idle_pulls(client: Client, base: str, seconds: float) -> Iterator[dict[str, Any]]:
    """Many laptops asking "anything new?" with nothing new: one server process, as many
    requests per second as it answers (16 keep-alive connections from a load process)."""
    client.engine.sync()  # up to date: every pull below finds nothing new
    state = client.engine.state
    api = client.engine.client()
    api.renew()
    host, port = "127.0.0.1", base.rsplit(":", 1)[1]
    path = (
        f"{wire.PULL_PATH}?cursor={state.cursor}&schema_version={wire.SCHEMA_VERSION}"
        f"&scope_fingerprint={state.fingerprint}&history={state.history}"
    )  # as app.sync sends it
    headers = {"Authorization": f"Bearer {api.access_token}", "Accept-Encoding": "gzip"}
    request = raw_request("GET", path, headers, f"{host}:{port}")
    command = [sys.executable, "-m", "bench._http_load", host, port, str(seconds), "16"]
    done = subprocess.run(
        command, input=request.hex(), capture_output=True, text=True, timeout=seconds + 60
    )
    result = json.loads(done.stdout)
    yield _row("idle_pulls_per_s", result["per_second"], "req/s")
    yield _row("idle_pull_p95", result["p95_ms"], "ms")
    yield _row("idle_pull_errors", result["errors"], "count")


def _advisors(count: int, quick: bool) -> Iterator[dict[str, Any]]:
    households = 1_000 if quick else 10_000
    with throwaway_cluster() as url:
        seeded = seed_server(url, households, 0)
        advisors = make_advisors(url, seeded.households, count)
        with server_process(url) as base:
            # The app syncs every minute: each advisor's first pull and syncs come at random
            # moments within a minute of each other (a few seconds apart with --quick).
            result = asyncio.run(run_load(base, advisors, rounds=3, think=5.0 if quick else 60.0))
    yield _row("advisors", count, "count")
    yield _row("advisor_syncs", result.syncs, "count")
    yield _row("advisor_sync_p95", result.p95_ms(result.latencies), "ms")
    yield _row("advisor_first_pull_p95", result.p95_ms(result.first_pulls), "ms")
    yield _row("advisor_errors", result.errors, "count")
    yield _row("advisor_syncs_per_s", result.syncs / max(result.seconds, 1e-9), "syncs/s")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0
