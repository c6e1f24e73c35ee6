"""A pull re-indexes only the households whose list or search data it changes: edited notes
leave a household's search document alone, a new phone, category or member name is found at
once."""

from __future__ import annotations

from typing import Any

from app.services.search import search_households
from app.sync.apply import Pending, RowWriter
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop
from tests.sync.households import new_household, set_household


def found_by(laptop: Laptop, words: str) -> list[str]:
    with laptop.store.sessions() as session:
        return [hit.household_id for hit in search_households(session, words)]


def as_pulled(laptop: Laptop, entity: str, row_id: str, **changes: Any) -> dict[str, Any]:
    """The local row in the shape of a pulled one, with some fields changed."""
    fields = dict(laptop.rows(entity)[row_id])
    deleted = fields.pop("deleted")
    seq = fields.pop("server_seq")
    return {
        "entity": entity,
        "id": row_id,
        "seq": seq + 1,
        "scope_code": "",
        "deleted": deleted,
        "fields": {**fields, **changes},
        "created_at": "2026-11-25T08:00:00+00:00",
        "created_by": "station",
        "updated_at": "2026-11-25T08:00:00+00:00",
        "updated_by": "advisor",
    }


def differing(laptop: Laptop, rows: list[dict[str, Any]]) -> set[str]:
    """The households an incremental pull of these rows would re-index (rolled back)."""
    with laptop.store.sessions() as session:
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # as sync's transactions
        writer = RowWriter(session, Pending.load(session), listed_changes=True)
        households = writer.apply(rows).households
        session.rollback()
        session.connection().exec_driver_sql("PRAGMA foreign_keys = ON")
        return households


def test_only_rows_changing_listed_fields_mark_their_household(laptop: LaptopMaker) -> None:
    station = laptop("station")
    household = new_household(station, head="周明", phone="13800000011")
    [member] = station.households.get_household(household).members
    station.sync()  # a row with edits not pushed yet always counts

    def marks(entity: str, row_id: str, **changes: Any) -> set[str]:
        return differing(station, [as_pulled(station, entity, row_id, **changes)])

    assert marks("household", household) == set()
    assert marks("household", household, notes="每周探望") == set()
    assert marks("household", household, phone="13900000033") == {household}
    assert marks("household", household, categories=["dibao"]) == {household}
    assert marks("member", member.id, name="周明明") == {household}
    assert marks("member", member.id, health="chronic") == set()
    deleted = as_pulled(station, "household", household)
    assert differing(station, [{**deleted, "deleted": True}]) == {household}
    assert differing(station, [{**deleted, "left_scope": True}]) == {household}


def test_a_pulled_phone_is_searchable_and_edited_notes_change_nothing_else(
    laptop: LaptopMaker,
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    quiet = new_household(advisor, head="周明", phone="13800000011")
    moved = new_household(advisor, head="吴亮", phone="13800000022")
    advisor.sync()
    station.sync()

    set_household(advisor, quiet, notes="老人独居，每周探望")
    set_household(advisor, moved, phone="13900000033")
    advisor.sync()
    assert station.sync().pulled == 2

    assert found_by(station, "0033") == [moved] and found_by(station, "0022") == []
    assert found_by(station, "周明") == [quiet]
    assert station.households.get_household(quiet).data.notes == "老人独居，每周探望"
