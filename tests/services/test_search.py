"""Stories of an advisor searching the household register on a real encrypted store."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.models import Jurisdiction
from app.services import search
from app.services.household_filters import HouseholdFilters
from app.services.households import HouseholdInput, HouseholdService, MemberInput
from app.store.engine import Store, open_engine
from app.store.migrations import upgrade_to_head

COMMITTEE, OTHER_COMMITTEE = "310105002001", "310105002002"


def with_check_digit(first17: str) -> str:
    """An independent GB 11643 check digit, so the tests do not trust the code they test."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def id_ending_in_x() -> str:
    for sequence in range(1, 999, 2):
        number = with_check_digit(f"31010719620415{sequence:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no sequence gives X")


def register(
    store: Store,
    *names: str,
    address: str = "华阳路 112 弄 3 号 502 室",
    phone: str = "021-62345678",
    committee: str = COMMITTEE,
    categories: tuple[str, ...] = ("dibao",),
    head_phone: str = "",
    head_id: str = "",
) -> str:
    """A household whose first name is the head and the others are spouse/children."""
    members = [MemberInput(name=names[0], phone=head_phone, id_number=head_id)]
    members += [MemberInput(name=n, relation_to_head="spouse") for n in names[1:2]]
    members += [MemberInput(name=n, relation_to_head="son") for n in names[2:]]
    data = HouseholdInput(
        committee_code=committee, address=address, phone=phone, categories=list(categories)
    )
    return HouseholdService(store, "advisor1").create_household(data, members)


def found(store: Store, query: str, **filters: str) -> list[str]:
    with store.sessions() as session:
        hits = search.search_households(
            session, query, filters=HouseholdFilters(**filters) if filters else None
        )
    return [hit.household_id for hit in hits]


def test_advisor_finds_household_by_initials(store: Store) -> None:
    zhang = register(store, "张伟")
    assert zhang in found(store, "zw")
    assert zhang in found(store, "zhw")  # 张 keeps its zh
    assert zhang in found(store, "ZW")


def test_advisor_finds_household_by_full_pinyin(store: Store) -> None:
    zhang = register(store, "张伟")
    for query in ("zhangwei", "ZhangWei", "zhang wei", "zhang'wei", "zhangw", "zhan"):
        assert found(store, query) == [zhang], query


def test_advisor_finds_household_by_chinese_name_and_part_of_it(store: Store) -> None:
    zhang = register(store, "张伟明")
    other = register(store, "李娜")
    assert found(store, "张伟明") == [zhang]
    assert found(store, "张伟") == [zhang]
    assert found(store, "伟明") == [zhang]
    assert found(store, "李娜") == [other]


def test_advisor_finds_household_by_a_members_name(store: Store) -> None:
    household = register(store, "王建国", "陈秀英", "王浩")
    assert found(store, "陈秀英") == [household]
    with store.sessions() as session:
        [hit] = search.search_households(session, "wh")
    assert (hit.household_id, hit.head_name, hit.member_name) == (household, "王建国", "王浩")
    assert hit.matched == "pinyin"


def test_advisor_finds_household_by_phone_tail(store: Store) -> None:
    household = register(store, "张伟", head_phone="13812345678", phone="021-62345679")
    assert found(store, "5678") == [household]
    assert found(store, "138 1234 5678") == [household]
    assert found(store, "45679") == [household]  # the household's landline
    assert found(store, "021-62345679") == [household]
    assert found(store, "0000") == []


def test_advisor_finds_household_by_exact_id_in_either_case(store: Store) -> None:
    number = id_ending_in_x()
    household = register(store, "张伟", head_id=number)
    register(store, "张伟伟")
    for query in (number, number.lower(), f" {number[:6]} {number[6:14]} {number[14:]} "):
        with store.sessions() as session:
            hits = search.search_households(session, query)
        assert [h.household_id for h in hits] == [household], query
        assert hits[0].matched == "id_number" and hits[0].member_name == "张伟"
    assert found(store, number[:-1]) == []  # an ID is matched exactly, not by its start


def test_polyphonic_surname_is_found_by_its_surname_reading(store: Store) -> None:
    zeng = register(store, "曾小明")
    shan = register(store, "单雄")
    assert found(store, "zeng") == [zeng]
    assert found(store, "zengxiaoming") == [zeng]
    assert found(store, "zxm") == [zeng]
    assert found(store, "cengxiaoming") == [zeng]  # the default reading still works
    assert found(store, "shanxiong") == [shan]


def test_compound_and_rare_character_names_are_found(store: Store) -> None:
    yuchi = register(store, "尉迟恭")
    rare = register(store, "𠮷·䶮𡌶")
    uyghur = register(store, "阿卜杜·热合曼")
    assert found(store, "yuchigong") == [yuchi]
    assert found(store, "ycg") == [yuchi]
    assert found(store, "𠮷") == [rare]
    assert found(store, "䶮𡌶") == [rare]
    assert found(store, "热合曼") == [uyghur]
    assert found(store, "阿卜杜·热合曼") == [uyghur]
    assert found(store, "reheman") == [uyghur]


def test_results_are_ranked_name_before_prefix_before_pinyin_before_address(store: Store) -> None:
    by_address = register(store, "李四", address="张伟路 1 号")
    by_prefix = register(store, "张伟明")
    as_member = register(store, "王芳", "张伟")
    as_head = register(store, "张伟")
    with store.sessions() as session:
        hits = search.search_households(session, "张伟")
    assert [h.household_id for h in hits] == [as_head, as_member, by_prefix, by_address]
    assert [h.matched for h in hits] == ["name", "name", "name_prefix", "address"]
    assert hits[1].head_name == "王芳" and hits[1].member_name == "张伟"
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_filters_combine_with_search(store: Store) -> None:
    dibao = register(store, "张伟", categories=("dibao",))
    elsewhere = register(store, "张伟", committee=OTHER_COMMITTEE, categories=("low_income",))
    assert set(found(store, "zw")) == {dibao, elsewhere}
    assert found(store, "zw", committee_code=OTHER_COMMITTEE) == [elsewhere]
    assert found(store, "张伟", category="dibao") == [dibao]
    assert found(store, "zw", category="low_income", status="active") == [elsewhere]
    assert found(store, "zw", category="dibao", committee_code=OTHER_COMMITTEE) == []
    assert found(store, "zw", status="closed") == []


def test_index_follows_edits_in_the_same_transaction(store: Store) -> None:
    service = HouseholdService(store, "advisor1")
    household = register(store, "张伟", "李娜")
    detail = service.get_household(household)
    wife = detail.members[1].id
    service.remove_member(wife)
    assert found(store, "李娜") == []
    head = service.get_member(detail.members[0].id)
    head.name = "张卫国"
    service.update_member(detail.members[0].id, head)
    assert found(store, "张伟") == []
    assert found(store, "zwg") == [household]
    service.update_household(
        household, HouseholdInput(committee_code=COMMITTEE, address="天山路 8 号", status="closed")
    )
    assert found(store, "天山路") == [household]
    assert found(store, "zwg", status="active") == []


def test_rebuild_gives_the_same_answers_as_incremental_indexing(store: Store) -> None:
    households = [register(store, n) for n in ("张伟", "曾小明", "𠮷·䶮𡌶", "欧阳娜娜")]
    queries = ["zw", "zeng", "𠮷", "oyn", "华阳路", "5678"]
    before = {q: found(store, q) for q in queries}
    with store.transaction() as session:
        assert search.rebuild_index(session) == len(households)
    assert {q: found(store, q) for q in queries} == before


def test_ensure_index_rebuilds_a_store_migrated_with_data(store: Store) -> None:
    household = register(store, "张伟")
    with store.transaction() as session:
        session.execute(text("DELETE FROM household_search_doc"))
        session.execute(
            text("INSERT INTO household_search(household_search) VALUES ('delete-all')")
        )
    assert found(store, "zw") == []
    with store.transaction() as session:
        assert search.ensure_index(session) == 1
        assert search.ensure_index(session) == 0
    assert found(store, "zw") == [household]


WEIRD = [
    "", "   ", '"', '""', "'", "*", "-", "-张", "张*", "AND", "OR", "NOT 张", "NEAR(张 伟)",
    "names:张", "{names}:zw", "^zw", "zw*", "(", ")", "\\", "\x00", "张\u200b伟", "😀", "a" * 5000,
    "+86", "x", "12345678901234567890123456789012345", "%", "_",
]  # fmt: skip


def test_weird_input_does_not_raise(store: Store) -> None:
    register(store, "张伟")
    for query in WEIRD:
        found(store, query)
    assert found(store, '"张伟"') == found(store, "张伟")


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the property test (Hypothesis runs many examples on one fixture)."""
    opened = open_engine(tmp_path_factory.mktemp("search") / "nuanxin.db", secrets.token_bytes(32))
    upgrade_to_head(opened.engine)
    with opened.transaction() as session:
        session.add(Jurisdiction(code=COMMITTEE, name="示例·华阳路第一居委", level="committee"))
    register(opened, "张伟", "𠮷·䶮𡌶", head_phone="13812345678")
    yield opened
    opened.close()


@settings(max_examples=150)
@given(query=st.text(max_size=40))
def test_any_text_is_a_safe_query(shared_store: Store, query: str) -> None:
    found(shared_store, query)
