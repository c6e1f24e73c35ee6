"""The dashboard as an xlsx workbook (one sheet per table), audited as an export."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.domain.enums import (
    AuditAction,
    HardshipLevel,
    HouseholdCategory,
    ReferralState,
    ResourceCategory,
)
from app.services import audit
from app.services.dashboard import NO_LEVEL, CommitteeStats, Dashboard
from app.store.engine import Store

OVERVIEW = (
    ("居委代码", "code"),
    ("居委", "name"),
    ("在册户数", "households"),
    ("本月走访次数", "visits_this_month"),
    ("本月已走访户数", "visited_this_month"),
    ("本月仍应走访户数", "due_this_month"),
    ("逾期走访", "overdue_visits"),
    ("逾期方案回顾", "overdue_plan_reviews"),
    ("逾期转介跟进", "overdue_referrals"),
    ("逾期求助响应", "overdue_intake"),
    ("逾期任务合计", "overdue_tasks"),
)


def _label(
    enum: type[HardshipLevel | HouseholdCategory | ReferralState | ResourceCategory], code: str
) -> str:
    return next((m.label for m in enum if m.value == code), code)


def _rows(dashboard: Dashboard) -> list[CommitteeStats]:
    return [*dashboard.committees, dashboard.total()]


def export_dashboard(store: Store, actor: str, dashboard: Dashboard, path: Path) -> Path:
    """Write the dashboard to ``path`` (.xlsx); the export is written to the audit log."""
    book = Workbook(write_only=True)
    overview = book.create_sheet("概览")
    overview.append(
        [f"统计日期 {dashboard.on.isoformat()}，本月自 {dashboard.month_start.isoformat()}"]
    )
    overview.append([title for title, _ in OVERVIEW])
    for stats in _rows(dashboard):
        overview.append([getattr(stats, name) for _, name in OVERVIEW])
    _matrix(book, "救助类别", dashboard, "by_category", HouseholdCategory)
    levels = [m.value for m in HardshipLevel] + [NO_LEVEL]
    sheet = book.create_sheet("困境等级")
    sheet.append(
        ["居委", *[_label(HardshipLevel, c) if c != NO_LEVEL else "未评估" for c in levels]]
    )
    for stats in _rows(dashboard):
        sheet.append([stats.name, *[stats.by_level.get(c, 0) for c in levels]])
    _matrix(book, "转介状态", dashboard, "referrals_by_state", ReferralState)
    sheet = book.create_sheet("转介资源类别")
    categories = [m.value for m in ResourceCategory]
    sheet.append(["转介状态", *[m.label for m in ResourceCategory]])
    for state, counts in dashboard.referrals_by_category.items():
        sheet.append([_label(ReferralState, state), *[counts.get(c, 0) for c in categories]])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    with store.transaction() as session:
        audit.record(session, actor, AuditAction.EXPORT, "dashboard", "", file=path.name)
    return path


def _matrix(
    book: Workbook,
    title: str,
    dashboard: Dashboard,
    attribute: str,
    enum: type[HouseholdCategory | ReferralState],
) -> None:
    sheet = book.create_sheet(title)
    codes = [m.value for m in enum]
    sheet.append(["居委", *[m.label for m in enum]])
    for stats in _rows(dashboard):
        counts = getattr(stats, attribute)
        sheet.append([stats.name, *[counts.get(c, 0) for c in codes]])
