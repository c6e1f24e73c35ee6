"""Search results: what each hit matched, which member it was, and the final order.

Within a tier, households whose head matched come before those where another member did, so
searching 张伟 lists the households headed by 张伟 first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.domain.enums import LabelledEnum
from app.services.search_keys import name_pinyin_keys, phone_key, query_pinyin, word_tokens


class MatchKind(LabelledEnum):
    """What a hit matched, best first; the tier is the integer part of ``SearchHit.rank``."""

    ID_NUMBER = "id_number", "证件号"
    NAME = "name", "姓名"
    NAME_PREFIX = "name_prefix", "姓名开头"
    NAME_PART = "name_part", "姓名包含"
    PINYIN = "pinyin", "拼音"
    PINYIN_PREFIX = "pinyin_prefix", "拼音开头"
    PHONE = "phone", "电话尾号"
    ADDRESS = "address", "地址"


TIERS = list(MatchKind)
NAME_KINDS = {MatchKind.NAME, MatchKind.NAME_PREFIX, MatchKind.NAME_PART}
PINYIN_KINDS = {MatchKind.PINYIN, MatchKind.PINYIN_PREFIX}


@dataclass(frozen=True)
class SearchHit:
    household_id: str
    head_name: str
    address: str
    committee_code: str
    matched: str  # MatchKind value
    rank: float  # lower is better; the integer part is the tier (0 = exact ID number)
    member_name: str = ""  # the member whose name, phone or ID matched; '' for the household's


@dataclass(frozen=True)
class Found:
    """A household found by one tier: its result row and, when known, the member who matched."""

    kind: MatchKind
    position: int
    row: Any  # household_id, head_name, address, committee_code, members (JSON)
    member: str | None = None


def ranked_hits(query: str, found: dict[str, Found]) -> list[SearchHit]:
    """SearchHits for ``found``, best first: by tier, head before other members, index order."""
    sizes: dict[MatchKind, int] = {}
    for entry in found.values():
        sizes[entry.kind] = sizes.get(entry.kind, 0) + 1
    hits = []
    for entry in found.values():
        member, is_head = _matched_member(entry, query)
        fraction = (0.0 if is_head else 0.5) + entry.position / (sizes[entry.kind] + 1) / 2
        row = entry.row
        hits.append(
            SearchHit(
                row.household_id,
                row.head_name,
                row.address,
                row.committee_code,
                entry.kind.value,
                TIERS.index(entry.kind) + fraction,
                member,
            )
        )
    return sorted(hits, key=lambda hit: hit.rank)


def _matched_member(entry: Found, query: str) -> tuple[str, bool]:
    """(name of the member who matched, whether it is the head); ('', True) when the household's
    own address or phone matched."""
    if entry.member is not None:
        return entry.member, entry.member == entry.row.head_name
    matches = _matcher(entry.kind, query)
    for name, phone, is_head in json.loads(entry.row.members):  # head first
        if matches(name, phone):
            return name, bool(is_head)
    return "", True


@lru_cache(maxsize=64)
def _matcher(kind: MatchKind, query: str) -> Callable[[str, str], bool]:
    """A test of one member (name, phone) against ``query`` for ``kind``, built once per search."""
    if kind in NAME_KINDS:
        wanted = "".join(word_tokens(query))
        return lambda name, phone: wanted in "".join(word_tokens(name))
    if kind in PINYIN_KINDS:
        key = query_pinyin(query)
        return lambda name, phone: any(k.startswith(key) for k in name_pinyin_keys(name))
    if kind is MatchKind.PHONE:
        tail = phone_key(query)
        return lambda name, phone: bool(phone) and phone_key(phone).startswith(tail)
    return lambda name, phone: False
