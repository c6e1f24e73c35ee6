"""Hypothesis strategies and an independent MOD 11-2 reference for the domain tests."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from app.domain.regions import PROVINCES

TODAY = date(2026, 6, 1)  # fixed "today" so generated birth dates never drift into the future
HMT_PREFIXES = ("810000", "820000", "830000")


def reference_check(body: str) -> str:
    """ISO 7064 MOD 11-2 straight from its definition: the check value c makes
    sum(a_i * 2^(i-1) mod 11) over all 18 positions (i counted from the right) equal 1 mod 11."""
    weighted = sum(int(digit) * pow(2, 17 - index, 11) for index, digit in enumerate(body))
    c = next(v for v in range(11) if (weighted + v) % 11 == 1)
    return "X" if c == 10 else str(c)


def build_id(prefix6: str, born: date, sequence: int) -> str:
    body = f"{prefix6}{born:%Y%m%d}{sequence:03d}"
    return body + reference_check(body)


birth_dates = st.dates(min_value=date(1890, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)
region_prefixes = st.builds(
    lambda province, county: f"{province}{county:04d}",
    st.sampled_from(sorted(PROVINCES)),
    st.integers(min_value=0, max_value=9999),
)
resident_ids = st.builds(build_id, region_prefixes, birth_dates, sequences)
hmt_ids = st.builds(build_id, st.sampled_from(HMT_PREFIXES), birth_dates, sequences)
foreign_ids = st.builds(
    build_id,
    st.builds(
        lambda province, nationality: f"9{province}{nationality:03d}",
        st.sampled_from(sorted(PROVINCES)),
        st.integers(min_value=0, max_value=999),
    ),
    birth_dates,
    sequences,
)

MOBILE_PREFIXES = ("130", "133", "135", "138", "139", "150", "158", "166", "177", "186", "199")
mobiles = st.builds(
    lambda prefix, rest: f"{prefix}{rest:08d}",
    st.sampled_from(MOBILE_PREFIXES),
    st.integers(min_value=0, max_value=99_999_999),
)
shanghai_locals = st.builds(
    lambda first, rest: f"{first}{rest:07d}",
    st.sampled_from("234567"),
    st.integers(min_value=0, max_value=9_999_999),
)

han_chars = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # URO
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),  # Ext-A
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # Ext-B (astral)
)
han_names = st.text(alphabet=han_chars, min_size=1, max_size=50)
invisible_chars = st.characters(categories=["Cc", "Cf"])
