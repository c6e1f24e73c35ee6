"""Scoring an assessment against its instrument, and comparing two assessments. Pure functions.

Unanswered indicators: `score` leaves them out (the remaining weights are renormalised) and lists
them in `missing`, so the wizard can show a live preview; `require_complete` refuses to finalise an
assessment that still has gaps. Unknown indicators or answers are always refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.enums import HardshipLevel, NeedCategory, ServiceLevel, Tier, Trend
from app.domain.errors import Problem, ValidationError
from app.domain.instrument_model import URGENT, Dimension, FlagDefinition, Instrument

_ORDER = {HardshipLevel.LOW: 0, HardshipLevel.MEDIUM: 1, HardshipLevel.HIGH: 2}


@dataclass(frozen=True)
class AssessmentResult:
    """What an assessment comes to; scores are 0–100 (higher = more hardship), one decimal."""

    instrument_key: str
    dimension_scores: dict[str, float]
    dimension_levels: dict[str, HardshipLevel]
    total: float
    hardship_level: HardshipLevel
    urgent_flags: list[str]
    service_level: ServiceLevel
    tier: Tier
    needs: list[NeedCategory]
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class DimensionChange:
    dimension_id: str
    previous: float | None
    current: float | None
    delta: float | None
    trend: Trend


@dataclass(frozen=True)
class Comparison:
    """Current against previous assessment; Trend.UP means more hardship than before."""

    previous_level: HardshipLevel
    current_level: HardshipLevel
    level_trend: Trend
    total_delta: float
    dimensions: list[DimensionChange]
    flags_added: list[str]
    flags_cleared: list[str]
    same_instrument: bool


def score(instrument: Instrument, answers: Mapping[str, str]) -> AssessmentResult:
    """Score `answers` (indicator id -> option value; "" counts as unanswered)."""
    given = {key: value for key, value in answers.items() if value}
    _check_answers(instrument, given)
    scores = {d.id: _dimension_score(d, given) for d in instrument.dimensions}
    levels = {d.id: _level(scores[d.id], d.medium, d.high) for d in instrument.dimensions}
    total = _total(instrument, scores, given)
    level = _overall_level(instrument, total, levels)
    flags = [f for f in instrument.flags if _raised(f, given)]
    service_level = instrument.service_levels[URGENT if flags else level.value]
    return AssessmentResult(
        instrument_key=instrument.key,
        dimension_scores=scores,
        dimension_levels=levels,
        total=total,
        hardship_level=level,
        urgent_flags=[f.id for f in flags],
        service_level=service_level,
        tier=instrument.tiers[service_level],
        needs=_needs(instrument, given, flags),
        missing=[i.id for i in instrument.indicators if i.id not in given],
    )


def require_complete(instrument: Instrument, result: AssessmentResult) -> None:
    """Refuse to finalise an assessment with unanswered indicators, naming each one."""
    problems = []
    for indicator_id in result.missing:
        dimension = instrument.dimension_of(indicator_id)
        indicator = instrument.indicator(indicator_id)
        text = indicator.text if indicator else indicator_id
        problems.append(
            Problem(
                indicator_id,
                "assessment_incomplete",
                f"“{dimension.title}”中的“{text}”还没有回答，请选择一项后再完成评估。",
                f"'{text}' ({dimension.id}) is not answered; choose an answer before finishing.",
            )
        )
    if problems:
        raise ValidationError(problems)


def compare(previous: AssessmentResult, current: AssessmentResult) -> Comparison:
    """Per-dimension and overall change from `previous` to `current`."""
    ids = list(dict.fromkeys([*current.dimension_scores, *previous.dimension_scores]))
    changes = []
    for dimension_id in ids:
        before = previous.dimension_scores.get(dimension_id)
        after = current.dimension_scores.get(dimension_id)
        delta = None if before is None or after is None else round(after - before, 1)
        changes.append(DimensionChange(dimension_id, before, after, delta, _trend(delta or 0.0)))
    level_delta = _ORDER[current.hardship_level] - _ORDER[previous.hardship_level]
    return Comparison(
        previous_level=previous.hardship_level,
        current_level=current.hardship_level,
        level_trend=_trend(level_delta),
        total_delta=round(current.total - previous.total, 1),
        dimensions=changes,
        flags_added=[f for f in current.urgent_flags if f not in previous.urgent_flags],
        flags_cleared=[f for f in previous.urgent_flags if f not in current.urgent_flags],
        same_instrument=previous.instrument_key == current.instrument_key,
    )


def _check_answers(instrument: Instrument, answers: Mapping[str, str]) -> None:
    problems = []
    for indicator_id, value in answers.items():
        indicator = instrument.indicator(indicator_id)
        if indicator is None:
            problems.append(
                Problem(
                    indicator_id,
                    "assessment_unknown_indicator",
                    f"评估工具{instrument.key}中没有指标“{indicator_id}”，请用同一版本的工具重新填写。",
                    f"Instrument {instrument.key} has no indicator {indicator_id!r}; "
                    "fill in the form of this version again.",
                )
            )
        elif indicator.option(value) is None:
            labels = "、".join(o.label for o in indicator.options)
            problems.append(
                Problem(
                    indicator_id,
                    "assessment_unknown_answer",
                    f"“{indicator.text}”没有答案“{value}”，请从以下选项中选择：{labels}。",
                    f"{value!r} is not an answer to '{indicator.id}'; choose one of "
                    f"{', '.join(o.value for o in indicator.options)}.",
                )
            )
    if problems:
        raise ValidationError(problems)


def _dimension_score(dimension: Dimension, answers: Mapping[str, str]) -> float:
    weighted = [
        (i.weight, option.score)
        for i in dimension.indicators
        if i.id in answers and (option := i.option(answers[i.id])) is not None
    ]
    return _weighted_mean(weighted)


def _total(
    instrument: Instrument, scores: Mapping[str, float], answers: Mapping[str, str]
) -> float:
    answered = [
        (d.weight, scores[d.id])
        for d in instrument.dimensions
        if any(i.id in answers for i in d.indicators)
    ]
    return _weighted_mean(answered)


def _weighted_mean(pairs: Iterable[tuple[float, float]]) -> float:
    items = list(pairs)
    weight = sum(w for w, _ in items)
    return round(sum(w * s for w, s in items) / weight, 1) if weight else 0.0


def _level(value: float, medium: float, high: float) -> HardshipLevel:
    if value >= high:
        return HardshipLevel.HIGH
    return HardshipLevel.MEDIUM if value >= medium else HardshipLevel.LOW


def _overall_level(
    instrument: Instrument, total: float, levels: Mapping[str, HardshipLevel]
) -> HardshipLevel:
    rules = instrument.levels
    level = _level(total, rules.medium, rules.high)
    high_count = sum(1 for lv in levels.values() if lv is HardshipLevel.HIGH)
    if rules.high_dimensions and high_count >= rules.high_dimensions:
        return HardshipLevel.HIGH
    if rules.medium_dimensions and high_count >= rules.medium_dimensions:
        return max(level, HardshipLevel.MEDIUM, key=_ORDER.__getitem__)
    return level


def _raised(flag: FlagDefinition, answers: Mapping[str, str]) -> bool:
    return any(
        all(answers.get(c.indicator) in c.values for c in rule.conditions) for rule in flag.rules
    )


def _needs(
    instrument: Instrument, answers: Mapping[str, str], flags: list[FlagDefinition]
) -> list[NeedCategory]:
    """Needs of raised flags first, then of each indicator answered at or above its dimension's
    `medium` threshold (the indicator's own needs, else its dimension's), in instrument order."""
    found: list[NeedCategory] = [n for f in flags for n in f.needs]
    for dimension in instrument.dimensions:
        for indicator in dimension.indicators:
            option = indicator.option(answers.get(indicator.id, ""))
            if option is not None and option.score >= dimension.medium:
                found.extend(indicator.needs or dimension.needs)
    return list(dict.fromkeys(found))


def _trend(delta: float) -> Trend:
    if delta > 0:
        return Trend.UP
    return Trend.DOWN if delta < 0 else Trend.SAME
