"""Which finalised forms belong in the archive of a period (and committee), in a fixed order.

Finalised means: a visit marked 已完成; every stored assessment (only complete ones are stored);
the household's plan last changed in the period; a referral that left 草稿; a help request's
受理回执. Drafts never go to the archive.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import ReferralState, VisitState
from app.models import Assessment, HelpRequest, Household, Referral, ServicePlan, Visit
from app.printing.records import FormKind
from app.services.local_time import start_of_day

ORDER = (FormKind.VISIT, FormKind.ASSESSMENT, FormKind.PLAN, FormKind.REFERRAL, FormKind.RECEIPT)
Listed = tuple[FormKind, str]


def _household_forms(
    session: Session, model: Any, kind: FormKind, column: Any, condition: Any, committee: str | None
) -> list[tuple[FormKind, Any, str]]:
    stmt = (
        select(column, model.id)
        .join(Household, Household.id == model.household_id)
        .where(condition, model.deleted.is_(False), Household.deleted.is_(False))
    )
    if committee:
        stmt = stmt.where(Household.committee_code == committee)
    return [(kind, when, record_id) for when, record_id in session.execute(stmt)]


def finalised_forms(
    session: Session, date_from: dt.date, date_to: dt.date, committee: str | None = None
) -> list[Listed]:
    """(kind, id) of every finalised form of the period, by kind, then date, then id."""
    start, end = start_of_day(date_from), start_of_day(date_to + dt.timedelta(days=1))

    def within(column: Any) -> Any:
        return (column >= start) & (column < end)

    household_forms = (
        (
            Visit,
            FormKind.VISIT,
            Visit.visited_at,
            within(Visit.visited_at) & (Visit.state == VisitState.FINAL.value),
        ),
        (
            Assessment,
            FormKind.ASSESSMENT,
            Assessment.assessed_on,
            Assessment.assessed_on.between(date_from, date_to),
        ),
        (ServicePlan, FormKind.PLAN, ServicePlan.updated_at, within(ServicePlan.updated_at)),
        (
            Referral,
            FormKind.REFERRAL,
            Referral.created_at,
            within(Referral.created_at) & (Referral.state != ReferralState.DRAFT.value),
        ),
    )
    found = [
        row
        for model, kind, column, condition in household_forms
        for row in _household_forms(session, model, kind, column, condition, committee)
    ]
    found += _requests(session, within(HelpRequest.received_at), committee)
    found.sort(key=lambda item: (ORDER.index(item[0]), _sortable(item[1]), item[2]))
    return [(kind, record_id) for kind, _, record_id in found]


def _requests(
    session: Session, condition: Any, committee: str | None
) -> list[tuple[FormKind, Any, str]]:
    stmt = select(HelpRequest.received_at, HelpRequest.id).where(
        condition, HelpRequest.deleted.is_(False)
    )
    if committee:
        stmt = stmt.where(HelpRequest.committee_code == committee)
    return [(FormKind.RECEIPT, when, record_id) for when, record_id in session.execute(stmt)]


def _sortable(when: dt.date | dt.datetime) -> str:
    """Dates and moments compared as ISO text (moments are stored in UTC)."""
    return when.isoformat()
