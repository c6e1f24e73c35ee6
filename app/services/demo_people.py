"""Invented households and members for the demo: family shapes, names, valid IDs, health, income.

Ages follow the relation to the head, sex follows the ID's sequence digit, employment and income
follow age and health; a few heads carry rare-character or minority-style names (𠮷, 䶮, 𡌶, ·).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from app.domain.enums import (
    DiscoverySource,
    EmploymentStatus,
    Health,
    HouseholdCategory,
    HouseholdStatus,
    IdType,
    IncomeType,
    MaritalStatus,
    RelationToHead,
    SelfCare,
)
from app.domain.id_numbers import compose_id
from app.services import demo_vocabulary as vocab

# Household shapes: weight, head's age range.
SHAPES: dict[str, tuple[int, int, int]] = {
    "single_elder": (22, 60, 92),
    "single_adult": (8, 30, 59),
    "couple_elder": (18, 60, 88),
    "couple_child": (22, 30, 55),
    "single_parent": (10, 28, 55),
    "with_parents": (8, 25, 50),
    "three_generations": (12, 55, 75),
}
CATEGORY_WEIGHTS = {
    HouseholdCategory.DIBAO: 38,
    HouseholdCategory.LOW_INCOME: 18,
    HouseholdCategory.EXPENDITURE_POVERTY: 8,
    HouseholdCategory.EXTREME_POVERTY: 6,
    HouseholdCategory.SEVERE_DISABILITY_UNEMPLOYED: 8,
    HouseholdCategory.ENTITLED_GROUPS: 3,
    HouseholdCategory.MARGINAL: 14,
    HouseholdCategory.OTHER: 5,
}
SOURCE_WEIGHTS = {
    DiscoverySource.VISIT: 30,
    DiscoverySource.COMMITTEE_REPORT: 30,
    DiscoverySource.ONLINE_REQUEST: 10,
    DiscoverySource.WALK_IN: 15,
    DiscoverySource.DEPARTMENT_PUSH: 8,
    DiscoverySource.DATA_MATCHING: 7,
}
STATUS_WEIGHTS = {
    HouseholdStatus.ACTIVE: 88,
    HouseholdStatus.SUSPENDED: 4,
    HouseholdStatus.CLOSED: 5,
    HouseholdStatus.MOVED_OUT: 3,
}
SPECIAL_EVERY = 397  # after the first few households, one in this many has a special name


class Picker:
    """Weighted choice with precomputed cumulative weights (fast for 100k draws)."""

    def __init__(self, rng: random.Random, weights: dict[Any, int]) -> None:
        self.rng = rng
        self.items = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def __call__(self) -> Any:
        return self.rng.choices(self.items, cum_weights=self.cumulative)[0]


class PeopleMaker:
    """Makes one household's fields (but its place) and its members."""

    def __init__(self, rng: random.Random, new_id: Callable[[], str], today: date) -> None:
        self.rng = rng
        self.new_id = new_id
        self.today = today
        self.used_ids: set[str] = set()
        self.shape = Picker(rng, {k: v[0] for k, v in SHAPES.items()})
        self.category = Picker(rng, CATEGORY_WEIGHTS)
        self.source = Picker(rng, SOURCE_WEIGHTS)
        self.status = Picker(rng, STATUS_WEIGHTS)
        self.surname = Picker(rng, _surname_weights())
        self.region = Picker(rng, {r: 1 for r in vocab.OTHER_REGIONS})

    # ---- household ------------------------------------------------------------------------

    def household(self, index: int, district: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        categories = self._categories()
        special = _special(index)
        shape = self._shape(categories, special)
        members = self._family(shape, district, special)
        if HouseholdCategory.SEVERE_DISABILITY_UNEMPLOYED in categories:
            self._make_disabled(members)
        for member in members:
            self._finish(member)
        status = self.status()
        head = members[0]
        phone = head["phone"] or (self._landline() if rng.random() < 0.6 else "")
        household = {
            "phone": phone,
            "categories": [c.value for c in categories],
            "discovery_source": self.source().value,
            "status": status.value,
            "hardship_level": None,
            "service_level": None,
            "next_visit_due": self._next_visit(status),
            "notes": rng.choice(vocab.NOTES) if rng.random() < 0.3 else "",
            "head_name": head["name"],
            "member_count": len(members),
        }
        return household, members

    def _categories(self) -> list[HouseholdCategory]:
        first = self.category()
        second = self.category() if self.rng.random() < 0.15 else first
        order = list(HouseholdCategory)  # as the household form stores them (household_inputs)
        return sorted({first, second}, key=order.index)

    def _shape(
        self, categories: list[HouseholdCategory], special: tuple[str, str, str] | None
    ) -> str:
        if HouseholdCategory.EXTREME_POVERTY in categories or (special and special[2]):
            return "single_elder" if self.rng.random() < 0.7 else "single_adult"
        return str(self.shape())

    def _next_visit(self, status: HouseholdStatus) -> date | None:
        if status is not HouseholdStatus.ACTIVE:
            return None
        return self.today + timedelta(days=self.rng.randint(-20, 90))

    # ---- family -----------------------------------------------------------------------------

    def _family(
        self, shape: str, district: str, special: tuple[str, str, str] | None
    ) -> list[dict[str, Any]]:
        rng = self.rng
        _, low, high = SHAPES[shape]
        head_age = rng.randint(low, high)
        if special:
            male = special[1] == "male"
        else:
            male = rng.random() < (0.35 if shape == "single_elder" else 0.55)
        head = self._person(RelationToHead.SELF, male, head_age, district)
        if special:
            head["name"] = special[0]
            head["id_number"] = self._id_number(special[2] or district, head["birth_date"], male)
        family = [head]
        spouse = None
        if shape in ("couple_elder", "couple_child", "three_generations") or (
            shape == "with_parents" and rng.random() < 0.5
        ):
            spouse_age = max(20, head_age + rng.randint(-5, 5))
            spouse = self._person(RelationToHead.SPOUSE, not male, spouse_age, district)
            family.append(spouse)
        surname = _surname_of(head if male or spouse is None else spouse)
        if shape in ("couple_child", "single_parent"):
            for _ in range(rng.choice((1, 1, 2))):
                age = rng.randint(max(0, head_age - 40), max(0, head_age - 20))
                family.append(self._child(surname, age, district))
        if shape == "three_generations":
            child = self._child(surname, head_age - rng.randint(22, 30), district)
            family.append(child)
            grandchild_age = rng.randint(0, max(0, child["_age"] - 22))
            family.append(self._grandchild(child, grandchild_age, district))
        if shape == "with_parents":
            family.extend(self._parents(head, head_age, district))
        _set_marital(shape, family, rng)
        return family

    def _child(self, surname: str, age: int, district: str) -> dict[str, Any]:
        male = self.rng.random() < 0.5
        relation = RelationToHead.SON if male else RelationToHead.DAUGHTER
        child = self._person(relation, male, max(0, age), district)
        child["name"] = surname + child["name"][len(_surname_of(child)) :]
        return child

    def _grandchild(self, parent: dict[str, Any], age: int, district: str) -> dict[str, Any]:
        male = self.rng.random() < 0.5
        child = self._person(RelationToHead.GRANDCHILD, male, age, district)
        if parent["relation_to_head"] == RelationToHead.SON.value:
            surname = _surname_of(parent)
            child["name"] = surname + child["name"][len(_surname_of(child)) :]
        return child

    def _parents(self, head: dict[str, Any], head_age: int, district: str) -> list[dict[str, Any]]:
        rng = self.rng
        father_age = head_age + rng.randint(22, 35)
        parents = []
        if rng.random() < 0.6 and father_age <= 95:
            father = self._person(RelationToHead.FATHER, True, father_age, district)
            father["name"] = _surname_of(head) + father["name"][len(_surname_of(father)) :]
            parents.append(father)
        if rng.random() < 0.8 or not parents:
            parents.append(
                self._person(RelationToHead.MOTHER, False, min(95, father_age - 2), district)
            )
        return parents

    def _person(
        self, relation: RelationToHead, male: bool, age: int, district: str
    ) -> dict[str, Any]:
        birth = self.today - timedelta(days=age * 365 + self.rng.randint(0, 364))
        hmt = self.rng.random() < 0.003
        return {
            "id": self.new_id(),
            "name": self._name(male, birth.year),
            "id_type": (IdType.HMT_RESIDENCE_PERMIT if hmt else IdType.RESIDENT_ID).value,
            "id_number": self._id_number(None if hmt else district, birth, male),
            "sex": "male" if male else "female",
            "birth_date": birth,
            "relation_to_head": relation.value,
            "_age": age,
        }

    def _id_number(self, district: str | None, birth: date, male: bool) -> str:
        """A unique valid number, mostly Shanghai-born; ``district`` None gives a 港澳台 permit."""
        rng = self.rng
        if district is None:
            prefix = rng.choice(("810000", "820000", "830000"))
        elif rng.random() < 0.8:
            prefix = district
            former, abolished = rng.choice(vocab.FORMER_SHANGHAI)
            if birth.year < abolished - 5 and rng.random() < 0.2:
                prefix = former
        else:
            prefix = self.region()
        while True:
            number = compose_id(prefix, birth, rng.randrange(0, 500) * 2 + int(male))
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _name(self, male: bool, birth_year: int) -> str:
        rng = self.rng
        old = birth_year < 1975
        pool = GIVEN[(old, male)]
        given = rng.choice(pool)
        if len(given) == 1 and rng.random() < (0.5 if old else 0.65):
            given += rng.choice([g for g in pool if len(g) == 1 and g != given] or pool)
        return str(self.surname()) + given

    # ---- health, work, money, phones ------------------------------------------------------

    def _finish(self, member: dict[str, Any]) -> None:
        rng = self.rng
        age = member.pop("_age")
        if "health" not in member:
            member["health"], member["disability_grade"] = self._health(age)
        member["self_care"] = self._self_care(age, member["health"], member["disability_grade"])
        if "employment_status" not in member:
            member["employment_status"] = self._employment(age, member)
        member["monthly_income"] = self._income(member["employment_status"])
        member.setdefault("marital_status", _marital_by_age(age, rng))
        adult = 16 <= age <= 85
        member["phone"] = (
            self._mobile() if adult and rng.random() < (0.7 if age < 75 else 0.3) else ""
        )

    def _health(self, age: int) -> tuple[str, str | None]:
        chronic, serious, disabled = (
            (0.5, 0.1, 0.06)
            if age >= 70
            else (0.25, 0.06, 0.05)
            if age >= 40
            else (0.05, 0.02, 0.03)
        )
        roll = self.rng.random()
        if roll < disabled:
            return Health.DISABLED.value, self.rng.choice("1234")
        if roll < disabled + serious:
            return Health.SERIOUS_ILLNESS.value, None
        if roll < disabled + serious + chronic:
            return Health.CHRONIC.value, None
        return Health.HEALTHY.value, None

    def _self_care(self, age: int, health: str, grade: str | None) -> str:
        roll = self.rng.random()
        if grade in ("1", "2") or health == Health.SERIOUS_ILLNESS.value:
            return SelfCare.NONE.value if roll < 0.4 else SelfCare.PARTIAL.value
        if age >= 85 and roll < 0.5:
            return SelfCare.PARTIAL.value
        return SelfCare.FULL.value

    def _employment(self, age: int, member: dict[str, Any]) -> str:
        rng = self.rng
        if age < 6:
            return EmploymentStatus.PRESCHOOL.value
        if age < 18 or (age <= 22 and rng.random() < 0.5):
            return EmploymentStatus.STUDENT.value
        if age >= 60 or (member["sex"] == "female" and age >= 55):
            return (
                EmploymentStatus.RETIRED if rng.random() < 0.85 else EmploymentStatus.OTHER
            ).value
        if member["health"] in (Health.DISABLED.value, Health.SERIOUS_ILLNESS.value):
            return EmploymentStatus.UNABLE.value
        return rng.choices(WORKING, cum_weights=WORKING_WEIGHTS)[0].value

    def _income(self, employment: str) -> dict[str, int]:
        """Monthly income in fen by type, whole yuan."""
        span = INCOME.get(employment)
        if span is None:
            return {}
        kind, low, high = span
        return {kind.value: self.rng.randint(low, high) * 100}

    def _make_disabled(self, members: list[dict[str, Any]]) -> None:
        working = [m for m in members if 18 <= m["_age"] < 60] or members[:1]
        member = working[0]
        member["health"], member["disability_grade"] = Health.DISABLED.value, self.rng.choice("12")
        member["employment_status"] = EmploymentStatus.UNABLE.value

    def _mobile(self) -> str:
        return self.rng.choice(MOBILES) + f"{self.rng.randrange(10**8):08d}"

    def _landline(self) -> str:
        return f"021-{self.rng.choice('356')}{self.rng.randrange(10**7):07d}"


GIVEN = {
    (True, True): vocab.GIVEN_OLD_MALE,
    (True, False): vocab.GIVEN_OLD_FEMALE,
    (False, True): vocab.GIVEN_YOUNG_MALE,
    (False, False): vocab.GIVEN_YOUNG_FEMALE,
}
MOBILES = vocab.MOBILE_PREFIXES
WORKING = [EmploymentStatus.EMPLOYED, EmploymentStatus.FLEXIBLE, EmploymentStatus.UNEMPLOYED]
WORKING_WEIGHTS = list(accumulate([40, 30, 30]))
INCOME: dict[str, tuple[IncomeType, int, int]] = {  # (type, yuan from, yuan to) per month
    EmploymentStatus.EMPLOYED.value: (IncomeType.WAGES, 2700, 7500),
    EmploymentStatus.FLEXIBLE.value: (IncomeType.BUSINESS, 1200, 3500),
    EmploymentStatus.RETIRED.value: (IncomeType.PENSION, 1300, 4800),
    EmploymentStatus.UNABLE.value: (IncomeType.TRANSFER, 500, 1500),
}


def _surname_weights() -> dict[str, int]:
    """'欧阳1' -> {'欧阳': 1}."""
    return {w.rstrip("0123456789"): int(w.lstrip(w.rstrip("0123456789"))) for w in vocab.SURNAMES}


COMPOUND = frozenset(s for s in _surname_weights() if len(s) == 2)


def _surname_of(person: dict[str, Any]) -> str:
    name = str(person["name"])
    return name[:2] if name[:2] in COMPOUND else name[:1]


def _marital_by_age(age: int, rng: random.Random) -> str | None:
    if age < 20:
        return None if age < 16 else MaritalStatus.SINGLE.value
    roll = rng.random()
    if age < 30:
        return (MaritalStatus.SINGLE if roll < 0.7 else MaritalStatus.MARRIED).value
    return (
        MaritalStatus.MARRIED
        if roll < 0.6
        else MaritalStatus.DIVORCED
        if roll < 0.8
        else MaritalStatus.WIDOWED
    ).value


def _set_marital(shape: str, family: list[dict[str, Any]], rng: random.Random) -> None:
    """Head and spouse are married; a lone head or a lone parent is widowed or divorced."""
    relations = [m["relation_to_head"] for m in family]
    for member in family:
        relation = member["relation_to_head"]
        if relation == RelationToHead.SPOUSE.value or (
            relation == RelationToHead.SELF.value and RelationToHead.SPOUSE.value in relations
        ):
            member["marital_status"] = MaritalStatus.MARRIED.value
        elif relation in (RelationToHead.FATHER.value, RelationToHead.MOTHER.value):
            both = (
                RelationToHead.FATHER.value in relations
                and RelationToHead.MOTHER.value in relations
            )
            member["marital_status"] = (
                MaritalStatus.MARRIED if both else MaritalStatus.WIDOWED
            ).value
        elif relation == RelationToHead.SELF.value and shape in ("single_elder", "single_parent"):
            lone = MaritalStatus.WIDOWED if rng.random() < 0.6 else MaritalStatus.DIVORCED
            member["marital_status"] = lone.value


def _special(index: int) -> tuple[str, str, str] | None:
    """The special name of household ``index``: the first few early on, then one in 397."""
    names = vocab.SPECIAL_NAMES
    if index < 7 * len(names):
        return names[index // 7] if index % 7 == 1 else None
    return names[(index // SPECIAL_EVERY) % len(names)] if index % SPECIAL_EVERY == 11 else None
