"""走访记录 use cases: autosaved drafts, finalising, amendments, the household's timeline.

Drafts are local work: ``save_draft`` writes only the draft row, in its own short transaction, so
a crash or power cut loses at most the seconds since the last autosave. Drafts go to neither the
outbox nor the audit log (they would flood both every few seconds and are never shared). A visit
enters the outbox and the audit log when it is finalised, as one whole row; a correction after
that is an amendment row (also synced and audited) that keeps the original text.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction, HardshipLevel, HouseholdStatus, VisitState
from app.domain.errors import ValidationError
from app.domain.visit_schedule import Interval, next_visit_due
from app.models import Household, Visit, VisitAmendment
from app.services import audit
from app.services.local_time import local_date, now
from app.services.outbox import enqueue, wire_value
from app.services.row_writes import data_fields, insert_row, live, update_row
from app.services.visit_records import (
    VISIT_FIELDS,
    VisitView,
    clean_fields,
    coerce,
    validate_visit,
    values_of,
    visit_view,
)
from app.services.workflow_settings import save_visit_frequencies, visit_frequencies
from app.store.engine import Store


class VisitService:
    """Visits of one store, written as ``actor`` (a user login)."""

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    # ---- drafts --------------------------------------------------------------------------

    def save_draft(self, visit_id: str | None, fields: Mapping[str, Any]) -> str:
        """Autosave the form: create a draft (``fields`` must hold ``household_id``) or update it.

        Content is not validated (a draft may be half typed); unknown field names are refused."""
        values = dict(fields)
        household_id = values.pop("household_id", None)
        clean = clean_fields(values)
        with self.store.transaction() as session:
            if visit_id is None:
                if not household_id:
                    raise ValueError("a new draft needs the household_id")
                live(session, Household, str(household_id), "household")
                visit = Visit(
                    household_id=household_id,
                    state=VisitState.DRAFT.value,
                    created_by=self.actor,
                    updated_by=self.actor,
                    **clean,
                )
                session.add(visit)
                session.flush()
                return visit.id
            visit = self._draft(session, visit_id)
            for name, value in clean.items():
                setattr(visit, name, value)
            visit.updated_by = self.actor
            return visit.id

    def open_drafts(self, *, mine_only: bool = True) -> list[VisitView]:
        """Drafts left open (after a crash too), newest first."""
        stmt = select(Visit).where(Visit.state == VisitState.DRAFT.value, Visit.deleted.is_(False))
        if mine_only:
            stmt = stmt.where(Visit.created_by == self.actor)
        with self.store.sessions() as session:
            rows = session.execute(stmt.order_by(Visit.updated_at.desc())).scalars()
            return [visit_view(v, []) for v in rows]

    def discard_draft(self, visit_id: str) -> None:
        """Throw a draft away (it was never shared, so it leaves no tombstone)."""
        with self.store.transaction() as session:
            self._draft(session, visit_id)
            session.execute(delete(Visit).where(Visit.id == visit_id))

    # ---- finalising and amending ---------------------------------------------------------

    def finalise(self, visit_id: str) -> VisitView:
        """Validate the draft and make it a finished visit: outbox, audit, next visit due."""
        with self.store.transaction() as session:
            visit = self._draft(session, visit_id)
            values = values_of(visit)
            validate_visit(values)
            if visit.advisor_id is None:
                visit.advisor_id = _household_advisor(session, visit.household_id)
            visit.state = VisitState.FINAL.value
            visit.finalised_at = now()
            visit.updated_by = self.actor
            session.flush()
            enqueue(session, "visit", visit.id, data_fields(visit), 0)
            audit.record(
                session,
                self.actor,
                AuditAction.CREATE,
                "visit",
                visit.id,
                household_id=visit.household_id,
            )
            refresh_next_visit(session, self.actor, visit.household_id)
            return visit_view(visit, [])

    def amend(self, visit_id: str, changes: Mapping[str, Any], reason: str) -> str:
        """Correct a finalised visit; the original stays. Returns the amendment id."""
        clean = clean_fields(dict(changes))
        if not reason.strip():
            raise ValidationError.single(
                "reason",
                "required",
                "请填写更正原因。",
                "Give the reason for the correction.",
            )
        with self.store.transaction() as session:
            visit = live(session, Visit, visit_id, "visit")
            if visit.state != VisitState.FINAL.value:
                raise ValueError("only a finalised visit is amended; edit the draft instead")
            current = visit_view(visit, amendments_of(session, [visit_id])[visit_id])
            before = {name: getattr(current, name) for name in VISIT_FIELDS}
            changed = {k: v for k, v in clean.items() if before[k] != v}
            if not changed:
                raise ValidationError.single(
                    "changes", "unchanged", "没有需要更正的内容。", "Nothing was changed."
                )
            validate_visit({**before, **changed})
            amendment = VisitAmendment(
                visit_id=visit_id,
                changes={k: wire_value(v) for k, v in changed.items()},
                previous={k: wire_value(before[k]) for k in changed},
                reason=reason.strip(),
            )
            insert_row(session, self.actor, amendment, household_id=visit.household_id)
            if {"visited_at", "next_visit_on"} & changed.keys():
                refresh_next_visit(session, self.actor, visit.household_id)
            return amendment.id

    def set_frequencies(self, values: Mapping[str, str]) -> int:
        """Store new visit frequencies by 困境等级 and move the due dates they change."""
        save_visit_frequencies(self.store, self.actor, values)
        return recompute_next_visits(self.store, self.actor)

    # ---- reading -------------------------------------------------------------------------

    def get(self, visit_id: str) -> VisitView:
        with self.store.sessions() as session:
            visit = live(session, Visit, visit_id, "visit")
            return visit_view(visit, amendments_of(session, [visit_id])[visit_id])

    def timeline(self, household_id: str, *, include_drafts: bool = True) -> list[VisitView]:
        """The household's visits newest first, each with its amendments (oldest first)."""
        stmt = select(Visit).where(Visit.household_id == household_id, Visit.deleted.is_(False))
        if not include_drafts:
            stmt = stmt.where(Visit.state == VisitState.FINAL.value)
        with self.store.sessions() as session:
            visits = list(session.execute(stmt).scalars())
            amendments = amendments_of(session, [v.id for v in visits])
            views = [visit_view(v, amendments[v.id]) for v in visits]
        return sorted(views, key=_timeline_key, reverse=True)

    @staticmethod
    def _draft(session: Session, visit_id: str) -> Visit:
        visit: Visit = live(session, Visit, visit_id, "visit")
        if visit.state != VisitState.DRAFT.value:
            raise ValueError(f"visit {visit_id} is finalised; correct it with an amendment")
        return visit


def _timeline_key(view: VisitView) -> tuple[dt.datetime, str]:
    return (view.visited_at or view.updated_at, view.id)


def amendments_of(session: Session, visit_ids: list[str]) -> dict[str, list[VisitAmendment]]:
    found: dict[str, list[VisitAmendment]] = defaultdict(list)
    if not visit_ids:
        return found
    rows = session.execute(
        select(VisitAmendment)
        .where(VisitAmendment.visit_id.in_(visit_ids), VisitAmendment.deleted.is_(False))
        .order_by(VisitAmendment.created_at, VisitAmendment.id)
    ).scalars()
    for row in rows:
        found[row.visit_id].append(row)
    return found


def _household_advisor(session: Session, household_id: str) -> str | None:
    household = session.get(Household, household_id)
    return household.advisor_id if household is not None else None


def last_visits(
    session: Session, household_ids: list[str]
) -> dict[str, tuple[dt.date, dt.date | None]]:
    """Per household: (date of the latest finalised visit, next date agreed in it), amended."""
    visits = session.execute(
        select(Visit.id, Visit.household_id, Visit.visited_at, Visit.next_visit_on).where(
            Visit.household_id.in_(household_ids),
            Visit.state == VisitState.FINAL.value,
            Visit.deleted.is_(False),
        )
    ).all()
    changes: dict[str, dict[str, object]] = defaultdict(dict)
    for visit_id, fields in session.execute(
        select(VisitAmendment.visit_id, VisitAmendment.changes)
        .where(VisitAmendment.visit_id.in_([v.id for v in visits]))
        .order_by(VisitAmendment.created_at)
    ):
        changes[visit_id].update({k: coerce(k, v) for k, v in fields.items()})
    latest: dict[str, tuple[dt.datetime, dt.date | None]] = {}
    for visit_id, household_id, visited_at, next_on in visits:
        amended = changes.get(visit_id, {})
        at = amended.get("visited_at", visited_at)
        agreed = amended.get("next_visit_on", next_on)
        if isinstance(at, dt.datetime) and (
            household_id not in latest or at > latest[household_id][0]
        ):
            latest[household_id] = (at, agreed if isinstance(agreed, dt.date) else None)
    return {h: (local_date(at), agreed) for h, (at, agreed) in latest.items()}


def visit_due(
    household: Household,
    last: tuple[dt.date, dt.date | None] | None,
    frequencies: dict[HardshipLevel, Interval],
) -> dt.date:
    level = HardshipLevel(household.hardship_level) if household.hardship_level else None
    visited, agreed = last if last is not None else (None, None)
    registered = local_date(household.created_at)
    return next_visit_due(visited, level, frequencies, registered_on=registered, agreed=agreed)


def refresh_next_visit(session: Session, actor: str, household_id: str) -> None:
    """Recompute household.next_visit_due from its last visit, 困境等级 and the frequencies."""
    household: Household = live(session, Household, household_id, "household")
    due = visit_due(
        household,
        last_visits(session, [household_id]).get(household_id),
        visit_frequencies(session),
    )
    update_row(session, actor, household, {"next_visit_due": due})


def recompute_next_visits(store: Store, actor: str, batch: int = 500) -> int:
    """After the frequencies change: bring every active household's due date up to date (only
    the ones that change are written). Returns how many changed."""
    changed = 0
    with store.transaction() as session:
        frequencies = visit_frequencies(session)
        ids = list(
            session.execute(
                select(Household.id).where(
                    Household.deleted.is_(False), Household.status == HouseholdStatus.ACTIVE.value
                )
            ).scalars()
        )
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            last = last_visits(session, chunk)
            for household in session.execute(
                select(Household).where(Household.id.in_(chunk))
            ).scalars():
                due = visit_due(household, last.get(household.id), frequencies)
                changed += bool(update_row(session, actor, household, {"next_visit_due": due}))
    return changed


__all__ = [
    "VisitService",
    "VisitView",
    "amendments_of",
    "coerce",
    "last_visits",
    "recompute_next_visits",
    "refresh_next_visit",
    "visit_due",
]
