"""Stories of advisors typing phone numbers of households and members."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.phones import normalize_phone

from .strategies import mobiles, shanghai_locals


def refused(text: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(text, field="head_phone")
    (problem,) = excinfo.value.problems
    assert problem.field == "head_phone" and problem.zh and problem.en
    return problem.code


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086 138-1234-5678", "13812345678"),
        ("86 13812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("021-62345678", "021-62345678"),
        ("(021) 6234 5678", "021-62345678"),
        ("（021）62345678", "021-62345678"),
        ("+86 21 6234 5678", "021-62345678"),
        ("62345678", "021-62345678"),
        ("6234-5678", "021-62345678"),
        ("0755 2345 6789", "0755-23456789"),
        ("010-65123456", "010-65123456"),
        ("+852 9123 4567", "+852 9123 4567"),
        ("", ""),
        ("  \u200b ", ""),
    ],
)
def test_advisor_types_phone_numbers_in_many_ways(typed: str, shown: str) -> None:
    assert normalize_phone(typed) == shown


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("12012345678", "phone_not_mobile"),
        ("10012345678", "phone_not_mobile"),
        ("1381234567", "phone_area_code"),
        ("6234567", "phone_area_code"),
        ("4001234567", "phone_not_personal"),
        ("95588", "phone_area_code"),
        ("021-6234567890", "phone_invalid"),
        ("138 1234 5678 转 8", "phone_chars"),
        ("tel: 13812345678", "phone_chars"),
        ("+999 1234", "phone_invalid"),
    ],
)
def test_numbers_that_cannot_be_called_are_refused(typed: str, code: str) -> None:
    assert refused(typed) == code


def test_twelve_zero_is_not_a_mobile_and_the_message_says_what_a_mobile_is() -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone("12012345678")
    (problem,) = excinfo.value.problems
    assert "13–19" in problem.zh and "11" in problem.zh and "13-19" in problem.en


@given(mobiles, st.sampled_from(["", "+86 ", "+86-", "0086 ", "86"]), st.booleans())
def test_generated_mobiles_normalise_to_eleven_digits(
    mobile: str, prefix: str, grouped: bool
) -> None:
    body = f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}" if grouped else mobile
    assert normalize_phone(prefix + body) == mobile


@given(shanghai_locals, st.sampled_from(["", "021", "021-", "(021)", "+86 21 "]))
def test_generated_shanghai_landlines_show_with_area_code(local: str, prefix: str) -> None:
    assert normalize_phone(prefix + local) == f"021-{local}"


@given(st.integers(min_value=0, max_value=999_999_999))
def test_eleven_digit_numbers_starting_12_are_never_mobiles(rest: int) -> None:
    assert refused(f"12{rest:09d}") == "phone_not_mobile"


@given(st.text(max_size=30))
def test_any_text_gives_a_display_form_or_a_problem(text: str) -> None:
    try:
        shown = normalize_phone(text)
    except ValidationError as error:
        assert len(error.problems) == 1
    else:
        assert shown == "" or normalize_phone(shown) == shown
