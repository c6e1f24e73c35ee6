"""Reads typed values out of parsed instrument TOML, recording each problem with its position."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TypeVar

from app.domain.enums import LabelledEnum, NeedCategory
from app.domain.instrument_model import InstrumentProblem
from app.domain.toml_positions import Position, join_path, key_positions, locate

E = TypeVar("E", bound=LabelledEnum)
Table = Mapping[str, object]

_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")


class FieldReader:
    """Reads typed values out of tables; each problem is recorded with its path and position."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.problems: list[InstrumentProblem] = []
        self._positions: dict[str, Position] | None = None

    def report(self, path: str, code: str, zh: str, en: str) -> None:
        if self._positions is None:
            self._positions = key_positions(self.text)
        line, column = locate(self._positions, path) or (None, None)
        self.problems.append(InstrumentProblem(self.file, path, line, column, code, zh, en))

    def unknown_keys(self, table: Table, allowed: frozenset[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                names = "、".join(sorted(allowed))
                self.report(
                    join_path(path, key),
                    "instrument_unknown_key",
                    f"不认识的项“{key}”（拼写错误？），这里可以写：{names}。",
                    f"Unknown key '{key}' (a typo?); allowed here: {', '.join(sorted(allowed))}.",
                )

    def missing(self, key: str, path: str, what_zh: str, what_en: str) -> None:
        self.report(
            path,
            "instrument_missing",
            f"缺少“{key}”（{what_zh}），请补上。",
            f"'{key}' ({what_en}) is missing; add it.",
        )

    def wrong_type(self, path: str, zh: str, en: str) -> None:
        self.report(path, "instrument_type", zh, en)

    def text_value(self, table: Table, key: str, path: str, what: tuple[str, str]) -> str | None:
        full = join_path(path, key)
        value = table.get(key)
        if value is None:
            self.missing(key, full, *what)
            return None
        if not isinstance(value, str):
            self.wrong_type(
                full,
                f"“{key}”应为文字，用英文双引号括起来。",
                f"'{key}' must be text in double quotes.",
            )
            return None
        if not value.strip():
            self.report(
                full,
                "instrument_empty",
                f"“{key}”（{what[0]}）不能为空。",
                f"'{key}' ({what[1]}) cannot be empty.",
            )
            return None
        return value.strip()

    def identifier(self, table: Table, key: str, path: str) -> str | None:
        value = self.text_value(table, key, path, ("编号", "identifier"))
        if value is not None and not _ID.fullmatch(value):
            self.report(
                join_path(path, key),
                "instrument_id",
                f"编号“{value}”只能用小写英文字母、数字、下划线、点和连字符，如 income_level。",
                f"Identifier {value!r} may only use a-z, 0-9, '_', '.' and '-', e.g. income_level.",
            )
            return None
        return value

    def number(
        self,
        table: Table,
        key: str,
        path: str,
        *,
        low: float,
        high: float,
        above_low: bool = False,
        default: float | None = None,
    ) -> float | None:
        full = join_path(path, key)
        value = table.get(key)
        if value is None:
            if default is None:
                self.missing(key, full, "数值", "a number")
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(full, f"“{key}”应为数字（不加引号）。", f"'{key}' must be a number.")
            return None
        number = float(value)
        too_low = number <= low if above_low else number < low
        if math.isnan(number) or too_low or number > high:
            sign = ">" if above_low else "≥"
            self.report(
                full,
                "instrument_range",
                f"“{key}”为{value}，应{'大于' if above_low else '不小于'}{low:g}且不大于{high:g}。",
                f"'{key}' is {value}; it must be {sign} {low:g} and ≤ {high:g}.",
            )
            return None
        return number

    def count(self, table: Table, key: str, path: str) -> int:
        full = join_path(path, key)
        value = table.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.report(
                full,
                "instrument_range",
                f"“{key}”应为0或正整数（0表示不使用这条规则）。",
                f"'{key}' must be a whole number ≥ 0 (0 switches the rule off).",
            )
            return 0
        return value

    def tables(
        self, table: Table, key: str, path: str, what: tuple[str, str]
    ) -> list[tuple[str, Table]]:
        full = join_path(path, key)
        value = table.get(key)
        if value is None:
            self.missing(key, full, *what)
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.wrong_type(
                full,
                f"“{key}”应为表格数组（[[{full}]] 或 [{{ … }}, …]）。",
                f"'{key}' must be an array of tables ([[{full}]] or [{{ … }}, …]).",
            )
            return []
        if not value:
            self.report(
                full,
                "instrument_empty",
                f"“{key}”（{what[0]}）至少要有一项。",
                f"'{key}' ({what[1]}) needs at least one entry.",
            )
        return [(f"{full}[{index}]", item) for index, item in enumerate(value)]

    def subtable(self, table: Table, key: str, path: str) -> Table | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            full = join_path(path, key)
            self.wrong_type(
                full, f"“{key}”应为表格（[{full}]）。", f"'{key}' must be a table ([{full}])."
            )
            return None
        return value

    def enum_value(self, value: object, path: str, enum: type[E]) -> E | None:
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            return enum.from_label(value)  # type: ignore[return-value]
        except ValueError:
            codes = "、".join(f"{m.value}（{m.label}）" for m in enum)
            self.report(
                path,
                "instrument_choice",
                f"“{value}”不是可选值，可以写：{codes}。",
                f"{value!r} is not allowed; use one of {', '.join(m.value for m in enum)}.",
            )
            return None

    def needs(self, table: Table, path: str) -> tuple[NeedCategory, ...]:
        full = join_path(path, "needs")
        value = table.get("needs", [])
        if not isinstance(value, list):
            self.wrong_type(
                full,
                '“needs”应为列表，如 ["basic_living"]。',
                "'needs' must be a list, e.g. [\"basic_living\"].",
            )
            return ()
        found = (self.enum_value(v, f"{full}[{i}]", NeedCategory) for i, v in enumerate(value))
        return tuple(dict.fromkeys(n for n in found if n is not None))

    def unique(self, seen: dict[str, str], value: str | None, path: str, what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.report(
                path,
                "instrument_duplicate_id",
                f"{what}编号“{value}”重复（{seen[value]}已使用），请改成不同的编号。",
                f"Duplicate {_EN_WHAT.get(what, what)} id {value!r} "
                f"(already used at {seen[value]}).",
            )
        else:
            seen[value] = path


_EN_WHAT = {"维度": "dimension", "指标": "indicator", "选项": "option", "紧急标记": "flag"}
