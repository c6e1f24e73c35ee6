"""The columns of district ledgers (台账): recognising their headers, and reading their cells
(relations, categories, dates written many ways) into the register's codes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from app.domain.enums import HouseholdCategory, IdType, RelationToHead

# field -> header texts (normalised) that mean it, most usual first.
HEADERS: dict[str, tuple[str, ...]] = {
    "household_key": ("户编号", "户号", "家庭编号", "户序号"),
    "name": ("姓名", "成员姓名", "家庭成员姓名", "救助对象姓名"),
    "head_name": ("户主姓名", "户主"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证件号码", "身份证"),
    "id_type": ("证件类型", "证件种类"),
    "relation": ("与户主关系", "与户主的关系", "关系"),
    "sex": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日"),
    "phone": ("联系电话", "手机号码", "手机号", "电话", "手机", "联系方式"),
    "address": ("家庭住址", "住址", "家庭地址", "居住地址", "现住址", "地址"),
    "committee": ("所属居委", "居委会", "居委", "所属居委会", "所属居村委", "所属社区", "社区"),
    "categories": ("救助类别", "困难类别", "救助类型", "困难类型", "类别"),
    "health": ("健康状况",),
    "monthly_income": ("月收入", "个人月收入", "月收入元"),
    "notes": ("备注",),
}
FIELD_LABELS = {field: names[0] for field, names in HEADERS.items()}
HEADER_SCAN_ROWS = 10

RELATIONS: dict[str, RelationToHead] = {
    "户主": RelationToHead.SELF,
    "本人": RelationToHead.SELF,
    "妻": RelationToHead.SPOUSE,
    "妻子": RelationToHead.SPOUSE,
    "夫": RelationToHead.SPOUSE,
    "丈夫": RelationToHead.SPOUSE,
    "儿子": RelationToHead.SON,
    "长子": RelationToHead.SON,
    "次子": RelationToHead.SON,
    "女儿": RelationToHead.DAUGHTER,
    "长女": RelationToHead.DAUGHTER,
    "次女": RelationToHead.DAUGHTER,
    "父": RelationToHead.FATHER,
    "母": RelationToHead.MOTHER,
    "孙子": RelationToHead.GRANDCHILD,
    "孙女": RelationToHead.GRANDCHILD,
    "外孙": RelationToHead.GRANDCHILD,
    "外孙女": RelationToHead.GRANDCHILD,
    "祖父": RelationToHead.GRANDPARENT,
    "祖母": RelationToHead.GRANDPARENT,
    "兄": RelationToHead.SIBLING,
    "弟": RelationToHead.SIBLING,
    "姐": RelationToHead.SIBLING,
    "妹": RelationToHead.SIBLING,
    "哥哥": RelationToHead.SIBLING,
    "弟弟": RelationToHead.SIBLING,
    "姐姐": RelationToHead.SIBLING,
    "妹妹": RelationToHead.SIBLING,
    "儿媳": RelationToHead.DAUGHTER_IN_LAW,
    "媳妇": RelationToHead.DAUGHTER_IN_LAW,
    "公公": RelationToHead.FATHER_IN_LAW,
    "岳父": RelationToHead.FATHER_IN_LAW,
    "婆婆": RelationToHead.MOTHER_IN_LAW,
    "岳母": RelationToHead.MOTHER_IN_LAW,
}
CATEGORIES: dict[str, HouseholdCategory] = {
    "低保户": HouseholdCategory.DIBAO,
    "低保家庭": HouseholdCategory.DIBAO,
    "城乡低保": HouseholdCategory.DIBAO,
    "低收入户": HouseholdCategory.LOW_INCOME,
    "低收入家庭": HouseholdCategory.LOW_INCOME,
    "低收入困难家庭": HouseholdCategory.LOW_INCOME,
    "支出型贫困家庭": HouseholdCategory.EXPENDITURE_POVERTY,
    "因病支出型贫困": HouseholdCategory.EXPENDITURE_POVERTY,
    "特困人员": HouseholdCategory.EXTREME_POVERTY,
    "特困供养": HouseholdCategory.EXTREME_POVERTY,
    "特困供养人员": HouseholdCategory.EXTREME_POVERTY,
    "重残": HouseholdCategory.SEVERE_DISABILITY_UNEMPLOYED,
    "重残无业人员": HouseholdCategory.SEVERE_DISABILITY_UNEMPLOYED,
    "优抚对象": HouseholdCategory.ENTITLED_GROUPS,
    "边缘户": HouseholdCategory.MARGINAL,
    "低保边缘": HouseholdCategory.MARGINAL,
    "低保边缘户": HouseholdCategory.MARGINAL,
}
_SPLIT = re.compile(r"[、,，;；/\s]+")
_DATE = re.compile(r"^(\d{4})\D{0,2}(\d{1,2})\D{0,2}(\d{1,2})\D?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_PARENS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def normalise_header(text: object) -> str:
    """A header as compared: NFKC, no spaces, no required-marks or bracketed units."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = _PARENS.sub("", value)
    return re.sub(r"[\s*＊:：]", "", value)


_LOOKUP = {alias: field for field, names in HEADERS.items() for alias in names}


def field_of(header: object) -> str | None:
    return _LOOKUP.get(normalise_header(header))


def guess_mapping(headers: Sequence[object]) -> dict[str, int]:
    """field -> column index for the headers recognised (the first column wins a field)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = field_of(header)
        if field is not None and field not in mapping:
            mapping[field] = index
    if "name" not in mapping and "head_name" in mapping:
        mapping["name"] = mapping.pop("head_name")  # one row per household: the head's name
    return mapping


def find_header_row(rows: Sequence[Sequence[object]]) -> int:
    """Index (among the first rows) of the row recognising the most headers; title rows above
    the header are common in district ledgers."""
    best, best_count = 0, -1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = sum(1 for cell in row if field_of(cell) is not None)
        if count > best_count:
            best, best_count = index, count
    return best


def parse_relation(text: str) -> RelationToHead | None:
    value = text.strip()
    if not value:
        return None
    if value in RELATIONS:
        return RELATIONS[value]
    try:
        return RelationToHead(RelationToHead.from_label(value))
    except ValueError:
        return None


def parse_categories(text: str) -> tuple[list[str], list[str]]:
    """(category codes, words not understood) of a cell like '低保、重残'."""
    codes: list[str] = []
    unknown: list[str] = []
    for word in _SPLIT.split(text.strip()):
        if not word:
            continue
        found = CATEGORIES.get(word)
        if found is None:
            try:
                found = HouseholdCategory(HouseholdCategory.from_label(word))
            except ValueError:
                unknown.append(word)
                continue
        if found.value not in codes:
            codes.append(found.value)
    return codes, unknown


def parse_date(value: object) -> dt.date | None:
    """A date from an Excel date cell or text like 1956-03-12, 1956/3/12, 19560312, 1956年3月12日.
    Raises ValueError for text that is not a whole date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _COMPACT_DATE.match(text) or _DATE.match(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def id_type_for(number: str, stated: str) -> str:
    """The ID type: as stated in the ledger, else 港澳台居民居住证 for 81/82/83 numbers."""
    if stated.strip():
        return str(IdType.from_label(stated))
    if number[:2] in ("81", "82", "83"):
        return IdType.HMT_RESIDENCE_PERMIT.value
    return IdType.RESIDENT_ID.value
