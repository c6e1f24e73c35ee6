"""Fetch what a form shows from an open store, through the services, as plain ``FormData``.

ID numbers stay masked unless ``unmasked`` is asked for: then each number printed is revealed
through ``HouseholdService.reveal_id``, which writes its own REVEAL_ID audit row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.models import Jurisdiction, ServicePlan, User
from app.printing.layout import Letterhead
from app.printing.records import (
    AssessmentRecord,
    FormData,
    FormKind,
    HouseholdPart,
    ReceiptRecord,
    ReferralRecord,
)
from app.services.assessments import AssessmentService
from app.services.help_requests import HelpRequestService
from app.services.household_records import HouseholdDetail, MemberView
from app.services.households import HouseholdService
from app.services.local_time import local_date
from app.services.plans import PlanService
from app.services.referrals import ReferralService
from app.services.resources import ResourceService
from app.services.visits import VisitService
from app.store.engine import Store


def letterhead(session: Session, committee_code: str | None) -> Letterhead:
    """District, street and committee names of a committee code (blank where unknown)."""
    names: dict[str, str] = {}
    code = committee_code
    while code and len(names) < 4:
        row = session.execute(
            select(Jurisdiction.level, Jurisdiction.name, Jurisdiction.parent_code).where(
                Jurisdiction.code == code
            )
        ).first()
        if row is None:
            break
        names.setdefault(row.level, row.name)
        code = row.parent_code
    return Letterhead(
        names.get("district", ""), names.get("street", ""), names.get("committee", "")
    )


def user_name(session: Session, *, login: str | None = None, user_id: str | None = None) -> str:
    """A user's display name with the login: 王顾问（advisor1）; the bare value if unknown."""
    if not login and not user_id:
        return ""
    column = User.login if login else User.id
    user = session.execute(select(User).where(column == (login or user_id))).scalar_one_or_none()
    if user is None:
        return login or ""
    return f"{user.display_name}（{user.login}）"


class FormSources:
    """Reads the records behind each kind of form, acting as ``actor`` (for the reveal audit)."""

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor
        self.households = HouseholdService(store, actor)

    def load(self, kind: FormKind, record_id: str, *, unmasked: bool = False) -> FormData:
        loader = {
            FormKind.HOUSEHOLD: self._household_form,
            FormKind.VISIT: self._visit,
            FormKind.ASSESSMENT: self._assessment,
            FormKind.PLAN: self._plan,
            FormKind.REFERRAL: self._referral,
            FormKind.RECEIPT: self._receipt,
        }[kind]
        return loader(record_id, unmasked)

    def printed_by(self) -> str:
        with self.store.sessions() as session:
            return user_name(session, login=self.actor) or self.actor

    # ---- one loader per kind -------------------------------------------------------------

    def _household_form(self, household_id: str, unmasked: bool) -> FormData:
        part = self._household(household_id, unmasked)
        detail = part.detail
        return FormData(
            FormKind.HOUSEHOLD,
            detail.id,
            self._letterhead(detail),
            local_date(detail.updated_at),
            part,
            None,
        )

    def _visit(self, visit_id: str, unmasked: bool) -> FormData:
        visit = VisitService(self.store, self.actor).get(visit_id)
        part = self._household(visit.household_id, unmasked)
        day = local_date(visit.visited_at or visit.updated_at)
        return FormData(FormKind.VISIT, visit.id, self._letterhead(part.detail), day, part, visit)

    def _assessment(self, assessment_id: str, unmasked: bool) -> FormData:
        service = AssessmentService(self.store, self.actor)
        view = service.get(assessment_id)
        try:
            instrument = service.instrument(view.instrument_key)
        except ValidationError:
            instrument = None
        with self.store.sessions() as session:
            assessor = user_name(session, login=view.assessor)
        part = self._household(view.household_id, unmasked)
        record = AssessmentRecord(view, instrument, assessor)
        head = self._letterhead(part.detail)
        return FormData(FormKind.ASSESSMENT, view.id, head, view.assessed_on, part, record)

    def _plan(self, plan_id: str, unmasked: bool) -> FormData:
        with self.store.sessions() as session:
            household_id = session.execute(
                select(ServicePlan.household_id).where(
                    ServicePlan.id == plan_id, ServicePlan.deleted.is_(False)
                )
            ).scalar_one_or_none()
        if household_id is None:
            raise LookupError(f"service plan {plan_id} not found")
        plan = PlanService(self.store, self.actor).get(household_id)
        if plan is None:
            raise LookupError(f"service plan {plan_id} not found")
        part = self._household(household_id, unmasked)
        day = local_date(plan.updated_at)
        return FormData(FormKind.PLAN, plan.id, self._letterhead(part.detail), day, part, plan)

    def _referral(self, referral_id: str, unmasked: bool) -> FormData:
        referral = ReferralService(self.store, self.actor).get(referral_id)
        resource = None
        if referral.resource_id:
            resource = ResourceService(self.store, self.actor).get(referral.resource_id)
        detail = self.households.get_household(referral.household_id)
        member = _member(detail, referral.member_id) or _head(detail)
        part = self._part(detail, [member] if member else [], unmasked)
        with self.store.sessions() as session:
            referrer = user_name(session, login=referral.created_by)
        record = ReferralRecord(referral, resource, member, referrer)
        day = local_date(referral.created_at)
        head = self._letterhead(detail)
        return FormData(FormKind.REFERRAL, referral.id, head, day, part, record)

    def _receipt(self, request_id: str, unmasked: bool) -> FormData:
        service = HelpRequestService(self.store, self.actor)
        request = service.get(request_id)
        receipt = service.receipt(request_id)
        with self.store.sessions() as session:
            head = letterhead(session, request.committee_code or self._actor_committee(session))
            receiver = user_name(session, login=receipt.received_by)
        if receiver:
            receipt = replace(receipt, received_by=receiver)
        record = ReceiptRecord(receipt, request)
        day = local_date(request.received_at)
        return FormData(FormKind.RECEIPT, request.id, head, day, None, record)

    # ---- shared parts --------------------------------------------------------------------

    def _household(self, household_id: str, unmasked: bool) -> HouseholdPart:
        detail = self.households.get_household(household_id)
        return self._part(detail, detail.members, unmasked)

    def _part(
        self, detail: HouseholdDetail, shown: Iterable[MemberView], unmasked: bool
    ) -> HouseholdPart:
        revealed = {}
        if unmasked:
            revealed = {m.id: self.households.reveal_id(m.id) for m in shown if m.id_number_masked}
        with self.store.sessions() as session:
            advisor = user_name(session, user_id=detail.data.advisor_id)
        return HouseholdPart(detail, advisor, revealed)

    def _letterhead(self, detail: HouseholdDetail) -> Letterhead:
        with self.store.sessions() as session:
            return letterhead(session, detail.data.committee_code)

    def _actor_committee(self, session: Session) -> str | None:
        """The first jurisdiction in the actor's scope (for a request with no committee)."""
        scope = session.execute(select(User.scope).where(User.login == self.actor)).scalar()
        return scope[0] if scope else None


def _member(detail: HouseholdDetail, member_id: str | None) -> MemberView | None:
    return next((m for m in detail.members if m.id == member_id), None)


def _head(detail: HouseholdDetail) -> MemberView | None:
    return next((m for m in detail.members if m.relation_to_head == "self"), None)


__all__ = ["FormSources", "letterhead", "user_name"]
