"""What the reception desk enters for a help request (求助受理), validation, views, receipt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from app.domain.enums import HelpRequestChannel, HelpRequestState, Urgency
from app.domain.errors import Problem, ValidationError
from app.domain.names import clean_name
from app.domain.phones import normalize_phone
from app.models import HelpRequest
from app.services.local_time import local_date

DESCRIPTION_MAX = 4000
OPEN_STATES = (
    HelpRequestState.NEW.value,
    HelpRequestState.ASSIGNED.value,
    HelpRequestState.IN_PROGRESS.value,
)


@dataclass
class HelpRequestInput:
    channel: str  # HelpRequestChannel value
    requester_name: str
    description: str
    phone: str = ""
    committee_code: str | None = None
    address: str = ""
    urgency: str = Urgency.NORMAL.value
    received_at: dt.datetime | None = None  # None = now
    external_ref: str = ""  # the request's number in the online system
    notes: str = ""


@dataclass(frozen=True)
class HelpRequestView:
    id: str
    channel: str
    requester_name: str
    phone: str
    committee_code: str | None
    address: str
    description: str
    urgency: str
    received_at: dt.datetime
    received_by: str
    respond_by: dt.datetime
    state: str
    household_id: str | None
    advisor_id: str | None
    triaged_at: dt.datetime | None
    external_ref: str
    notes: str
    overdue: bool = False


@dataclass(frozen=True)
class Receipt:
    """受理回执: what the requester takes home (printed by the printing package)."""

    number: str
    received_at: dt.datetime
    channel: str
    requester_name: str
    phone: str
    description: str
    respond_by: dt.datetime
    received_by: str
    lines: list[str] = field(default_factory=list)


def _choice(problems: list[Problem], name: str, value: str, choices: set[str], zh: str) -> None:
    if value not in choices:
        problems.append(Problem(name, "choice", zh, f"Choose the {name}."))


def validate_request(data: HelpRequestInput) -> HelpRequestInput:
    problems: list[Problem] = []
    _choice(
        problems,
        "channel",
        data.channel,
        {c.value for c in HelpRequestChannel},
        "请选择受理渠道（窗口、电话、线上求助、居委转报、12345、部门推送）。",
    )
    _choice(
        problems,
        "urgency",
        data.urgency,
        {u.value for u in Urgency},
        "请选择紧急程度（紧急、较急、一般）。",
    )
    name = ""
    try:
        name = clean_name(data.requester_name, field="requester_name")
    except ValidationError as exc:
        problems.extend(exc.problems)
    phone = ""
    if data.phone.strip():
        try:
            phone = normalize_phone(data.phone)
        except ValidationError as exc:
            problems.extend(exc.problems)
    description = data.description.strip()
    if not description:
        problems.append(
            Problem(
                "description",
                "required",
                "请填写求助内容。",
                "Describe what help is asked for.",
            )
        )
    elif len(description) > DESCRIPTION_MAX:
        problems.append(
            Problem(
                "description",
                "too_long",
                f"求助内容最多 {DESCRIPTION_MAX} 个字。",
                f"The description is limited to {DESCRIPTION_MAX} characters.",
            )
        )
    if problems:
        raise ValidationError(problems)
    return replace(
        data,
        requester_name=name,
        phone=phone,
        description=description,
        address=" ".join(data.address.split()),
        committee_code=data.committee_code or None,
    )


def request_view(row: HelpRequest, today_now: dt.datetime) -> HelpRequestView:
    return HelpRequestView(
        id=row.id,
        channel=row.channel,
        requester_name=row.requester_name,
        phone=row.phone,
        committee_code=row.committee_code,
        address=row.address,
        description=row.description,
        urgency=row.urgency,
        received_at=row.received_at,
        received_by=row.received_by,
        respond_by=row.respond_by,
        state=row.state,
        household_id=row.household_id,
        advisor_id=row.advisor_id,
        triaged_at=row.triaged_at,
        external_ref=row.external_ref,
        notes=row.notes,
        overdue=row.state in OPEN_STATES and row.respond_by < today_now,
    )


def receipt_number(row: HelpRequest) -> str:
    """A short number to quote on the phone: received date and the id's last 6 hex digits."""
    return f"SL{local_date(row.received_at):%Y%m%d}-{row.id[-6:].upper()}"
