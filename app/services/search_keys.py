"""Turning names, addresses and phones into search tokens, and user input into safe FTS5 queries.

Every token this module emits is built from letters and digits only and every query term is
wrapped in double quotes, so nothing a user types (quotes, AND/OR/NEAR, '*', '-', ':') can act as
an FTS5 operator.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Marks the boundary between two members in a column, so that a phrase never spans two names.
# A private-use character: a token for FTS5's unicode61, but never produced from user input.
MEMBER_SEPARATOR = "\ue000"

# Readings of a character when it is a surname ('/' between readings, '-' between syllables);
# the first character of a name is indexed under these and under pypinyin's default reading.
_SURNAMES = """
曾:zeng 单:shan 仇:qiu 解:xie 区:ou 查:zha 朴:piao 覃:qin 翟:zhai 乐:yue/le 盖:ge/gai 缪:miao
秘:bi 重:chong 柏:bai 宓:mi/fu 沈:shen 任:ren 华:hua 纪:ji 冼:xian 员:yun 句:gou 阚:kan
尉:wei/yu 召:shao 折:she 长:chang 黑:he 贲:ben 眭:sui 莘:shen 种:chong 繁:po 隗:wei 燕:yan
钟:zhong 藏:zang 卜:bu 薄:bo 过:guo 殷:yin 应:ying 尉迟:yu-chi 万俟:mo-qi 长孙:zhang-sun
单于:chan-yu 澹台:tan-tai 欧阳:ou-yang 司马:si-ma 上官:shang-guan 诸葛:zhu-ge 令狐:ling-hu
皇甫:huang-fu 夏侯:xia-hou 慕容:mu-rong 公孙:gong-sun 东方:dong-fang
"""
SURNAME_READINGS: dict[str, tuple[tuple[str, ...], ...]] = {
    surname: tuple(tuple(r.split("-")) for r in readings.split("/"))
    for surname, readings in (item.split(":") for item in _SURNAMES.split())
}
COMPOUND_SURNAMES = frozenset(s for s in SURNAME_READINGS if len(s) == 2)

# Characters pypinyin has no reading for but that occur in names (CJK Ext-B variants).
RARE_READINGS = {"𠮷": "ji"}

_LATIN = re.compile(r"[a-z]+")
_NAME_PARTS = re.compile(r"[·\s]+")
_CHAR_TOKEN = re.compile(r"[0-9a-z]+|[^\W_]")  # ASCII runs, else one letter or digit at a time
_WORD_TOKEN = re.compile(r"[^\W_]+")
MAX_QUERY_CHARS = 64


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower case, trimmed."""
    return unicodedata.normalize("NFKC", text).lower().strip()


def char_tokens(text: str) -> list[str]:
    """Each non-ASCII letter alone, runs of ASCII letters/digits together; the rest separates.

    Chinese has no spaces, so indexing every character as its own token makes any substring of a
    name or address a phrase query, and works for one- and two-character queries (a trigram
    tokenizer finds nothing below three characters, and 张伟 has two)."""
    return _CHAR_TOKEN.findall(normalize(text))


@lru_cache(maxsize=131_072)
def name_char_tokens(name: str) -> str:
    """A name's character tokens joined by spaces (cached: names repeat)."""
    return " ".join(char_tokens(name))


def word_tokens(text: str) -> list[str]:
    """Tokens as unicode61 makes them: letter/digit runs (a whole Chinese name is one token)."""
    return _WORD_TOKEN.findall(normalize(text))


@lru_cache(maxsize=65_536)
def _syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin of ``text`` (phrase-aware), Latin words kept, unknown characters dropped.

    Cached: given names and surnames repeat far more than whole names do."""
    syllables: list[str] = []
    from pypinyin import lazy_pinyin  # heavy (0.2 s, 55 MB): loaded on first use

    for chunk in lazy_pinyin(text, errors="default"):
        chunk = normalize(chunk)
        if chunk.isascii():
            syllables.extend(_LATIN.findall(chunk))
            continue
        syllables.extend(RARE_READINGS[c] for c in chunk if c in RARE_READINGS)
    return tuple(syllables)


def _split_surname(name: str) -> tuple[str, str]:
    if "·" in name or not name or name[0].isascii():
        return "", name
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2], name[2:]
    return name[0], name[1:]


def _shengmu(syllable: str) -> str:
    return syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[:1]


@lru_cache(maxsize=262_144)
def name_pinyin_keys(name: str) -> tuple[str, ...]:
    """Pinyin keys of one name: full (zhangwei), initials (zw, zhw), surname + initials (zhangw).

    The surname is read with its surname reading(s) and with the default reading, so 曾 is found
    by both zeng and ceng, 尉迟恭 by yuchigong and ycg."""
    surname, given = _split_surname(name)
    given_syllables = _syllables(given)
    surname_variants: set[tuple[str, ...]] = {tuple(_syllables(surname))} if surname else {()}
    surname_variants.update(SURNAME_READINGS.get(surname, ()))
    keys: set[str] = set()
    for surname_syllables in surname_variants:
        syllables = [*surname_syllables, *given_syllables]
        if not syllables:
            continue
        keys.add("".join(syllables))
        keys.add("".join(s[0] for s in syllables))
        keys.add("".join(_shengmu(s) for s in syllables))
        keys.add("".join(surname_syllables) + "".join(s[0] for s in given_syllables))
    if not surname:  # 阿卜杜·热合曼, John Smith: each part of the name is also a key
        keys.update("".join(_syllables(part)) for part in _NAME_PARTS.split(name))
    keys.discard("")
    return tuple(sorted(keys))


def phone_digits(phone: str) -> str:
    digits = "".join(c for c in normalize(phone) if c.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def phone_key(phone: str) -> str:
    """Digits reversed, so a phone tail (the last 4+ digits) becomes an indexed prefix query."""
    return phone_digits(phone)[::-1]


# ---- queries ----------------------------------------------------------------------------


def quoted(tokens: list[str]) -> str:
    """A safe FTS5 phrase: tokens are letters/digits only; any '"' is doubled regardless."""
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def query_pinyin(text: str) -> str:
    """The pinyin key a query stands for: Latin letters kept, Chinese characters read."""
    parts: list[str] = []
    for token in char_tokens(text):
        if token.isascii():
            parts.extend(_LATIN.findall(token))
        else:
            parts.extend(_syllables(token))
    return "".join(parts)


def has_ascii_letter(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in normalize(text))


def has_non_ascii_letter(text: str) -> bool:
    return any(c.isalnum() and not c.isascii() for c in text)


def is_phone_query(text: str) -> bool:
    """Digits (with spaces, dashes, '+' or brackets) and at least four of them."""
    stripped = "".join(c for c in text if c not in " -+()（）")
    return stripped.isdigit() and len(phone_digits(text)) >= 4


def name_sort_key(name: str) -> str:
    """Pinyin of a name for ordering lists as Chinese users expect: surnames by their surname
    reading (曾 zeng, 单 shan), then the name itself to order homophones consistently."""
    surname, given = _split_surname(name)
    readings = SURNAME_READINGS.get(surname)
    surname_syllables = readings[0] if readings else _syllables(surname)
    return " ".join([*surname_syllables, *_syllables(given)]) + " " + name
