"""Stories of advisors typing ID numbers: what is accepted, what is derived, what is refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import IdType, Sex
from app.domain.errors import ValidationError
from app.domain.id_numbers import IdInfo, check_char, compose_id, mask_id, parse_id

from .strategies import (
    TODAY,
    birth_dates,
    build_id,
    foreign_ids,
    hmt_ids,
    reference_check,
    resident_ids,
    sequences,
)


def resident(number: str) -> IdInfo:
    return parse_id(IdType.RESIDENT_ID, number, today=TODAY)


def codes(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [p.code for p in excinfo.value.problems]


def refused(id_type: IdType | str, number: str) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        parse_id(id_type, number, today=TODAY)
    assert all(p.field == "id_number" and p.zh and p.en for p in excinfo.value.problems)
    return codes(excinfo)


# --- table of examples -------------------------------------------------------------------------

PUDONG = build_id("310115", date(1985, 3, 7), 123)
ANHUI = build_id("340524", date(2000, 2, 29), 42)


@pytest.mark.parametrize(
    ("number", "sex", "born"),
    [
        (PUDONG, Sex.MALE, date(1985, 3, 7)),  # python-stdnum wrongly rejects 310115
        (ANHUI, Sex.FEMALE, date(2000, 2, 29)),  # python-stdnum raises KeyError on 340524
        (build_id("310115", date(2004, 2, 29), 1), Sex.MALE, date(2004, 2, 29)),
        (build_id("310108", date(1962, 12, 31), 998), Sex.FEMALE, date(1962, 12, 31)),  # 闸北
        (build_id("310103", date(1950, 1, 1), 17), Sex.MALE, date(1950, 1, 1)),  # 卢湾
        (build_id("310230", date(1931, 7, 1), 20), Sex.FEMALE, date(1931, 7, 1)),  # 崇明县
        (build_id("310151", date(2020, 6, 1), 5), Sex.MALE, date(2020, 6, 1)),  # 崇明区
        ("11010519491231002X", Sex.FEMALE, date(1949, 12, 31)),  # GB 11643's own example
    ],
)
def test_advisor_enters_valid_resident_id(number: str, sex: Sex, born: date) -> None:
    info = parse_id(IdType.RESIDENT_ID, number, today=TODAY)
    assert (info.normalized, info.sex, info.birth_date, info.warnings) == (number, sex, born, [])


def test_published_examples_agree_with_reference_check() -> None:
    for number in ("11010519491231002X", "440524188001010014", "810000199408230021"):
        assert check_char(number[:17]) == reference_check(number[:17]) == number[17]


def test_lowercase_x_full_width_digits_spaces_and_dashes_are_normalised() -> None:
    number = "11010519491231002X"
    typed = " １１０１０５-1949 1231\u3000002x "
    assert parse_id("resident_id", typed, today=TODAY).normalized == number
    assert parse_id("居民身份证", typed, today=TODAY).normalized == number


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (date(1900, 2, 28), None),
        (date(2027, 1, 1), "id_birth_date"),  # after TODAY
        (date(1880, 1, 1), "id_birth_date"),  # before 1890 (GB 11643's 440524188001010014)
    ],
)
def test_birth_date_must_be_plausible(born: date, expected: str | None) -> None:
    number = build_id("310104", born, 11)
    if expected is None:
        assert parse_id(IdType.RESIDENT_ID, number, today=TODAY).birth_date == born
    else:
        assert refused(IdType.RESIDENT_ID, number) == [expected]


@pytest.mark.parametrize("digits", ["19000229", "20010229", "19991301", "19990431", "00000101"])
def test_impossible_calendar_dates_are_refused(digits: str) -> None:
    body = f"310104{digits}123"
    assert refused(IdType.RESIDENT_ID, body + reference_check(body)) == ["id_birth_date"]


def test_bad_check_digit_is_refused_with_advice_to_compare_digit_by_digit() -> None:
    wrong = PUDONG[:17] + ("1" if PUDONG[17] != "1" else "2")
    with pytest.raises(ValidationError) as excinfo:
        resident(wrong)
    (problem,) = excinfo.value.problems
    assert problem.code == "id_check_digit"
    assert "逐位核对" in problem.zh and "digit by digit" in problem.en
    assert not any(c.isdigit() for c in problem.zh)  # the expected check digit is not revealed


@pytest.mark.parametrize("province", ["00", "10", "16", "20", "24", "30", "47", "55", "66", "71"])
def test_numbers_outside_mainland_provinces_are_refused(province: str) -> None:
    number = build_id(f"{province}0101", date(1990, 5, 5), 33)
    assert refused(IdType.RESIDENT_ID, number) == ["id_region"]


def test_unknown_shanghai_county_is_only_a_warning() -> None:
    info = resident(build_id("310199", date(1990, 5, 5), 33))
    assert [w.code for w in info.warnings] == ["id_region_unknown"]
    assert "310199" in info.warnings[0].zh


def test_first_generation_number_is_refused_with_the_18_digit_form() -> None:
    with pytest.raises(ValidationError) as excinfo:
        resident("310115850307123")
    (problem,) = excinfo.value.problems
    assert problem.code == "id_first_generation"
    assert "2013" in problem.zh and PUDONG in problem.zh and PUDONG in problem.en


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("31011519850307123", "id_shape"),
        ("3101151985030712300", "id_shape"),
        ("31011519850307X230", "id_shape"),
        ("31011519850307123Y", "id_shape"),
        (build_id("810000", date(1990, 1, 1), 1), "id_type_mismatch"),
        (build_id("931840", date(1990, 1, 1), 1), "id_type_mismatch"),
        ("USA310090010011", "id_type_mismatch"),
    ],
)
def test_misshapen_or_misfiled_resident_numbers(number: str, code: str) -> None:
    assert refused(IdType.RESIDENT_ID, number) == [code]


def test_empty_number_and_unknown_type_name_their_fields() -> None:
    assert refused(IdType.RESIDENT_ID, "  - ") == ["id_required"]
    with pytest.raises(ValidationError) as excinfo:
        parse_id("passport-ish", "E1234567")
    assert [p.field for p in excinfo.value.problems] == ["id_type"]


def test_field_name_is_carried_into_problems() -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_id(IdType.RESIDENT_ID, "123", field="members[1].id_number")
    assert excinfo.value.for_field("members[1].id_number")


def test_residence_permit_for_hong_kong_macau_taiwan() -> None:
    info = parse_id(IdType.HMT_RESIDENCE_PERMIT, "810000199408230021", today=TODAY)
    assert (info.sex, info.birth_date) == (Sex.FEMALE, date(1994, 8, 23))
    assert refused(IdType.HMT_RESIDENCE_PERMIT, PUDONG) == ["id_hmt_prefix"]


def test_foreign_permanent_resident_ids_old_and_new() -> None:
    new = build_id("931840", date(1979, 11, 30), 7)
    info = parse_id(IdType.FOREIGN_PERMANENT_RESIDENT, new, today=TODAY)
    assert (info.normalized, info.sex, info.birth_date) == (new, None, date(1979, 11, 30))
    old = parse_id(IdType.FOREIGN_PERMANENT_RESIDENT, "usa 3100 9001 0011", today=TODAY)
    assert (old.normalized, old.sex, old.birth_date) == ("USA310090010011", None, None)
    assert refused(IdType.FOREIGN_PERMANENT_RESIDENT, PUDONG) == ["id_foreign_shape"]
    assert refused(IdType.FOREIGN_PERMANENT_RESIDENT, "US3100900100111") == ["id_foreign_shape"]


def test_new_foreign_id_with_unreadable_birth_date_is_kept_with_a_warning() -> None:
    body = "93184019791399007"
    info = parse_id(IdType.FOREIGN_PERMANENT_RESIDENT, body + reference_check(body))
    assert info.birth_date is None and [w.code for w in info.warnings] == [
        "id_foreign_birth_unread"
    ]


def test_other_documents_are_free_form_but_bounded() -> None:
    info = parse_id(IdType.OTHER, "  Ｅ１２３\u200b4567   8 ")
    assert (info.normalized, info.sex, info.birth_date) == ("E1234567 8", None, None)
    assert refused(IdType.OTHER, "x" * 33) == ["id_other_shape"]
    assert refused(IdType.OTHER, "E12\x0745") == ["id_other_shape"]
    assert refused(IdType.OTHER, " \u200b ") == ["id_required"]


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("USA310090010011", "USA310*****0011"),
        ("E1234567", "******67"),
        ("AB", "**"),
        ("", ""),
    ],
)
def test_masking_shows_first_six_and_last_four(number: str, masked: str) -> None:
    assert mask_id(number) == masked


# --- properties ----------------------------------------------------------------------------------


@given(resident_ids)
def test_generated_resident_ids_pass_and_round_trip(number: str) -> None:
    info = resident(number)
    assert info.normalized == number
    assert info.birth_date == date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert info.sex == (Sex.MALE if int(number[16]) % 2 else Sex.FEMALE)
    assert [w.code for w in info.warnings] in ([], ["id_region_unknown"])


@given(st.sampled_from(["310101", "310115", "340524", "440305"]), birth_dates, sequences)
def test_compose_id_matches_the_reference_and_parses_back(
    prefix: str, born: date, sequence: int
) -> None:
    number = compose_id(prefix, born, sequence)
    assert number == build_id(prefix, born, sequence)
    assert resident(number).birth_date == born


@given(resident_ids, st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_refused(number: str, index: int, new: str) -> None:
    changed = number[:index] + new + number[index + 1 :]
    if changed == number:
        return
    with pytest.raises(ValidationError) as excinfo:
        resident(changed)
    found = codes(excinfo)
    assert "id_check_digit" in found or {"id_shape", "id_type_mismatch"} & set(found)


@given(resident_ids, st.integers(min_value=0, max_value=16))
def test_any_swap_of_neighbouring_digits_is_refused(number: str, index: int) -> None:
    swapped = number[:index] + number[index + 1] + number[index] + number[index + 2 :]
    if swapped != number:
        with pytest.raises(ValidationError):
            resident(swapped)


@given(hmt_ids)
def test_generated_residence_permits_pass_and_are_refused_as_resident_ids(number: str) -> None:
    info = parse_id(IdType.HMT_RESIDENCE_PERMIT, number.lower(), today=TODAY)
    assert info.normalized == number
    assert info.sex == (Sex.MALE if int(number[16]) % 2 else Sex.FEMALE)
    assert refused(IdType.RESIDENT_ID, number) == ["id_type_mismatch"]


@given(foreign_ids)
def test_generated_new_foreign_ids_pass_with_birth_date(number: str) -> None:
    info = parse_id(IdType.FOREIGN_PERMANENT_RESIDENT, number, today=TODAY)
    assert info.birth_date == date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert info.sex is None


@given(st.from_regex(r"[A-Za-z]{3}[0-9]{12}", fullmatch=True))
def test_generated_old_foreign_ids_pass_in_upper_case(number: str) -> None:
    info = parse_id(IdType.FOREIGN_PERMANENT_RESIDENT, number, today=TODAY)
    assert info.normalized == number.upper()


@given(st.sampled_from(list(IdType)), st.text(max_size=40))
def test_any_text_is_either_accepted_or_refused_with_problems(kind: IdType, text: str) -> None:
    try:
        info = parse_id(kind, text, today=TODAY)
    except ValidationError as error:
        assert error.problems
    else:
        assert 1 <= len(info.normalized) <= 32
        assert info.normalized.isprintable()


@given(st.text(min_size=11, max_size=40))
def test_masking_keeps_length_ends_and_hides_the_middle(number: str) -> None:
    masked = mask_id(number)
    assert len(masked) == len(number)
    assert masked[:6] == number[:6] and masked[-4:] == number[-4:]
    assert set(masked[6:-4]) == {"*"}
