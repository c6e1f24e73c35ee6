"""The small region table behind ID numbers."""

from __future__ import annotations

from app.domain.regions import PROVINCES, SHANGHAI_COUNTIES, county_known, region_name


def test_province_table_is_exactly_the_mainland_province_codes() -> None:
    ranges = [(11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65)]
    expected = {f"{n}" for low, high in ranges for n in range(low, high + 1)}
    assert set(PROVINCES) == expected
    assert not {"71", "81", "82"} & set(PROVINCES)


def test_shanghai_keeps_current_and_abolished_districts() -> None:
    assert region_name("310115") == "上海市浦东新区"
    assert region_name("310108") == "上海市闸北区（2015年撤销）"
    assert SHANGHAI_COUNTIES["310151"] == ("崇明区", None)
    assert region_name("340524") == "安徽省"


def test_county_knowledge_is_only_claimed_for_shanghai() -> None:
    assert county_known("310115") is True
    assert county_known("310199") is False
    assert county_known("340524") is None
