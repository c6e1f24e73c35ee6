"""需求评估 use cases: score with a versioned instrument, store the result for good, keep the
household's 困境等级 and service level from its latest assessment, compare with the previous one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.domain.instruments import Instrument, list_instruments
from app.domain.scoring import AssessmentResult, Comparison, compare, require_complete, score
from app.models import Assessment, Household, Member
from app.services.assessment_records import AssessmentView, assessment_view, stored_result
from app.services.bundled_files import resource_path
from app.services.local_time import today
from app.services.row_writes import insert_row, live, update_row
from app.services.visits import refresh_next_visit
from app.store.engine import Store

NOTE_MAX = 2000


@cache
def _load(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> tuple[Instrument, ...]:
    """Loaded once per state of the folder (``stamp``: each file's name, mtime and size)."""
    return tuple(list_instruments(folder))


def _instruments(folder: Path) -> tuple[Instrument, ...]:
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml"))
    )
    return _load(folder, stamp)


def default_folder() -> Path:
    return resource_path("instruments")


class AssessmentService:
    def __init__(self, store: Store, actor: str, instruments_folder: Path | None = None) -> None:
        self.store = store
        self.actor = actor
        self.folder = (instruments_folder or default_folder()).resolve()

    # ---- instruments and scoring (no store) ---------------------------------------------

    def instruments(self) -> list[Instrument]:
        """Every instrument file, validated (InstrumentError lists each problem and its place)."""
        return list(_instruments(self.folder))

    def instrument(self, key: str) -> Instrument:
        for instrument in self.instruments():
            if instrument.key == key:
                return instrument
        raise _unknown(key)

    def current_instrument(self, instrument_id: str = "shanghai-6d") -> Instrument:
        """The newest version of an instrument: what a new assessment is scored with."""
        versions = [i for i in self.instruments() if i.id == instrument_id]
        if not versions:
            raise _unknown(instrument_id)
        return max(versions, key=lambda i: i.version)

    def preview(self, key: str, answers: Mapping[str, str]) -> AssessmentResult:
        """Score partial answers while the wizard is open (nothing stored)."""
        return score(self.instrument(key), answers)

    # ---- writing -------------------------------------------------------------------------

    def record(
        self,
        household_id: str,
        key: str,
        answers: Mapping[str, str],
        *,
        indicator_notes: Mapping[str, str] | None = None,
        notes: str = "",
        assessed_on: dt.date | None = None,
        member_id: str | None = None,
    ) -> str:
        """Score a complete set of answers and store it; returns the assessment id."""
        instrument = self.instrument(key)
        result = score(instrument, answers)
        require_complete(instrument, result)
        day = assessed_on or today()
        _check_input(day, notes, indicator_notes or {})
        with self.store.transaction() as session:
            live(session, Household, household_id, "household")
            if member_id is not None:
                live(session, Member, member_id, "member")
            row = Assessment(
                household_id=household_id,
                member_id=member_id,
                assessed_on=day,
                assessor=self.actor,
                instrument_id=instrument.id,
                instrument_version=instrument.version,
                answers=dict(answers),
                indicator_notes={k: v for k, v in (indicator_notes or {}).items() if v.strip()},
                notes=notes.strip(),
                **_result_columns(result),
            )
            insert_row(session, self.actor, row, household_id=household_id)
            self._refresh_household(session, household_id)
            return row.id

    # ---- reading -------------------------------------------------------------------------

    def history(self, household_id: str) -> list[AssessmentView]:
        """The household's assessments, newest first."""
        with self.store.sessions() as session:
            return [assessment_view(r) for r in _ordered(session, household_id)]

    def latest(self, household_id: str) -> AssessmentView | None:
        found = self.history(household_id)
        return found[0] if found else None

    def get(self, assessment_id: str) -> AssessmentView:
        with self.store.sessions() as session:
            return assessment_view(live(session, Assessment, assessment_id, "assessment"))

    def comparison(self, assessment_id: str) -> Comparison | None:
        """How this assessment differs from the one before it (None for the first)."""
        with self.store.sessions() as session:
            row = live(session, Assessment, assessment_id, "assessment")
            rows = _ordered(session, row.household_id)
        index = next(i for i, r in enumerate(rows) if r.id == assessment_id)
        if index + 1 >= len(rows):
            return None
        return compare(stored_result(rows[index + 1]), stored_result(row))

    def _refresh_household(self, session: Session, household_id: str) -> None:
        """Household 困境等级 and service level follow the latest assessment; so does the next
        visit date (its frequency depends on the level)."""
        session.flush()
        latest = _ordered(session, household_id)[0]
        household = live(session, Household, household_id, "household")
        changed = update_row(
            session,
            self.actor,
            household,
            {"hardship_level": latest.hardship_level, "service_level": latest.service_level},
        )
        if "hardship_level" in changed:
            refresh_next_visit(session, self.actor, household_id)


def _ordered(session: Session, household_id: str) -> list[Assessment]:
    return list(
        session.execute(
            select(Assessment)
            .where(Assessment.household_id == household_id, Assessment.deleted.is_(False))
            .order_by(
                Assessment.assessed_on.desc(), Assessment.created_at.desc(), Assessment.id.desc()
            )
        ).scalars()
    )


def _result_columns(result: AssessmentResult) -> dict[str, object]:
    return {
        "dimension_scores": dict(result.dimension_scores),
        "dimension_levels": {k: v.value for k, v in result.dimension_levels.items()},
        "total_score": result.total,
        "hardship_level": result.hardship_level.value,
        "urgent_flags": list(result.urgent_flags),
        "service_level": result.service_level.value,
        "tier": result.tier.value,
        "needs": [n.value for n in result.needs],
    }


def _check_input(day: dt.date, notes: str, indicator_notes: Mapping[str, str]) -> None:
    if day > today():
        raise ValidationError.single(
            "assessed_on",
            "future",
            "评估日期不能晚于今天。",
            "The assessment date cannot be in the future.",
        )
    if len(notes) > NOTE_MAX or any(len(v) > NOTE_MAX for v in indicator_notes.values()):
        raise ValidationError.single(
            "notes",
            "too_long",
            f"备注最多 {NOTE_MAX} 个字，请精简。",
            f"Notes are limited to {NOTE_MAX} characters.",
        )


def _unknown(key: str) -> ValidationError:
    return ValidationError.single(
        "instrument",
        "unknown",
        f"找不到评估工具「{key}」，请检查 instruments 文件夹。",
        f"Instrument {key!r} is not installed.",
    )
