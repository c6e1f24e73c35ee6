"""Deterministic demo data: a marked Shanghai jurisdiction tree, households, members, advisors.

Pure Python with no store imports, so the server's ``seed-demo`` and the client's demo profile use
the same code. Demo jurisdictions are unmistakable: every name starts with 示例· and every code
sits under the district prefix 3109xx, which no real Shanghai code uses (real ones are 3101xx):
示例·普陀区 310907000000 → 示例·曹杨新村街道 310907001000 → its committees 310907001001…
People are invented; their ID numbers are valid (GB 11643 check digit, real birth date, sex digit)
and unique but random. Rows are plain dicts keyed by the models' column names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.enums import JurisdictionLevel, Role
from app.services import demo_vocabulary as vocab
from app.services.demo_people import PeopleMaker

DEMO_MARK = "示例·"
DEMO_DISTRICT_PREFIX = "3109"
DEMO_LOGIN = "demo"  # the advisor the demo profile works as
HOUSEHOLDS_PER_COMMITTEE = 120
VALID_FROM = date(2024, 1, 1)
_BASE_MS = 1_767_225_600_000  # 2026-01-01T00:00Z, the time part of the demo's UUIDv7 ids


@dataclass
class DemoData:
    """Rows to insert, parents before children: jurisdictions, users, households, members."""

    jurisdictions: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    households: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Committee:
    code: str
    district: str  # the real 6-digit district code, for natives' ID numbers
    village: str  # the village word for 村委会, '' for a 居委会
    lanes: list[tuple[str, int]]  # (road, lane number) of its estates
    advisors: list[str]


class IdMaker:
    """Deterministic UUIDv7-shaped ids: a fixed time base plus a counter, random bits from rng."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        rand = self.rng.getrandbits(74)
        value = (_BASE_MS + self.count) << 80 | 0x7 << 76 | (rand >> 62) << 64
        value |= 0b10 << 62 | rand & ((1 << 62) - 1)
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def generate(households: int, *, seed: int = 2026, today: date | None = None) -> DemoData:
    """``households`` households with members, in a tree just large enough for them.

    Dates (ages, next visits) are relative to ``today`` so a demo made any day looks current;
    the same seed and day give the same data."""
    rng = random.Random(seed)
    new_id = IdMaker(rng)
    data = DemoData()
    wanted = max(4, -(-households // HOUSEHOLDS_PER_COMMITTEE))
    committees = _tree(rng, new_id, data, wanted)
    people = PeopleMaker(rng, new_id, today or date.today())
    for index in range(households):
        committee = committees[rng.randrange(len(committees))]
        household, members = people.household(index, committee.district)
        household.update(_household_place(rng, committee))
        household["id"] = new_id()
        household["advisor_id"] = rng.choice(committee.advisors)
        for member in members:
            member["household_id"] = household["id"]
        data.households.append(household)
        data.members.extend(members)
    return data


def _tree(rng: random.Random, new_id: IdMaker, data: DemoData, wanted: int) -> list[Committee]:
    committees: list[Committee] = []
    for real, name, streets, roads in vocab.DISTRICTS:
        if len(committees) >= wanted:
            break
        district = f"{DEMO_DISTRICT_PREFIX}{real[4:]}000000"
        data.jurisdictions.append(
            _jurisdiction(new_id, district, name, JurisdictionLevel.DISTRICT, None)
        )
        _add_user(data, new_id, Role.SUPERVISOR, [district])
        for number, street_name in enumerate(streets, start=1):
            if len(committees) >= wanted:
                break
            street = f"{district[:6]}{number:03d}000"
            data.jurisdictions.append(
                _jurisdiction(new_id, street, street_name, JurisdictionLevel.STREET, district)
            )
            advisors = [_add_user(data, new_id, Role.ADVISOR, [street]) for _ in range(2)]
            count = min(rng.randint(6, 14), wanted - len(committees))
            for committee, name in _committees(rng, street, street_name, real, roads, count):
                committee.advisors = advisors
                data.jurisdictions.append(
                    _jurisdiction(new_id, committee.code, name, JurisdictionLevel.COMMITTEE, street)
                )
                committees.append(committee)
    return committees


def _committees(
    rng: random.Random,
    street: str,
    street_name: str,
    real: str,
    roads: tuple[str, ...],
    count: int,
) -> list[tuple[Committee, str]]:
    """``count`` committees of a street with names unique in it: 居委会 named after an estate
    or a road (曹杨一村), and in towns some 村委会."""
    town = street_name.endswith(("镇", "乡"))
    made: list[tuple[Committee, str]] = []
    taken: set[str] = set()
    for number, word in enumerate(rng.sample(vocab.PLACE_WORDS, count), start=1):
        village = word if town and rng.random() < 0.4 else ""
        lanes = [(road, rng.randint(10, 1500)) for road in rng.sample(roads, 2)]
        suffix = rng.choice(vocab.COMMITTEE_SUFFIXES)
        name = f"{word}{suffix}居委会"
        numbered = f"{lanes[0][0].removesuffix('路')}{suffix}居委会"
        if suffix.endswith("村") and suffix[0] in "一二三四" and numbered not in taken:
            name = numbered
        if village:
            name = f"{village}村村委会"
        taken.add(name)
        committee = Committee(f"{street[:9]}{number:03d}", real, village, lanes, [])
        made.append((committee, name))
    return made


def _jurisdiction(
    new_id: IdMaker, code: str, name: str, level: JurisdictionLevel, parent: str | None
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "code": code,
        "name": name if name.startswith(DEMO_MARK) else DEMO_MARK + name,
        "level": level.value,
        "parent_code": parent,
        "valid_from": VALID_FROM,
        "valid_to": None,
    }


def _add_user(data: DemoData, new_id: IdMaker, role: Role, scope: list[str]) -> str:
    """A demo user; the first advisor logs in as ``demo``."""
    number = len(data.users)
    names = vocab.ADVISOR_NAMES
    display = names[number % len(names)] + ("" if number < len(names) else str(number))
    first_advisor = role is Role.ADVISOR and all(u["login"] != DEMO_LOGIN for u in data.users)
    login = DEMO_LOGIN if first_advisor else f"demo.{role.value}{number:03d}"
    user_id = new_id()
    data.users.append(
        {"id": user_id, "login": login, "display_name": display, "role": role.value, "scope": scope}
    )
    return user_id


def _household_place(rng: random.Random, committee: Committee) -> dict[str, Any]:
    if committee.village:
        group, number = rng.randint(1, 12), rng.randint(1, 120)
        return {
            "committee_code": committee.code,
            "address": f"{committee.village}村{group}组{number}号",
        }
    road, lane = rng.choice(committee.lanes)
    if rng.random() < 0.2:  # a high-rise on the road itself
        floor = rng.randint(2, 24)
        address = f"{road}{lane // 2 * 2 + 1}号{floor}{rng.randint(1, 8):02d}室"
    else:
        floor = rng.randint(1, 6)
        address = f"{road}{lane}弄{rng.randint(1, 60)}号{floor}0{rng.randint(1, 4)}室"
    return {"committee_code": committee.code, "address": address}
