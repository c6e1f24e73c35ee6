"""Duplicate people and households, store side (全覆盖、不遗漏、不重复): candidates before saving,
suggestions at intake, and the review list. The matching rules are app.domain.duplicates; this
module only finds candidates to test (ID index, name and pinyin search, same road) and reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.duplicates import (
    HouseholdKey,
    PersonKey,
    household_match,
    match_keys,
    name_pinyin,
    normalize_address,
    person_match,
)
from app.domain.enums import MatchReason
from app.domain.id_numbers import mask_id
from app.models import DuplicateDismissal, Household, Member
from app.services.search import search_households
from app.store.engine import Store

SAME_PHONE = "same_phone"  # intake only: the requester's phone is on file
REASON_LABELS = {r.value: r.label for r in MatchReason} | {SAME_PHONE: "联系电话相同"}
ROAD_CANDIDATES = 2000


@dataclass(frozen=True)
class PersonCandidate:
    member_id: str
    household_id: str
    name: str
    id_number_masked: str
    birth_date: dt.date | None
    address: str
    reason: str  # MatchReason value

    @property
    def reason_label(self) -> str:
        return REASON_LABELS[self.reason]


@dataclass(frozen=True)
class HouseholdCandidate:
    household_id: str
    head_name: str
    address: str
    committee_code: str
    reason: str  # MatchReason value or SAME_PHONE

    @property
    def reason_label(self) -> str:
        return REASON_LABELS[self.reason]


@dataclass(frozen=True)
class DuplicatePair:
    """One pair for the review list (``entity`` "member" or "household"), ids ordered."""

    entity: str
    first_id: str
    second_id: str
    first_label: str
    second_label: str
    reason: str

    @property
    def reason_label(self) -> str:
        return REASON_LABELS[self.reason]


_STRENGTH = [r.value for r in MatchReason] + [SAME_PHONE]


def _rank(reason: str) -> int:
    return _STRENGTH.index(reason)


def _member_rows(session: Session, household_ids: Iterable[str]) -> list[tuple[Member, Household]]:
    ids = list(set(household_ids))
    if not ids:
        return []
    stmt = (
        select(Member, Household)
        .join(Household, Household.id == Member.household_id)
        .where(Member.household_id.in_(ids), Member.deleted.is_(False))
        .where(Household.deleted.is_(False))
    )
    return [(m, h) for m, h in session.execute(stmt)]


def _key(member: Member, household: Household) -> PersonKey:
    return PersonKey(member.name, member.id_number, member.birth_date, household.address)


def _search_ids(session: Session, texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        if text:
            found.update(hit.household_id for hit in search_households(session, text, limit=200))
    return found


def _road_households(session: Session, address: str) -> list[Household]:
    """Households on the same road or estate (by the address without its numbers)."""
    text = normalize_address(address).text
    if len(text) < 2:
        return []
    stmt = (
        select(Household)
        .where(Household.deleted.is_(False), Household.address.like(f"%{text[:6]}%"))
        .limit(ROAD_CANDIDATES)
    )
    return list(session.execute(stmt).scalars())


def person_candidates(
    session: Session, key: PersonKey, *, exclude_member_id: str | None = None
) -> list[PersonCandidate]:
    """Stored people who may be ``key``, strongest reason first (shown before saving)."""
    ids: set[str] = set()
    if key.id_number:
        ids.update(
            session.execute(
                select(Member.household_id).where(
                    Member.id_number == key.id_number, Member.deleted.is_(False)
                )
            ).scalars()
        )
    if key.name:
        ids |= _search_ids(session, [key.name, name_pinyin(key.name)])
    found = []
    for member, household in _member_rows(session, ids):
        if member.id == exclude_member_id:
            continue
        reason = person_match(key, _key(member, household))
        if reason is not None:
            found.append(
                PersonCandidate(
                    member.id,
                    household.id,
                    member.name,
                    mask_id(member.id_number) if member.id_number else "",
                    member.birth_date,
                    household.address,
                    reason.value,
                )
            )
    return sorted(found, key=lambda c: (_rank(c.reason), c.name))


def household_candidates(
    session: Session, key: HouseholdKey, *, exclude_household_id: str | None = None
) -> list[HouseholdCandidate]:
    """Stored households that may be ``key`` (a member matches, or the same dwelling)."""
    ids = {c.household_id for m in key.members for c in person_candidates(session, m)}
    ids |= {h.id for h in _road_households(session, key.address)}
    ids.discard(exclude_household_id or "")
    members: dict[str, list[PersonKey]] = defaultdict(list)
    households: dict[str, Household] = {}
    for member, household in _member_rows(session, ids):
        members[household.id].append(PersonKey(member.name, member.id_number, member.birth_date))
        households[household.id] = household
    found = []
    for household_id, household in households.items():
        stored = HouseholdKey(household.address, tuple(members[household_id]))
        reason = household_match(key, stored)
        if reason is not None:
            found.append(_household_candidate(household, reason.value))
    return sorted(found, key=lambda c: (_rank(c.reason), c.address))


def suggest_households(
    session: Session,
    name: str,
    *,
    phone: str = "",
    address: str = "",
    id_number: str = "",
    birth_date: dt.date | None = None,
    limit: int = 10,
) -> list[HouseholdCandidate]:
    """Intake suggestions for a requester: a matching person, the same phone, the same dwelling."""
    person = PersonKey(name, id_number, birth_date, address)
    found: dict[str, HouseholdCandidate] = {}
    for candidate in household_candidates(session, HouseholdKey(address, (person,))):
        found[candidate.household_id] = candidate
    if phone:
        stmt = (
            select(Household)
            .outerjoin(Member, Member.household_id == Household.id)
            .where(Household.deleted.is_(False))
            .where(or_(Household.phone == phone, Member.phone == phone))
            .distinct()
        )
        for household in session.execute(stmt).scalars():
            found.setdefault(household.id, _household_candidate(household, SAME_PHONE))
    ranked = sorted(found.values(), key=lambda c: (_rank(c.reason), c.address))
    return ranked[:limit]


def _household_candidate(household: Household, reason: str) -> HouseholdCandidate:
    return HouseholdCandidate(
        household.id, household.head_name, household.address, household.committee_code, reason
    )


def review_pairs(store: Store, committee_code: str | None = None) -> list[DuplicatePair]:
    """Every candidate pair of people (and so of households) not yet dismissed."""
    with store.sessions() as session:
        stmt = (
            select(Member, Household)
            .join(Household, Household.id == Member.household_id)
            .where(Member.deleted.is_(False), Household.deleted.is_(False))
        )
        if committee_code:
            stmt = stmt.where(Household.committee_code == committee_code)
        rows = [(m, h) for m, h in session.execute(stmt)]
        dismissed = {
            (d.entity, d.first_id, d.second_id)
            for d in session.execute(
                select(DuplicateDismissal).where(DuplicateDismissal.deleted.is_(False))
            ).scalars()
        }
    return _pairs(rows, dismissed)


def _pairs(
    rows: list[tuple[Member, Household]], dismissed: set[tuple[str, str, str]]
) -> list[DuplicatePair]:
    buckets: dict[str, list[int]] = defaultdict(list)
    keys = [_key(m, h) for m, h in rows]
    for index, key in enumerate(keys):
        for block in match_keys(key):
            buckets[block].append(index)
    seen: set[tuple[int, int]] = set()
    pairs: dict[tuple[str, str, str], DuplicatePair] = {}
    for indexes in buckets.values():
        for i, a in enumerate(indexes):
            for b in indexes[i + 1 :]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                reason = person_match(keys[a], keys[b])
                if reason is not None:
                    _add_pairs(pairs, rows[a], rows[b], reason.value, dismissed)
    return sorted(pairs.values(), key=lambda p: (p.entity != "household", _rank(p.reason)))


def _add_pairs(
    pairs: dict[tuple[str, str, str], DuplicatePair],
    a: tuple[Member, Household],
    b: tuple[Member, Household],
    reason: str,
    dismissed: set[tuple[str, str, str]],
) -> None:
    (ma, ha), (mb, hb) = sorted([a, b], key=lambda r: r[0].id)
    member_key = ("member", ma.id, mb.id)
    if member_key not in dismissed:
        pairs[member_key] = DuplicatePair(
            "member", ma.id, mb.id, _label(ma, ha), _label(mb, hb), reason
        )
    if ha.id == hb.id:
        return
    first, second = sorted([ha, hb], key=lambda h: h.id)
    household_key = ("household", first.id, second.id)
    known = pairs.get(household_key)
    if household_key in dismissed or (known and _rank(known.reason) <= _rank(reason)):
        return
    pairs[household_key] = DuplicatePair(
        "household",
        first.id,
        second.id,
        f"{first.head_name}（{first.address}）",
        f"{second.head_name}（{second.address}）",
        reason,
    )


def _label(member: Member, household: Household) -> str:
    masked = mask_id(member.id_number) if member.id_number else "无证件号"
    return f"{member.name} {masked}（{household.address}）"
