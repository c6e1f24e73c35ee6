"""Search benchmark: a demo store of 100k households (10k with --quick) on a real SQLCipher file,
then p50/p95 of name, initials, phone-tail and ID queries drawn from the data, plus load and
index-rebuild times."""

from __future__ import annotations

import random
import secrets
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin
from sqlalchemy import select

from app.models import Household, Member
from app.services import search
from app.services.demo_profile import load_demo
from app.services.search_keys import phone_digits
from app.store.engine import DB_FILENAME, Store, open_engine
from app.store.migrations import upgrade_to_head

FULL_HOUSEHOLDS = 100_000
QUICK_HOUSEHOLDS = 10_000
QUERIES_PER_KIND = 200


def run(quick: bool) -> Iterator[dict[str, Any]]:
    households = QUICK_HOUSEHOLDS if quick else FULL_HOUSEHOLDS
    with tempfile.TemporaryDirectory(prefix="nuanxin-bench-") as folder:
        store = open_engine(Path(folder) / DB_FILENAME, secrets.token_bytes(32))
        try:
            upgrade_to_head(store.engine)
            yield from _load(store, households)
            yield from _queries(store)
        finally:
            store.close()


def _row(metric: str, value: float, unit: str) -> dict[str, Any]:
    return {"bench": "search", "metric": metric, "value": round(value, 3), "unit": unit}


def _load(store: Store, households: int) -> Iterator[dict[str, Any]]:
    yield _row("households", households, "count")
    started = time.perf_counter()
    load_demo(store, households, seed=2026)
    yield _row("demo_load_with_index", time.perf_counter() - started, "s")
    with store.transaction() as session:
        started = time.perf_counter()
        search.rebuild_index(session)
        yield _row("index_rebuild", time.perf_counter() - started, "s")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    yield _row("store_size", store.path.stat().st_size / 1e6, "MB")


def _queries(store: Store) -> Iterator[dict[str, Any]]:
    rng = random.Random(8)
    with store.sessions() as session:
        members = session.execute(
            select(Member.name, Member.id_number, Member.phone).where(Member.deleted.is_(False))
        ).all()
        phones = list(
            session.execute(select(Household.phone).where(Household.phone != "")).scalars()
        )
    picked = rng.sample(members, QUERIES_PER_KIND)
    kinds: dict[str, list[str]] = {
        "name": [m.name for m in picked],
        "initials": [_initials(m.name) for m in picked],
        "phone_tail": [
            phone_digits(p)[-rng.choice((4, 4, 6, 8)) :]
            for p in rng.sample(phones, QUERIES_PER_KIND)
        ],
        "id_number": [_typed_id(m.id_number, rng) for m in picked],
    }
    for kind, queries in kinds.items():
        times, hits = _time_queries(store, queries)
        yield _row(f"{kind}_p50", _percentile(times, 50), "ms")
        yield _row(f"{kind}_p95", _percentile(times, 95), "ms")
        yield _row(f"{kind}_found", hits / len(queries) * 100, "%")


def _initials(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def _typed_id(number: str, rng: random.Random) -> str:
    return number.lower() if rng.random() < 0.5 else number


def _time_queries(store: Store, queries: list[str]) -> tuple[list[float], int]:
    """Milliseconds per query (a session each, as the app does) and how many found anything."""
    times: list[float] = []
    found = 0
    for query in queries:
        started = time.perf_counter()
        with store.sessions() as session:
            hits = search.search_households(session, query)
        times.append((time.perf_counter() - started) * 1000)
        found += bool(hits)
    return times, found


def _percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]
