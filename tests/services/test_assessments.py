"""Stories of assessments: score with the shipped instrument, keep its version, set the household's
困境等级 and service level, compare with the previous assessment."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from workflow_data import ADVISOR_LOGIN

from app.domain.errors import ValidationError
from app.domain.instruments import Instrument
from app.models import Household, OutboxEntry
from app.services.assessments import AssessmentService
from app.store.engine import Store


def answers(instrument: Instrument, pick: str) -> dict[str, str]:
    """Every indicator answered with its lowest-score ("best") or highest-score ("worst") option."""
    chosen = {}
    for indicator in instrument.indicators:
        options = sorted(indicator.options, key=lambda o: o.score)
        chosen[indicator.id] = (options[0] if pick == "best" else options[-1]).value
    return chosen


def test_advisor_scores_a_household_in_crisis(store: Store, household_id: str) -> None:
    service = AssessmentService(store, ADVISOR_LOGIN)
    instrument = service.current_instrument()
    assessment_id = service.record(
        household_id, instrument.key, answers(instrument, "worst"), notes="冰箱空了"
    )

    view = service.get(assessment_id)
    assert view.instrument_key == "shanghai-6d@1"
    assert view.result.hardship_level == "high"
    assert view.result.service_level == "emergency"  # urgent flags raised
    assert view.result.tier == "integrated"
    assert "no_food" in view.result.urgent_flags
    assert set(view.result.dimension_scores) == {d.id for d in instrument.dimensions}
    with store.sessions() as session:
        household = session.get(Household, household_id)
        assert household is not None
        assert (household.hardship_level, household.service_level) == ("high", "emergency")
        entities = [e.entity for e in session.execute(select(OutboxEntry)).scalars()]
        assert "assessment" in entities


def test_incomplete_answers_are_refused_naming_each_question(
    store: Store, household_id: str
) -> None:
    service = AssessmentService(store, ADVISOR_LOGIN)
    instrument = service.current_instrument()
    partial = answers(instrument, "best")
    missing = list(partial)[:2]
    for key in missing:
        del partial[key]
    preview = service.preview(instrument.key, partial)  # the wizard may preview a partial set
    assert preview.missing == missing
    with pytest.raises(ValidationError) as caught:
        service.record(household_id, instrument.key, partial)
    assert [p.field for p in caught.value.problems] == missing
    assert service.history(household_id) == []


def test_comparison_with_the_previous_assessment(store: Store, household_id: str) -> None:
    service = AssessmentService(store, ADVISOR_LOGIN)
    instrument = service.current_instrument()
    first = service.record(
        household_id,
        instrument.key,
        answers(instrument, "worst"),
        assessed_on=dt.date(2025, 10, 1),
    )
    second = service.record(household_id, instrument.key, answers(instrument, "best"))

    assert service.comparison(first) is None
    change = service.comparison(second)
    assert change is not None
    assert (change.previous_level, change.current_level, change.level_trend) == (
        "high",
        "low",
        "down",
    )
    assert "no_food" in change.flags_cleared
    assert service.latest(household_id).id == second  # type: ignore[union-attr]


def test_a_back_dated_assessment_does_not_override_the_latest_level(
    store: Store, household_id: str
) -> None:
    service = AssessmentService(store, ADVISOR_LOGIN)
    instrument = service.current_instrument()
    service.record(household_id, instrument.key, answers(instrument, "best"))
    service.record(
        household_id,
        instrument.key,
        answers(instrument, "worst"),
        assessed_on=dt.date(2024, 5, 1),
    )
    with store.sessions() as session:
        assert session.get(Household, household_id).hardship_level == "low"  # type: ignore[union-attr]


def test_an_assessment_keeps_its_instrument_version_after_a_new_one_ships(
    store: Store, household_id: str, tmp_path: Path
) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    shipped = Path(__file__).resolve().parents[2] / "resources" / "instruments"
    shutil.copy(shipped / "shanghai-6d-v1.toml", folder)
    service = AssessmentService(store, ADVISOR_LOGIN, folder)
    old = service.current_instrument()
    kept = service.record(household_id, old.key, answers(old, "worst"))
    before = service.get(kept).result

    text = (folder / "shanghai-6d-v1.toml").read_text(encoding="utf-8")
    newer = text.replace("version = 1", "version = 2", 1).replace("high = 45", "high = 95", 1)
    (folder / "shanghai-6d-v2.toml").write_text(newer, encoding="utf-8")
    service = AssessmentService(store, ADVISOR_LOGIN, folder)
    assert service.current_instrument().version == 2
    assert service.get(kept).instrument_key == "shanghai-6d@1"
    assert service.get(kept).result == before  # never rescored
