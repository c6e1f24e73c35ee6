"""Scoring is pure and table-driven: answers in, per-dimension scores, 困境等级, flags, service
level, tier and suggested needs out; comparisons show what changed since the previous assessment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import HardshipLevel, NeedCategory, ServiceLevel, Tier, Trend
from app.domain.errors import ValidationError
from app.domain.instruments import Instrument, load_instrument, parse_instrument
from app.domain.scoring import AssessmentResult, compare, require_complete, score
from tests.domain.instrument_texts import DEFAULT_FILE, MINI

H, M, L = HardshipLevel.HIGH, HardshipLevel.MEDIUM, HardshipLevel.LOW
BL, DON, EC = NeedCategory.BASIC_LIVING, NeedCategory.DONATION, NeedCategory.ELDERLY_CARE


@pytest.fixture(scope="module")
def mini() -> Instrument:
    return parse_instrument(MINI)


@pytest.fixture(scope="module")
def default() -> Instrument:
    return load_instrument(DEFAULT_FILE)


# (income, food, carer) -> money, care, total, level, flags, service level, tier, needs
CASES = [
    (("ok", "ok", "yes"), 0.0, 0.0, 0.0, L, [], ServiceLevel.DEVELOPMENT, Tier.PREVENTIVE, []),
    # money (3×50 + 1×0)/4 = 37.5 (< 40: 低); income's own score 50 ≥ 40 still suggests 基本生活
    (("low", "ok", "yes"), 37.5, 0.0, 25.0, L, [], ServiceLevel.DEVELOPMENT, Tier.PREVENTIVE, [BL]),
    # total (2×75 + 60)/3 = 70 (< 90) is 中 and one dimension at 高 keeps it there
    (
        ("none", "ok", "strained"),
        75.0,
        60.0,
        70.0,
        M,
        [],
        ServiceLevel.SUPPORT,
        Tier.SUPPORTIVE,
        [BL, EC],
    ),
    # total 33.3 would be 低, but one dimension at 高 lifts it to 中
    (("ok", "ok", "none"), 0.0, 100.0, 33.3, M, [], ServiceLevel.SUPPORT, Tier.SUPPORTIVE, [EC]),
    # total 83.3 (< 90) would be 中, but two dimensions at 高 make it 高
    (
        ("none", "ok", "none"),
        75.0,
        100.0,
        83.3,
        H,
        [],
        ServiceLevel.SAFETY_NET,
        Tier.INTEGRATED,
        [BL, EC],
    ),
    (
        ("none", "no_food", "none"),
        100.0,
        100.0,
        100.0,
        H,
        ["no_food"],
        ServiceLevel.EMERGENCY,
        Tier.INTEGRATED,
        [BL, DON, EC],
    ),
    # 断炊 alone: any urgent flag means 紧急保护 whatever the level; the flag's needs come first
    (
        ("low", "no_food", "yes"),
        62.5,
        0.0,
        41.7,
        M,
        ["no_food"],
        ServiceLevel.EMERGENCY,
        Tier.INTEGRATED,
        [BL, DON],
    ),
]


@pytest.mark.parametrize(
    ("answers", "money", "care", "total", "level", "flags", "service", "tier", "needs"), CASES
)
def test_advisor_scores_an_assessment(
    mini: Instrument,
    answers: tuple[str, str, str],
    money: float,
    care: float,
    total: float,
    level: HardshipLevel,
    flags: list[str],
    service: ServiceLevel,
    tier: Tier,
    needs: list[NeedCategory],
) -> None:
    result = score(mini, dict(zip(("income", "food", "carer"), answers, strict=True)))
    assert result.dimension_scores == {"money": money, "care": care}
    assert (result.total, result.hardship_level, result.urgent_flags) == (total, level, flags)
    assert (result.service_level, result.tier, result.needs) == (service, tier, needs)
    assert result.complete and result.instrument_key == "mini@1"


def test_unanswered_indicators_are_left_out_and_listed(mini: Instrument) -> None:
    result = score(mini, {"income": "low", "carer": ""})
    assert result.missing == ["food", "carer"] and not result.complete
    assert result.dimension_scores == {"money": 50.0, "care": 0.0}
    assert result.total == 50.0  # only the answered dimension counts
    with pytest.raises(ValidationError) as excinfo:
        require_complete(mini, result)
    assert [p.field for p in excinfo.value.problems] == ["food", "carer"]
    assert "“经济”中的“一日三餐有保障吗？”还没有回答" in excinfo.value.problems[0].zh


def test_nothing_answered_scores_zero(mini: Instrument) -> None:
    result = score(mini, {})
    assert result.total == 0.0 and result.hardship_level is L and len(result.missing) == 3


def test_unknown_indicators_and_answers_are_refused_together(mini: Instrument) -> None:
    with pytest.raises(ValidationError) as excinfo:
        score(mini, {"income": "plenty", "pets": "cat"})
    assert {(p.field, p.code) for p in excinfo.value.problems} == {
        ("income", "assessment_unknown_answer"),
        ("pets", "assessment_unknown_indicator"),
    }
    assert "够用、不太够、没有收入" in excinfo.value.for_field("income")[0].zh


@pytest.mark.parametrize(
    ("answers", "flag"),
    [
        ({"food": "no_food"}, "no_food"),
        ({"caregiver": "none"}, "no_caregiver"),
        ({"self_care": "unable", "living_alone": "alone_frail"}, "no_caregiver"),
        ({"safety": "imminent"}, "safety_hazard"),
        ({"illness": "serious", "medical_cost": "cannot_afford"}, "untreated_illness"),
        ({"illness": "serious", "medical_cost": "delayed"}, "untreated_illness"),
        ({"tenure": "no_fixed"}, "no_shelter"),
        ({"mood": "crisis"}, "self_harm_risk"),
    ],
)
def test_default_instrument_raises_urgent_flags(
    default: Instrument, answers: dict[str, str], flag: str
) -> None:
    result = score(default, answers)
    assert result.urgent_flags == [flag]
    assert result.service_level is ServiceLevel.EMERGENCY


def test_chronic_illness_with_delayed_treatment_is_not_an_emergency(default: Instrument) -> None:
    result = score(default, {"illness": "chronic_multi", "medical_cost": "delayed"})
    assert result.urgent_flags == [] and NeedCategory.MEDICAL in result.needs


def test_elderly_dibao_household_story(default: Instrument) -> None:
    """An 80-year-old living alone on a pension below the dibao line, with chronic illnesses."""
    answers = {i.id: i.options[0].value for i in default.indicators}
    answers |= {
        "income_level": "below_dibao",
        "food": "tight",
        "rigid_spending": "under_60",
        "illness": "chronic_multi",
        "medical_cost": "strained",
        "self_care": "partial",
        "caregiver": "strained",
        "living_alone": "alone_frail",
        "participation": "limited",
    }
    result = score(default, answers)
    assert result.complete and result.urgent_flags == []
    assert result.dimension_levels["economy"] is M and result.dimension_levels["care_support"] is M
    assert result.hardship_level is M and result.service_level is ServiceLevel.SUPPORT
    assert result.total == 28.1
    assert result.needs == [BL, DON, NeedCategory.MEDICAL, EC, NeedCategory.PSYCHOLOGICAL]


def test_comparison_shows_what_got_better(mini: Instrument) -> None:
    before = score(mini, {"income": "none", "food": "no_food", "carer": "none"})
    after = score(mini, {"income": "low", "food": "ok", "carer": "none"})
    change = compare(before, after)
    assert (change.previous_level, change.current_level, change.level_trend) == (H, M, Trend.DOWN)
    assert change.total_delta == round(after.total - before.total, 1) < 0
    money, care = change.dimensions
    assert (money.previous, money.current, money.delta, money.trend) == (
        100.0,
        37.5,
        -62.5,
        Trend.DOWN,
    )
    assert (care.delta, care.trend) == (0.0, Trend.SAME)
    assert change.flags_cleared == ["no_food"] and change.flags_added == []
    assert change.same_instrument


def test_comparison_across_instrument_versions_marks_dimensions_that_changed(
    mini: Instrument,
) -> None:
    old = AssessmentResult(
        "mini@0",
        {"money": 20.0, "legacy": 50.0},
        {},
        30.0,
        L,
        [],
        ServiceLevel.DEVELOPMENT,
        Tier.PREVENTIVE,
        [],
        [],
    )
    new = score(mini, {"income": "none", "food": "ok", "carer": "yes"})
    change = compare(old, new)
    assert not change.same_instrument and change.level_trend is Trend.UP
    assert [(d.dimension_id, d.delta) for d in change.dimensions] == [
        ("money", 55.0),
        ("care", None),
        ("legacy", None),
    ]


def answer_sets(instrument: Instrument) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {i.id: st.sampled_from([o.value for o in i.options]) for i in instrument.indicators}
    )


DEFAULT = load_instrument(DEFAULT_FILE)


@given(answer_sets(DEFAULT))
def test_scores_stay_within_bounds_and_rules(answers: dict[str, str]) -> None:
    result = score(DEFAULT, answers)
    assert all(0.0 <= s <= 100.0 for s in result.dimension_scores.values())
    assert 0.0 <= result.total <= 100.0 and result.complete
    assert (result.service_level is ServiceLevel.EMERGENCY) == bool(result.urgent_flags)
    assert result.tier is DEFAULT.tiers[result.service_level]
    assert len(set(result.needs)) == len(result.needs)
    assert compare(result, result).level_trend is Trend.SAME


@given(answer_sets(DEFAULT), st.data())
def test_a_worse_answer_never_lowers_the_level(
    answers: dict[str, str], data: st.DataObject
) -> None:
    indicator = data.draw(st.sampled_from(DEFAULT.indicators))
    current = indicator.option(answers[indicator.id])
    assert current is not None
    worse = [o for o in indicator.options if o.score >= current.score]
    worse_answers = answers | {indicator.id: data.draw(st.sampled_from(worse)).value}
    before, after = score(DEFAULT, answers), score(DEFAULT, worse_answers)
    assert after.total >= before.total
    assert compare(before, after).level_trend in (Trend.UP, Trend.SAME)
