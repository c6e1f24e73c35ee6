"""The view of a stored assessment, with its result rebuilt exactly as it was scored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.enums import HardshipLevel, NeedCategory, ServiceLevel, Tier
from app.domain.scoring import AssessmentResult
from app.models import Assessment


@dataclass(frozen=True)
class AssessmentView:
    id: str
    household_id: str
    member_id: str | None
    assessed_on: dt.date
    assessor: str
    instrument_id: str
    instrument_version: int
    answers: dict[str, str]
    indicator_notes: dict[str, str]
    notes: str
    result: AssessmentResult
    created_at: dt.datetime

    @property
    def instrument_key(self) -> str:
        return f"{self.instrument_id}@{self.instrument_version}"


def stored_result(row: Assessment) -> AssessmentResult:
    """The result as stored (never rescored: the instrument may have changed since)."""
    return AssessmentResult(
        instrument_key=f"{row.instrument_id}@{row.instrument_version}",
        dimension_scores={k: float(v) for k, v in row.dimension_scores.items()},
        dimension_levels={k: HardshipLevel(v) for k, v in row.dimension_levels.items()},
        total=float(row.total_score),
        hardship_level=HardshipLevel(row.hardship_level),
        urgent_flags=list(row.urgent_flags),
        service_level=ServiceLevel(row.service_level),
        tier=Tier(row.tier),
        needs=[NeedCategory(n) for n in row.needs],
        missing=[],
    )


def assessment_view(row: Assessment) -> AssessmentView:
    return AssessmentView(
        id=row.id,
        household_id=row.household_id,
        member_id=row.member_id,
        assessed_on=row.assessed_on,
        assessor=row.assessor,
        instrument_id=row.instrument_id,
        instrument_version=row.instrument_version,
        answers={k: str(v) for k, v in row.answers.items()},
        indicator_notes={k: str(v) for k, v in row.indicator_notes.items()},
        notes=row.notes,
        result=stored_result(row),
        created_at=row.created_at,
    )
