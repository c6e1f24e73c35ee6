"""The shape of an assessment instrument (评估工具) and the errors found in instrument files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.enums import HardshipLevel, NeedCategory, ServiceLevel, Tier
from app.domain.errors import Problem, ValidationError

DEFAULT_INSTRUMENT_KEY = "shanghai-6d@1"
URGENT = "urgent"  # key of the service-level rule used when any urgent flag is raised
DEFAULT_SERVICE_LEVELS: Mapping[str, ServiceLevel] = {
    URGENT: ServiceLevel.EMERGENCY,
    HardshipLevel.HIGH.value: ServiceLevel.SAFETY_NET,
    HardshipLevel.MEDIUM.value: ServiceLevel.SUPPORT,
    HardshipLevel.LOW.value: ServiceLevel.DEVELOPMENT,
}
DEFAULT_TIERS: Mapping[ServiceLevel, Tier] = {
    ServiceLevel.EMERGENCY: Tier.INTEGRATED,
    ServiceLevel.SAFETY_NET: Tier.INTEGRATED,
    ServiceLevel.SUPPORT: Tier.SUPPORTIVE,
    ServiceLevel.DEVELOPMENT: Tier.PREVENTIVE,
}


@dataclass(frozen=True)
class AnswerOption:
    """One answer on an indicator's scale; score 0–100, higher means more hardship."""

    value: str
    label: str
    score: float


@dataclass(frozen=True)
class Indicator:
    """A question the advisor asks or observes, with its answer scale and weight."""

    id: str
    text: str
    help: str
    options: tuple[AnswerOption, ...]
    weight: float
    needs: tuple[NeedCategory, ...] = ()

    def option(self, value: str) -> AnswerOption | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Dimension:
    """A dimension (维度) scored 0–100 as the weighted mean of its indicators; `medium`/`high` are
    the scores from which it counts as 中/高 and from which an indicator suggests its needs."""

    id: str
    title: str
    weight: float
    indicators: tuple[Indicator, ...]
    medium: float
    high: float
    needs: tuple[NeedCategory, ...] = ()


@dataclass(frozen=True)
class FlagCondition:
    indicator: str
    values: frozenset[str]


@dataclass(frozen=True)
class FlagRule:
    """Holds when every condition holds (the indicator's answer is one of the values)."""

    conditions: tuple[FlagCondition, ...]


@dataclass(frozen=True)
class FlagDefinition:
    """An urgent flag (断炊, 无人照料…), raised when any of its rules holds."""

    id: str
    label: str
    needs: tuple[NeedCategory, ...]
    rules: tuple[FlagRule, ...]


@dataclass(frozen=True)
class LevelRules:
    """Total ≥ high ⇒ 高, ≥ medium ⇒ 中; and `high_dimensions` dimensions at 高 ⇒ 高,
    `medium_dimensions` dimensions at 高 ⇒ at least 中 (0 switches a count rule off)."""

    medium: float
    high: float
    high_dimensions: int = 0
    medium_dimensions: int = 0


@dataclass(frozen=True)
class Instrument:
    """A whole instrument as loaded from one file; assessments keep its `key` forever."""

    id: str
    version: int
    title: str
    description: str
    dimensions: tuple[Dimension, ...]
    flags: tuple[FlagDefinition, ...]
    levels: LevelRules
    service_levels: Mapping[str, ServiceLevel]
    tiers: Mapping[ServiceLevel, Tier]
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def dimension_of(self, indicator_id: str) -> Dimension:
        for dimension in self.dimensions:
            if any(i.id == indicator_id for i in dimension.indicators):
                return dimension
        raise KeyError(indicator_id)


@dataclass(frozen=True)
class InstrumentProblem:
    """One thing wrong in an instrument file, with its exact place."""

    file: str
    path: str  # e.g. dimensions[2].indicators[0].options[1].score; "" for syntax errors
    line: int | None
    column: int | None
    code: str
    zh: str
    en: str

    def where(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        return f"{place}: {self.path}" if self.path else place

    def as_problem(self) -> Problem:
        where_zh = self.file + (f" 第{self.line}行第{self.column or 1}列" if self.line else "")
        path = f"（{self.path}）" if self.path else ""
        return Problem(
            self.path or "instrument",
            self.code,
            f"{where_zh}{path}：{self.zh}",
            f"{self.where()}: {self.en}",
        )


class InstrumentError(ValidationError):
    """An instrument file that cannot be used; `details` keep file, path, line and column."""

    def __init__(self, details: list[InstrumentProblem]) -> None:
        self.details = list(details)
        super().__init__([d.as_problem() for d in self.details])
