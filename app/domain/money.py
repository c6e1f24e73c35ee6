"""Money as integer fen (分): parsed from what people type in yuan, never through floats."""

from __future__ import annotations

import re
import unicodedata

from app.domain.errors import ValidationError

MAX_FEN = 100_000_000_000  # 10亿元: far above any amount this register holds
_AMOUNT = re.compile(r"(?P<whole>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.(?P<frac>[0-9]{1,2}))?")
_TOO_PRECISE = re.compile(r"[0-9,]*\.[0-9]{3,}")
_PREFIXES = ("¥", "RMB", "CNY")
_SUFFIXES = ("元", "RMB", "CNY")


def parse_yuan(text: str, *, field: str) -> int:
    """Fen from a yuan amount such as '1,234.56', '¥12' or '12元'; ValidationError otherwise."""
    amount = _strip_currency(text)
    if not amount:
        raise ValidationError.single(field, "money_required", "请填写金额。", "Enter the amount.")
    if amount[0] in "-−(":
        raise ValidationError.single(
            field,
            "money_negative",
            "金额不能为负数，请填写0或正数。",
            "The amount cannot be negative; enter zero or more.",
        )
    match = _AMOUNT.fullmatch(amount)
    if match is None:
        raise _bad_amount(field, amount)
    fen = int(match["whole"].replace(",", "")) * 100 + int((match["frac"] or "").ljust(2, "0"))
    if fen > MAX_FEN:
        raise ValidationError.single(
            field,
            "money_too_large",
            f"金额{format_fen(fen)}元过大，请核对（单位是元，不是分）。",
            f"The amount {format_fen(fen)} yuan is too large; check it (the unit is yuan).",
        )
    return fen


def format_fen(fen: int) -> str:
    """Yuan with thousands separators and two decimals: 123456 -> '1,234.56'."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"fen must be an int, got {type(fen).__name__}")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def _strip_currency(text: str) -> str:
    amount = "".join(
        c
        for c in unicodedata.normalize("NFKC", text)
        if not c.isspace() and unicodedata.category(c) != "Cf"
    )
    for prefix in _PREFIXES:
        if amount.upper().startswith(prefix):
            amount = amount[len(prefix) :]
    for suffix in _SUFFIXES:
        if amount.upper().endswith(suffix):
            amount = amount[: len(amount) - len(suffix)]
    return amount


def _bad_amount(field: str, amount: str) -> ValidationError:
    if _TOO_PRECISE.fullmatch(amount):
        return ValidationError.single(
            field,
            "money_precision",
            f"金额“{amount}”最多保留两位小数（到分），请改正。",
            f"The amount {amount!r} has more than two decimals; round it to fen (0.01).",
        )
    return ValidationError.single(
        field,
        "money_format",
        f"金额“{amount}”无法识别，请只填写数字，如 1234.56 或 1,234.56（单位：元）。",
        f"The amount {amount!r} is not a number; write it like 1234.56 or 1,234.56 (yuan).",
    )
