"""求助受理 use cases for the reception desk: receive a request with its response deadline, keep
the queue, triage (link to a household, with duplicate suggestions, or register a new one, and
assign an advisor), move it to done, and give a receipt."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import DiscoverySource, HelpRequestChannel, HelpRequestState
from app.domain.errors import ValidationError
from app.models import HelpRequest, Household, User
from app.services.duplicates import HouseholdCandidate, suggest_households
from app.services.help_request_records import (
    OPEN_STATES,
    HelpRequestInput,
    HelpRequestView,
    Receipt,
    receipt_number,
    request_view,
    validate_request,
)
from app.services.household_checks import check_committee
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.services.intake_deadlines import respond_by
from app.services.local_time import aware, now
from app.services.online_requests import OnlineImportResult, import_online_requests
from app.services.row_writes import insert_row, live, update_row
from app.store.engine import Store

DISCOVERY = {
    HelpRequestChannel.WINDOW: DiscoverySource.WALK_IN,
    HelpRequestChannel.PHONE: DiscoverySource.WALK_IN,
    HelpRequestChannel.ONLINE: DiscoverySource.ONLINE_REQUEST,
    HelpRequestChannel.COMMITTEE: DiscoverySource.COMMITTEE_REPORT,
    HelpRequestChannel.HOTLINE_12345: DiscoverySource.DEPARTMENT_PUSH,
    HelpRequestChannel.DEPARTMENT: DiscoverySource.DEPARTMENT_PUSH,
}
STATE_ORDER = {s: i for i, s in enumerate(HelpRequestState)}


class HelpRequestService:
    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    def receive(self, data: HelpRequestInput) -> str:
        """Register a request; its response deadline follows from channel and urgency."""
        clean = validate_request(data)
        received = aware(clean.received_at) if clean.received_at else now()
        with self.store.transaction() as session:
            if clean.committee_code:
                check_committee(session, clean.committee_code)
            values = asdict(clean) | {"received_at": received}
            row = HelpRequest(
                **values,
                received_by=self.actor,
                respond_by=respond_by(clean.channel, clean.urgency, received),
                state=HelpRequestState.NEW.value,
            )
            return insert_row(session, self.actor, row)

    def queue(
        self,
        *,
        open_only: bool = True,
        channel: str | None = None,
        committee_code: str | None = None,
        advisor_id: str | None = None,
    ) -> list[HelpRequestView]:
        """Requests by response deadline, earliest (and overdue) first."""
        stmt = select(HelpRequest).where(HelpRequest.deleted.is_(False))
        if open_only:
            stmt = stmt.where(HelpRequest.state.in_(OPEN_STATES))
        if channel:
            stmt = stmt.where(HelpRequest.channel == channel)
        if committee_code:
            stmt = stmt.where(HelpRequest.committee_code == committee_code)
        if advisor_id:
            stmt = stmt.where(HelpRequest.advisor_id == advisor_id)
        moment = now()
        with self.store.sessions() as session:
            rows = session.execute(stmt.order_by(HelpRequest.respond_by)).scalars()
            return [request_view(r, moment) for r in rows]

    def get(self, request_id: str) -> HelpRequestView:
        with self.store.sessions() as session:
            return request_view(live(session, HelpRequest, request_id, "help request"), now())

    def suggestions(self, request_id: str) -> list[HouseholdCandidate]:
        """Households that may be the requester's (same phone, name, or close address)."""
        with self.store.sessions() as session:
            row = live(session, HelpRequest, request_id, "help request")
            return suggest_households(
                session, row.requester_name, phone=row.phone, address=row.address
            )

    def link(self, request_id: str, household_id: str, advisor_id: str | None = None) -> None:
        """Triage to an existing household; the advisor defaults to the household's advisor."""
        with self.store.transaction() as session:
            row = self._open(session, request_id)
            household = live(session, Household, household_id, "household")
            advisor = advisor_id or household.advisor_id
            _check_advisor(session, advisor)
            values = {
                "household_id": household_id,
                "advisor_id": advisor,
                "triaged_at": now(),
                "state": HelpRequestState.ASSIGNED.value if advisor else row.state,
            }
            update_row(session, self.actor, row, values, step="triage")

    def register_household(
        self,
        request_id: str,
        household: HouseholdInput,
        members: list[MemberInput],
        advisor_id: str | None = None,
    ) -> str:
        """Triage by registering a new household (checked and saved by the household service),
        then linking the request to it. Two transactions: the household stands on its own."""
        view = self.get(request_id)
        if view.state not in OPEN_STATES:
            raise _closed_error()
        source = DISCOVERY[HelpRequestChannel(view.channel)].value
        data = HouseholdInput(**{**asdict(household), "discovery_source": source})
        if advisor_id:
            data.advisor_id = advisor_id
        household_id = HouseholdService(self.store, self.actor).create_household(data, members)
        self.link(request_id, household_id, advisor_id)
        return household_id

    def assign(self, request_id: str, advisor_id: str) -> None:
        with self.store.transaction() as session:
            row = self._open(session, request_id)
            _check_advisor(session, advisor_id)
            values = {"advisor_id": advisor_id, "state": HelpRequestState.ASSIGNED.value}
            update_row(session, self.actor, row, values, step="assign")

    def set_state(self, request_id: str, state: str, note: str = "") -> None:
        """Move to 处理中, 已办结 or 已撤销 (a note is appended to the request's notes)."""
        target = HelpRequestState(state)
        with self.store.transaction() as session:
            row = self._open(session, request_id)
            values: dict[str, object] = {"state": target.value}
            if note.strip():
                stamp = now().strftime("%Y-%m-%d %H:%M")
                values["notes"] = (row.notes + "\n" if row.notes else "") + f"[{stamp}] {note}"
            update_row(session, self.actor, row, values, step="state")

    def import_online_requests(self, path: Path) -> OnlineImportResult:
        """Requests from an online platform's CSV/xlsx export; ones already queued are skipped."""
        return import_online_requests(self.store, path, self.actor)

    def receipt(self, request_id: str) -> Receipt:
        with self.store.sessions() as session:
            row = live(session, HelpRequest, request_id, "help request")
            return Receipt(
                number=receipt_number(row),
                received_at=row.received_at,
                channel=row.channel,
                requester_name=row.requester_name,
                phone=row.phone,
                description=row.description,
                respond_by=row.respond_by,
                received_by=row.received_by,
            )

    def _open(self, session: Session, request_id: str) -> HelpRequest:
        row: HelpRequest = live(session, HelpRequest, request_id, "help request")
        if row.state not in OPEN_STATES:
            raise _closed_error()
        return row


def _check_advisor(session: Session, advisor_id: str | None) -> None:
    if advisor_id is None:
        return
    found = session.get(User, advisor_id)
    if found is None or found.deleted:
        raise ValidationError.single(
            "advisor_id", "unknown", "所选救助顾问不存在。", "The chosen advisor is unknown."
        )


def _closed_error() -> ValidationError:
    return ValidationError.single(
        "state",
        "closed",
        "该求助已办结或已撤销，不能再分派。",
        "This request is closed or cancelled; it cannot be triaged.",
    )
