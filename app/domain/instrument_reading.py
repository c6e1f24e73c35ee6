"""Turns parsed instrument TOML into an Instrument, collecting every problem with its position."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from app.domain.enums import HardshipLevel, ServiceLevel, Tier
from app.domain.instrument_fields import FieldReader, Table
from app.domain.instrument_model import (
    DEFAULT_SERVICE_LEVELS,
    DEFAULT_TIERS,
    URGENT,
    AnswerOption,
    Dimension,
    FlagCondition,
    FlagDefinition,
    FlagRule,
    Indicator,
    Instrument,
    InstrumentError,
    InstrumentProblem,
    LevelRules,
)
from app.domain.toml_positions import join_path

_TOP_KEYS = frozenset(
    [
        "id",
        "version",
        "title",
        "description",
        "levels",
        "service_levels",
        "tiers",
        "dimensions",
        "flags",
    ]
)
_LEVEL_KEYS = frozenset({"medium", "high", "high_dimensions", "medium_dimensions"})
_DIMENSION_KEYS = frozenset({"id", "title", "weight", "medium", "high", "needs", "indicators"})
_INDICATOR_KEYS = frozenset({"id", "text", "help", "weight", "needs", "options"})
_OPTION_KEYS = frozenset({"value", "label", "score"})
_FLAG_KEYS = frozenset({"id", "label", "needs", "rules"})
_SERVICE_LEVEL_KEYS = (URGENT, *(level.value for level in HardshipLevel))


def read_instrument(data: Table, text: str, file: str) -> Instrument:
    """Build the Instrument from tomllib's output; InstrumentError with every problem otherwise."""
    reader = FieldReader(text, file)
    reader.unknown_keys(data, _TOP_KEYS, "")
    instrument_id = reader.identifier(data, "id", "")
    version = _version(reader, data)
    title = reader.text_value(data, "title", "", ("标题", "title"))
    description = data.get("description", "")
    levels = _levels(reader, data)
    service_levels = _service_levels(reader, data)
    tiers = _tiers(reader, data)
    dimensions = _dimensions(reader, data)
    flags = _flags(reader, data, _answer_values(data))
    if reader.problems or instrument_id is None or version is None or title is None:
        raise InstrumentError(sorted(reader.problems, key=_document_order))
    return Instrument(
        id=instrument_id,
        version=version,
        title=title,
        description=description.strip() if isinstance(description, str) else "",
        dimensions=dimensions,
        flags=flags,
        levels=levels,
        service_levels=service_levels,
        tiers=tiers,
        source=file,
    )


def _document_order(problem: InstrumentProblem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def _version(reader: FieldReader, data: Table) -> int | None:
    value = data.get("version")
    if value is None:
        reader.missing("version", "version", "版本号", "version number")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        reader.report(
            "version",
            "instrument_version",
            "“version”应为正整数，如 1；修改工具时加1。",
            "'version' must be a whole number ≥ 1; raise it whenever the instrument changes.",
        )
        return None
    return value


def _thresholds(reader: FieldReader, table: Table, path: str) -> tuple[float, float]:
    medium = reader.number(table, "medium", path, low=0, high=100)
    high = reader.number(table, "high", path, low=0, high=100)
    if medium is not None and high is not None and not medium < high:
        reader.report(
            join_path(path, "high"),
            "instrument_threshold_order",
            f"阈值顺序不对：“high”（{high:g}）应大于“medium”（{medium:g}）。",
            f"Thresholds out of order: 'high' ({high:g}) must be greater than "
            f"'medium' ({medium:g}).",
        )
    return medium or 0.0, high or 0.0


def _levels(reader: FieldReader, data: Table) -> LevelRules:
    table = reader.subtable(data, "levels", "")
    if table is None:
        if "levels" not in data:
            reader.missing("levels", "levels", "困境等级阈值", "hardship-level thresholds")
        return LevelRules(0, 0)
    reader.unknown_keys(table, _LEVEL_KEYS, "levels")
    medium, high = _thresholds(reader, table, "levels")
    high_count = reader.count(table, "high_dimensions", "levels")
    medium_count = reader.count(table, "medium_dimensions", "levels")
    return LevelRules(medium, high, high_count, medium_count)


def _service_levels(reader: FieldReader, data: Table) -> dict[str, ServiceLevel]:
    table = reader.subtable(data, "service_levels", "")
    if table is None:
        return dict(DEFAULT_SERVICE_LEVELS)
    reader.unknown_keys(table, frozenset(_SERVICE_LEVEL_KEYS), "service_levels")
    found: dict[str, ServiceLevel] = {}
    for key in _SERVICE_LEVEL_KEYS:
        if key not in table:
            reader.missing(key, f"service_levels.{key}", "服务层级", "service level")
            continue
        level = reader.enum_value(table[key], f"service_levels.{key}", ServiceLevel)
        if level is not None:
            found[key] = level
    return found


def _tiers(reader: FieldReader, data: Table) -> dict[ServiceLevel, Tier]:
    table = reader.subtable(data, "tiers", "")
    if table is None:
        return dict(DEFAULT_TIERS)
    reader.unknown_keys(table, frozenset(level.value for level in ServiceLevel), "tiers")
    found: dict[ServiceLevel, Tier] = {}
    for level in ServiceLevel:
        if level.value not in table:
            reader.missing(level.value, f"tiers.{level.value}", "服务梯度", "tier")
            continue
        tier = reader.enum_value(table[level.value], f"tiers.{level.value}", Tier)
        if tier is not None:
            found[level] = tier
    return found


def _dimensions(reader: FieldReader, data: Table) -> tuple[Dimension, ...]:
    dimension_ids: dict[str, str] = {}
    indicator_ids: dict[str, str] = {}
    dimensions: list[Dimension] = []
    for path, table in reader.tables(data, "dimensions", "", ("维度", "dimensions")):
        reader.unknown_keys(table, _DIMENSION_KEYS, path)
        dimension_id = reader.identifier(table, "id", path)
        reader.unique(dimension_ids, dimension_id, join_path(path, "id"), "维度")
        title = reader.text_value(table, "title", path, ("维度名称", "dimension title"))
        weight = reader.number(table, "weight", path, low=0, high=1000, above_low=True)
        medium, high = _thresholds(reader, table, path)
        needs = reader.needs(table, path)
        indicators = tuple(
            _indicator(reader, indicator_path, item, indicator_ids)
            for indicator_path, item in reader.tables(
                table, "indicators", path, ("指标", "indicators")
            )
        )
        if dimension_id and title and weight:
            dimensions.append(
                Dimension(dimension_id, title, weight, _present(indicators), medium, high, needs)
            )
    return tuple(dimensions)


def _indicator(
    reader: FieldReader, path: str, table: Table, seen: dict[str, str]
) -> Indicator | None:
    reader.unknown_keys(table, _INDICATOR_KEYS, path)
    indicator_id = reader.identifier(table, "id", path)
    reader.unique(seen, indicator_id, join_path(path, "id"), "指标")
    text = reader.text_value(table, "text", path, ("问题", "question wording"))
    weight = reader.number(table, "weight", path, low=0, high=1000, above_low=True, default=1.0)
    help_text = table.get("help", "")
    needs = reader.needs(table, path)
    options = _options(reader, table, path)
    if indicator_id is None or text is None or weight is None:
        return None
    return Indicator(
        indicator_id,
        text,
        help_text.strip() if isinstance(help_text, str) else "",
        options,
        weight,
        needs,
    )


def _options(reader: FieldReader, table: Table, path: str) -> tuple[AnswerOption, ...]:
    entries = reader.tables(table, "options", path, ("答案选项", "answer options"))
    if len(entries) == 1:
        reader.report(
            join_path(path, "options"),
            "instrument_options",
            "答案选项至少要有两项。",
            "An answer scale needs at least two options.",
        )
    values: dict[str, str] = {}
    options: list[AnswerOption] = []
    for option_path, item in entries:
        reader.unknown_keys(item, _OPTION_KEYS, option_path)
        value = reader.identifier(item, "value", option_path)
        reader.unique(values, value, join_path(option_path, "value"), "选项")
        label = reader.text_value(item, "label", option_path, ("选项文字", "option label"))
        points = reader.number(item, "score", option_path, low=0, high=100)
        if value is not None and label is not None and points is not None:
            options.append(AnswerOption(value, label, points))
    return tuple(options)


def _answer_values(data: Table) -> dict[str, frozenset[str]]:
    """Indicator id -> option values, read loosely so one bad entry does not hide the others."""
    found: dict[str, frozenset[str]] = {}
    for dimension in _dicts(data.get("dimensions")):
        for indicator in _dicts(dimension.get("indicators")):
            if isinstance(indicator.get("id"), str):
                values = (o.get("value") for o in _dicts(indicator.get("options")))
                known = found.get(str(indicator["id"]), frozenset())  # a duplicate id: union
                found[str(indicator["id"])] = known | {v for v in values if isinstance(v, str)}
    return found


def _dicts(value: object) -> list[Table]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _flags(
    reader: FieldReader, data: Table, answers: Mapping[str, frozenset[str]]
) -> tuple[FlagDefinition, ...]:
    if "flags" not in data:
        return ()
    seen: dict[str, str] = {}
    flags: list[FlagDefinition] = []
    for path, table in reader.tables(data, "flags", "", ("紧急标记", "urgent flags")):
        reader.unknown_keys(table, _FLAG_KEYS, path)
        flag_id = reader.identifier(table, "id", path)
        reader.unique(seen, flag_id, join_path(path, "id"), "紧急标记")
        label = reader.text_value(table, "label", path, ("标记名称", "flag label"))
        needs = reader.needs(table, path)
        rules = tuple(
            _flag_rule(reader, rule_path, rule, answers)
            for rule_path, rule in reader.tables(table, "rules", path, ("触发规则", "rules"))
        )
        if flag_id and label:
            flags.append(FlagDefinition(flag_id, label, needs, _present(rules)))
    return tuple(flags)


def _flag_rule(
    reader: FieldReader, path: str, table: Table, answers: Mapping[str, frozenset[str]]
) -> FlagRule | None:
    reader.unknown_keys(table, frozenset({"all"}), path)
    conditions_table = reader.subtable(table, "all", path)
    if not conditions_table:
        reader.report(
            join_path(path, "all"),
            "instrument_rule",
            '触发规则需要“all”，如 all = { food = ["no_food"] }（指标编号 = 触发的答案）。',
            "A rule needs 'all', e.g. all = { food = [\"no_food\"] } (indicator id = answers).",
        )
        return None
    conditions = [
        _condition(reader, join_path(join_path(path, "all"), key), key, values, answers)
        for key, values in conditions_table.items()
    ]
    present = _present(tuple(conditions))
    return FlagRule(present) if len(present) == len(conditions) else None


def _condition(
    reader: FieldReader,
    path: str,
    indicator: str,
    values: object,
    answers: Mapping[str, frozenset[str]],
) -> FlagCondition | None:
    if indicator not in answers:
        reader.report(
            path,
            "instrument_unknown_indicator",
            f"规则引用的指标“{indicator}”不存在，请核对指标编号。",
            f"The rule refers to indicator {indicator!r}, which does not exist.",
        )
        return None
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        reader.wrong_type(
            path,
            f'“{indicator}”后应为答案列表，如 ["none"]。',
            f"'{indicator}' must be a non-empty list of answers, e.g. [\"none\"].",
        )
        return None
    known = answers[indicator]
    bad = [(index, v) for index, v in enumerate(values) if v not in known]
    for index, value in bad:
        reader.report(
            f"{path}[{index}]",
            "instrument_unknown_option",
            f"指标“{indicator}”没有答案“{value}”，可选：{'、'.join(sorted(known))}。",
            f"Indicator {indicator!r} has no answer {value!r}; it has {', '.join(sorted(known))}.",
        )
    return None if bad else FlagCondition(indicator, frozenset(values))


T = TypeVar("T")


def _present(items: tuple[T | None, ...]) -> tuple[T, ...]:
    return tuple(item for item in items if item is not None)
