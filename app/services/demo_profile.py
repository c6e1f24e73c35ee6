"""The demo profile: generated data bulk-loaded into a real encrypted store, opened by a passphrase
that the window shows (DEMO_PASSPHRASE; the demo holds no real person's data).

Loading writes no outbox entries and no audit rows: demo rows are seed data, like rows pulled from
a server, not edits made on this laptop to be pushed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.models import Base, Household, Jurisdiction, Member, User
from app.services import search
from app.services.demo_data import DemoData, generate
from app.services.households import sort_key
from app.store.engine import Store
from app.store.profile import Profile

DEMO_PASSPHRASE = "nuanxin-demo"
DEMO_SEED = 2026
DEMO_ACTOR = "demo"
BATCH_ROWS = 20_000


def load_demo(store: Store, households: int, seed: int = DEMO_SEED) -> int:
    """Generate ``households`` households and insert them in one transaction; returns the count.

    Driver-level executemany in batches (no ORM objects), then one search index rebuild."""
    data = generate(households, seed=seed)
    stamp = _sync_columns()
    with store.transaction() as session:
        for model, rows in _tables(data):
            _insert(session, Base.metadata.tables[model.__tablename__], (r | stamp for r in rows))
        search.rebuild_index(session)
    return len(data.households)


def open_or_create_demo(folder: Path, households: int = 2000) -> tuple[Profile, Store]:
    """Open the demo profile in ``folder``, creating and filling it first when absent or empty."""
    folder = Path(folder)
    if Profile.exists(folder):
        profile = Profile.load(folder)
    else:
        profile = Profile.create(folder, DEMO_PASSPHRASE, use_keyring=False)
    store = profile.open(DEMO_PASSPHRASE)
    try:
        if _is_empty(store):  # new, or an earlier load was interrupted (it rolled back)
            load_demo(store, households)
    except BaseException:
        store.close()
        raise
    return profile, store


def _is_empty(store: Store) -> bool:
    with store.sessions() as session:
        return not session.execute(select(func.count()).select_from(Household)).scalar_one()


def _tables(data: DemoData) -> Iterator[tuple[type[Base], Iterable[dict[str, Any]]]]:
    yield Jurisdiction, data.jurisdictions
    yield User, data.users
    yield Household, _with_sort_keys(data.households)
    yield Member, data.members


def _with_sort_keys(households: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Add the list's pinyin sort key of the head's name (computed once per distinct name)."""
    keys: dict[str, str] = {}
    for row in households:
        name = row["head_name"]
        if name not in keys:
            keys[name] = sort_key(name)
        yield row | {"head_name_sort": keys[name]}


def _sync_columns() -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    return {
        "created_at": now,
        "created_by": DEMO_ACTOR,
        "updated_at": now,
        "updated_by": DEMO_ACTOR,
        "deleted": False,
        "server_seq": 0,
    }


def _insert(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """executemany at the driver level with each column's own bind processor (the values are
    stored exactly as the ORM would store them) and no per-row statement building."""
    connection = session.connection()
    dialect = connection.dialect
    columns: list[str] = []
    processors: list[Callable[[Any], Any] | None] = []
    batch: list[tuple[Any, ...]] = []
    statement = ""
    for row in rows:
        if not columns:
            columns = list(row)
            processors = [
                table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns
            ]
            marks = ", ".join("?" * len(columns))
            statement = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({marks})'
        batch.append(
            tuple(p(row[c]) if p else row[c] for c, p in zip(columns, processors, strict=True))
        )
        if len(batch) >= BATCH_ROWS:
            connection.exec_driver_sql(statement, batch)
            batch = []
    if batch:
        connection.exec_driver_sql(statement, batch)
