"""A server restored from last night's backup while the laptops worked on: they converge with it
without losing the edits the server forgot (issue 8, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from server.__main__ import main as server_main
from server.core.database import Database
from server.models import Counter
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


@pytest.mark.parametrize("pending", [False, True], ids=["found-by-pull", "found-by-push"])
def test_a_laptop_offline_through_a_restore_and_past_it_gets_its_edits_back(
    laptop: LaptopMaker, server: LiveServer, tmp_path: Path, pending: bool
) -> None:
    """The advisor's laptop stays away while the restored server takes so many new edits that
    its old cursor is valid again there. The seqs under that cursor are other rows now: the
    laptop must notice the server's history changed, give back what it forgot, and take what
    it missed; an edit both sides made to one field is a conflict, never overwritten."""
    advisor, station = laptop("advisor"), laptop("station")
    first = new_household(advisor, head="张伟", phone="13800000001")
    shared = new_household(advisor, head="赵敏", phone="13800000009")
    advisor.sync()
    station.sync()

    backup = tmp_path / "nightly.db"
    assert server_main(["backup", "--database-url", server.database_url, "--out", str(backup)]) == 0

    set_household(advisor, first, phone="13911112222")  # acknowledged, then forgotten
    set_household(advisor, shared, phone="13911113333")
    second = new_household(advisor, head="李娜", phone="13800000002")
    advisor.sync()
    assert advisor.outbox() == []
    cursor = advisor.engine.state.cursor

    server.stop()
    assert server_main(["restore", "--database-url", server.database_url, str(backup)]) == 0
    server.start()
    station.sync()  # the station re-downloads from the restored server
    set_household(station, shared, phone="13700000000")  # the same field, after the restore
    set_household(station, first, notes="已电话回访")  # another field: no conflict
    address = "枣阳路 112 弄 5 号" if pending else "枣阳路 112 弄 3 号"
    if pending:  # an edit made offline on top of the forgotten one: the push hears of it
        set_household(advisor, first, address=address)
    made = []
    while server_seq(server) <= cursor:  # until the advisor's old cursor is valid again
        made.append(new_household(station, head="王芳", phone="13800000003"))
        station.sync()

    advisor.sync()
    for one in (station, advisor, station):
        one.sync()

    households = server_rows(server, "household")
    assert set(households) == {first, shared, second, *made}
    assert households[first]["phone"] == "13911112222"
    assert households[first]["address"] == address
    assert households[first]["notes"] == "已电话回访"
    assert households[shared]["phone"] == "13700000000"  # the server's value stays …
    clashes = [(c.row_id, c.field, c.mine, c.theirs) for c in advisor.conflicts()]
    assert clashes == [
        (shared, "phone", "13911113333", "13700000000")  # … and the advisor's is shown, not lost
    ]  # (the notes the advisor pushed again unchanged are no conflict: the station's stand)
    assert station.conflicts() == []
    for one in (advisor, station):
        for entity in ("household", "member"):
            assert differences(one, server, entity, {COMMITTEE_11}) == []
        assert one.outbox() == [] and one.refusals() == []


def server_seq(server: LiveServer) -> int:
    database = Database(server.database_url)
    try:
        with database.reading() as session:
            counter = session.get(Counter, 1)
            assert counter is not None
            return int(counter.seq)
    finally:
        database.dispose()
