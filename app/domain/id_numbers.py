"""ID document numbers: validation, derived sex and birth date, masking.

Formats (all 18-character ones use the GB 11643 / ISO 7064 MOD 11-2 check character):
- 居民身份证: 6-digit region + YYYYMMDD + 3-digit sequence (odd = male) + check. The 15-digit
  first-generation number has been invalid since 2013-01-01 and is refused with a hint.
- 港澳台居民居住证: 810000 (香港) / 820000 (澳门) / 830000 (台湾) + YYYYMMDD + sequence + check.
- 外国人永久居留身份证, 2023 version: '9' + 2-digit province of issue + 3-digit nationality +
  YYYYMMDD + sequence + check. The check character is enforced; a birth date that does not parse
  is only a warning and sex is not derived, since the public rules do not promise either.
  The older 15-character number (3 Latin letters + 12 digits) is checked for shape only.
- other documents: free-form, 1-32 printable characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.domain.enums import IdType, Sex
from app.domain.errors import Problem, ValidationError
from app.domain.regions import county_known, province_name

WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, ...
CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
EARLIEST_BIRTH_YEAR = 1890
HMT_PREFIXES = {"810000": "香港", "820000": "澳门", "830000": "台湾"}
OTHER_MAX_LENGTH = 32

_EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
_OLD_RESIDENT = re.compile(r"[0-9]{15}")
_OLD_FOREIGN = re.compile(r"[A-Z]{3}[0-9]{12}")


@dataclass(frozen=True)
class IdInfo:
    """A valid ID number in canonical form, what it tells about its holder, and soft warnings."""

    normalized: str
    sex: Sex | None
    birth_date: date | None
    warnings: list[Problem] = field(default_factory=list)


def check_char(body: str) -> str:
    """The MOD 11-2 check character ('0'-'9' or 'X') for 17 ASCII digits."""
    if not re.fullmatch(r"[0-9]{17}", body):
        raise ValueError(f"expected 17 digits, got {body!r}")
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def compose_id(prefix6: str, birth: date, sequence: int) -> str:
    """An 18-character number from a 6-digit prefix, a birth date and a 0-999 sequence."""
    body = f"{prefix6}{birth:%Y%m%d}{sequence:03d}"
    return body + check_char(body)


def compact_id_text(number: str) -> str:
    """What was meant: NFKC (full-width digits), upper case, no spaces, dashes or format chars."""
    text = unicodedata.normalize("NFKC", number).upper()
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) not in ("Pd", "Cf")
    )


def parse_id(
    id_type: IdType | str,
    number: str,
    *,
    field: str = "id_number",
    today: date | None = None,
) -> IdInfo:
    """Validate ``number`` as a document of ``id_type``; raises ValidationError naming the fix."""
    kind = _id_type(id_type)
    if kind is IdType.OTHER:
        return _parse_other(number, field)
    text = compact_id_text(number)
    if not text:
        raise ValidationError.single(
            field, "id_required", "请填写证件号码。", "Enter the ID number."
        )
    parser = _PARSERS[kind]
    return parser(text, field, today or date.today())


def mask_id(number: str) -> str:
    """Hide the middle of an ID number: first 6 and last 4 shown; short ones keep the last 2."""
    n = len(number)
    if n > 10:
        return number[:6] + "*" * (n - 10) + number[-4:]
    if n > 2:
        return "*" * (n - 2) + number[-2:]
    return "*" * n


def _id_type(value: IdType | str) -> IdType:
    if isinstance(value, IdType):
        return value
    text = value.strip()
    for member in IdType:
        if text in (member.value, member.label):
            return member
    raise ValidationError.single(
        "id_type",
        "id_type_unknown",
        f"证件类型“{value}”无法识别，请从列表中选择证件类型。",
        f"The ID type {value!r} is unknown; choose one from the list.",
    )


def _parse_resident(text: str, field: str, today: date) -> IdInfo:
    if _OLD_RESIDENT.fullmatch(text):
        raise ValidationError([_old_resident_problem(text, field, today)])
    if text[:6] in HMT_PREFIXES and _EIGHTEEN.fullmatch(text):
        raise _wrong_type(field, "港澳台居民居住证", "Hong Kong/Macau/Taiwan residence permit")
    if (text.startswith("9") and _EIGHTEEN.fullmatch(text)) or _OLD_FOREIGN.fullmatch(text):
        raise _wrong_type(field, "外国人永久居留身份证", "foreign permanent resident ID card")
    _require_eighteen(text, field, "居民身份证号码", "resident ID number")
    problems = [
        p
        for p in (
            _province_problem(text, field),
            _birth_problem(text, field, today),
            _check_problem(text, field),
        )
        if p is not None
    ]
    if problems:
        raise ValidationError(problems)
    warnings = [] if county_known(text[:6]) is not False else [_county_warning(text, field)]
    return IdInfo(text, _sex(text), _birth(text), warnings)


def _parse_hmt(text: str, field: str, today: date) -> IdInfo:
    _require_eighteen(text, field, "港澳台居民居住证号码", "residence permit number")
    if text[:6] not in HMT_PREFIXES:
        raise ValidationError.single(
            field,
            "id_hmt_prefix",
            "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头，"
            "请核对号码；如是内地居民身份证，请把证件类型改为“居民身份证”。",
            "A Hong Kong/Macau/Taiwan residence permit number starts with 810000, 820000 or "
            "830000; check it, or change the ID type to resident ID card.",
        )
    problems = [
        p
        for p in (_birth_problem(text, field, today), _check_problem(text, field))
        if p is not None
    ]
    if problems:
        raise ValidationError(problems)
    return IdInfo(text, _sex(text), _birth(text), [])


def _parse_foreign(text: str, field: str, today: date) -> IdInfo:
    if _OLD_FOREIGN.fullmatch(text):
        return IdInfo(text, None, None, [])
    if not _EIGHTEEN.fullmatch(text) or not text.startswith("9"):
        raise ValidationError.single(
            field,
            "id_foreign_shape",
            "外国人永久居留身份证号码应为以9开头的18位（2023年起的新版，最后一位可为X），"
            "或3个英文字母加12位数字（旧版15位），请对照证件核对。",
            "A foreign permanent resident ID number is 18 characters starting with 9 "
            "(2023 version, last may be X) or 3 letters and 12 digits (older 15-character "
            "version); check it against the card.",
        )
    problem = _check_problem(text, field)
    if problem is not None:
        raise ValidationError([problem])
    if _birth_problem(text, field, today) is None:
        return IdInfo(text, None, _birth(text), [])
    warning = Problem(
        field,
        "id_foreign_birth_unread",
        "无法从证件号码第7–14位读出出生日期，请手工填写出生日期。",
        "No birth date could be read from digits 7-14 of the number; enter it by hand.",
    )
    return IdInfo(text, None, None, [warning])


def _parse_other(number: str, field: str) -> IdInfo:
    text = unicodedata.normalize("NFKC", number)
    text = " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())
    if not text:
        raise ValidationError.single(
            field, "id_required", "请填写证件号码。", "Enter the ID number."
        )
    if len(text) > OTHER_MAX_LENGTH or not text.isprintable():
        raise ValidationError.single(
            field,
            "id_other_shape",
            f"证件号码最多{OTHER_MAX_LENGTH}个字符，且不能含控制字符，请按证件原样填写。",
            f"An ID number has at most {OTHER_MAX_LENGTH} characters and no control "
            "characters; copy it as printed on the document.",
        )
    return IdInfo(text, None, None, [])


_PARSERS: dict[IdType, Callable[[str, str, date], IdInfo]] = {
    IdType.RESIDENT_ID: _parse_resident,
    IdType.HMT_RESIDENCE_PERMIT: _parse_hmt,
    IdType.FOREIGN_PERMANENT_RESIDENT: _parse_foreign,
}


def _sex(text: str) -> Sex:
    return Sex.MALE if int(text[16]) % 2 else Sex.FEMALE


def _birth(text: str) -> date:
    return date(int(text[6:10]), int(text[10:12]), int(text[12:14]))


def _require_eighteen(text: str, field: str, zh_name: str, en_name: str) -> None:
    if _EIGHTEEN.fullmatch(text):
        return
    if len(text) != 18:
        zh = f"{zh_name}应为18位，现在是{len(text)}位，请对照证件核对是否漏输或多输。"
        en = (
            f"A {en_name} has 18 characters, this one has {len(text)}; "
            "check for missing or extra digits."
        )
    else:
        zh = f"{zh_name}只能由数字组成，最后一位可以是X，请去掉其他字符。"
        en = f"A {en_name} has only digits, the last may be X; remove other characters."
    raise ValidationError.single(field, "id_shape", zh, en)


def _wrong_type(field: str, zh_type: str, en_type: str) -> ValidationError:
    return ValidationError.single(
        field,
        "id_type_mismatch",
        f"这个号码是{zh_type}的号码，不是居民身份证号码，请把证件类型改为“{zh_type}”。",
        f"This is a {en_type} number, not a resident ID number; change the ID type to {en_type}.",
    )


def _old_resident_problem(text: str, field: str, today: date) -> Problem:
    body = text[:6] + "19" + text[6:]
    hint_zh, hint_en = "", ""
    if _birth_problem(body + "0", field, today) is None:
        full = body + check_char(body)
        hint_zh = f"按原号码换算应为 {full}，请与证件核对。"
        hint_en = f" Converted from the old number it would be {full}; check it against the card."
    return Problem(
        field,
        "id_first_generation",
        "这是15位的第一代身份证号码，第一代身份证自2013年1月1日起已停止使用，"
        f"请填写第二代身份证上的18位号码。{hint_zh}",
        "This is a 15-digit first-generation ID number, invalid since 1 January 2013; "
        f"enter the 18-digit number of the second-generation card.{hint_en}",
    )


def _province_problem(text: str, field: str) -> Problem | None:
    if province_name(text) is not None:
        return None
    return Problem(
        field,
        "id_region",
        f"号码前两位“{text[:2]}”不是内地省级行政区代码（如上海为31），请核对前6位地址码。",
        f"The first two digits {text[:2]!r} are not a mainland province code (Shanghai is 31);"
        " check the 6-digit region code.",
    )


def _birth_problem(text: str, field: str, today: date) -> Problem | None:
    digits = text[6:14]
    try:
        born = _birth(text)
    except ValueError:
        zh = f"第7–14位出生日期“{digits}”不是有效日期（年月日），请核对。"
        en = f"Digits 7-14 ({digits}) are not a valid date (YYYYMMDD); check them."
    else:
        if born > today:
            zh = f"第7–14位出生日期{_zh_date(born)}晚于今天，请核对。"
            en = f"The birth date in digits 7-14 ({born.isoformat()}) is in the future; check it."
        elif born.year < EARLIEST_BIRTH_YEAR:
            zh = f"第7–14位出生日期{_zh_date(born)}早于{EARLIEST_BIRTH_YEAR}年，请核对。"
            en = (
                f"The birth date in digits 7-14 ({born.isoformat()}) is before "
                f"{EARLIEST_BIRTH_YEAR}; check it."
            )
        else:
            return None
    return Problem(field, "id_birth_date", zh, en)


def _zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _check_problem(text: str, field: str) -> Problem | None:
    if check_char(text[:17]) == text[17]:
        return None
    return Problem(
        field,
        "id_check_digit",
        "证件号码校验位不符：号码中有数字输错或顺序颠倒，请对照证件逐位核对。",
        "The check digit does not match: a digit is wrong or two are swapped; "
        "compare the number with the card digit by digit.",
    )


def _county_warning(text: str, field: str) -> Problem:
    return Problem(
        field,
        "id_region_unknown",
        f"地址码{text[:6]}不在本机的区县表中（可能是新设或撤并的区县），请核对号码；号码已接受。",
        f"Region code {text[:6]} is not in the local county table (it may be new or merged); "
        "please double-check. The number was accepted.",
    )
