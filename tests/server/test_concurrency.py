"""Concurrent pushes over a real socket: the sequence has no gaps and no duplicates, and a reader
pulling all along never skips a row (a seq is never visible before a smaller one)."""

from __future__ import annotations

import threading
import uuid

import httpx
from sqlalchemy import select

from server.core.backend import Backend
from server.models import Record, Revision
from tests.server.conftest import LiveServer
from tests.server.laptops import Laptop
from tests.server.world import COMMITTEE_11, COMMITTEE_12

WRITERS = 4
PUSHES = 12
ROWS_PER_PUSH = 3


def write(url: str, login: str, shared: list[str], failures: list[BaseException]) -> None:
    try:
        with httpx.Client(base_url=url, timeout=60) as http:
            laptop = Laptop(http, login)
            for number in range(PUSHES):
                mutations = [
                    laptop.mutation(
                        "household",
                        str(uuid.uuid4()),
                        {"committee_code": COMMITTEE_12 if login == "station" else COMMITTEE_11},
                    )
                    for _ in range(ROWS_PER_PUSH)
                ]
                mutations.append(
                    laptop.mutation(
                        "household", shared[number % len(shared)], {"notes": f"{login}-{number}"}, 0
                    )
                )
                laptop.push(*mutations)
    except BaseException as error:  # reported by the test thread
        failures.append(error)


def test_concurrent_pushes_take_gap_free_seqs_that_readers_never_skip(
    live: LiveServer, backend: Backend
) -> None:
    with httpx.Client(base_url=live.url, timeout=60) as http:
        reader = Laptop(http, "supervisor")
        station = Laptop(http, "station")
        shared = [str(uuid.uuid4()) for _ in range(3)]
        station.push(
            *[station.mutation("household", i, {"committee_code": COMMITTEE_11}) for i in shared]
        )
        failures: list[BaseException] = []
        writers = [
            threading.Thread(target=write, args=(live.url, login, shared, failures))
            for login in ("advisor", "station", "advisor", "station")[:WRITERS]
        ]
        for thread in writers:
            thread.start()
        held: dict[tuple[str, str], int] = {}
        while any(t.is_alive() for t in writers):
            for row in reader.pull(limit=7).rows:
                held[(row.entity, row.id)] = row.seq
        for thread in writers:
            thread.join()
        assert not failures, failures
        for key, row in reader.pull_all(reader.cursor).items():
            held[key] = row.seq

    with backend.database.reading() as session:
        final = {
            (e, i): s for e, i, s in session.execute(select(Record.entity, Record.id, Record.seq))
        }
        revision_seqs = sorted(session.execute(select(Revision.seq)).scalars())
    assert held == final
    assert revision_seqs == list(range(1, len(revision_seqs) + 1))
    assert len(final) == 6 + len(shared) + WRITERS * PUSHES * ROWS_PER_PUSH
