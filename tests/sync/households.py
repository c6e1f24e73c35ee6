"""Household edits for sync tests, made through the real household service."""

from __future__ import annotations

from dataclasses import replace

from app.services.households import HouseholdInput, MemberInput
from tests.server.world import COMMITTEE_11
from tests.sync.harness import Laptop


def new_household(laptop: Laptop, head: str = "张伟", phone: str = "13800000001") -> str:
    return laptop.households.create_household(
        HouseholdInput(committee_code=COMMITTEE_11, address="枣阳路 112 弄 3 号", phone=phone),
        [MemberInput(name=head)],
    )


def set_household(laptop: Laptop, household_id: str, **changes: object) -> None:
    """Change some household fields as the household form would."""
    service = laptop.households
    data = service.get_household(household_id).data
    service.update_household(household_id, replace(data, **changes))  # type: ignore[arg-type]
