"""A first sync sets the synced tables' secondary indexes aside while it writes its pages and
builds them again at the end: after a finished, a cancelled or a crashed first sync the store
has exactly the indexes its schema gives it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.services.search import search_households
from app.store.deferred_indexes import SETTING_KEY, defer_indexes
from app.sync.errors import SyncCancelled
from app.sync.state import read_setting
from app.sync.tables import sync_tables
from app.sync.transactions import write_transaction
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop
from tests.sync.households import new_household

HEADS = "赵钱孙李周吴郑王冯陈"


def indexes(laptop: Laptop) -> set[tuple[str, str]]:
    with laptop.store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        )
        return {(name, sql) for name, sql in rows}


def noted(laptop: Laptop) -> object:
    with laptop.store.sessions() as session:
        return read_setting(session, SETTING_KEY)


@pytest.fixture
def ten_households(laptop: LaptopMaker) -> None:
    advisor = laptop("advisor")
    for head in HEADS:
        new_household(advisor, head=head + "一")
    advisor.sync()


@pytest.mark.usefixtures("ten_households")
def test_a_first_sync_of_many_pages_ends_with_every_index_of_the_schema(
    laptop: LaptopMaker,
) -> None:
    fresh = laptop("station", sync=False)
    schema = indexes(fresh)
    assert any(name == "ix_visit_household_visited" for name, _ in schema)
    fresh.engine.page_limit = 4
    during: list[int] = []  # how many indexes the store has after each page

    fresh.engine.sync(
        progress=lambda _done, total, _words: total and during.append(len(indexes(fresh)))
    )

    assert min(during) < len(schema)  # set aside while the pages were written
    assert indexes(fresh) == schema and noted(fresh) is None  # and built again
    assert len(fresh.rows("household")) == 10
    with fresh.store.sessions() as session:  # documents made while the indexes were built
        hits = search_households(session, "qian")
    assert [hit.head_name for hit in hits] == ["钱一"]


@pytest.mark.usefixtures("ten_households")
def test_a_cancelled_first_sync_builds_the_indexes_again_before_it_stops(
    laptop: LaptopMaker,
) -> None:
    fresh = laptop("station", sync=False)
    schema = indexes(fresh)
    fresh.engine.page_limit = 4
    pages: list[int] = []

    with pytest.raises(SyncCancelled):
        fresh.engine.sync(
            progress=lambda done, _total, _words: pages.append(done),
            cancelled=lambda: len(pages) >= 2,
        )

    assert indexes(fresh) == schema and noted(fresh) is None
    fresh.sync()
    assert len(fresh.rows("household")) == 10 and indexes(fresh) == schema


def test_indexes_left_aside_by_a_crash_are_built_at_the_next_sync(laptop: LaptopMaker) -> None:
    station = laptop("station")
    schema = indexes(station)
    with write_transaction(station.store) as session:  # a first sync that died between pages
        assert defer_indexes(session.connection(), sorted(sync_tables())) > 0
    assert indexes(station) < schema and noted(station) is not None
    station.crash()  # the laptop starts again

    station.sync()

    assert indexes(station) == schema and noted(station) is None
