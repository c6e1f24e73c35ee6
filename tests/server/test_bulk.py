"""server.core.bulk.executemany stores exactly what SQLAlchemy's executemany stores."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import orjson
from sqlalchemy import Table, bindparam, insert, text, update

from server.core.bulk import executemany
from server.core.database import Database, migrate
from server.models import Record, Revision

REVISIONS = cast(Table, Revision.__table__)
RECORDS = cast(Table, Record.__table__)
WHOLE_SECOND = dt.datetime(2026, 11, 25, 8, 0, 0, tzinfo=dt.UTC)  # isoformat would drop ".000000"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _revisions(first_seq: int) -> list[dict[str, Any]]:
    return [
        {
            "seq": first_seq,
            "entity": "household",
            "row_id": "h-1",
            "fields": {"address": "长宁路1号 𠮷", "categories": ["低保", "重残"], "n": 1.5},
            "user_login": "advisor",
            "device_id": "d-1",
            "mid": 7,
            "at": WHOLE_SECOND,
        },
        {
            "seq": first_seq + 1,
            "entity": "member",
            "row_id": "m-1",
            "fields": orjson.Fragment(b'{"name":"\xe5\xbc\xa0\xe4\xb8\x89","deleted":false}'),
            "user_login": "advisor",
            "device_id": "d-1",
            "mid": 8,
            "at": dt.datetime(2026, 11, 25, 16, 30, 1, 250, tzinfo=SHANGHAI),
        },
    ]


def _stored(database: Database, table: str, where: str) -> list[tuple[Any, ...]]:
    with database.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(f"SELECT * FROM {table} WHERE {where}"))]


def test_inserted_rows_are_stored_as_sqlalchemy_stores_them(tmp_path: Any) -> None:
    database = Database(f"sqlite:///{tmp_path / 'bulk.db'}")
    migrate(database)
    with database.writing() as session:
        session.connection().execute(insert(REVISIONS), _revisions(1))
        executemany(session.connection(), insert(REVISIONS), _revisions(101))
    by_core = _stored(database, "revision", "seq < 100")
    by_driver = _stored(database, "revision", "seq > 100")
    assert [row[1:] for row in by_driver] == [row[1:] for row in by_core]
    assert by_core[0][-1] == "2026-11-25 08:00:00.000000"
    assert by_core[1][-1] == "2026-11-25 08:30:01.000250"  # converted to UTC
    database.dispose()


def _keyed(changes: list[dict[str, Any]], first: int) -> list[dict[str, Any]]:
    return [
        {"k_entity": "household", "k_id": f"h-{first + n}", **change}
        for n, change in enumerate(changes)
    ]


def test_updated_rows_are_stored_as_sqlalchemy_stores_them(tmp_path: Any) -> None:
    database = Database(f"sqlite:///{tmp_path / 'bulk.db'}")
    migrate(database)
    statement = (
        update(RECORDS)
        .where(RECORDS.c.entity == bindparam("k_entity"), RECORDS.c.id == bindparam("k_id"))
        .values(
            fields=bindparam("v_fields", type_=RECORDS.c.fields.type),
            deleted=bindparam("v_deleted", type_=RECORDS.c.deleted.type),
            updated_at=bindparam("v_updated_at", type_=RECORDS.c.updated_at.type),
        )
    )
    rows = [
        {"entity": "household", "id": f"h-{n}", "scope_code": "310105001", "fields": {},
         "field_seq": {}, "deleted": False, "seq": n, "created_at": WHOLE_SECOND,
         "created_by": "a", "updated_at": WHOLE_SECOND, "updated_by": "a"}
        for n in range(1, 5)
    ]  # fmt: skip
    changes = [
        {"v_fields": {"phone": "13911112222", "说明": "两周后复访"}, "v_deleted": True,
         "v_updated_at": dt.datetime(2026, 11, 25, 9, 15, 2, 1, tzinfo=SHANGHAI)},
        {"v_fields": {"phone": None}, "v_deleted": False, "v_updated_at": WHOLE_SECOND},
    ]  # fmt: skip
    with database.writing() as session:
        connection = session.connection()
        connection.execute(insert(RECORDS), rows)
        connection.execute(statement, _keyed(changes, 1))
        executemany(connection, statement, _keyed(changes, 3))
    stored = _stored(database, "record", "1 = 1 ORDER BY seq")
    values = [(*row[4:7], *row[8:]) for row in stored]  # all but the keys, scope, parent, seq
    assert values[2:] == values[:2]
    assert values[0][0] == '{"phone":"13911112222","说明":"两周后复访"}'
    assert (values[0][2], values[0][5]) == (1, "2026-11-25 01:15:02.000001")  # deleted, updated_at
    database.dispose()
