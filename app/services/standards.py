"""Dated standards (低保标准 …) kept by an admin, and eligibility hints (政策找人) against them.

Rows an admin entered in the store win; for a kind with no stored rows the domain's reference
table (SHANGHAI_STANDARDS) is used, so a new laptop gives hints before any edit and the reference
values are never copied into every store (they would sync back as duplicates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import eligibility
from app.domain.enums import Role, StandardKind
from app.domain.errors import ValidationError
from app.models import Member, User
from app.models import Standard as StandardRow
from app.services.local_time import today
from app.services.row_writes import insert_row, live, tombstone_row, update_row
from app.store.engine import Store

SHANGHAI = "310000"


@dataclass(frozen=True)
class StandardView:
    id: str | None  # None for a reference value not stored in this store
    kind: str
    effective_from: dt.date
    amount_fen: int
    note: str


class StandardService:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def table(self, kind: str | None = None) -> list[StandardView]:
        """The standards in force by kind and date, newest first within a kind."""
        with self.store.sessions() as session:
            views = _views(session)
        if kind is not None:
            views = [v for v in views if v.kind == kind]
        return sorted(views, key=lambda v: (v.kind, -v.effective_from.toordinal()))

    def add(self, kind: str, effective_from: dt.date, amount_fen: int, note: str = "") -> str:
        _check(kind, amount_fen)
        with self.store.transaction() as session:
            self._require_admin(session)
            _check_unique(session, kind, effective_from, None)
            row = StandardRow(
                kind=kind,
                region_code=SHANGHAI,
                effective_from=effective_from,
                amount_fen=amount_fen,
                note=note.strip(),
            )
            return insert_row(session, self.actor, row)

    def update(
        self, standard_id: str, effective_from: dt.date, amount_fen: int, note: str = ""
    ) -> None:
        with self.store.transaction() as session:
            self._require_admin(session)
            row = live(session, StandardRow, standard_id, "standard")
            _check(row.kind, amount_fen)
            _check_unique(session, row.kind, effective_from, row.id)
            values = {"effective_from": effective_from, "amount_fen": amount_fen, "note": note}
            update_row(session, self.actor, row, values)

    def remove(self, standard_id: str) -> None:
        with self.store.transaction() as session:
            self._require_admin(session)
            tombstone_row(session, self.actor, live(session, StandardRow, standard_id))

    def in_force(self, kind: str, on: dt.date | None = None) -> eligibility.Standard | None:
        with self.store.sessions() as session:
            standards = domain_standards(session)
        return eligibility.standard_in_force(standards, StandardKind(kind), on or today())

    def hint(self, household_id: str, on: dt.date | None = None) -> eligibility.Hint:
        """Per-capita income of a household against the 低保 standard in force on ``on``."""
        with self.store.sessions() as session:
            income, count = household_income(session, household_id)
            standards = domain_standards(session)
        return eligibility.eligibility_hint(income, count, standards, on or today())

    def _require_admin(self, session: Session) -> None:
        role = session.execute(
            select(User.role).where(User.login == self.actor, User.deleted.is_(False))
        ).scalar_one_or_none()
        if role != Role.ADMIN.value:
            raise ValidationError.single(
                "role",
                "admin_only",
                "只有管理员可以修改救助标准，请联系管理员。",
                "Only an administrator may change standards; ask an administrator.",
            )


def _check(kind: str, amount_fen: int) -> None:
    if kind not in {k.value for k in StandardKind}:
        raise ValidationError.single(
            "kind", "choice", "请选择标准类别。", "Choose the kind of standard."
        )
    if amount_fen <= 0:
        raise ValidationError.single(
            "amount_fen",
            "positive",
            "标准金额须大于 0 元。",
            "The amount must be more than 0 yuan.",
        )


def _check_unique(session: Session, kind: str, day: dt.date, row_id: str | None) -> None:
    stmt = select(StandardRow.id).where(
        StandardRow.kind == kind,
        StandardRow.effective_from == day,
        StandardRow.deleted.is_(False),
    )
    if row_id is not None:
        stmt = stmt.where(StandardRow.id != row_id)
    if session.execute(stmt.limit(1)).first() is not None:
        raise ValidationError.single(
            "effective_from",
            "duplicate",
            f"{day.isoformat()} 起执行的该类标准已存在，请修改那一条。",
            "A standard of this kind already starts on that date; edit that one.",
        )


def _views(session: Session) -> list[StandardView]:
    rows = list(
        session.execute(select(StandardRow).where(StandardRow.deleted.is_(False))).scalars()
    )
    stored = {r.kind for r in rows}
    views = [StandardView(r.id, r.kind, r.effective_from, r.amount_fen, r.note) for r in rows]
    for ref in eligibility.SHANGHAI_STANDARDS:
        if ref.kind.value not in stored:
            views.append(
                StandardView(
                    None, ref.kind.value, ref.effective_from, ref.fen_per_person_month, ref.note
                )
            )
    return views


def domain_standards(session: Session) -> list[eligibility.Standard]:
    """The standards to apply: stored rows per kind, else the reference values of that kind."""
    return [
        eligibility.Standard(StandardKind(v.kind), v.effective_from, v.amount_fen, v.note)
        for v in _views(session)
    ]


def household_income(session: Session, household_id: str) -> tuple[int, int]:
    """(monthly income of all live members in fen, number of live members)."""
    incomes = session.execute(
        select(Member.monthly_income).where(
            Member.household_id == household_id, Member.deleted.is_(False)
        )
    ).scalars()
    total, count = 0, 0
    for income in incomes:
        count += 1
        total += sum(int(v) for v in (income or {}).values())
    return total, count
