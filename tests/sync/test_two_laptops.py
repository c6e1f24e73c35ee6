"""Stories of two laptops working on the same households offline and then syncing."""

from __future__ import annotations

import pytest

from app.services.search import search_households
from app.sync.conflicts import ConflictService
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop, LiveServer
from tests.sync.households import new_household, set_household


def phone_of(laptop: Laptop, household_id: str) -> str:
    return laptop.households.get_household(household_id).data.phone


def test_a_household_registered_on_one_laptop_is_found_on_the_other(laptop: LaptopMaker) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor, head="欧阳𠮷")

    advisor.sync()
    station.sync()

    detail = station.households.get_household(household)
    assert detail.head_name == "欧阳𠮷"
    assert [m.name for m in detail.members] == ["欧阳𠮷"]
    with station.store.sessions() as session:
        hits = search_households(session, "oyj")
    assert [hit.household_id for hit in hits] == [household]


def test_one_side_changes_the_phone_and_the_other_the_address_both_win(
    laptop: LaptopMaker,
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    advisor.sync()
    station.sync()

    set_household(advisor, household, phone="13911112222")  # both offline
    set_household(station, household, address="兰溪路 9 弄 1 号")
    advisor.sync()
    station.sync()
    advisor.sync()

    for one in (advisor, station):
        data = one.households.get_household(household).data
        assert (data.phone, data.address) == ("13911112222", "兰溪路 9 弄 1 号")
        assert one.conflicts() == []


def test_the_phone_changed_on_both_laptops_is_a_conflict_resolved_by_the_second(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor, phone="13800000001")
    advisor.sync()
    station.sync()

    set_household(advisor, household, phone="13911112222")  # both offline
    set_household(station, household, phone="13733334444")
    advisor.sync()  # first back online: nobody else changed the phone, so it simply wins
    report = station.sync()

    assert report.conflicts == 1 and report.exit_code == 0
    assert advisor.conflicts() == []
    [conflict] = station.conflicts()
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "phone",
        "13800000001",
        "13733334444",
        "13911112222",
    )
    assert (conflict.mine_by, conflict.theirs_by) == ("station", "advisor")
    assert conflict.theirs_at is not None  # the conflicts screen shows when each side was made
    assert phone_of(station, household) == "13911112222"  # theirs shown until decided

    service = ConflictService(station.store, "station")
    [row] = service.open_conflicts()
    assert row.label.startswith("张伟")
    service.resolve(conflict.id, "mine")
    station.sync()
    advisor.sync()

    assert phone_of(advisor, household) == phone_of(station, household) == "13733334444"
    assert station.conflicts() == []
    assert station.engine.client().conflicts().conflicts == []  # resolved on the server too


@pytest.mark.parametrize(
    ("choice", "typed", "expected"),
    [("theirs", None, "13911112222"), ("edit", "021-62345678", "021-62345678")],
)
def test_a_conflict_can_keep_their_value_or_take_a_typed_one(
    laptop: LaptopMaker, choice: str, typed: str | None, expected: str
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    advisor.sync()
    station.sync()
    set_household(advisor, household, phone="13911112222")
    set_household(station, household, phone="13733334444")
    advisor.sync()
    station.sync()

    [conflict] = station.conflicts()
    ConflictService(station.store, "station").resolve(conflict.id, choice, typed)  # type: ignore[arg-type]
    station.sync()
    advisor.sync()

    assert phone_of(advisor, household) == phone_of(station, household) == expected
    assert station.engine.client().conflicts().conflicts == []


def test_an_edit_of_a_member_removed_meanwhile_is_a_conflict_that_can_restore_it(
    laptop: LaptopMaker,
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    advisor.sync()
    station.sync()
    member = station.households.get_household(household).members[0].id

    advisor.households.remove_member(member)
    data = station.households.get_member(member)
    data.phone = "13655556666"
    station.households.update_member(member, data)
    advisor.sync()
    station.sync()

    [conflict] = station.conflicts()
    assert (conflict.field, conflict.mine, conflict.theirs) == ("deleted", False, True)
    assert station.households.get_household(household).members == []  # deleted, until decided
    ConflictService(station.store, "station").resolve(conflict.id, "mine")
    station.sync()
    advisor.sync()

    for one in (advisor, station):
        members = one.households.get_household(household).members
        assert [(m.name, m.phone) for m in members] == [("张伟", "13655556666")]
