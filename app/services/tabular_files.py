"""Reading spreadsheet files as rows of cells: xlsx (openpyxl) and CSV in UTF-8 with or without
BOM, GBK/GB18030 (what Excel on a Chinese Windows saves) or UTF-16 (Excel's "Unicode text")."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

Cell = str | int | float | dt.datetime | dt.date | None
CSV_DELIMITERS = ",\t;|"


@dataclass(frozen=True)
class Table:
    """Rows as read, 1-based row numbers as the spreadsheet shows them."""

    rows: list[tuple[int, list[Cell]]]
    encoding: str  # "xlsx" for workbooks


class UnreadableFile(ValueError):
    """The file is not a spreadsheet Nuanxin can read; ``zh`` says what to do."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path.read_bytes())
    raise UnreadableFile(
        f"不支持的文件类型「{path.suffix}」，请另存为 .xlsx 或 .csv 后再导入。",
        f"Unsupported file type {path.suffix!r}; save it as .xlsx or .csv.",
    )


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            "无法识别文件编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx。",
            f"Unknown text encoding ({exc.reason}); save as CSV UTF-8 or .xlsx.",
        ) from exc


def _read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = [(number, list[Cell](row)) for number, row in enumerate(reader, start=1)]
    return Table([(n, r) for n, r in rows if any(str(c).strip() for c in r)], encoding)


def _read_xlsx(path: Path) -> Table:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise UnreadableFile(
            "无法打开该 Excel 文件，请确认是 .xlsx 格式且未加密。",
            f"Cannot open the workbook: {exc}",
        ) from exc
    try:
        sheet = next((s for s in book.worksheets if s.max_row and s.max_row > 1), book.active)
        rows: list[tuple[int, list[Cell]]] = []
        if sheet is not None:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in values]
                if any(c not in (None, "") for c in cells):
                    rows.append((number, cells))
        return Table(rows, "xlsx")
    finally:
        book.close()


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, str | int | float | dt.datetime | dt.date):
        return value
    return str(value)
