"""Eligibility hints (政策找人): per-capita income against the 低保标准 in force on a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.eligibility import (
    SHANGHAI_STANDARDS,
    Standard,
    eligibility_hint,
    load_standards,
    standard_in_force,
)
from app.domain.enums import StandardKind
from app.domain.errors import ValidationError

SHANGHAI = Path(__file__).resolve().parents[2] / "resources" / "standards" / "shanghai.toml"
DIBAO = StandardKind.DIBAO
TABLE = [
    Standard(DIBAO, date(2022, 7, 1), 142_000),
    Standard(DIBAO, date(2023, 7, 1), 151_000),
    Standard(DIBAO, date(2021, 4, 1), 133_000),
]


@pytest.mark.parametrize(
    ("on", "fen"),
    [
        (date(2021, 3, 31), None),
        (date(2021, 4, 1), 133_000),
        (date(2022, 6, 30), 133_000),
        (date(2022, 7, 1), 142_000),
        (date(2030, 1, 1), 151_000),
    ],
)
def test_standard_in_force_on_a_date(on: date, fen: int | None) -> None:
    found = standard_in_force(TABLE, DIBAO, on)
    assert (found.fen_per_person_month if found else None) == fen


@pytest.mark.parametrize(
    ("income", "members", "kind", "per_capita"),
    [
        (0, 1, "below", 0),
        (301_998, 2, "below", 150_999),
        (301_999, 2, "below", 151_000),  # 1,509.995 a head is under 1,510 (shown rounded)
        (302_000, 2, "marginal", 151_000),  # exactly the standard: not below
        (301_999 * 3, 3, "marginal", 301_999),
        (302_000 * 3, 3, None, 302_000),  # exactly 2 × standard: not marginal
        (1_000_000, 1, None, 1_000_000),
    ],
)
def test_hint_for_a_household(income: int, members: int, kind: str | None, per_capita: int) -> None:
    hint = eligibility_hint(income, members, TABLE, date(2024, 1, 1))
    assert (hint.kind, hint.per_capita_fen) == (kind, per_capita)
    assert (hint.standard_fen, hint.marginal_fen) == (151_000, 302_000)
    assert hint.zh and hint.en


def test_below_hint_reads_for_the_advisor() -> None:
    hint = eligibility_hint(250_000, 2, TABLE, date(2024, 1, 1))
    assert hint.zh == (
        "家庭月人均收入1,250.00元，低于低保标准1,510.00元（2023年7月1日起执行），可提示家庭申请低保。"
    )


def test_explicit_low_income_standard_wins_over_the_factor() -> None:
    table = [*TABLE, Standard(StandardKind.LOW_INCOME, date(2023, 7, 1), 250_000)]
    hint = eligibility_hint(260_000, 1, table, date(2024, 1, 1))
    assert hint.kind is None and hint.marginal_fen == 250_000
    assert eligibility_hint(230_000, 1, TABLE, date(2024, 1, 1), marginal_factor=1.5).kind is None


def test_no_standard_in_force_says_so() -> None:
    hint = eligibility_hint(100_000, 1, TABLE, date(2020, 1, 1))
    assert hint.kind is None and hint.standard_fen is None and "没有可用的低保标准" in hint.zh


def test_impossible_household_is_refused() -> None:
    with pytest.raises(ValidationError) as excinfo:
        eligibility_hint(-1, 0, TABLE, date(2024, 1, 1))
    assert {p.field for p in excinfo.value.problems} == {"members_count", "monthly_income"}


def test_shipped_shanghai_reference_table_loads_and_matches_the_domain_copy() -> None:
    standards = load_standards(SHANGHAI)
    assert standards == sorted(SHANGHAI_STANDARDS, key=lambda s: s.effective_from)
    in_force = standard_in_force(standards, DIBAO, date(2023, 12, 1))
    assert in_force is not None and in_force.fen_per_person_month == 151_000
    assert all(s.fen_per_person_month > 0 for s in standards)


def test_bad_standards_file_names_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[standards]]\nkind = "dibao"\neffective_from = 2023-07-01\nyuan_per_person_month = 0\n'
        '[[standards]]\nkind = "低保"\neffective_from = "July"\nyuan_per_person_month = "1,510"\n'
        '[[standards]]\nkind = "dibao"\neffective_from = 2023-07-01\nyuan_per_person_month = 1\n'
        '[[standards]]\nkind = "dibao"\neffective_from = "2023-07-01"\nyuan_per_person_month = 2\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as excinfo:
        load_standards(path)
    assert [(p.field, p.zh.split("（")[0].rsplit(" ", 1)[1]) for p in excinfo.value.problems] == [
        ("standards[0].yuan_per_person_month", "第4行第1列"),
        ("standards[1].kind", "第6行第1列"),
        ("standards[1].effective_from", "第7行第1列"),
        ("standards[3].effective_from", "第15行第1列"),  # same kind and date as standards[2]
    ]


@given(
    st.integers(min_value=0, max_value=10_000_000),
    st.integers(min_value=1, max_value=12),
    st.dates(min_value=date(2021, 4, 1), max_value=date(2035, 1, 1)),
)
def test_hint_agrees_with_exact_arithmetic(income: int, members: int, on: date) -> None:
    hint = eligibility_hint(income, members, TABLE, on)
    standard = standard_in_force(TABLE, DIBAO, on)
    assert standard is not None and hint.standard_fen == standard.fen_per_person_month
    assert (hint.kind == "below") == (income < standard.fen_per_person_month * members)
    if hint.kind is None:
        assert income >= 2 * standard.fen_per_person_month * members
