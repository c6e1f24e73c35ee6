"""A server restored from last night's backup while the laptops worked on: they converge with it
without losing the edits the server forgot (issue 8, item 2)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from server.__main__ import main as server_main
from tests.server.world import COMMITTEE_11
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import LiveServer, differences, server_rows
from tests.sync.households import new_household, set_household


def phone_of(laptop: object, household_id: str) -> str:
    return laptop.households.get_household(household_id).data.phone  # type: ignore[attr-defined]


def test_laptops_push_again_what_a_restored_server_forgot(
    laptop: LaptopMaker, server: LiveServer, tmp_path: Path
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    first = new_household(advisor, head="张伟", phone="13800000001")
    advisor.sync()
    station.sync()

    backup = tmp_path / "nightly.db"
    assert server_main(["backup", "--database-url", server.database_url, "--out", str(backup)]) == 0

    set_household(advisor, first, phone="13911112222")  # after the backup: the server forgets
    second = new_household(advisor, head="李娜", phone="13800000002")
    third = new_household(station, head="王芳", phone="13800000003")
    advisor.sync()
    station.sync()
    advisor.sync()
    assert advisor.outbox() == [] and station.outbox() == []  # all acknowledged, then lost

    server.stop()
    assert server_main(["restore", "--database-url", server.database_url, str(backup)]) == 0
    server.start()
    assert set(server_rows(server, "household")) == {first}

    first_round = [advisor.sync(), station.sync()]  # 410: queue what the server lost, re-pull
    assert all(report.rebootstrapped for report in first_round)
    for one in (advisor, station, advisor):  # push it, and take the other laptop's
        one.sync()

    households = server_rows(server, "household")
    assert set(households) == {first, second, third}
    assert households[first]["phone"] == "13911112222"
    for one in (advisor, station):
        for entity in ("household", "member"):
            assert differences(one, server, entity, {COMMITTEE_11}) == []
        assert one.outbox() == [] and one.refusals() == [] and one.conflicts() == []
        assert phone_of(one, first) == "13911112222"


def test_a_server_backup_is_a_consistent_sqlite_file(server: LiveServer, tmp_path: Path) -> None:
    backup = tmp_path / "copy.db"
    assert server_main(["backup", "--database-url", server.database_url, "--out", str(backup)]) == 0
    import sqlite3

    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert make_url(server.database_url).database != str(backup)


def test_restoring_a_damaged_file_changes_nothing(server: LiveServer, tmp_path: Path) -> None:
    database = Path(str(make_url(server.database_url).database))
    server.stop()
    before = database.read_bytes()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)

    assert server_main(["restore", "--database-url", server.database_url, str(broken)]) == 1
    assert server_main(["restore", "--database-url", server.database_url, str(tmp_path)]) == 1
    assert database.read_bytes() == before
