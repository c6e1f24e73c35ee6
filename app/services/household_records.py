"""Read-only records the household service hands to views (IDs always masked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.id_numbers import mask_id
from app.models import Household, Member
from app.services.household_inputs import HouseholdInput


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    head_name: str
    committee_code: str
    committee_name: str
    address: str
    categories: list[str]
    member_count: int
    status: str
    hardship_level: str | None
    next_visit_due: dt.date | None


@dataclass(frozen=True)
class MemberView:
    id: str
    name: str
    id_type: str
    id_number_masked: str
    relation_to_head: str
    sex: str
    birth_date: dt.date | None
    health: str
    disability_grade: str | None
    self_care: str
    marital_status: str | None
    employment_status: str | None
    monthly_income: dict[str, int]
    phone: str


@dataclass(frozen=True)
class HouseholdDetail:
    id: str
    data: HouseholdInput
    committee_name: str
    head_name: str
    hardship_level: str | None
    service_level: str | None
    next_visit_due: dt.date | None
    members: list[MemberView]
    updated_at: dt.datetime


def household_row(household: Household, committee_name: str) -> HouseholdRow:
    return HouseholdRow(
        id=household.id,
        head_name=household.head_name,
        committee_code=household.committee_code,
        committee_name=committee_name,
        address=household.address,
        categories=list(household.categories),
        member_count=household.member_count,
        status=household.status,
        hardship_level=household.hardship_level,
        next_visit_due=household.next_visit_due,
    )


def member_view(member: Member) -> MemberView:
    return MemberView(
        id=member.id,
        name=member.name,
        id_type=member.id_type,
        id_number_masked=mask_id(member.id_number) if member.id_number else "",
        relation_to_head=member.relation_to_head,
        sex=member.sex,
        birth_date=member.birth_date,
        health=member.health,
        disability_grade=member.disability_grade,
        self_care=member.self_care,
        marital_status=member.marital_status,
        employment_status=member.employment_status,
        monthly_income=dict(member.monthly_income),
        phone=member.phone,
    )
