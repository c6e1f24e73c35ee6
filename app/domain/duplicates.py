"""Matching rules for duplicate people and households (全覆盖、不遗漏、不重复). Pure: the services
find candidates through `match_keys` and confirm them with `person_match` / `household_match`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from app.domain.addresses import (
    ADDRESS_THRESHOLD,
    NormalizedAddress,
    address_similarity,
    normalize_address,
    same_address,
)
from app.domain.enums import MatchReason
from app.domain.id_numbers import compact_id_text, compose_id

__all__ = [
    "ADDRESS_THRESHOLD",
    "HouseholdKey",
    "NormalizedAddress",
    "PersonKey",
    "address_similarity",
    "household_match",
    "match_keys",
    "name_key",
    "name_pinyin",
    "normalize_address",
    "person_match",
]

_STRENGTH = (
    MatchReason.SAME_ID,
    MatchReason.SAME_NAME_BIRTH,
    MatchReason.SAME_PINYIN_ADDRESS,
    MatchReason.SAME_ADDRESS,
)
_DOTS = frozenset("•・.‧∙⋅\u00b7\u0387")


@dataclass(frozen=True)
class PersonKey:
    """What duplicate detection needs of a person (ID number in full, as stored)."""

    name: str
    id_number: str = ""
    birth_date: date | None = None
    address: str = ""


@dataclass(frozen=True)
class HouseholdKey:
    address: str
    members: tuple[PersonKey, ...] = ()


def name_key(name: str) -> str:
    """A name as compared: NFKC, no spaces, one kind of middle dot, case-folded."""
    text = unicodedata.normalize("NFKC", name)
    return "".join("·" if c in _DOTS else c for c in text if not c.isspace()).casefold()


def name_pinyin(name: str) -> str:
    """Toneless pinyin of a name, syllables joined ('张伟' and '章炜' -> 'zhangwei')."""
    key = name_key(name).replace("·", "")
    from pypinyin import lazy_pinyin  # heavy (0.2 s, 55 MB): loaded on first use

    return "".join(lazy_pinyin(key)).casefold()


def id_key(number: str) -> str:
    """An ID number as compared; a 15-digit resident number becomes its 18-digit form."""
    text = compact_id_text(number)
    if len(text) == 15 and text.isdigit():
        try:
            born = date(1900 + int(text[6:8]), int(text[8:10]), int(text[10:12]))
        except ValueError:
            return text
        return compose_id(text[:6], born, int(text[12:15]))
    return text


def person_match(a: PersonKey, b: PersonKey) -> MatchReason | None:
    """Why `a` and `b` may be the same person, strongest reason first; None if nothing matches."""
    id_a, id_b = id_key(a.id_number), id_key(b.id_number)
    if id_a and id_a == id_b:
        return MatchReason.SAME_ID
    name_a, name_b = name_key(a.name), name_key(b.name)
    if not name_a or not name_b:
        return None
    if name_a == name_b and a.birth_date is not None and a.birth_date == b.birth_date:
        return MatchReason.SAME_NAME_BIRTH
    if (id_a and id_b) or (a.birth_date and b.birth_date and a.birth_date != b.birth_date):
        return None  # two different ID numbers or birth dates: two people sharing a home
    if (
        name_pinyin(a.name) == name_pinyin(b.name)
        and address_similarity(a.address, b.address) >= ADDRESS_THRESHOLD
    ):
        return MatchReason.SAME_PINYIN_ADDRESS
    return None


def household_match(a: HouseholdKey, b: HouseholdKey) -> MatchReason | None:
    """The strongest reason any members match (a member without an address takes the household's),
    else SAME_ADDRESS when both are the same dwelling; None otherwise."""
    reasons = {
        person_match(_with_address(x, a.address), _with_address(y, b.address))
        for x in a.members
        for y in b.members
    }
    if same_address(a.address, b.address):
        reasons.add(MatchReason.SAME_ADDRESS)
    return next((r for r in _STRENGTH if r in reasons), None)


def match_keys(person: PersonKey) -> set[str]:
    """Blocking keys: two people can only match if they share one ('id:…', 'nb:…', 'py:…')."""
    keys = set()
    if number := id_key(person.id_number):
        keys.add(f"id:{number}")
    if name := name_key(person.name):
        if person.birth_date is not None:
            keys.add(f"nb:{name}|{person.birth_date.isoformat()}")
        keys.add(f"py:{name_pinyin(person.name)}")
    return keys


def _with_address(person: PersonKey, address: str) -> PersonKey:
    if person.address:
        return person
    return PersonKey(person.name, person.id_number, person.birth_date, address)
