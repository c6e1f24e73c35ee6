"""Visit fields, their validation for finalising, and the read-only views the service returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.domain.enums import NeedCategory, VisitKind
from app.domain.errors import Problem, ValidationError
from app.models import Visit, VisitAmendment
from app.services.local_time import aware, local_date, now

# Fields the form edits (and an amendment may correct).
VISIT_FIELDS = (
    "visited_at",
    "kind",
    "people_met",
    "situation",
    "needs",
    "advice",
    "agreed_actions",
    "next_visit_on",
    "advisor_id",
)
TEXT_MAX = 4000
FUTURE_SLACK = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class AmendmentView:
    id: str
    at: dt.datetime
    by: str
    reason: str
    changes: dict[str, Any]  # field -> new value
    previous: dict[str, Any]  # field -> value it replaced


@dataclass(frozen=True)
class VisitView:
    """A visit as it reads now (amendments applied); ``original`` is the finalised text."""

    id: str
    household_id: str
    state: str
    advisor_id: str | None
    visited_at: dt.datetime | None
    kind: str | None
    people_met: str
    situation: str
    needs: list[str]
    advice: str
    agreed_actions: str
    next_visit_on: dt.date | None
    created_by: str
    updated_at: dt.datetime
    finalised_at: dt.datetime | None
    original: dict[str, Any] = field(default_factory=dict)
    amendments: list[AmendmentView] = field(default_factory=list)

    @property
    def amended(self) -> bool:
        return bool(self.amendments)


def coerce(name: str, value: Any) -> Any:
    """A form or wire value in the column's Python type (ISO text for times and dates)."""
    if name == "visited_at" and value is not None:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        return aware(moment)
    if name == "next_visit_on":
        if isinstance(value, str):
            return dt.date.fromisoformat(value) if value else None
        return value
    if name == "needs":
        return list(value or [])
    if name in ("kind", "advisor_id"):
        return value or None
    return "" if value is None else value


def clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise ValueError(f"unknown visit fields: {sorted(unknown)}")
    return {name: coerce(name, value) for name, value in fields.items()}


def values_of(visit: Visit) -> dict[str, Any]:
    return {name: getattr(visit, name) for name in VISIT_FIELDS}


def _required(problems: list[Problem], values: dict[str, Any]) -> None:
    if values["visited_at"] is None:
        problems.append(
            Problem("visited_at", "required", "请填写走访时间。", "Enter the time of the visit.")
        )
    elif values["visited_at"] > now() + FUTURE_SLACK:
        problems.append(
            Problem(
                "visited_at",
                "future",
                "走访时间不能晚于现在，请核对。",
                "The visit time cannot be in the future.",
            )
        )
    if values["kind"] not in {k.value for k in VisitKind}:
        problems.append(
            Problem(
                "kind",
                "choice",
                "请选择走访方式（上门、电话、来访或线上）。",
                "Choose how the visit was made (home, phone, walk-in or online).",
            )
        )
    if not str(values["situation"]).strip():
        problems.append(
            Problem(
                "situation",
                "required",
                "请填写观察到的情况。",
                "Describe the situation you observed.",
            )
        )


def validate_visit(values: dict[str, Any]) -> None:
    """Raise ValidationError with every problem that stops a visit being finalised."""
    problems: list[Problem] = []
    _required(problems, values)
    known = {n.value for n in NeedCategory}
    for need in values["needs"]:
        if need not in known:
            problems.append(
                Problem(
                    "needs",
                    "choice",
                    f"需求类别「{need}」无效，请从列表中选择。",
                    f"Need category {need!r} is unknown; choose from the list.",
                )
            )
    for name in ("people_met", "situation", "advice", "agreed_actions"):
        if len(str(values[name])) > TEXT_MAX:
            problems.append(
                Problem(
                    name,
                    "too_long",
                    f"该栏最多 {TEXT_MAX} 个字，请精简。",
                    f"This field is limited to {TEXT_MAX} characters.",
                )
            )
    next_on, visited = values["next_visit_on"], values["visited_at"]
    if next_on is not None and visited is not None and next_on <= local_date(visited):
        problems.append(
            Problem(
                "next_visit_on",
                "not_after_visit",
                "下次走访日期须晚于本次走访日期。",
                "The next visit date must be after this visit.",
            )
        )
    if problems:
        raise ValidationError(problems)


def amendment_view(row: VisitAmendment) -> AmendmentView:
    return AmendmentView(
        id=row.id,
        at=row.created_at,
        by=row.created_by,
        reason=row.reason,
        changes={k: coerce(k, v) for k, v in row.changes.items()},
        previous={k: coerce(k, v) for k, v in row.previous.items()},
    )


def visit_view(visit: Visit, amendments: list[VisitAmendment]) -> VisitView:
    """The visit with its amendments applied in order (oldest first)."""
    views = [amendment_view(a) for a in amendments]
    values = values_of(visit)
    original = dict(values) if views else {}
    for view in views:
        values.update(view.changes)
    return VisitView(
        id=visit.id,
        household_id=visit.household_id,
        state=visit.state,
        created_by=visit.created_by,
        updated_at=visit.updated_at,
        finalised_at=visit.finalised_at,
        original=original,
        amendments=views,
        **values,
    )
