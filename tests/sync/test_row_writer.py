"""Small batches of server rows (a push's answer, an incremental pull) update only the columns
that differ; the rows end exactly as the upsert of large pages leaves them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.sync import apply
from app.sync.apply import Pending, RowWriter
from app.sync.tables import sync_tables
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop
from tests.sync.households import new_household

STAMP = "2026-11-25T08:00:00+00:00"


def pulled(laptop: Laptop, row_id: str, seq_step: int, **changes: Any) -> dict[str, Any]:
    """The local household in the shape of a pulled row, ``seq_step`` seqs newer."""
    fields = dict(laptop.rows("household")[row_id])
    deleted = fields.pop("deleted")
    seq = fields.pop("server_seq")
    return {
        "entity": "household",
        "id": row_id,
        "seq": seq + seq_step,
        "scope_code": "",
        "deleted": deleted,
        "fields": {**fields, **changes},
        "created_at": STAMP,
        "created_by": "station",
        "updated_at": STAMP,
        "updated_by": "advisor",
    }


def applied(
    laptop: Laptop, rows: list[dict[str, Any]], narrow_rows: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[dict[str, Any]], int]:
    """The household table after applying ``rows``, and how many rows SQLite changed when the
    same rows came again; rolled back, so each call starts from the same store."""
    monkeypatch.setattr(apply, "NARROW_ROWS", narrow_rows)
    table = sync_tables()["household"].table
    with laptop.store.sessions() as session:
        connection = session.connection()
        RowWriter(session, Pending.load(session)).apply(rows)
        before = connection.exec_driver_sql("SELECT total_changes()").scalar_one()
        RowWriter(session, Pending.load(session)).apply(rows)
        changed = connection.exec_driver_sql("SELECT total_changes()").scalar_one() - before
        result = [
            dict(row) for row in session.execute(select(table).order_by(table.c.id)).mappings()
        ]
        session.rollback()
    return result, changed


def test_a_small_batch_ends_as_the_upsert_leaves_it(
    laptop: LaptopMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    station = laptop("station")
    edited, same, older = (
        new_household(station, head=name, phone=phone)
        for name, phone in (
            ("周明", "13800000011"),
            ("李华", "13800000022"),
            ("王芳", "13800000033"),
        )
    )
    station.sync()
    brand_new = pulled(station, edited, 2, address="新建路 1 号")
    brand_new["id"] = "0192f0c0-0000-7000-8000-000000000001"
    rows = [
        pulled(station, edited, 1, phone="13900000099", notes="每周探望"),
        pulled(station, same, 0),
        pulled(station, older, -1, phone="13700000000"),  # the local row is newer: kept
        brand_new,
    ]

    narrow, narrow_changes = applied(station, rows, 1000, monkeypatch)
    upserted, upsert_changes = applied(station, rows, 0, monkeypatch)

    assert narrow == upserted
    by_id = {row["id"]: row for row in narrow}
    assert by_id[edited]["phone"] == "13900000099"
    assert by_id[older]["phone"] == "13800000033"
    assert by_id[brand_new["id"]]["address"] == "新建路 1 号"
    # Rows that come again as they are here are not written at all; the upsert rewrites each
    # (and all its index entries), except the one whose local copy is newer.
    assert (narrow_changes, upsert_changes) == (0, 3)
