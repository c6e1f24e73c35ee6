"""Stories of the demo data: a deterministic, valid, clearly marked register to try Nuanxin on."""

from __future__ import annotations

import secrets
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.id_numbers import parse_id
from app.domain.names import clean_name
from app.domain.phones import normalize_phone
from app.models import AuditEvent, Household, Jurisdiction, Member, OutboxEntry, User
from app.services import search
from app.services.demo_data import DemoData, generate
from app.services.demo_profile import DEMO_PASSPHRASE, load_demo, open_or_create_demo
from app.store.engine import open_engine
from app.store.migrations import upgrade_to_head


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate(400, seed=11)


def test_same_seed_gives_the_same_data_and_another_seed_does_not(demo: DemoData) -> None:
    assert generate(400, seed=11) == demo
    assert generate(400, seed=12).members != demo.members


def test_every_id_number_is_valid_unique_and_agrees_with_sex_and_birth(demo: DemoData) -> None:
    numbers = [m["id_number"] for m in demo.members]
    assert len(set(numbers)) == len(numbers)
    for member in demo.members:
        info = parse_id(member["id_type"], member["id_number"])
        assert info.normalized == member["id_number"]
        assert info.sex is not None and info.sex.value == member["sex"]
        assert info.birth_date == member["birth_date"]


def test_names_and_phones_pass_the_domain_validators(demo: DemoData) -> None:
    for member in demo.members:
        assert clean_name(member["name"]) == member["name"]
        if member["phone"]:
            assert normalize_phone(member["phone"]) == member["phone"]
    for household in demo.households:
        if household["phone"]:
            assert normalize_phone(household["phone"]) == household["phone"]


def test_rare_characters_and_dotted_names_are_present(demo: DemoData) -> None:
    names = "".join(m["name"] for m in demo.members)
    for char in ("𠮷", "䶮", "𡌶", "·"):
        assert char in names, char
    assert any(m["name"].startswith(("尉迟", "万俟")) for m in demo.members)


def test_jurisdictions_are_a_marked_demo_tree(demo: DemoData) -> None:
    codes = {j["code"]: j for j in demo.jurisdictions}
    for row in demo.jurisdictions:
        assert row["name"].startswith("示例·")
        assert len(row["code"]) == 12 and row["code"].startswith("3109")
        if row["level"] != "district":
            parent = codes[row["parent_code"]]
            assert row["code"].startswith(parent["code"].rstrip("0")[:6])
    levels = Counter(j["level"] for j in demo.jurisdictions)
    assert levels["district"] >= 1 and levels["street"] >= 1 and levels["committee"] >= 4
    committees = {c for c, j in codes.items() if j["level"] == "committee"}
    assert {h["committee_code"] for h in demo.households} <= committees


def test_families_are_consistent(demo: DemoData) -> None:
    by_household: dict[str, list[dict[str, Any]]] = {}
    for member in demo.members:
        by_household.setdefault(str(member["household_id"]), []).append(member)
    for household in demo.households:
        members = by_household[household["id"]]
        head = members[0]
        assert head["relation_to_head"] == "self" and household["head_name"] == head["name"]
        assert household["member_count"] == len(members)
        assert household["categories"] and household["address"]
        for member in members[1:]:
            relation, born = member["relation_to_head"], member["birth_date"]
            if relation == "spouse":
                assert member["sex"] != head["sex"]
            if relation in ("son", "daughter"):
                assert (born - head["birth_date"]).days > 15 * 365
            if relation in ("father", "mother"):
                assert born < head["birth_date"]
        for member in members:
            income = member["monthly_income"]
            assert all(isinstance(v, int) and v >= 0 for v in income.values())


def test_demo_users_include_the_demo_advisor(demo: DemoData) -> None:
    logins = [u["login"] for u in demo.users]
    assert "demo" in logins and len(set(logins)) == len(logins)
    advisors = {u["id"] for u in demo.users if u["role"] == "advisor"}
    assert {h["advisor_id"] for h in demo.households} <= advisors


def test_loaded_demo_is_searchable_and_writes_no_outbox(tmp_path: Path) -> None:
    store = open_engine(tmp_path / "nuanxin.db", secrets.token_bytes(32))
    try:
        upgrade_to_head(store.engine)
        assert load_demo(store, 300, seed=3) == 300
        with store.sessions() as session:
            count = session.execute(select(func.count()).select_from(Household)).scalar_one()
            assert count == 300
            assert session.execute(select(func.count()).select_from(User)).scalar_one() > 0
            assert session.execute(select(OutboxEntry)).first() is None
            assert session.execute(select(AuditEvent)).first() is None
            member = session.execute(select(Member).limit(1)).scalar_one()
            hits = search.search_households(session, member.name)
            assert member.household_id in [h.household_id for h in hits]
            committees = session.execute(
                select(func.count())
                .select_from(Jurisdiction)
                .where(Jurisdiction.level == "committee")
            ).scalar_one()
            assert committees >= 3
    finally:
        store.close()


def test_demo_profile_is_created_once_and_reopened_with_the_demo_passphrase(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo"
    profile, store = open_or_create_demo(folder, households=50)
    store.close()
    assert not profile.uses_keyring and profile.verify_passphrase(DEMO_PASSPHRASE)
    again, store = open_or_create_demo(folder, households=999)
    try:
        with store.sessions() as session:
            count = session.execute(select(func.count()).select_from(Household)).scalar_one()
        assert count == 50  # reopened, not reloaded
        assert again.store_id == profile.store_id
    finally:
        store.close()
