"""Eligibility hints (政策找人): per-capita monthly income against the dated standards.

A hint is advice to the advisor, never a decision: 'below' means under the 低保标准 in
force, 'marginal' (边缘) means under the 低收入 line (a low_income standard in force, else
`marginal_factor` × the 低保标准; Shanghai counts a family as 低收入 below twice the 低保标准).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Literal

from app.domain.enums import StandardKind
from app.domain.errors import Problem, ValidationError
from app.domain.money import format_fen, parse_yuan
from app.domain.toml_positions import key_positions, locate

DEFAULT_MARGINAL_FACTOR = 2.0
HintKind = Literal["below", "marginal"]


@dataclass(frozen=True)
class Standard:
    """A reference value per person per month, in force from `effective_from` until the next one."""

    kind: StandardKind
    effective_from: date
    fen_per_person_month: int
    note: str = ""


def _dibao(year: int, month: int, yuan: int, note: str = "") -> Standard:
    return Standard(StandardKind.DIBAO, date(year, month, 1), yuan * 100, note)


SHANGHAI_STANDARDS: tuple[Standard, ...] = (
    _dibao(2015, 4, 790),
    _dibao(2016, 4, 880),
    _dibao(2017, 4, 970),
    _dibao(2018, 4, 1070),
    _dibao(2019, 4, 1160),
    _dibao(2020, 4, 1240),
    _dibao(2021, 4, 1330),
    _dibao(2022, 7, 1420, "2022年因疫情推迟至7月1日调整"),
    _dibao(2023, 7, 1510),
    _dibao(2024, 7, 1550, "参考值，请以市民政局通知为准（待核实）"),
)
"""上海市城乡低保标准 (reference values, the same as resources/standards/shanghai.toml); an admin
edits the copy in the store. No low_income rows: the 2 × 低保标准 rule applies."""


@dataclass(frozen=True)
class Hint:
    kind: HintKind | None
    per_capita_fen: int
    standard_fen: int | None
    marginal_fen: int | None
    zh: str
    en: str


def standard_in_force(
    standards: Iterable[Standard], kind: StandardKind, on_date: date
) -> Standard | None:
    """The standard of `kind` with the latest effective date not after `on_date`."""
    candidates = [s for s in standards if s.kind == kind and s.effective_from <= on_date]
    return max(candidates, key=lambda s: s.effective_from, default=None)


def eligibility_hint(
    household_income_fen_per_month: int,
    members_count: int,
    standards: Iterable[Standard],
    on_date: date,
    marginal_factor: float = DEFAULT_MARGINAL_FACTOR,
) -> Hint:
    """Compare per-capita income with the standards in force on `on_date` (exactly, in fen)."""
    _check_inputs(household_income_fen_per_month, members_count)
    items = list(standards)
    income, members = household_income_fen_per_month, members_count
    per_capita = int(Fraction(income, members) + Fraction(1, 2))  # rounded half up, for display
    dibao = standard_in_force(items, StandardKind.DIBAO, on_date)
    if dibao is None:
        return Hint(
            None,
            per_capita,
            None,
            None,
            f"{on_date:%Y-%m-%d}没有可用的低保标准，无法提示；请管理员在“救助标准”中补充。",
            f"No dibao standard is in force on {on_date:%Y-%m-%d}; ask an admin to add it.",
        )
    standard = dibao.fen_per_person_month
    low_income = standard_in_force(items, StandardKind.LOW_INCOME, on_date)
    line = (
        low_income.fen_per_person_month
        if low_income is not None
        else int(Fraction(standard) * Fraction(marginal_factor) + Fraction(1, 2))
    )
    kind: HintKind | None = None
    if income < standard * members:
        kind = "below"
    elif income < line * members:
        kind = "marginal"
    return Hint(kind, per_capita, standard, line, *_message(kind, per_capita, dibao, line))


def _message(kind: HintKind | None, per_capita: int, dibao: Standard, line: int) -> tuple[str, str]:
    pc, std, mar = format_fen(per_capita), format_fen(dibao.fen_per_person_month), format_fen(line)
    if kind == "below":
        return (
            f"家庭月人均收入{pc}元，低于低保标准{std}元（{_zh_date(dibao.effective_from)}起执行），"
            "可提示家庭申请低保。",
            f"Monthly income per person {pc} yuan is below the dibao standard of {std} yuan "
            f"(from {dibao.effective_from:%Y-%m-%d}); suggest applying for dibao.",
        )
    if kind == "marginal":
        return (
            f"家庭月人均收入{pc}元，高于低保标准{std}元但低于低收入认定线{mar}元，属边缘困难家庭，"
            "可提示申请低收入困难家庭认定或专项救助。",
            f"Monthly income per person {pc} yuan is above the dibao standard ({std}) but below "
            f"the low-income line ({mar}); a marginal household: suggest low-income recognition "
            "or special assistance.",
        )
    return (
        f"家庭月人均收入{pc}元，高于低收入认定线{mar}元，暂无政策提示。",
        f"Monthly income per person {pc} yuan is above the low-income line ({mar}); no hint.",
    )


def load_standards(path: Path) -> list[Standard]:
    """Read a standards file (see resources/standards/shanghai.toml); ValidationError with the
    file, line and column of every problem."""
    text = path.read_bytes().decode("utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.single(
            "standards",
            "standards_syntax",
            f"{path}：TOML格式错误（{exc}），请检查引号、括号和等号。",
            f"{path}: TOML syntax error ({exc}); check quotes, brackets and '='.",
        ) from exc
    problems: list[Problem] = []
    found = _read_rows(data.get("standards"), path, text, problems)
    if problems:
        raise ValidationError(problems)
    return sorted(found, key=lambda s: (s.kind.value, s.effective_from))


def _read_rows(rows: object, path: Path, text: str, problems: list[Problem]) -> list[Standard]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        problems.append(
            _problem(path, text, "standards", "缺少 [[standards]] 表。", "No [[standards]] tables.")
        )
        return []
    found: list[Standard] = []
    seen: set[tuple[StandardKind, date]] = set()
    for index, row in enumerate(rows):
        standard = _standard(row, f"standards[{index}]", path, text, problems)
        if standard is None:
            continue
        if (standard.kind, standard.effective_from) in seen:
            problems.append(
                _problem(
                    path,
                    text,
                    f"standards[{index}].effective_from",
                    f"{standard.kind.label}在{standard.effective_from}已有一条，请删除重复的一条。",
                    f"{standard.kind.value} already has a row from {standard.effective_from}.",
                )
            )
        seen.add((standard.kind, standard.effective_from))
        found.append(standard)
    return found


def _check_inputs(income: int, members: int) -> None:
    problems = []
    if members < 1:
        problems.append(
            Problem(
                "members_count",
                "members_count",
                "共同生活人数至少为1人。",
                "A household has at least one member living together.",
            )
        )
    if income < 0:
        problems.append(
            Problem(
                "monthly_income",
                "money_negative",
                "家庭月收入不能为负数。",
                "Monthly household income cannot be negative.",
            )
        )
    if problems:
        raise ValidationError(problems)


def _standard(
    row: Mapping[str, object], at: str, path: Path, text: str, problems: list[Problem]
) -> Standard | None:
    count = len(problems)
    try:
        kind = StandardKind(StandardKind.from_label(str(row.get("kind", ""))))
    except ValueError:
        problems.append(
            _problem(
                path,
                text,
                f"{at}.kind",
                "kind 应为 dibao、low_income 或 extreme_poverty。",
                "kind must be dibao, low_income or extreme_poverty.",
            )
        )
    effective = row.get("effective_from")
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            effective = None
    if not isinstance(effective, date):
        problems.append(
            _problem(
                path,
                text,
                f"{at}.effective_from",
                "effective_from 应为日期，如 2023-07-01。",
                "effective_from must be a date such as 2023-07-01.",
            )
        )
    fen = _fen(
        row.get("yuan_per_person_month"), f"{at}.yuan_per_person_month", path, text, problems
    )
    note = row.get("note", "")
    if len(problems) > count or fen is None or not isinstance(effective, date):
        return None
    return Standard(kind, effective, fen, note if isinstance(note, str) else "")


def _fen(value: object, at: str, path: Path, text: str, problems: list[Problem]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value * 100
    if isinstance(value, str):
        try:
            fen = parse_yuan(value, field=at)
        except ValidationError as exc:
            problems.extend(_problem(path, text, at, p.zh, p.en) for p in exc.problems)
            return None
        if fen > 0:
            return fen
    problems.append(
        _problem(
            path,
            text,
            at,
            "yuan_per_person_month 应为大于0的金额（元），如 1510。",
            "yuan_per_person_month must be an amount in yuan above 0, e.g. 1510.",
        )
    )
    return None


def _problem(path: Path, text: str, at: str, zh: str, en: str) -> Problem:
    position = locate(key_positions(text), at)
    where_en = f"{path}:{position[0]}:{position[1]}" if position else str(path)
    where_zh = f"{path} 第{position[0]}行第{position[1]}列" if position else str(path)
    return Problem(at, "standards_file", f"{where_zh}（{at}）：{zh}", f"{where_en}: {at}: {en}")


def _zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
