"""Reading ledger rows into members and households, with every problem as a row error (row,
column, value, what is wrong), and grouping member rows into households (by 户编号, by the head's
name, or each head's row followed by its members)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.domain.enums import Health, RelationToHead, Sex
from app.domain.errors import Problem, ValidationError
from app.domain.money import parse_yuan
from app.services.household_inputs import HouseholdInput, MemberInput, validate_member
from app.services.ledger_columns import (
    FIELD_LABELS,
    id_type_for,
    parse_categories,
    parse_date,
    parse_relation,
)
from app.services.tabular_files import Cell

YEAR_MONTH = re.compile(r"^\d{4}\D\d{1,2}\D?$")
# Member fields of validate_member's problems -> ledger field.
MEMBER_COLUMNS = {
    "name": "name",
    "id_number": "id_number",
    "id_type": "id_type",
    "relation_to_head": "relation",
    "sex": "sex",
    "birth_date": "birth_date",
    "phone": "phone",
    "health": "health",
    "monthly_income": "monthly_income",
}
HOUSEHOLD_COLUMNS = {
    "address": "address",
    "phone": "phone",
    "categories": "categories",
    "committee_code": "committee",
    "notes": "notes",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the header as written in the file; "" for the whole row
    value: str
    zh: str
    en: str


@dataclass
class LedgerRow:
    number: int
    cells: dict[str, Cell]  # ledger field -> cell as read
    headers: dict[str, str]  # ledger field -> header text in the file
    member: MemberInput | None = None
    household: HouseholdInput | None = None
    provided: set[str] = field(default_factory=set)  # member fields to write on an update
    errors: list[RowError] = field(default_factory=list)
    group: str = ""
    relation: RelationToHead | None = None  # as read, also for a row with errors

    def text(self, name: str) -> str:
        return cell_text(self.cells.get(name))

    def error(self, name: str, zh: str, en: str) -> None:
        column = self.headers.get(name, FIELD_LABELS.get(name, "")) if name else ""
        value = self.text(name) if name else ""
        self.errors.append(RowError(self.number, column, value, zh, en))

    @property
    def is_head(self) -> bool:
        return self.relation == RelationToHead.SELF


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_member(row: LedgerRow) -> None:
    """Fill ``row.member`` (validated) or add the row's errors."""
    start = len(row.errors)
    id_number = _id_number(row)
    relation = row.relation = _relation(row)
    sex = _choice(row, "sex", Sex)
    health = _choice(row, "health", Health)
    birth = _birth_date(row, bool(id_number))
    income = _income(row)
    if len(row.errors) > start:
        return
    data = MemberInput(
        name=row.text("name"),
        id_type=_id_type(row, id_number),
        id_number=id_number,
        relation_to_head=(relation or RelationToHead.SELF).value,
        sex=sex,
        birth_date=birth,
        health=health or Health.HEALTHY.value,
        monthly_income=income,
        phone=row.text("phone"),
    )
    try:
        row.member = validate_member(data)
    except ValidationError as exc:
        _report(row, exc.problems, MEMBER_COLUMNS)
        return
    provided = {"name", "relation_to_head"}
    provided |= {m for m, f in MEMBER_COLUMNS.items() if row.text(f)}
    if id_number:
        provided |= {"id_type", "sex", "birth_date"}
    row.provided = provided


def parse_household(row: LedgerRow, committee: str | None) -> None:
    """The household columns of a head's row, as a HouseholdInput (validated by the caller)."""
    codes, unknown = parse_categories(row.text("categories"))
    if unknown:
        row.error(
            "categories",
            f"救助类别「{'、'.join(unknown)}」无法识别，请写为：低保、低收入、支出型贫困、特困、"
            "重残无业、优抚、边缘或其他。",
            f"Unknown categories {unknown}; use the register's categories.",
        )
    row.household = HouseholdInput(
        committee_code=committee or "",
        address=row.text("address"),
        phone=row.text("phone"),
        categories=codes,
        notes=row.text("notes"),
    )


def report_household(row: LedgerRow, problems: list[Problem]) -> None:
    _report(row, problems, HOUSEHOLD_COLUMNS)


def _report(row: LedgerRow, problems: list[Problem], columns: dict[str, str]) -> None:
    for problem in problems:
        name = columns.get(problem.field.split(".")[0], "")
        row.error(name, problem.zh, problem.en)


def _id_number(row: LedgerRow) -> str:
    raw = row.cells.get("id_number")
    if isinstance(raw, int | float) and len(cell_text(raw)) > 15:
        row.error(
            "id_number",
            "证件号码被 Excel 存成了数字，后几位已丢失；请把该列设为“文本”格式后重新填写号码。",
            "The ID number was stored as a number and lost its last digits; "
            "format the column as text and enter the numbers again.",
        )
        return ""
    return row.text("id_number")


def _id_type(row: LedgerRow, id_number: str) -> str:
    try:
        return id_type_for(id_number, row.text("id_type"))
    except ValueError:
        return row.text("id_type")  # validate_member names it


def _relation(row: LedgerRow) -> RelationToHead | None:
    text = row.text("relation")
    if "relation" in row.headers:
        if not text and row.text("head_name") and row.text("head_name") == row.text("name"):
            return RelationToHead.SELF
        found = parse_relation(text)
        if found is None:
            row.error(
                "relation",
                f"与户主关系「{text}」无法识别，请写为户主/本人、配偶、子、女、父亲、母亲等。"
                if text
                else "与户主关系为空，请填写（户主本人填“户主”）。",
                "The relation to the head is missing or unknown.",
            )
        return found
    if "head_name" in row.headers and row.text("head_name") != row.text("name"):
        return RelationToHead.OTHER
    return RelationToHead.SELF


def _choice(row: LedgerRow, name: str, enum: type[Sex] | type[Health]) -> str | None:
    text = row.text(name)
    if not text:
        return None
    try:
        return str(enum.from_label(text))
    except ValueError:
        options = "、".join(m.label for m in enum)
        row.error(name, f"「{text}」无法识别，请填写：{options}。", f"{text!r} is not valid.")
        return None


def _birth_date(row: LedgerRow, has_id: bool) -> dt.date | None:
    raw = row.cells.get("birth_date")
    try:
        return parse_date(raw)
    except ValueError:
        if has_id and YEAR_MONTH.match(row.text("birth_date")):
            return None  # 出生年月 only: the ID number gives the whole date
        row.error(
            "birth_date",
            "出生日期无法识别，请写成 1956-03-12 的形式。",
            "The birth date is not a date; write it as 1956-03-12.",
        )
        return None


def _income(row: LedgerRow) -> dict[str, int]:
    text = row.text("monthly_income")
    if not text:
        return {}
    try:
        return {"other": parse_yuan(text, field="monthly_income")}
    except ValidationError as exc:
        _report(row, exc.problems, MEMBER_COLUMNS)
        return {}


def group_rows(
    rows: list[LedgerRow], keyed: bool, by_head_name: bool
) -> dict[str, list[LedgerRow]]:
    """Rows by household: 户编号 when the ledger has it, else the head's name and address, else
    each head's row with the member rows under it."""
    groups: dict[str, list[LedgerRow]] = {}
    current = ""
    for row in rows:
        if keyed and row.text("household_key"):
            row.group = "k:" + row.text("household_key")
        elif by_head_name and row.text("head_name"):
            row.group = f"h:{row.text('head_name')}|{''.join(row.text('address').split())}"
        elif row.is_head:
            current = row.group = f"r:{row.number}"
        elif current:
            row.group = current
        else:
            row.group = f"r:{row.number}"
            if not row.errors:
                row.error(
                    "relation",
                    "找不到本行所属的户主行：请把户主行放在其家庭成员之前，或填写“户编号”。",
                    "No head's row above this member; put the head first or add 户编号.",
                )
        groups.setdefault(row.group, []).append(row)
    return groups
