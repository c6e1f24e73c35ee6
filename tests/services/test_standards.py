"""Stories of 政策找人: the dated standards table kept by an admin, and eligibility hints."""

from __future__ import annotations

import datetime as dt

import pytest
from workflow_data import ADMIN_LOGIN, ADVISOR_LOGIN

from app.domain.errors import ValidationError
from app.services.household_inputs import MemberInput
from app.services.households import HouseholdService
from app.services.standards import StandardService
from app.store.engine import Store


def set_income(store: Store, household_id: str, yuan: int) -> None:
    service = HouseholdService(store, ADVISOR_LOGIN)
    detail = service.get_household(household_id)
    head = detail.members[0]
    data = service.get_member(head.id)
    service.update_member(
        head.id, MemberInput(**{**data.__dict__, "monthly_income": {"pension": yuan * 100}})
    )


def test_reference_standards_work_before_any_edit(store: Store, household_id: str) -> None:
    service = StandardService(store, ADVISOR_LOGIN)
    table = service.table("dibao")
    assert table and all(v.id is None for v in table)  # reference values, not stored
    set_income(store, household_id, 1000)  # 500 yuan per person for two
    hint = service.hint(household_id)
    assert hint.kind == "below" and "低于低保标准" in hint.zh


def test_admin_enters_a_new_standard_and_the_hint_follows_it(
    store: Store, household_id: str, advisor_id: str
) -> None:
    set_income(store, household_id, 3000)  # 1500 yuan per person
    admin = StandardService(store, ADMIN_LOGIN)
    admin.add("dibao", dt.date(2030, 1, 1), 160_000, "假设的新标准")
    admin.add("dibao", dt.date(2020, 1, 1), 120_000)
    assert [v.amount_fen for v in admin.table("dibao")] == [160_000, 120_000]
    assert admin.in_force("dibao", dt.date(2029, 12, 31)).fen_per_person_month == 120_000  # type: ignore[union-attr]
    assert admin.hint(household_id, dt.date(2029, 12, 31)).kind == "marginal"  # under 2×
    assert admin.hint(household_id, dt.date(2030, 1, 1)).kind == "below"

    with pytest.raises(ValidationError, match="already starts"):
        admin.add("dibao", dt.date(2030, 1, 1), 170_000)
    with pytest.raises(ValidationError) as caught:
        StandardService(store, ADVISOR_LOGIN).add("dibao", dt.date(2031, 1, 1), 1)
    assert "管理员" in caught.value.problems[0].zh
    first = admin.table("dibao")[0]
    assert first.id is not None
    admin.remove(first.id)
    assert [v.amount_fen for v in admin.table("dibao")] == [120_000]
