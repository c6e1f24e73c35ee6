"""Stories of the household register service on a real encrypted store."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import ValidationError
from app.models import AuditEvent, Household, Member, OutboxEntry
from app.services.household_filters import HouseholdFilters
from app.services.households import HouseholdInput, HouseholdService, MemberInput
from app.store.engine import Store

COMMITTEE = "310105002001"


def with_check_digit(first17: str) -> str:
    """An independent GB 11643 check digit, so the tests do not trust the code they test."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


HEAD_ID = with_check_digit("31011519560312003")  # Pudong, male, 1956-03-12
WIFE_ID = with_check_digit("31010519580704002")  # female


def household(**changes: object) -> HouseholdInput:
    values: dict[str, object] = {
        "committee_code": COMMITTEE,
        "address": "华阳路 112 弄 3 号 502 室",
        "phone": "021-62345678",
        "categories": ["dibao"],
    }
    values.update(changes)
    return HouseholdInput(**values)  # type: ignore[arg-type]


def head(**changes: object) -> MemberInput:
    values: dict[str, object] = {"name": "张伟", "id_number": HEAD_ID, "phone": "13812345678"}
    values.update(changes)
    return MemberInput(**values)  # type: ignore[arg-type]


def test_advisor_registers_household_with_rare_character_member(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    wife = MemberInput(name="𠮷·䶮𡌶", id_number=WIFE_ID, relation_to_head="spouse")
    household_id = service.create_household(household(), [head(), wife])

    detail = service.get_household(household_id)
    assert detail.head_name == "张伟"
    assert [m.name for m in detail.members] == ["张伟", "𠮷·䶮𡌶"]
    assert detail.members[0].sex == "male" and detail.members[1].sex == "female"
    assert str(detail.members[0].birth_date) == "1956-03-12"
    assert detail.members[0].id_number_masked == HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    with store.sessions() as session:
        entities = [e.entity for e in session.execute(select(OutboxEntry)).scalars()]
        assert entities == ["household", "member", "member"]
        assert session.get(Household, household_id).member_count == 2  # type: ignore[union-attr]


def test_bad_check_digit_is_refused_and_nothing_is_stored(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    wrong = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        service.create_household(household(), [head(id_number=wrong)])
    assert caught.value.for_field("members[0].id_number")
    assert "校验" in caught.value.problems[0].zh
    with store.sessions() as session:
        assert session.execute(select(Household)).first() is None
        assert session.execute(select(OutboxEntry)).first() is None


def test_duplicate_id_number_is_refused_with_where_it_is(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    service.create_household(household(), [head()])
    with pytest.raises(ValidationError) as caught:
        service.create_household(household(address="另一个地址 1 号"), [head(name="张伟伟")])
    assert "已登记" in caught.value.problems[0].zh


def test_a_household_needs_exactly_one_head(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    with pytest.raises(ValidationError, match="exactly one head"):
        service.create_household(household(), [head(relation_to_head="spouse")])
    household_id = service.create_household(household(), [head()])
    with pytest.raises(ValidationError) as caught:
        service.add_member(household_id, MemberInput(name="李娜", relation_to_head="self"))
    assert caught.value.for_field("relation_to_head")


def test_reveal_id_is_audited(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    household_id = service.create_household(household(), [head()])
    member_id = service.get_household(household_id).members[0].id
    assert service.reveal_id(member_id) == HEAD_ID
    with store.sessions() as session:
        reveals = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "reveal_id"))
            .scalars()
            .all()
        )
    assert [(r.actor, r.entity_id) for r in reveals] == [("advisor1", member_id)]


def test_edit_writes_only_changed_fields_to_outbox(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    household_id = service.create_household(household(), [head()])
    service.update_household(household_id, household(phone="13900001111"))
    with store.sessions() as session:
        last = session.execute(select(OutboxEntry).order_by(OutboxEntry.mid.desc())).scalar()
    assert last is not None and last.fields == {"phone": "13900001111"}


def test_member_edit_with_blank_id_keeps_stored_number(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    household_id = service.create_household(household(), [head()])
    member_id = service.get_household(household_id).members[0].id
    edit = service.get_member(member_id)
    assert edit.id_number == ""  # the editor never receives the full number
    edit.phone = "13900002222"
    service.update_member(member_id, edit)
    with store.sessions() as session:
        member = session.get(Member, member_id)
        assert member is not None and member.id_number == HEAD_ID and member.phone == "13900002222"


def test_list_pages_sort_by_pinyin_and_filter(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    names = ["赵六", "安琪", "曾强", "白云"]
    for index, name in enumerate(names):
        service.create_household(
            household(
                address=f"华阳路 {index} 号", categories=["low_income" if index else "dibao"]
            ),
            [head(name=name, id_number="")],
        )
    rows = service.page(sort="head_name")
    assert [r.head_name for r in rows] == ["安琪", "白云", "曾强", "赵六"]
    assert service.count(HouseholdFilters(category="dibao")) == 1
    assert service.count(HouseholdFilters(committee_code="310105002002")) == 0
    assert [r.head_name for r in service.page(offset=1, limit=2)] == ["白云", "曾强"]


def test_unknown_committee_is_refused(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    with pytest.raises(ValidationError) as caught:
        service.create_household(household(committee_code="999999999999"), [head()])
    assert caught.value.for_field("committee_code")
