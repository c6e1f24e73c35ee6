"""Duplicate people and households: same ID number; same name + birth date; same pinyin and a close
address. Addresses are compared after normalisation (full-width, prefixes, 弄/号/室 numbers)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.addresses import address_similarity, normalize_address, same_address
from app.domain.duplicates import (
    HouseholdKey,
    PersonKey,
    household_match,
    match_keys,
    name_pinyin,
    person_match,
)
from app.domain.enums import MatchReason
from tests.domain.strategies import build_id, han_names, resident_ids

BORN = date(1956, 3, 8)
ID = build_id("310106", BORN, 123)
OLD_ID = f"310106{BORN:%y%m%d}123"  # the 15-digit first-generation form of the same number
HOME = "上海市静安区共和新路1234弄5号601室"


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (PersonKey("张伟", ID), PersonKey("张 伟", ID.lower()), MatchReason.SAME_ID),
        (
            PersonKey("张伟", ID),
            PersonKey("王芳", f"{ID[:6]} {ID[6:14]} {ID[14:]}"),
            MatchReason.SAME_ID,
        ),
        (PersonKey("张伟", ID), PersonKey("张伟", OLD_ID), MatchReason.SAME_ID),
        (PersonKey("张伟", ID), PersonKey("张伟", "３１０１０６" + ID[6:]), MatchReason.SAME_ID),
        (PersonKey("张伟", "", BORN), PersonKey("张伟", ID, BORN), MatchReason.SAME_NAME_BIRTH),
        (
            PersonKey("阿依古丽•买买提", "", BORN),
            PersonKey("阿依古丽·买买提", "", BORN),
            MatchReason.SAME_NAME_BIRTH,
        ),
        (
            PersonKey("张伟", address=HOME),
            PersonKey("章炜", address="共和新路１２３４弄5号601"),
            MatchReason.SAME_PINYIN_ADDRESS,
        ),
        (
            PersonKey("张伟", address=HOME, birth_date=BORN),
            PersonKey("张玮", address="静安区共和新路1234弄5号"),
            MatchReason.SAME_PINYIN_ADDRESS,
        ),
        # not matches
        (PersonKey("张伟", "", BORN), PersonKey("张伟", "", date(1957, 3, 8)), None),
        (
            PersonKey("张伟", address=HOME),
            PersonKey("张伟", address="共和新路1234弄5号602室"),
            None,
        ),
        (
            PersonKey("张伟", address=HOME),
            PersonKey("张伟", address="共和新路1234弄6号601室"),
            None,
        ),
        (PersonKey("张伟", address=HOME), PersonKey("张伟", address="共和新路5号601室"), None),
        (
            PersonKey("张伟", address=HOME),
            PersonKey("张伟", address="延长中路1234弄5号601室"),
            None,
        ),
        (
            PersonKey("张伟", address=HOME, birth_date=BORN),
            PersonKey("章炜", address=HOME, birth_date=date(1985, 1, 1)),
            None,
        ),  # father and son
        (
            PersonKey("张伟", ID, address=HOME),
            PersonKey("章炜", build_id("310106", BORN, 124), address=HOME),
            None,
        ),
        (PersonKey("张伟"), PersonKey("张伟"), None),  # a name alone proves nothing
        (PersonKey(""), PersonKey(""), None),
    ],
)
def test_person_match(a: PersonKey, b: PersonKey, reason: MatchReason | None) -> None:
    assert person_match(a, b) is reason
    assert person_match(b, a) is reason
    if reason is not None:
        assert match_keys(a) & match_keys(b)


@pytest.mark.parametrize(
    ("text", "rest", "numbers"),
    [
        (
            "上海市静安区共和新路１２３４弄５号６０１室",
            "共和新路",
            {"弄": "1234", "号": "5", "室": "601"},
        ),
        (
            "静安区彭浦新村街道共和新路1234弄五号 601",
            "共和新路",
            {"弄": "1234", "号": "5", "室": "601"},
        ),
        ("共和新路1234弄5-601", "共和新路", {"弄": "1234", "号": "5", "室": "601"}),
        ("临汾路三十二弄12号", "临汾路", {"弄": "32", "号": "12"}),
        (
            "浦东新区张杨路1000弄3号楼2单元502室",
            "张杨路",
            {"弄": "1000", "栋": "3", "单元": "2", "室": "502"},
        ),
        ("凉城新村 12号 0301室", "凉城新村", {"号": "12", "室": "301"}),
        ("曲阳路（近玉田路）88号", "曲阳路近玉田路", {"号": "88"}),
    ],
)
def test_addresses_normalise(text: str, rest: str, numbers: dict[str, str]) -> None:
    normalized = normalize_address(text)
    assert (normalized.text, normalized.numbers) == (rest, numbers)


def test_address_similarity_and_same_dwelling() -> None:
    assert address_similarity(HOME, "共和新路1234弄5号") == 1.0
    assert address_similarity(HOME, "共和新路1234弄5号602室") == 0.0
    assert address_similarity(HOME, "") == 0.0
    assert 0.8 <= address_similarity("彭浦新村共和新路1234弄5号", "共和新路1234弄5号") < 1.0
    assert same_address(HOME, "共和新路1234弄5-601")
    assert not same_address(HOME, "共和新路1234弄5号")


def test_households_match_on_any_member_or_on_the_dwelling() -> None:
    head = PersonKey("李秀英", ID, BORN)
    household = HouseholdKey(HOME, (head, PersonKey("李强", "", date(1980, 1, 2))))
    same_person = HouseholdKey("宝山区友谊路1号", (PersonKey("李秀英", OLD_ID),))
    homophone = HouseholdKey("共和新路1234弄5号601", (PersonKey("李秀瑛"),))
    same_flat = HouseholdKey("共和新路1234弄5号601室", (PersonKey("王芳"),))
    elsewhere = HouseholdKey("共和新路1234弄5号602室", (PersonKey("王芳"),))
    assert household_match(household, same_person) is MatchReason.SAME_ID
    assert household_match(household, homophone) is MatchReason.SAME_PINYIN_ADDRESS
    assert household_match(household, same_flat) is MatchReason.SAME_ADDRESS
    assert household_match(household, elsewhere) is None


def test_pinyin_ignores_tones_and_dots() -> None:
    assert name_pinyin("张伟") == name_pinyin("章炜") == "zhangwei"
    assert name_pinyin("阿依古丽·买买提") == name_pinyin("阿依古丽 买买提")


@given(resident_ids, han_names, han_names)
def test_same_id_always_matches_whatever_the_names(number: str, a: str, b: str) -> None:
    assert person_match(PersonKey(a, number), PersonKey(b, f" {number.lower()} ")) is (
        MatchReason.SAME_ID
    )


@given(han_names, st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 1, 1)))
def test_match_keys_find_every_name_and_birth_match(name: str, born: date) -> None:
    a, b = PersonKey(name, "", born), PersonKey(f" {name} ", "", born)
    assert person_match(a, b) is MatchReason.SAME_NAME_BIRTH
    assert f"nb:{name.casefold()}|{born.isoformat()}" in match_keys(a) & match_keys(b)


@given(st.integers(1, 9999), st.integers(1, 999), st.integers(1, 2999))
def test_full_width_digits_do_not_hide_a_dwelling(lane: int, number: int, room: int) -> None:
    half = f"共和新路{lane}弄{number}号{room}室"
    full = half.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert same_address(half, f"上海市静安区{full}")
