"""Assessment instruments (评估工具): versioned TOML files of dimensions, indicators, answer scales,
weights, thresholds and urgent-flag rules, loaded and validated with exact error positions.

TOML (read by the standard library's tomllib) rather than JSON: admins can keep comments
beside each indicator, Chinese needs no escaping, and a missing quote or brace is reported with
its line and column. The format is described in resources/instruments/README.md.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from app.domain.instrument_model import (
    DEFAULT_INSTRUMENT_KEY,
    DEFAULT_SERVICE_LEVELS,
    DEFAULT_TIERS,
    URGENT,
    AnswerOption,
    Dimension,
    FlagCondition,
    FlagDefinition,
    FlagRule,
    Indicator,
    Instrument,
    InstrumentError,
    InstrumentProblem,
    LevelRules,
)
from app.domain.instrument_reading import read_instrument

__all__ = [
    "DEFAULT_INSTRUMENT_KEY",
    "DEFAULT_SERVICE_LEVELS",
    "DEFAULT_TIERS",
    "URGENT",
    "AnswerOption",
    "Dimension",
    "FlagCondition",
    "FlagDefinition",
    "FlagRule",
    "Indicator",
    "Instrument",
    "InstrumentError",
    "InstrumentProblem",
    "LevelRules",
    "list_instruments",
    "load_instrument",
    "parse_instrument",
]

_TOML_ERROR_AT = re.compile(r"^(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_ERROR_END = re.compile(r"^(?P<what>.*) \(at end of document\)$")


def load_instrument(path: Path) -> Instrument:
    """Read and validate one instrument file; InstrumentError lists every problem found."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InstrumentError(
            [
                InstrumentProblem(
                    str(path),
                    "",
                    None,
                    None,
                    "instrument_encoding",
                    "文件不是UTF-8编码，请用文本编辑器另存为UTF-8。",
                    f"The file is not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8.",
                )
            ]
        ) from exc
    return parse_instrument(text, file=str(path))


def parse_instrument(text: str, *, file: str = "<text>") -> Instrument:
    """Validate instrument TOML text; InstrumentError lists every problem with its position."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError([_syntax_problem(file, str(exc), text)]) from exc
    return read_instrument(data, text, file)


def list_instruments(folder: Path) -> list[Instrument]:
    """Every instrument in `folder` (*.toml) by id and version; problems of all files at once."""
    found: list[Instrument] = []
    problems: list[InstrumentProblem] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            instrument = load_instrument(path)
        except InstrumentError as exc:
            problems.extend(exc.details)
            continue
        if instrument.key in seen:
            problems.append(_duplicate_key_problem(str(path), instrument.key, seen[instrument.key]))
            continue
        seen[instrument.key] = str(path)
        found.append(instrument)
    if problems:
        raise InstrumentError(problems)
    return sorted(found, key=lambda i: (i.id, i.version))


def _syntax_problem(file: str, message: str, text: str) -> InstrumentProblem:
    match = _TOML_ERROR_AT.match(message)
    if match:
        what, line, column = match["what"], int(match["line"]), int(match["column"])
        hint_zh = "请检查这一位置附近的引号、括号、逗号和等号"
        hint_en = "check quotes, brackets, commas and '=' near here"
    else:
        end = _TOML_ERROR_END.match(message)
        what = end["what"] if end else message
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        hint_zh = "文件可能在引号或括号闭合之前就结束了"
        hint_en = "the file may end before a quote or bracket is closed"
    return InstrumentProblem(
        file,
        "",
        line,
        column,
        "instrument_syntax",
        f"TOML格式错误（{what}），{hint_zh}。",
        f"TOML syntax error ({what}); {hint_en}.",
    )


def _duplicate_key_problem(file: str, key: str, other: str) -> InstrumentProblem:
    return InstrumentProblem(
        file,
        "version",
        None,
        None,
        "instrument_duplicate",
        f"评估工具“{key}”（id和version都相同）已在{other}中定义，请提高version或更改id。",
        f"Instrument {key} (same id and version) is already defined in {other}; "
        "raise the version or change the id.",
    )
