"""Importing households and members from a district ledger (台账, xlsx or CSV).

Headers are recognised without a mapping (app.services.ledger_columns) or mapped by the user.
Rows are checked first, in chunks, with every problem reported as (row, column, value, what is
wrong); then the valid households are written in ONE transaction, so a cancel (checked between
chunks) or a failure leaves the store as it was. Matching by ID number and 户编号 makes a
re-import of the same file add nothing twice.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import DiscoverySource, JurisdictionLevel
from app.domain.errors import ValidationError
from app.models import Jurisdiction
from app.services.household_inputs import HouseholdInput, validate_household
from app.services.ledger_columns import (
    FIELD_LABELS,
    HEADERS,
    find_header_row,
    guess_mapping,
    normalise_header,
)
from app.services.ledger_rows import (
    LedgerRow,
    RowError,
    cell_text,
    group_rows,
    parse_household,
    parse_member,
    report_household,
)
from app.services.ledger_writer import LedgerWriter, WriteCounts
from app.services.tabular_files import Cell, read_table
from app.store.engine import Store

Progress = Callable[
    [int, int], None
]  # (steps done, steps in all): each row is checked, then written
Cancel = Callable[[], bool]  # true when the user asked to stop
CHUNK_ROWS = 500
CHUNK_GROUPS = 200
EXIT_ALL_IMPORTED, EXIT_SOME_REJECTED = 0, 3


class ImportCancelled(Exception):
    """Raised inside the write transaction so it rolls back."""


@dataclass
class ImportResult:
    imported: int = 0  # rows now in the register (new, updated or already the same)
    rejected: int = 0  # rows not imported, each with at least one error
    errors: list[RowError] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)
    cancelled: bool = False
    encoding: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_ALL_IMPORTED if self.rejected == 0 else EXIT_SOME_REJECTED


@dataclass(frozen=True)
class LedgerPreview:
    """What the column-mapping step shows: headers, a sample, the guessed mapping."""

    encoding: str
    header_row: int  # row number in the file
    headers: list[str]
    sample: list[list[str]]
    mapping: dict[str, int]  # ledger field -> column index
    rows: int
    fields: dict[str, str] = field(default_factory=lambda: dict(FIELD_LABELS))


def preview_ledger(path: Path, sample_rows: int = 20) -> LedgerPreview:
    table = read_table(path)
    index = find_header_row([cells for _, cells in table.rows])
    number, header_cells = table.rows[index] if table.rows else (1, [])
    headers = [cell_text(c) for c in header_cells]
    data = table.rows[index + 1 :]
    return LedgerPreview(
        table.encoding,
        number,
        headers,
        [[cell_text(c) for c in cells] for _, cells in data[:sample_rows]],
        guess_mapping(headers),
        len(data),
    )


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file: a JSON object {field: header as written in the ledger}."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if not isinstance(data, dict):
        raise ValidationError.single(
            "mapping", "format", "列对应文件应为 JSON 对象。", "A mapping file is a JSON object."
        )
    return {str(k): str(v) for k, v in data.items()}


def resolve_mapping(
    headers: list[str], mapping: Mapping[str, str | int | None] | None
) -> dict[str, int]:
    """field -> column index: the user's mapping over the recognised headers (None: unmapped)."""
    columns = guess_mapping(headers)
    if mapping:
        wanted = {normalise_header(h): i for i, h in enumerate(headers)}
        for name, column in mapping.items():
            if column is None:
                columns.pop(name, None)
                continue
            if name not in HEADERS:
                raise ValidationError.single(
                    "mapping",
                    "field",
                    f"列对应中的字段「{name}」无效，可用字段：{'、'.join(HEADERS)}。",
                    f"Unknown field {name!r} in the mapping.",
                )
            index = column if isinstance(column, int) else wanted.get(normalise_header(column))
            if index is None or not 0 <= index < len(headers):
                raise ValidationError.single(
                    "mapping",
                    "column",
                    f"台账中没有「{column}」这一列，请检查列对应。",
                    f"The ledger has no column {column!r}.",
                )
            columns[name] = index
    if "name" not in columns:
        raise ValidationError.single(
            "mapping",
            "name_column",
            "台账中找不到“姓名”列，请在列对应中指定姓名所在的列。",
            "No name column was found; map the column that holds the names.",
        )
    return columns


def import_ledger(
    store: Store,
    path: Path,
    committee: str | None = None,
    mapping: Mapping[str, str | int | None] | Path | None = None,
    report_path: Path | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    actor: str = "ledger-import",
    check_only: bool = False,
) -> ImportResult:
    """Import a ledger file; rejected rows go to ``report_path`` (CSV, UTF-8 with BOM).
    ``mapping`` is {field: header or column index}, or the path of a JSON mapping file.
    ``check_only``: check every row and report, write nothing (the GUI's validation step)."""
    if isinstance(mapping, Path):
        mapping = load_mapping(mapping)
    table = read_table(Path(path))
    index = find_header_row([cells for _, cells in table.rows])
    headers = [cell_text(c) for c in table.rows[index][1]] if table.rows else []
    columns = resolve_mapping(headers, mapping)
    rows = [
        _ledger_row(number, cells, columns, headers) for number, cells in table.rows[index + 1 :]
    ]
    importer = _Importer(store, actor, Path(path).name, committee, progress, cancel)
    result = importer.run(rows, write=not check_only)
    result.encoding = table.encoding
    if report_path is not None and not result.cancelled:
        write_report(result.errors, Path(report_path))
    return result


def write_report(errors: list[RowError], path: Path) -> None:
    """The rejected rows, one line per problem, for Excel (UTF-8 with BOM)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["行号", "列", "值", "问题", "problem"])
        for error in sorted(errors, key=lambda e: e.row):
            writer.writerow([error.row, error.column, error.value, error.zh, error.en])


def _ledger_row(
    number: int, cells: list[Cell], columns: dict[str, int], headers: list[str]
) -> LedgerRow:
    values = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
    return LedgerRow(number, values, {name: headers[i] for name, i in columns.items()})


class _Importer:
    def __init__(
        self,
        store: Store,
        actor: str,
        source: str,
        committee: str | None,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> None:
        self.store, self.actor, self.source = store, actor, source
        self.default_committee = committee
        self.progress = progress or (lambda done, total: None)
        self.cancel = cancel or (lambda: False)

    def run(self, rows: list[LedgerRow], *, write: bool = True) -> ImportResult:
        total = 2 * len(rows)
        committees = self._committees()
        try:
            self._check_rows(rows, committees, total)
            groups = group_rows(rows, _mapped(rows, "household_key"), _mapped(rows, "head_name"))
            valid = _check_groups(groups)
            counts = self._write(valid, len(rows), total) if write else WriteCounts()
        except ImportCancelled:
            return ImportResult(cancelled=True)
        errors = [e for r in rows for e in r.errors]
        rejected = sum(1 for r in rows if r.errors)
        self.progress(total, total)
        return ImportResult(len(rows) - rejected, rejected, errors, counts)

    def _committees(self) -> dict[str, str]:
        with self.store.sessions() as session:
            return committee_codes(session)

    def _check_rows(self, rows: list[LedgerRow], committees: dict[str, str], total: int) -> None:
        seen: dict[str, int] = {}
        for start in range(0, len(rows), CHUNK_ROWS):
            if self.cancel():
                raise ImportCancelled
            for row in rows[start : start + CHUNK_ROWS]:
                parse_member(row)
                self._household(row, committees)
                number = row.member.id_number if row.member else ""
                if number and number in seen:
                    row.error(
                        "id_number",
                        f"与第 {seen[number]} 行的证件号码重复。",
                        f"The same ID number as row {seen[number]}.",
                    )
                elif number:
                    seen[number] = row.number
            self.progress(min(start + CHUNK_ROWS, len(rows)), total)

    def _household(self, row: LedgerRow, committees: dict[str, str]) -> None:
        text = row.text("committee")
        code = committees.get(text) if text else self.default_committee
        if text and code is None:
            row.error(
                "committee",
                f"居委「{text}」不存在，请核对名称，或用 --committee 指定居委代码。",
                f"Unknown committee {text!r}.",
            )
        elif code is None and row.is_head:
            row.error(
                "committee",
                "不知道本户所属居委：请在台账中加“所属居委”列，或导入时指定居委。",
                "The committee is unknown; add a committee column or choose one.",
            )
        parse_household(row, code)
        if row.household is not None and row.is_head and not row.errors:
            try:
                clean = validate_household(row.household)
                row.household = replace(
                    clean, discovery_source=DiscoverySource.COMMITTEE_REPORT.value
                )
            except ValidationError as exc:
                report_household(row, exc.problems)

    def _write(self, groups: list[list[LedgerRow]], rows: int, total: int) -> WriteCounts:
        with self.store.transaction() as session:
            writer = LedgerWriter(session, self.actor, self.source)
            writer.preload(r for g in groups for r in g)
            done = rows
            for start in range(0, len(groups), CHUNK_GROUPS):
                if self.cancel():
                    raise ImportCancelled
                chunk = groups[start : start + CHUNK_GROUPS]
                writer.load({t for g in chunk for t in writer.target(_household(g), g, _key(g))})
                for group in chunk:
                    _write_group(writer, group)
                    done += len(group)
                writer.finish()
                self.progress(done, total)
            return writer.counts


def committee_codes(session: Session) -> dict[str, str]:
    """Committee code, full name and short names (示例· and 居委(会) left off) -> code."""
    found = session.execute(
        select(Jurisdiction.code, Jurisdiction.name).where(
            Jurisdiction.level == JurisdictionLevel.COMMITTEE.value,
            Jurisdiction.deleted.is_(False),
        )
    ).all()
    names: dict[str, str] = {}
    for code, name in found:
        short = name.removeprefix("示例·")
        for key in (code, name, short, short.removesuffix("居委会"), short.removesuffix("居委")):
            names.setdefault(key, code)
    return names


def _mapped(rows: list[LedgerRow], name: str) -> bool:
    return bool(rows) and name in rows[0].headers


def _check_groups(groups: dict[str, list[LedgerRow]]) -> list[list[LedgerRow]]:
    """Households that can be written: exactly one head whose row is valid; member rows with
    errors are left out, the rest of a household with a bad head's row too."""
    valid = []
    for rows in groups.values():
        heads = [r for r in rows if r.is_head]
        for extra in heads[1:]:
            extra.error(
                "relation",
                f"本户已有户主（第 {heads[0].number} 行），请核对与户主关系。",
                f"This household already has a head (row {heads[0].number}).",
            )
        if not heads:
            rows[0].error(
                "relation",
                "本户没有户主行（与户主关系为“户主”或“本人”），整户未导入。",
                "The household has no head's row; it was not imported.",
            )
        head = heads[0] if heads else None
        if head is None or head.errors:
            _cascade(rows, head)
            continue
        valid.append([head] + [r for r in rows if r is not head and not r.errors])
    return valid


def _cascade(rows: list[LedgerRow], head: LedgerRow | None) -> None:
    for row in rows:
        if not row.errors and head is not None:
            row.error(
                "",
                f"本户户主行（第 {head.number} 行）有误，整户未导入。",
                f"The head's row ({head.number}) has errors; the household was not imported.",
            )
        elif not row.errors:
            row.error("", "本户没有可导入的户主行。", "No importable head's row.")


def _household(rows: list[LedgerRow]) -> HouseholdInput:
    household = rows[0].household
    assert household is not None
    return household


def _key(rows: list[LedgerRow]) -> str:
    return rows[0].text("household_key")


def _write_group(writer: LedgerWriter, rows: list[LedgerRow]) -> None:
    head, household, key = rows[0], _household(rows), _key(rows)
    targets = writer.target(household, rows, key)
    if len(targets) > 1:
        head.error(
            "id_number",
            "本户成员已登记在不同的户中，请先在“重复核查”中合并这些户后再导入。",
            "Members of this household are registered in different households; merge them first.",
        )
        _cascade(rows[1:], head)
        return
    if not targets:
        writer.create(household, rows, key)
        return
    writer.update(next(iter(targets)), household, rows, key)
