"""Checks of household writes that need the store: committee exists, ID numbers unique, one head."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import JurisdictionLevel, RelationToHead
from app.domain.errors import Problem, ValidationError
from app.models import Household, Jurisdiction, Member
from app.services.household_inputs import MemberInput, validate_member


def check_committee(session: Session, code: str) -> None:
    level = session.execute(
        select(Jurisdiction.level).where(Jurisdiction.code == code, Jurisdiction.deleted.is_(False))
    ).scalar_one_or_none()
    if level != JurisdictionLevel.COMMITTEE.value:
        raise ValidationError.single(
            "committee_code",
            "unknown",
            f"居委代码「{code}」不存在，请从列表中选择所属居委。",
            f"Committee code {code!r} is unknown; choose the committee from the list.",
        )


def check_unique_id(
    session: Session,
    member: MemberInput,
    member_id: str | None,
    index: int | None = None,
) -> None:
    if not member.id_number:
        return
    stmt = (
        select(Member.name, Household.address)
        .join(Household)
        .where(Member.id_number == member.id_number, Member.deleted.is_(False))
    )
    if member_id is not None:
        stmt = stmt.where(Member.id != member_id)
    found = session.execute(stmt.limit(1)).first()
    if found is not None:
        field = "id_number" if index is None else f"members[{index}].id_number"
        raise ValidationError.single(
            field,
            "duplicate",
            f"该证件号码已登记（{found[0]}，{found[1]}），请核对号码或打开该户档案。",
            "This ID number is already registered to another member; check the number "
            "or open that household.",
        )


def check_no_other_head(session: Session, household_id: str, member_id: str | None) -> None:
    stmt = select(Member.name).where(
        Member.household_id == household_id,
        Member.deleted.is_(False),
        Member.relation_to_head == RelationToHead.SELF.value,
    )
    if member_id is not None:
        stmt = stmt.where(Member.id != member_id)
    head = session.execute(stmt.limit(1)).scalar_one_or_none()
    if head is not None:
        raise ValidationError.single(
            "relation_to_head",
            "second_head",
            f"该户已有户主（{head}），请选择与户主的关系。",
            "This household already has a head; choose the relation to the head.",
        )


def validate_members(members: list[MemberInput]) -> list[MemberInput]:
    clean: list[MemberInput] = []
    problems: list[Problem] = []
    for index, member in enumerate(members):
        try:
            clean.append(validate_member(member))
        except ValidationError as exc:
            problems.extend(
                Problem(f"members[{index}].{p.field}", p.code, p.zh, p.en) for p in exc.problems
            )
    if problems:
        raise ValidationError(problems)
    return clean


def check_one_head(members: list[MemberInput]) -> None:
    heads = sum(1 for m in members if m.relation_to_head == RelationToHead.SELF)
    if heads != 1:
        raise ValidationError.single(
            "members",
            "one_head",
            "每户须有且只有一位户主（与户主关系为「本人」）。",
            "A household needs exactly one head (relation 'self').",
        )
