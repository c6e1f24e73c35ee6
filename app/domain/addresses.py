"""Address normalisation for duplicate detection: full-width to half-width, no city or district
prefix, and the lane/number/room numbers (弄/号/室…) pulled out so that '共和新路１２３４弄5号601室'
and '静安区共和新路1234弄5号601' compare equal."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

ADDRESS_THRESHOLD = 0.8
CONTAINED_SIMILARITY = 0.9  # one name inside the other, numbers agreeing
DISTRICTS = (
    "黄浦",
    "徐汇",
    "长宁",
    "静安",
    "普陀",
    "虹口",
    "杨浦",
    "闵行",
    "宝山",
    "嘉定",
    "浦东新",
    "金山",
    "松江",
    "青浦",
    "奉贤",
    "崇明",
    "闸北",
    "卢湾",
    "南汇",
)
_UNITS = {
    "支弄": "支弄",
    "弄": "弄",
    "号楼": "栋",
    "幢": "栋",
    "栋": "栋",
    "座": "栋",
    "号": "号",
    "单元": "单元",
    "室": "室",
}
REQUIRED_UNITS = ("弄", "号")  # present in one address and absent in the other: different places
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+(?=支弄|弄|号|幢|栋|座|单元|室)")
_NUMBERED = re.compile(r"([0-9]+)(支弄|弄|号楼|号|幢|栋|座|单元|室)")
_TRAILING = re.compile(r"([0-9]+)(?:-([0-9]+))?$")
_PREFIX = re.compile(
    r"^(?:中国)?(?:上海市?)?(?:(?:" + "|".join(DISTRICTS) + r")区)?(?:[\u4e00-\u9fff]{2,5}街道)?"
)
_NOISE = re.compile(r"[\s,，、.。·\-—_()（）#/]+")


@dataclass(frozen=True)
class NormalizedAddress:
    text: str  # the address without prefix, numbers and punctuation: the road and estate names
    numbers: dict[str, str]  # unit (弄, 支弄, 号, 栋, 单元, 室) -> number without leading zeros


def normalize_address(text: str) -> NormalizedAddress:
    address = unicodedata.normalize("NFKC", text).strip()
    address = _CN_NUMBER.sub(lambda m: str(_chinese_number(m.group())), address)
    address = _PREFIX.sub("", re.sub(r"\s+", "", address))
    numbers: dict[str, str] = {}
    for number, unit in _NUMBERED.findall(address):
        numbers.setdefault(_UNITS[unit], str(int(number)))
    rest = _NUMBERED.sub(" ", address)
    trailing = _TRAILING.search(rest.rstrip())
    if trailing:  # '5号601' or '…路5-601': a bare number at the end is the room
        first, second = trailing.groups()
        if second is not None and "号" not in numbers:
            numbers["号"] = str(int(first))
        numbers.setdefault("室", str(int(second or first)))
        rest = rest.rstrip()[: trailing.start()]
    rest = re.sub(r"[0-9]+", " ", rest)
    return NormalizedAddress(_NOISE.sub("", rest).lower(), numbers)


def address_similarity(a: str, b: str) -> float:
    """0–1: how close two addresses are (difflib ratio of the names, at least 0.9 when one name
    contains the other); 0 when a lane, number or room conflicts or one lacks a lane or number."""
    left, right = normalize_address(a), normalize_address(b)
    if not left.text or not right.text:
        return 0.0
    for unit in set(left.numbers) & set(right.numbers):
        if left.numbers[unit] != right.numbers[unit]:
            return 0.0
    for unit in REQUIRED_UNITS:
        if (unit in left.numbers) != (unit in right.numbers):
            return 0.0
    ratio = SequenceMatcher(None, left.text, right.text).ratio()
    shorter, longer = sorted((left.text, right.text), key=len)
    if (
        len(shorter) >= 2 and shorter in longer
    ):  # '彭浦新村共和新路' and '共和新路': an added estate
        return max(ratio, CONTAINED_SIMILARITY)
    return ratio


def same_address(a: str, b: str) -> bool:
    """The same dwelling: names and every number equal (room included when either gives one)."""
    left, right = normalize_address(a), normalize_address(b)
    return bool(left.text) and left == right


def _chinese_number(text: str) -> int:
    """Small Chinese numerals in addresses: 三 3, 十二 12, 三十二 32, 一百零五 105, 一二三 123."""
    if not any(c in "十百" for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, 0
    for char in text:
        if char == "百":
            total += (digit or 1) * 100
            digit = 0
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _CN_DIGITS[char]
    return total + digit
