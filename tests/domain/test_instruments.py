"""Instrument files are validated on load; every problem names its file, path, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.enums import NeedCategory, ServiceLevel, Tier
from app.domain.instruments import (
    DEFAULT_INSTRUMENT_KEY,
    InstrumentError,
    list_instruments,
    load_instrument,
    parse_instrument,
)
from app.domain.toml_positions import key_positions
from tests.domain.instrument_texts import DEFAULT_FILE, INSTRUMENTS, MINI


def problems_of(text: str) -> list[tuple[str, str, int | None]]:
    with pytest.raises(InstrumentError) as excinfo:
        parse_instrument(text, file="mini.toml")
    for detail in excinfo.value.details:
        assert detail.zh and detail.en and detail.file == "mini.toml"
    assert len(excinfo.value.problems) == len(excinfo.value.details)
    return [(d.code, d.path, d.line) for d in excinfo.value.details]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_shipped_default_has_six_shanghai_dimensions() -> None:
    instrument = load_instrument(DEFAULT_FILE)
    assert instrument.key == DEFAULT_INSTRUMENT_KEY
    assert [d.title for d in instrument.dimensions] == [
        "经济",
        "健康",
        "居住",
        "就业/教育",
        "照护与支持网络",
        "心理与社会融入",
    ]
    assert {f.label for f in instrument.flags} >= {"断炊", "无人照料", "安全隐患", "重病无钱医治"}
    assert all(len(i.options) >= 2 and i.text.endswith("？") for i in instrument.indicators)
    assert all(i.options[0].score == 0 for i in instrument.indicators)  # best answer first
    assert instrument.tiers[ServiceLevel.SUPPORT] is Tier.SUPPORTIVE
    assert instrument.source == str(DEFAULT_FILE)


def test_admin_lists_the_instruments_folder() -> None:
    keys = [i.key for i in list_instruments(INSTRUMENTS)]
    assert DEFAULT_INSTRUMENT_KEY in keys


def test_mini_instrument_reads_into_typed_parts() -> None:
    instrument = parse_instrument(MINI)
    food = instrument.indicator("food")
    assert food is not None and food.weight == 1.0 and food.needs == (NeedCategory.DONATION,)
    assert instrument.dimension_of("carer").id == "care"
    assert instrument.levels.high_dimensions == 2
    assert instrument.flags[0].rules[0].conditions[0].values == frozenset({"no_food"})


SEMANTIC_CASES = [
    # (replace this, with this, code, path)
    (
        "score = 50 }",
        "score = 150 }",
        "instrument_range",
        "dimensions[0].indicators[0].options[1].score",
    ),
    (
        'label = "不太够", ',
        'label = "", ',
        "instrument_empty",
        "dimensions[0].indicators[0].options[1].label",
    ),
    (
        '{ value = "low", label = "不太够", score = 50 },',
        '{ value = "low", score = 50 },',
        "instrument_missing",
        "dimensions[0].indicators[0].options[1].label",
    ),
    ("weight = 3", "weight = 0", "instrument_range", "dimensions[0].indicators[0].weight"),
    ("weight = 3", "weight = -1.5", "instrument_range", "dimensions[0].indicators[0].weight"),
    ("weight = 3", 'weight = "3"', "instrument_type", "dimensions[0].indicators[0].weight"),
    ('id = "carer"', 'id = "food"', "instrument_duplicate_id", "dimensions[1].indicators[0].id"),
    ('id = "care"\n', 'id = "money"\n', "instrument_duplicate_id", "dimensions[1].id"),
    (
        '{ value = "none", label = "没有收入"',
        '{ value = "low", label = "没有收入"',
        "instrument_duplicate_id",
        "dimensions[0].indicators[0].options[2].value",
    ),
    (
        "medium = 40\nhigh = 90",
        "medium = 95\nhigh = 90",
        "instrument_threshold_order",
        "levels.high",
    ),
    (
        'medium = 40\nhigh = 70\nneeds = ["elderly_care"]',
        'medium = 80\nhigh = 70\nneeds = ["x"]',
        "instrument_threshold_order",
        "dimensions[1].high",
    ),
    (
        'all = { food = ["no_food"] }',
        'all = { fod = ["no_food"] }',
        "instrument_unknown_indicator",
        "flags[0].rules[0].all.fod",
    ),
    (
        'all = { food = ["no_food"] }',
        'all = { food = ["ok", "nofood"] }',
        "instrument_unknown_option",
        "flags[0].rules[0].all.food[1]",
    ),
    (
        'needs = ["donation"]',
        'needs = ["money"]',
        "instrument_choice",
        "dimensions[0].indicators[1].needs[0]",
    ),
    ('title = "照护"', 'titel = "照护"', "instrument_unknown_key", "dimensions[1].titel"),
    ("version = 1", "version = 0", "instrument_version", "version"),
    ('id = "mini"', 'id = "Mini Tool"', "instrument_id", "id"),
]


@pytest.mark.parametrize(("old", "new", "code", "path"), SEMANTIC_CASES)
def test_each_mistake_is_reported_at_its_key(old: str, new: str, code: str, path: str) -> None:
    assert old in MINI
    text = MINI.replace(old, new, 1)
    found = problems_of(text)
    matching = [p for p in found if p[0] == code and p[1] == path]
    assert matching, found
    line = matching[0][2]
    assert line is not None
    changed_line = text.splitlines()[line - 1]
    assert any(part and part in changed_line for part in new.splitlines()) or line == line_of(
        text, new.splitlines()[0]
    ), (line, changed_line)


def test_missing_title_points_at_its_table_header() -> None:
    text = MINI.replace('title = "照护"\n', "")
    assert (
        "instrument_missing",
        "dimensions[1].title",
        line_of(text, '[[dimensions]]\nid = "care"'),
    ) in (problems_of(text))


def test_all_problems_come_together_in_document_order() -> None:
    text = MINI.replace("weight = 3", "weight = 0").replace("score = 60 }", "score = -1 }")
    found = problems_of(text)
    assert [p[1] for p in found] == [
        "dimensions[0].indicators[0].weight",
        "dimensions[1].indicators[0].options[1].score",
    ]


def test_one_bad_indicator_does_not_hide_its_flag_rules() -> None:
    text = MINI.replace('text = "一日三餐有保障吗？"', 'text = ""')
    assert [p[0] for p in problems_of(text)] == ["instrument_empty"]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('id = "a"\nversion = 1\n[levels\n', 3, 8),
        ('id = "a"\ntitle = "未闭合\n', 2, 13),
        ('id = "a"\nversion = 1\nversion = 2\n', 3, 12),
        ('id = "a"\ntitle = """abc', 2, 15),
    ],
)
def test_syntax_errors_give_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(InstrumentError) as excinfo:
        parse_instrument(text, file="x.toml")
    (detail,) = excinfo.value.details
    assert detail.code == "instrument_syntax"
    assert (detail.line, detail.column) == (line, column)
    assert detail.where() == f"x.toml:{line}:{column}"
    assert f"第{line}行第{column}列" in excinfo.value.problems[0].zh


def test_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(MINI.encode("gb18030"))
    with pytest.raises(InstrumentError) as excinfo:
        load_instrument(path)
    assert excinfo.value.details[0].code == "instrument_encoding"


def test_folder_with_two_files_of_one_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MINI, encoding="utf-8")
    (tmp_path / "b.toml").write_text(MINI, encoding="utf-8")
    (tmp_path / "c.toml").write_text(MINI.replace("version = 1", "version = 2"), encoding="utf-8")
    with pytest.raises(InstrumentError) as excinfo:
        list_instruments(tmp_path)
    (detail,) = excinfo.value.details
    assert detail.code == "instrument_duplicate" and detail.file.endswith("b.toml")


def test_positions_cover_tables_inline_arrays_and_quoted_keys() -> None:
    text = (
        '# comment\n"键 一" = 1\n[a]\nb.c = [ 1, { d = "x,}]" }, \'lit\' ]\n'
        "[[t]]\nx = 1\n[[t]]\nx = '''\nmulti\n'''\ny = 2\n[[t.s]]\nz = 3\n"
    )
    positions = key_positions(text)
    assert positions["键 一"] == (2, 1)
    assert positions["a.b.c[1]"] == (4, 12)
    assert positions["a.b.c[1].d"] == (4, 14)
    assert positions["a.b.c[2]"] == (4, 28)
    assert positions["t[1].y"] == (11, 1)
    assert positions["t[1].s[0].z"] == (13, 1)


@given(
    indicator=st.integers(min_value=0, max_value=21),
    weight=st.sampled_from(["0", "-1", "-0.5", "0.0", "nan", '"1"', "true", "1001"]),
)
def test_any_bad_indicator_weight_in_the_default_is_found_on_its_line(
    indicator: int, weight: str
) -> None:
    lines = DEFAULT_FILE.read_text(encoding="utf-8").splitlines()
    headers = [i for i, line in enumerate(lines) if line == "[[dimensions.indicators]]"]
    start = headers[indicator]
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("weight ="))
    lines[at] = f"weight = {weight}"
    with pytest.raises(InstrumentError) as excinfo:
        parse_instrument("\n".join(lines), file="d.toml")
    (detail,) = excinfo.value.details
    assert detail.path.endswith(".weight") and detail.line == at + 1 and detail.column == 1
