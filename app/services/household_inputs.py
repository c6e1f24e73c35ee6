"""What a user enters for a household or a member, and its validation into clean values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain.enums import (
    DisabilityGrade,
    DiscoverySource,
    EmploymentStatus,
    Health,
    HouseholdCategory,
    HouseholdStatus,
    IdType,
    IncomeType,
    LabelledEnum,
    MaritalStatus,
    RelationToHead,
    SelfCare,
    Sex,
)
from app.domain.errors import Problem, ValidationError
from app.domain.id_numbers import parse_id
from app.domain.names import clean_name
from app.domain.phones import normalize_phone

ADDRESS_MAX = 200
NOTES_MAX = 2000


@dataclass
class HouseholdInput:
    committee_code: str
    address: str
    phone: str = ""
    categories: list[str] = field(default_factory=list)
    discovery_source: str = DiscoverySource.VISIT.value
    status: str = HouseholdStatus.ACTIVE.value
    notes: str = ""
    advisor_id: str | None = None


@dataclass
class MemberInput:
    name: str
    id_type: str = IdType.RESIDENT_ID.value
    id_number: str = ""
    relation_to_head: str = RelationToHead.SELF.value
    sex: str | None = None
    birth_date: dt.date | None = None
    health: str = Health.HEALTHY.value
    disability_grade: str | None = None
    self_care: str = SelfCare.FULL.value
    marital_status: str | None = None
    employment_status: str | None = None
    monthly_income: dict[str, int] = field(default_factory=dict)  # IncomeType -> fen
    phone: str = ""


def _choice(
    problems: list[Problem],
    name: str,
    zh_name: str,
    value: str | None,
    enum: type[LabelledEnum],
    *,
    optional: bool = False,
) -> None:
    if value is None or value == "":
        if not optional:
            problems.append(Problem(name, "required", f"请选择{zh_name}。", f"Choose the {name}."))
        return
    if value not in {m.value for m in enum}:
        choices = "、".join(m.label for m in enum)
        problems.append(
            Problem(
                name,
                "choice",
                f"{zh_name}「{value}」无效，请从以下选择：{choices}。",
                f"{name} {value!r} is not valid; choose one of: {', '.join(enum)}.",
            )
        )


def _collect(problems: list[Problem], fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one validator, turning its ValidationError into collected problems."""
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        problems.extend(exc.problems)
        return None


def validate_household(data: HouseholdInput) -> HouseholdInput:
    """Clean values or a ValidationError listing every problem; committee existence is checked
    by the service, which has the store."""
    problems: list[Problem] = []
    address = " ".join(data.address.split())
    if not address:
        problems.append(
            Problem(
                "address",
                "required",
                "请填写家庭住址（路、弄、号、室）。",
                "Enter the home address (road, lane, number, room).",
            )
        )
    elif len(address) > ADDRESS_MAX:
        problems.append(
            Problem(
                "address",
                "too_long",
                f"家庭住址最多 {ADDRESS_MAX} 个字，请精简。",
                f"The address is limited to {ADDRESS_MAX} characters; shorten it.",
            )
        )
    phone = _collect(problems, normalize_phone, data.phone, field="phone") if data.phone else ""
    for category in data.categories:
        _choice(problems, "categories", "救助类别", category, HouseholdCategory)
    _choice(problems, "discovery_source", "发现来源", data.discovery_source, DiscoverySource)
    _choice(problems, "status", "状态", data.status, HouseholdStatus)
    if len(data.notes) > NOTES_MAX:
        problems.append(
            Problem(
                "notes",
                "too_long",
                f"备注最多 {NOTES_MAX} 个字，请精简。",
                f"Notes are limited to {NOTES_MAX} characters; shorten them.",
            )
        )
    if not data.committee_code:
        problems.append(
            Problem(
                "committee_code",
                "required",
                "请选择所属居委。",
                "Choose the residents' committee.",
            )
        )
    if problems:
        raise ValidationError(problems)
    categories = sorted(set(data.categories), key=[c.value for c in HouseholdCategory].index)
    return replace(
        data,
        address=address,
        phone=phone or "",
        categories=categories,
        notes=data.notes.strip(),
    )


def validate_member(data: MemberInput, *, today: dt.date | None = None) -> MemberInput:
    """Clean values (sex and birth date derived from the ID where it has them) or every problem."""
    problems: list[Problem] = []
    name = _collect(problems, clean_name, data.name, field="name")
    _choice(problems, "id_type", "证件类型", data.id_type, IdType)
    id_number, sex, birth = "", data.sex, data.birth_date
    if data.id_number.strip() and not problems_for(problems, "id_type"):
        info = _collect(problems, parse_id, data.id_type, data.id_number, field="id_number")
        if info is not None:
            id_number = info.normalized
            sex, birth = _derived(problems, data, info.sex, info.birth_date)
    _choice(
        problems,
        "relation_to_head",
        "与户主关系",
        data.relation_to_head,
        RelationToHead,
    )
    _choice(problems, "sex", "性别", sex, Sex, optional=True)
    _choice(problems, "health", "健康状况", data.health, Health)
    _choice(problems, "self_care", "自理能力", data.self_care, SelfCare)
    _choice(
        problems,
        "marital_status",
        "婚姻状况",
        data.marital_status,
        MaritalStatus,
        optional=True,
    )
    _choice(
        problems,
        "employment_status",
        "就业状况",
        data.employment_status,
        EmploymentStatus,
        optional=True,
    )
    _check_disability(problems, data)
    _check_income(problems, data.monthly_income)
    if birth is not None and birth > (today or dt.date.today()):
        problems.append(
            Problem(
                "birth_date",
                "future",
                "出生日期不能晚于今天，请核对。",
                "The birth date cannot be in the future; check it.",
            )
        )
    phone = _collect(problems, normalize_phone, data.phone, field="phone") if data.phone else ""
    if problems:
        raise ValidationError(problems)
    return replace(
        data,
        name=name,
        id_number=id_number,
        sex=sex or Sex.UNKNOWN.value,
        birth_date=birth,
        phone=phone or "",
        disability_grade=data.disability_grade if data.health == Health.DISABLED else None,
    )


def problems_for(problems: list[Problem], field_name: str) -> bool:
    return any(p.field == field_name for p in problems)


def _derived(
    problems: list[Problem],
    data: MemberInput,
    id_sex: Sex | None,
    id_birth: dt.date | None,
) -> tuple[str | None, dt.date | None]:
    """Sex and birth date from the ID win; a different value typed by the user is a problem."""
    sex, birth = data.sex, data.birth_date
    if id_sex is not None:
        if sex not in (None, "", Sex.UNKNOWN.value, id_sex.value):
            problems.append(
                Problem(
                    "sex",
                    "id_mismatch",
                    f"性别与证件号码不符（证件显示为{id_sex.label}），请核对。",
                    f"Sex does not match the ID number (it says {id_sex.value}).",
                )
            )
        sex = id_sex.value
    if id_birth is not None:
        if birth is not None and birth != id_birth:
            problems.append(
                Problem(
                    "birth_date",
                    "id_mismatch",
                    f"出生日期与证件号码不符（证件显示为{id_birth.isoformat()}），请核对。",
                    f"Birth date does not match the ID number ({id_birth.isoformat()}).",
                )
            )
        birth = id_birth
    return sex, birth


def _check_disability(problems: list[Problem], data: MemberInput) -> None:
    if data.health == Health.DISABLED:
        _choice(
            problems,
            "disability_grade",
            "残疾等级",
            data.disability_grade,
            DisabilityGrade,
        )


def _check_income(problems: list[Problem], income: dict[str, int]) -> None:
    for kind, fen in income.items():
        _choice(problems, "monthly_income", "收入类型", kind, IncomeType)
        if not isinstance(fen, int) or isinstance(fen, bool) or fen < 0:
            problems.append(
                Problem(
                    "monthly_income",
                    "amount",
                    "月收入须为不小于 0 的金额（元，最多两位小数）。",
                    "Monthly income must be an amount of at least 0 yuan.",
                )
            )
