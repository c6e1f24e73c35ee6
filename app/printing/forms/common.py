"""Parts shared by the household forms: the household's fields, 家庭成员情况, and text formats."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from app.domain.enums import (
    EmploymentStatus,
    HardshipLevel,
    Health,
    HouseholdCategory,
    RelationToHead,
    SelfCare,
    ServiceLevel,
    Sex,
)
from app.domain.money import format_fen
from app.printing.records import HouseholdPart, label
from app.printing.tables import fields, heading, listing
from app.services.household_records import MemberView
from app.services.local_time import SHANGHAI

MEMBER_HEADERS = (
    "序号",
    "姓名",
    "与户主关系",
    "性别",
    "出生日期",
    "证件号码",
    "健康状况",
    "自理能力",
    "就业状况",
    "月收入（元）",
)
MEMBER_WIDTHS = (9, 16, 17, 9, 19, 34, 19, 15, 16, 20)  # mm: every header on one line
MEMBER_SIZE = 8.0


def day_text(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def moment_text(moment: dt.datetime | None) -> str:
    """A stored moment as Shanghai wall-clock time."""
    if moment is None:
        return ""
    local = moment.astimezone(SHANGHAI) if moment.tzinfo else moment
    return f"{local:%Y-%m-%d %H:%M}"


def labels(enum: type[HardshipLevel] | type[HouseholdCategory], values: list[str]) -> str:
    return "、".join(label(enum, v) for v in values)


def household_fields(part: HouseholdPart) -> list[Flowable]:
    """The household's identity block: head, phone, committee, categories, address, levels."""
    detail = part.detail
    data = detail.data
    level = label(HardshipLevel, detail.hardship_level, "未评估")
    service = label(ServiceLevel, detail.service_level, "未评估")
    return [
        *heading("家庭基本情况"),
        fields(
            [
                [("户主", detail.head_name), ("联系电话", data.phone)],
                [
                    ("所属居委", detail.committee_name),
                    ("家庭类别", labels(HouseholdCategory, data.categories)),
                ],
                [("家庭住址", data.address)],
                [("困境等级", level), ("服务等级", service)],
                [("救助顾问", part.advisor_name), ("下次走访", day_text(detail.next_visit_due))],
                [("户编号", detail.id)],
            ]
        ),
    ]


def member_row(index: int, member: MemberView, part: HouseholdPart) -> list[str]:
    health = label(Health, member.health)
    if member.disability_grade:
        health += f"（{member.disability_grade}级）"
    income = sum(member.monthly_income.values())
    return [
        str(index),
        member.name,
        label(RelationToHead, member.relation_to_head),
        label(Sex, member.sex),
        day_text(member.birth_date),
        part.id_number(member),
        health,
        label(SelfCare, member.self_care),
        label(EmploymentStatus, member.employment_status),
        format_fen(income) if income else "0",
    ]


def member_table(part: HouseholdPart) -> list[Flowable]:
    """家庭成员情况: one row per member, the header repeated on every page."""
    rows = [member_row(i, m, part) for i, m in enumerate(part.detail.members, start=1)]
    return [*heading("家庭成员情况"), listing(MEMBER_HEADERS, rows, MEMBER_WIDTHS, MEMBER_SIZE)]
