"""How visits read on screen: field names, values, amendment lines, one timeline entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.enums import NeedCategory, VisitKind, VisitState
from app.services.local_time import SHANGHAI
from app.services.visit_records import AmendmentView, VisitView
from app.views.enum_text import enum_value_text

SUMMARY_CHARS = 80
translate = QCoreApplication.translate


def field_label(name: str) -> str:
    labels = {
        "visited_at": translate("VisitText", "走访时间"),
        "kind": translate("VisitText", "走访方式"),
        "people_met": translate("VisitText", "接触对象"),
        "situation": translate("VisitText", "观察到的情况"),
        "needs": translate("VisitText", "发现的需求"),
        "advice": translate("VisitText", "给出的建议"),
        "agreed_actions": translate("VisitText", "约定的行动"),
        "next_visit_on": translate("VisitText", "下次走访日期"),
        "advisor_id": translate("VisitText", "救助顾问"),
    }
    return labels.get(name, name)


def local_time_text(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(SHANGHAI) if moment.tzinfo else moment
    return local.strftime("%Y-%m-%d %H:%M")


def value_text(name: str, value: Any) -> str:
    """A stored value as the form shows it ('—' for nothing)."""
    if name == "visited_at":
        text = local_time_text(value)
    elif name == "next_visit_on":
        text = value.isoformat() if value else ""
    elif name == "kind":
        text = enum_value_text(VisitKind, value)
    elif name == "needs":
        text = "、".join(enum_value_text(NeedCategory, n) for n in value or [])
    else:
        text = " ".join(str(value or "").split())
    return text or "—"


def amendment_lines(amendment: AmendmentView) -> list[str]:
    """'2026-11-24 10:30 advisor1 更正（原因：…）' then one 'field: old → new' line per change."""
    head = translate("VisitText", "%1 %2 更正（原因：%3）").replace(
        "%1", local_time_text(amendment.at)
    )
    head = head.replace("%2", amendment.by).replace("%3", amendment.reason)
    lines = [head]
    for name, new in amendment.changes.items():
        old = value_text(name, amendment.previous.get(name))
        lines.append(f"　{field_label(name)}：{old} → {value_text(name, new)}")
    return lines


def visit_heading(view: VisitView) -> str:
    """'2026-11-24 10:30 · 上门 · 草稿' for a timeline entry."""
    when = local_time_text(view.visited_at) or translate("VisitText", "时间未填")
    parts = [
        when,
        value_text("kind", view.kind) if view.kind else translate("VisitText", "方式未填"),
    ]
    if view.state == VisitState.DRAFT.value:
        parts.append(translate("VisitText", "草稿（未完成）"))
    elif view.amended:
        parts.append(translate("VisitText", "已更正 %n 次", "", len(view.amendments)))
    return " · ".join(parts)


def visit_summary(view: VisitView) -> str:
    """The timeline text of one visit: heading, situation, needs, next date, amendments."""
    lines = [visit_heading(view)]
    situation = " ".join(view.situation.split())
    if len(situation) > SUMMARY_CHARS:
        situation = situation[:SUMMARY_CHARS] + "…"
    if situation:
        lines.append(situation)
    details = []
    if view.people_met.strip():
        details.append(
            translate("VisitText", "接触：%1").replace("%1", " ".join(view.people_met.split()))
        )
    if view.needs:
        details.append(
            translate("VisitText", "需求：%1").replace("%1", value_text("needs", view.needs))
        )
    if view.next_visit_on:
        details.append(
            translate("VisitText", "下次走访：%1").replace("%1", view.next_visit_on.isoformat())
        )
    if details:
        lines.append("　".join(details))
    for amendment in view.amendments:
        lines.append("↳ " + amendment_lines(amendment)[0])
    return "\n".join(lines)
