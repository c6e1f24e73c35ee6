"""Phone numbers of households and members, checked with ``phonenumbers``.

Accepted: mainland mobiles ('13812345678', '+86 138 1234 5678'), mainland landlines with area
code ('021-62345678', '0755 2345 6789'), a bare 8-digit number as a Shanghai landline, and valid
numbers of other countries typed with '+' (e.g. Hong Kong residents). Service numbers such as
400/95xxx and anything phonenumbers does not know as valid are refused.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType

from app.domain.errors import ValidationError

SHANGHAI_AREA_CODE = "21"
_PERSONAL_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
_ALLOWED = re.compile(r"\+?[0-9()\-. ]+")
_SHANGHAI_LOCAL = re.compile(r"[2-9][0-9]{7}")
_EXAMPLES_ZH = "手机号为11位（如13812345678），固定电话为区号加号码（如021-62345678）"
_EXAMPLES_EN = "a mobile has 11 digits (13812345678), a landline has an area code (021-62345678)"


def normalize_phone(text: str, *, field: str = "phone") -> str:
    """Display form of a phone number ('' stays ''): '13812345678', '021-62345678', '+852 ...'."""
    cleaned = " ".join(
        "".join(
            c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf"
        ).split()
    )
    if not cleaned:
        return ""
    if not _ALLOWED.fullmatch(cleaned):
        raise ValidationError.single(
            field,
            "phone_chars",
            "电话号码只能包含数字，可用空格、短横线或括号分隔；分机号请写在备注中。",
            "A phone number has only digits, optionally separated by spaces, dashes or "
            "brackets; put an extension in the notes.",
        )
    number = _parse(cleaned, field)
    if number.country_code != 86:
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = str(number.national_number)
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.MOBILE or (
        kind == PhoneNumberType.FIXED_LINE_OR_MOBILE and national.startswith("1")
    ):
        return national
    area = phonenumbers.length_of_geographical_area_code(number)
    if area == 0:
        return "0" + national
    return f"0{national[:area]}-{national[area:]}"


def _parse(cleaned: str, field: str) -> PhoneNumber:
    digits = re.sub(r"[^0-9]", "", cleaned)
    try:
        number = phonenumbers.parse(_e164_candidate(cleaned, digits), None)
    except phonenumbers.NumberParseException:
        raise _invalid(field, cleaned) from None
    if not phonenumbers.is_valid_number(number):
        raise _invalid(field, cleaned, "" if cleaned.startswith("+") else digits)
    if phonenumbers.number_type(number) not in _PERSONAL_TYPES:
        raise ValidationError.single(
            field,
            "phone_not_personal",
            f"“{cleaned}”是服务热线或特殊号码，不能作为联系电话，请填写手机或固定电话。",
            f"{cleaned!r} is a service or special number; enter a mobile or landline number.",
        )
    return number


def _e164_candidate(cleaned: str, digits: str) -> str:
    """'+' and country code; domestic numbers are never read as carrier/IDD dialling prefixes."""
    if cleaned.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if len(digits) == 13 and digits.startswith("861"):
        return "+" + digits  # '86 138 1234 5678' typed without the plus sign
    if _SHANGHAI_LOCAL.fullmatch(digits):
        return "+86" + SHANGHAI_AREA_CODE + digits
    return "+86" + digits.removeprefix("0")


def _invalid(field: str, cleaned: str, digits: str = "") -> ValidationError:
    if len(digits) == 11 and digits.startswith("1"):
        return ValidationError.single(
            field,
            "phone_not_mobile",
            f"“{cleaned}”不是有效的手机号码：手机号码是以13–19开头的11位数字，请核对。",
            f"{cleaned!r} is not a valid mobile number: mobiles have 11 digits starting "
            "with 13-19; check it.",
        )
    if digits and not digits.startswith("0") and len(digits) < 11:
        return ValidationError.single(
            field,
            "phone_area_code",
            f"“{cleaned}”缺少区号：外地固定电话请加区号（如0571-87654321），"
            "上海本地8位号码可不加区号。",
            f"{cleaned!r} lacks an area code: add it for landlines outside Shanghai "
            "(0571-87654321); Shanghai's 8-digit numbers may go without.",
        )
    return ValidationError.single(
        field,
        "phone_invalid",
        f"“{cleaned}”不是有效的电话号码：{_EXAMPLES_ZH}；境外号码请以+和国家代码开头。",
        f"{cleaned!r} is not a valid phone number: {_EXAMPLES_EN}; "
        "numbers abroad start with + and the country code.",
    )
