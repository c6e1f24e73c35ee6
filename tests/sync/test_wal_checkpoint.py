"""A laptop that only pulls keeps its WAL small: sync's own transactions never checkpoint, so
the engine copies the WAL into the database file in the background once syncs wrote enough."""

from __future__ import annotations

from app.store.engine import sidecar_paths
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop
from tests.sync.households import new_household, set_household

ROUNDS = 6
EDITS = 12  # households each round's pull brings


def wal_bytes(laptop: Laptop) -> int:
    wal = sidecar_paths(laptop.store.path)[1]
    return wal.stat().st_size if wal.exists() else 0


def test_a_laptop_that_only_pulls_checkpoints_its_wal(laptop: LaptopMaker) -> None:
    station = laptop("station")
    households = [new_household(station, phone=f"138000000{n:02d}") for n in range(EDITS)]
    station.sync()
    checked, unchecked = laptop("advisor"), laptop("advisor")
    checked.engine.checkpoint_rows = EDITS  # every round's pull is due one
    unchecked.engine.checkpoint_rows = 10**9  # never (as before this engine checkpointed)
    sizes: dict[str, list[int]] = {"checked": [], "unchecked": []}
    for number in range(ROUNDS):
        for household in households:
            set_household(station, household, notes=f"第{number}轮复查")
        station.sync()
        for name, reader in (("checked", checked), ("unchecked", unchecked)):
            assert reader.sync().pulled == EDITS
            reader.engine.settle()  # the background checkpoint, if one was started
            sizes[name].append(wal_bytes(reader))

    # Checkpointed, the pulls write the WAL again from its start: after the first round the
    # file no longer grows.
    assert len(set(sizes["checked"][1:])) == 1, sizes
    # Never checkpointed, every pull adds to it.
    assert sizes["unchecked"] == sorted(set(sizes["unchecked"])), sizes
    assert checked.rows("household") == unchecked.rows("household")
