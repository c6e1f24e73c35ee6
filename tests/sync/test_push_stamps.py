"""A push's answer for a row the server left exactly as the laptop has it is a stamp (the seq,
when and by whom), not the row: the laptop ends with the row a pull would bring, and a row
the stamp cannot be written to is fetched again rather than left missing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.sync import outcomes
from app.sync.tables import sync_tables
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop
from tests.sync.households import new_household, set_household


def stored(laptop: Laptop, entity: str, row_id: str) -> dict[str, Any]:
    """Every column of one local row, as the store holds it."""
    table = sync_tables()[entity].table
    with laptop.store.sessions() as session:
        row = session.execute(select(table).where(table.c.id == row_id)).mappings().one()
        return dict(row)


def count_stamps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many stamped outcomes each push answer recorded."""
    counted: list[int] = []
    real = outcomes.stamp_rows

    def counting(connection: Any, entity: str, answered: Any) -> set[str]:
        counted.append(len(answered))
        return real(connection, entity, answered)

    monkeypatch.setattr(outcomes, "stamp_rows", counting)
    return counted


def test_a_stamped_answer_leaves_the_row_as_a_pull_brings_it(
    laptop: LaptopMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = laptop("advisor")
    household = new_household(advisor, head="周明", phone="13800000011")
    advisor.sync()
    stamps = count_stamps(monkeypatch)

    set_household(advisor, household, notes="老人独居，每周探望", phone="13900000022")
    assert advisor.sync().pushed == 1

    assert stamps == [1]
    assert advisor.outbox() == []
    fresh = laptop("advisor", name="fresh")
    assert stored(advisor, "household", household) == stored(fresh, "household", household)


def test_a_stamp_for_a_row_missing_here_fetches_the_servers_rows_again(
    laptop: LaptopMaker,
) -> None:
    advisor = laptop("advisor")
    household = new_household(advisor, head="周明")
    advisor.sync()
    set_household(advisor, household, notes="老人独居")
    with advisor.store.engine.connect() as connection:  # a defect elsewhere lost the row
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.exec_driver_sql("DELETE FROM household WHERE id = ?", (household,))
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")

    report = advisor.sync()

    assert report.pushed == 1 and report.rebootstrapped
    assert advisor.rows("household")[household]["notes"] == "老人独居"
