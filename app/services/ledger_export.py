"""Exports for Excel: households, members, visits, referrals as .xlsx or .csv (UTF-8 with BOM, so
Excel opens the Chinese correctly). ID numbers are masked unless ``full_ids``; every export is
written to the audit log. The members export uses the ledger headers, so it imports back."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import (
    AuditAction,
    HardshipLevel,
    HouseholdCategory,
    HouseholdStatus,
    LabelledEnum,
    NeedCategory,
    ReferralState,
    RelationToHead,
    ServiceLevel,
    Sex,
    Urgency,
    VisitKind,
)
from app.domain.id_numbers import mask_id
from app.models import Household, LedgerKey, Member, Referral, Resource, Visit
from app.services import audit
from app.services.coverage import committee_names
from app.services.local_time import SHANGHAI
from app.services.visit_records import visit_view
from app.services.visits import amendments_of
from app.store.engine import Store

KINDS = ("households", "members", "visits", "referrals")
Row = list[Any]


def label(enum: type[LabelledEnum], code: str | None) -> str:
    if not code:
        return ""
    return next((m.label for m in enum if m.value == code), code)


def labels(enum: type[LabelledEnum], codes: Iterable[str]) -> str:
    return "、".join(label(enum, c) for c in codes)


def export(
    store: Store,
    kind: str,
    path: Path,
    *,
    actor: str = "export",
    committee: str | None = None,
    full_ids: bool = False,
) -> int:
    """Write one export to ``path`` (.xlsx or .csv); returns the number of data rows."""
    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}; one of {', '.join(KINDS)}")
    path = Path(path)
    with store.sessions() as session:
        names = committee_names(session)
        header, rows = _TABLES[kind](session, names, committee, full_ids)
        count = _write(path, header, rows)
    with store.transaction() as session:
        audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            kind,
            "",
            file=path.name,
            rows=count,
            full_ids=full_ids,
        )
    return count


def _write(path: Path, header: Row, rows: Iterator[Row]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    if path.suffix.lower() == ".xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(path.stem[:31] or "export")
        sheet.append(header)
        for row in rows:
            sheet.append(row)
            count += 1
        book.save(path)
        return count
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _live_households(session: Session, committee: str | None) -> Any:
    stmt = select(Household).where(Household.deleted.is_(False))
    if committee:
        stmt = stmt.where(Household.committee_code == committee)
    return stmt


def _households(
    session: Session, names: dict[str, str], committee: str | None, full_ids: bool
) -> tuple[Row, Iterator[Row]]:
    header = [
        "户编号",
        "户主姓名",
        "所属居委",
        "家庭住址",
        "联系电话",
        "救助类别",
        "人数",
        "状态",
        "困境等级",
        "服务层级",
        "下次走访日期",
    ]
    stmt = _live_households(session, committee).order_by(
        Household.committee_code, Household.head_name_sort
    )
    keys = _ledger_keys(session)

    def rows() -> Iterator[Row]:
        for h in session.execute(stmt).scalars():
            yield [
                keys.get(h.id, h.id),
                h.head_name,
                names.get(h.committee_code, h.committee_code),
                h.address,
                h.phone,
                labels(HouseholdCategory, h.categories),
                h.member_count,
                label(HouseholdStatus, h.status),
                label(HardshipLevel, h.hardship_level),
                label(ServiceLevel, h.service_level),
                h.next_visit_due.isoformat() if h.next_visit_due else "",
            ]

    return header, rows()


def _members(
    session: Session, names: dict[str, str], committee: str | None, full_ids: bool
) -> tuple[Row, Iterator[Row]]:
    header = [
        "户编号",
        "姓名",
        "与户主关系",
        "身份证号码",
        "性别",
        "出生日期",
        "联系电话",
        "家庭住址",
        "所属居委",
        "救助类别",
    ]
    stmt = (
        select(Member, Household)
        .join(Household, Household.id == Member.household_id)
        .where(Member.deleted.is_(False), Household.deleted.is_(False))
        .order_by(
            Household.committee_code,
            Household.head_name_sort,
            Household.id,
            Member.relation_to_head != "self",
            Member.created_at,
        )
    )
    if committee:
        stmt = stmt.where(Household.committee_code == committee)
    keys = _ledger_keys(session)
    shown: Callable[[str], str] = (lambda n: n) if full_ids else (lambda n: mask_id(n) if n else "")

    def rows() -> Iterator[Row]:
        for m, h in session.execute(stmt):
            yield [
                keys.get(h.id, h.id),
                m.name,
                label(RelationToHead, m.relation_to_head),
                shown(m.id_number),
                label(Sex, m.sex),
                m.birth_date.isoformat() if m.birth_date else "",
                m.phone,
                h.address,
                names.get(h.committee_code, h.committee_code),
                labels(HouseholdCategory, h.categories),
            ]

    return header, rows()


def _visits(
    session: Session, names: dict[str, str], committee: str | None, full_ids: bool
) -> tuple[Row, Iterator[Row]]:
    header = [
        "走访编号",
        "户主姓名",
        "所属居委",
        "家庭住址",
        "走访时间",
        "方式",
        "见到的人",
        "观察到的情况",
        "发现的需求",
        "建议",
        "约定事项",
        "下次走访日期",
        "记录人",
        "已更正",
    ]
    stmt = (
        select(Visit, Household)
        .join(Household, Household.id == Visit.household_id)
        .where(Visit.deleted.is_(False), Visit.state == "final", Household.deleted.is_(False))
        .order_by(Visit.visited_at)
    )
    if committee:
        stmt = stmt.where(Household.committee_code == committee)

    def rows() -> Iterator[Row]:
        found = list(session.execute(stmt))
        amendments = amendments_of(session, [v.id for v, _ in found])
        for v, h in found:
            view = visit_view(v, amendments[v.id])
            at = (
                view.visited_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
                if view.visited_at
                else ""
            )
            yield [
                v.id,
                h.head_name,
                names.get(h.committee_code, h.committee_code),
                h.address,
                at,
                label(VisitKind, view.kind),
                view.people_met,
                view.situation,
                labels(NeedCategory, view.needs),
                view.advice,
                view.agreed_actions,
                view.next_visit_on.isoformat() if view.next_visit_on else "",
                v.created_by,
                "是" if view.amended else "",
            ]

    return header, rows()


def _referrals(
    session: Session, names: dict[str, str], committee: str | None, full_ids: bool
) -> tuple[Row, Iterator[Row]]:
    header = [
        "转介编号",
        "户主姓名",
        "所属居委",
        "需求类别",
        "资源",
        "原因",
        "紧急程度",
        "状态",
        "状态日期",
        "跟进期限",
        "结果",
        "转介人",
    ]
    stmt = (
        select(Referral, Household, Resource.name)
        .join(Household, Household.id == Referral.household_id)
        .outerjoin(Resource, Resource.id == Referral.resource_id)
        .where(Referral.deleted.is_(False), Household.deleted.is_(False))
        .order_by(Referral.created_at)
    )
    if committee:
        stmt = stmt.where(Household.committee_code == committee)

    def rows() -> Iterator[Row]:
        for r, h, resource in session.execute(stmt):
            yield [
                r.id,
                h.head_name,
                names.get(h.committee_code, h.committee_code),
                label(NeedCategory, r.need_category),
                resource or "",
                r.reason,
                label(Urgency, r.urgency),
                label(ReferralState, r.state),
                r.state_changed_at.astimezone(SHANGHAI).date().isoformat(),
                r.follow_up_on.isoformat() if r.follow_up_on else "",
                r.outcome,
                r.created_by,
            ]

    return header, rows()


def _ledger_keys(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(LedgerKey.household_id, LedgerKey.key).where(LedgerKey.deleted.is_(False))
    )
    return {household_id: key for household_id, key in rows}


_TABLES: dict[
    str, Callable[[Session, dict[str, str], str | None, bool], tuple[Row, Iterator[Row]]]
] = {
    "households": _households,
    "members": _members,
    "visits": _visits,
    "referrals": _referrals,
}
