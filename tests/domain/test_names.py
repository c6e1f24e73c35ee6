"""Stories of advisors typing names, including rare characters and transliterated names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.names import MAX_LENGTH, clean_name

from .strategies import han_chars, han_names, invisible_chars


def refused(text: str) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        clean_name(text, field="members[0].name")
    assert all(p.field == "members[0].name" and p.zh and p.en for p in excinfo.value.problems)
    return [p.code for p in excinfo.value.problems]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("张伟", "张伟"),
        ("𠮷田", "𠮷田"),  # CJK Ext-B, U+20BB7
        ("王䶮", "王䶮"),  # Ext-A
        ("𡌶", "𡌶"),
        ("买买提·艾力", "买买提·艾力"),
        ("买买提•艾力", "买买提·艾力"),  # U+2022 bullet
        ("买买提・艾力", "买买提·艾力"),  # U+30FB katakana middle dot
        ("买买提．艾力", "买买提·艾力"),  # U+FF0E full-width full stop
        ("买买提 . 艾力", "买买提·艾力"),
        ("  张  伟\u3000", "张伟"),
        ("张\t伟\n", "张伟"),
        ("李\u200b四\u200d", "李四"),  # zero-width space and joiner stripped
        ("\ufeff王五\x07", "王五"),
        ("John  Smith", "John Smith"),
        ("Ｊｏｈｎ Ｓｍｉｔｈ", "John Smith"),
        ("Jean-Pierre O’Neil", "Jean-Pierre O'Neil"),
        ("José", "José"),
        ("Jose\u0301", "José"),  # combining accent composed by NFKC
        ("葛\U000e0100", "葛"),  # ideographic variation selector dropped
    ],
)
def test_advisor_enters_names_and_gets_them_cleaned(typed: str, kept: str) -> None:
    assert clean_name(typed) == kept


def test_length_counts_characters_not_bytes_or_utf16_units() -> None:
    assert clean_name("𠮷" * MAX_LENGTH) == "𠮷" * MAX_LENGTH
    assert refused("𠮷" * (MAX_LENGTH + 1)) == ["name_too_long"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "name_required"),
        (" \u200b\x00 ", "name_required"),
        ("张3", "name_digits"),
        ("张三２", "name_digits"),
        ("王①", "name_digits"),
        ("张@伟", "name_symbol"),
        ("张伟😀", "name_symbol"),
        ("(张伟)", "name_symbol"),
        ("-Pierre", "name_symbol"),
        ("·张伟", "name_dot"),
        ("张伟·", "name_dot"),
        ("买买提··艾力", "name_dot"),
        ("王\ue000", "name_private_use"),
    ],
)
def test_names_with_digits_or_symbols_are_refused(typed: str, code: str) -> None:
    assert refused(typed) == [code]


def test_one_message_per_kind_of_mistake() -> None:
    assert sorted(refused("张1伟2@#")) == ["name_digits", "name_symbol"]


@given(han_names)
def test_random_cjk_names_including_astral_pass_unchanged(name: str) -> None:
    assert clean_name(name) == name


@given(han_names, st.lists(st.tuples(st.integers(min_value=0), invisible_chars), max_size=8))
def test_random_control_and_format_characters_are_stripped(
    name: str, inserts: list[tuple[int, str]]
) -> None:
    typed = name
    for position, char in inserts:
        index = position % (len(typed) + 1)
        typed = typed[:index] + char + typed[index:]
    assert clean_name(typed) == name


@given(
    st.text(alphabet=han_chars, min_size=1, max_size=10),
    st.sampled_from(["·", "•", "・", "．", ".", " · ", "‧"]),
    st.text(alphabet=han_chars, min_size=1, max_size=10),
)
def test_any_typed_dot_becomes_the_middle_dot(first: str, dot: str, second: str) -> None:
    assert clean_name(first + dot + second) == f"{first}·{second}"


@given(han_names, st.characters(categories=["Nd"]), st.integers(min_value=0))
def test_a_digit_anywhere_is_refused(name: str, digit: str, position: int) -> None:
    index = position % (len(name) + 1)
    assert "name_digits" in refused(name[:index] + digit + name[index:])


@given(st.from_regex(r"[A-Z][a-z]{0,12}( [A-Z][a-z]{0,12}){0,2}", fullmatch=True))
def test_latin_names_pass_unchanged(name: str) -> None:
    assert clean_name(name) == name


@given(st.text(max_size=60))
def test_any_text_is_cleaned_idempotently_or_refused(text: str) -> None:
    try:
        name = clean_name(text)
    except ValidationError as error:
        assert error.problems
    else:
        assert 1 <= len(name) <= MAX_LENGTH
        assert name == name.strip() and "  " not in name
        assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)
        assert clean_name(name) == name
