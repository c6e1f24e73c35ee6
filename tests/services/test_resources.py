"""Stories of the resource directory: keep it, search it, suggest resources for a household."""

from __future__ import annotations

import pytest
from workflow_data import ADVISOR_LOGIN, COMMITTEE, OTHER_COMMITTEE

from app.domain.errors import ValidationError
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.store.engine import Store

STREET = "310105002000"


def add_directory(service: ResourceService) -> dict[str, str]:
    return {
        "meals": service.create(
            ResourceInput(
                name="长者助餐点",
                category="elderly_care",
                provider_kind="social_org",
                provider_name="华阳路街道综合为老服务中心",
                phone="021-62345678",
                area_codes=[STREET],
                eligibility="60岁以上独居、纯老家庭",
            )
        ),
        "clinic": service.create(
            ResourceInput(
                name="家庭医生签约",
                category="medical",
                provider_kind="department",
                area_codes=[],  # everywhere
            )
        ),
        "elsewhere": service.create(
            ResourceInput(
                name="第二居委助浴",
                category="elderly_care",
                provider_kind="volunteers",
                area_codes=[OTHER_COMMITTEE],
            )
        ),
    }


def test_search_filters_by_text_category_and_area(store: Store) -> None:
    service = ResourceService(store, ADVISOR_LOGIN)
    ids = add_directory(service)
    assert [r.id for r in service.search("助餐")] == [ids["meals"]]
    assert {r.id for r in service.search(category="elderly_care")} == {
        ids["meals"],
        ids["elsewhere"],
    }
    in_area = {r.id for r in service.search(area_code=COMMITTEE)}
    assert in_area == {ids["meals"], ids["clinic"]}  # street-wide and city-wide, not the other
    service.set_active(ids["clinic"], False)
    assert ids["clinic"] not in {r.id for r in service.search()}
    assert ids["clinic"] in {r.id for r in service.search(active_only=False)}


def test_suggestions_follow_needs_and_area(store: Store, household_id: str) -> None:
    service = ResourceService(store, ADVISOR_LOGIN)
    ids = add_directory(service)
    suggested = service.suggest(household_id, ["elderly_care", "medical", "legal_aid"])
    assert [r.id for r in suggested["elderly_care"]] == [ids["meals"]]
    assert [r.id for r in suggested["medical"]] == [ids["clinic"]]
    assert suggested["legal_aid"] == []


def test_a_resource_needs_a_name_and_a_known_category(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        ResourceService(store, ADVISOR_LOGIN).create(
            ResourceInput(name=" ", category="snacks", capacity=-1)
        )
    assert {p.field for p in caught.value.problems} == {"name", "category", "capacity"}
