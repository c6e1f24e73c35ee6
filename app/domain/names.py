"""Personal names: any script, rare CJK characters (Ext-A, Ext-B and beyond) and the middle dot.

Cleaning: NFKC; the dots people type between parts of a transliterated name ('•', '・', '．',
'.', '‧', '∙', '⋅') become U+00B7 '·' with no spaces around it; control and format characters
(including ZWJ/ZWNJ, which no Chinese or Latin name needs) and variation selectors are removed;
whitespace runs collapse to one space, and spaces between two Chinese characters are dropped
('张  伟' -> '张伟'). Length counts code points, so '𠮷' is one character.
"""

from __future__ import annotations

import unicodedata

from app.domain.errors import Problem, ValidationError

MAX_LENGTH = 50
MIDDLE_DOT = "\u00b7"
_DOT_VARIANTS = frozenset("•・.‧∙⋅\u00b7\u0387")  # after NFKC '．' is '.', '･' is '・'
_JOINERS = frozenset("-'")  # allowed between letters: Jean-Pierre, O'Brien


def clean_name(text: str, *, field: str = "name") -> str:
    """The cleaned name, or ValidationError saying which characters to fix."""
    name = _tidy(text)
    problems = _problems(name, field)
    if problems:
        raise ValidationError(problems)
    return name


def is_han(char: str) -> bool:
    """A CJK ideograph, including blocks newer than this Python's Unicode data (planes 2-3)."""
    cp = ord(char)
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
        or cp == 0x3007  # 〇
    )


def _tidy(text: str) -> str:
    chars: list[str] = []
    for c in unicodedata.normalize("NFKC", text):
        if c.isspace():
            chars.append(" ")
        elif c in _DOT_VARIANTS:
            chars.append(MIDDLE_DOT)
        elif c == "\u2019":
            chars.append("'")
        elif not _invisible(c):
            chars.append(c)
    collapsed = " ".join("".join(chars).split())
    return "".join(
        c
        for i, c in enumerate(collapsed)
        if c != " " or not _hugs_space(collapsed[i - 1], collapsed[i + 1])
    )


def _invisible(char: str) -> bool:
    cp = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf")
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
    )


def _hugs_space(before: str, after: str) -> bool:
    """True when a space between these two characters should go (dots, Chinese on both sides)."""
    if MIDDLE_DOT in (before, after):
        return True
    return is_han(before) and is_han(after)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") or is_han(char)


def _follows_letter(name: str, i: int) -> bool:
    """True when the character before position i (skipping combining marks) is a letter."""
    j = i - 1
    while j >= 0 and unicodedata.category(name[j]).startswith("M"):
        j -= 1
    return j >= 0 and _is_letter(name[j])


def _problems(name: str, field: str) -> list[Problem]:
    if not name:
        return [Problem(field, "name_required", "请填写姓名。", "Enter the name.")]
    found: dict[str, Problem] = {}
    for i in range(len(name)):
        problem = _char_problem(name, i, field)
        if problem is not None:
            found.setdefault(problem.code, problem)
    if name[0] == MIDDLE_DOT or name[-1] == MIDDLE_DOT or MIDDLE_DOT * 2 in name:
        found.setdefault("name_dot", _dot_problem(field))
    if len(name) > MAX_LENGTH:
        found["name_too_long"] = Problem(
            field,
            "name_too_long",
            f"姓名最多{MAX_LENGTH}个字，现在是{len(name)}个，请删减。",
            f"A name has at most {MAX_LENGTH} characters, this one has {len(name)}; shorten it.",
        )
    return list(found.values())


def _char_problem(name: str, i: int, field: str) -> Problem | None:
    c = name[i]
    category = unicodedata.category(c)
    if _is_letter(c) or c in (" ", MIDDLE_DOT):
        return None
    if category.startswith("M") and _follows_letter(name, i):
        return None
    if c in _JOINERS and _follows_letter(name, i) and _is_letter(name[i + 1 : i + 2] or " "):
        return None
    if category.startswith("N"):
        return Problem(
            field,
            "name_digits",
            "姓名不能包含数字，请删去数字。",
            "A name cannot contain digits; remove them.",
        )
    if category == "Co":
        return Problem(
            field,
            "name_private_use",
            "姓名含有私用区的自造字（来自旧系统或输入法造字），请改用标准汉字，或先写拼音并在备注中说明。",
            "The name contains a private-use (self-made) character; use the standard character, "
            "or write the pinyin and explain in the notes.",
        )
    return Problem(
        field,
        "name_symbol",
        f"姓名不能包含符号“{c}”；只能使用文字、空格和间隔号“·”，请删去或改正。",
        f"A name cannot contain the symbol {c!r}; use only letters, spaces and the middle dot '·'.",
    )


def _dot_problem(field: str) -> Problem:
    return Problem(
        field,
        "name_dot",
        "间隔号“·”只能写在姓名中间，且不能连续出现，请改正。",
        "The middle dot '·' goes only between parts of a name, never at an end or doubled.",
    )
