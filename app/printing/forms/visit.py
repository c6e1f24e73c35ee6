"""入户走访记录表: the visit as it reads now, its corrections, the household and its members."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from app.domain.enums import NeedCategory, VisitKind, VisitState
from app.printing.forms.common import (
    day_text,
    household_fields,
    member_table,
    moment_text,
)
from app.printing.records import FormData, label
from app.printing.tables import fields, heading, listing, long_texts, signatures
from app.services.visit_records import AmendmentView, VisitView

FIELD_NAMES = {
    "visited_at": "走访时间",
    "kind": "走访方式",
    "people_met": "接触人员",
    "situation": "观察到的情况",
    "needs": "发现的需求",
    "advice": "给予的建议",
    "agreed_actions": "商定的措施",
    "next_visit_on": "下次走访日期",
    "advisor_id": "救助顾问",
}


def needs_text(needs: list[str]) -> str:
    return "、".join(label(NeedCategory, n) for n in needs) or "未发现新的需求"


def build(data: FormData) -> list[Flowable]:
    visit = data.record
    if not isinstance(visit, VisitView) or data.household is None:
        raise TypeError("a visit record needs a VisitView and its household")
    state = label(VisitState, visit.state) + ("（有更正）" if visit.amended else "")
    story: list[Flowable] = [
        *heading("走访概况"),
        fields(
            [
                [
                    ("走访时间", moment_text(visit.visited_at)),
                    ("走访方式", label(VisitKind, visit.kind)),
                ],
                [("救助顾问", data.household.advisor_name), ("记录状态", state)],
                [
                    ("下次走访", day_text(visit.next_visit_on)),
                    ("完成时间", moment_text(visit.finalised_at)),
                ],
            ]
        ),
        *household_fields(data.household),
        *member_table(data.household),
        *heading("走访内容"),
        long_texts(
            [
                ("接触人员", visit.people_met),
                ("观察到的情况", visit.situation),
                ("发现的需求", needs_text(visit.needs)),
                ("给予的建议", visit.advice),
                ("商定的措施", visit.agreed_actions),
            ]
        ),
    ]
    if visit.amendments:
        story += amendment_table(visit.amendments)
    story.append(KeepTogether([*heading("签字确认"), signatures(["救助顾问", "被访居民"])]))
    return story


def _value_text(name: str, value: Any) -> str:
    if name == "kind":
        return label(VisitKind, value)
    if name == "needs":
        return needs_text(list(value or []))
    if name == "visited_at":
        return moment_text(value)
    if name == "next_visit_on":
        return day_text(value)
    return "" if value is None else str(value)


def amendment_table(amendments: list[AmendmentView]) -> list[Flowable]:
    """更正记录: what each correction changed, from what, and why (the form shows the result)."""
    rows = []
    for amendment in amendments:
        changes = "；".join(
            f"{FIELD_NAMES.get(k, k)}：{_value_text(k, amendment.previous.get(k))} → "
            f"{_value_text(k, v)}"
            for k, v in amendment.changes.items()
        )
        rows.append([moment_text(amendment.at), amendment.by, changes, amendment.reason])
    return [
        *heading("更正记录"),
        listing(["更正时间", "更正人", "更正内容", "更正原因"], rows, [22, 14, 44, 20]),
    ]
