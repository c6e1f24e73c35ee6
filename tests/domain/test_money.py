"""Amounts typed in yuan become integer fen; nothing passes through a float."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.money import MAX_FEN, format_fen, parse_yuan


def refused(text: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        parse_yuan(text, field="monthly_income")
    (problem,) = excinfo.value.problems
    assert problem.field == "monthly_income" and problem.zh and problem.en
    return problem.code


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1,234.56", 123456),
        ("¥12", 1200),
        ("￥12", 1200),
        ("12元", 1200),
        ("RMB 12.3", 1230),
        ("0", 0),
        ("0.01", 1),
        ("0.1", 10),
        ("1 234.5", 123450),
        ("１２３４．５６", 123456),
        ("1，234", 123400),  # full-width comma
        ("007", 700),
        ("1,234,567.89", 123456789),
    ],
)
def test_advisor_types_amounts_in_yuan(typed: str, fen: int) -> None:
    assert parse_yuan(typed, field="amount") == fen


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "money_required"),
        ("¥", "money_required"),
        ("1.234", "money_precision"),
        ("0.005", "money_precision"),
        ("-5", "money_negative"),
        ("¥-5", "money_negative"),
        ("(5)", "money_negative"),
        ("abc", "money_format"),
        ("1e3", "money_format"),
        ("nan", "money_format"),
        ("1,23", "money_format"),
        ("12,3456", "money_format"),
        (".5", "money_format"),
        ("5.", "money_format"),
        ("1.2.3", "money_format"),
        ("一百", "money_format"),
        ("1000000001", "money_too_large"),
    ],
)
def test_bad_amounts_are_refused(typed: str, code: str) -> None:
    assert refused(typed) == code


def test_message_keeps_what_was_typed() -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_yuan("abc", field="amount")
    assert "abc" in excinfo.value.problems[0].zh


@pytest.mark.parametrize(
    ("fen", "shown"),
    [(0, "0.00"), (5, "0.05"), (123456, "1,234.56"), (-123456, "-1,234.56"), (100, "1.00")],
)
def test_fen_are_shown_as_yuan(fen: int, shown: str) -> None:
    assert format_fen(fen) == shown


def test_format_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_fen(12.5)  # type: ignore[arg-type]


fens = st.integers(min_value=0, max_value=MAX_FEN)


@given(fens)
def test_formatted_amounts_parse_back(fen: int) -> None:
    assert parse_yuan(format_fen(fen), field="amount") == fen


@given(fens, st.sampled_from(["{}", "¥{}", "{}元", "￥ {} 元"]))
def test_plain_yuan_text_parses_exactly(fen: int, template: str) -> None:
    yuan, cents = divmod(fen, 100)
    assert parse_yuan(template.format(f"{yuan}.{cents:02d}"), field="amount") == fen


@given(fens, st.integers(min_value=1, max_value=9))
def test_more_than_two_decimals_are_refused(fen: int, extra: int) -> None:
    assert refused(f"{fen // 100}.{fen % 100:02d}{extra}") == "money_precision"


@given(st.integers(min_value=1, max_value=MAX_FEN))
def test_negative_amounts_are_refused(fen: int) -> None:
    assert refused("-" + format_fen(fen)) == "money_negative"


@given(st.text(max_size=20))
def test_any_text_gives_fen_or_a_problem(text: str) -> None:
    try:
        fen = parse_yuan(text, field="amount")
    except ValidationError as error:
        assert len(error.problems) == 1
    else:
        assert isinstance(fen, int) and 0 <= fen <= MAX_FEN
