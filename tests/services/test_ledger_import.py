"""Stories of ledger (台账) import: usual district headers recognised, any encoding, a per-row
error report, nothing written on cancel, and no duplicates on re-import."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from workflow_data import with_check_digit

from app.domain.errors import ValidationError
from app.models import AuditEvent, Household, Member, OutboxEntry
from app.services.ledger_import import import_ledger, preview_ledger
from app.store.engine import Store

HEADERS = [
    "户编号",
    "姓名",
    "与户主关系",
    "身份证号码",
    "性别",
    "出生日期",
    "联系电话",
    "家庭住址",
    "所属居委",
    "救助类别",
]


def person_id(serial: int, born: str = "19560312", sex_digit: int = 1) -> str:
    return with_check_digit(f"310105{born}{serial:02d}{sex_digit}")


def good_rows() -> list[list[str]]:
    """Three households, six people, as a street office keeps them."""
    return [
        [
            "H001",
            "张伟",
            "户主",
            person_id(1),
            "男",
            "1956-03-12",
            "13812345678",
            "华阳路112弄3号502室",
            "华阳路第一居委",
            "低保",
        ],
        [
            "H001",
            "李秀英",
            "妻",
            person_id(2, "19580704", 2),
            "女",
            "1958/7/4",
            "",
            "华阳路112弄3号502室",
            "华阳路第一居委",
            "低保",
        ],
        [
            "H002",
            "王芳",
            "户主",
            person_id(3, "19700101", 2),
            "女",
            "19700101",
            "021-62345678",
            "长宁路1号",
            "华阳路第二居委",
            "低收入、重残",
        ],
        [
            "H002",
            "王小明",
            "子",
            person_id(4, "20000202", 3),
            "男",
            "2000年2月2日",
            "",
            "长宁路1号",
            "华阳路第二居委",
            "低收入、重残",
        ],
        [
            "H003",
            "欧阳·𠮷",
            "本人",
            person_id(5, "19450505", 5),
            "男",
            "",
            "",
            "延安西路200号",
            "华阳路第一居委",
            "特困",
        ],
        [
            "H003",
            "欧阳娜",
            "女儿",
            "",
            "女",
            "1980-05-05",
            "",
            "延安西路200号",
            "华阳路第一居委",
            "特困",
        ],
    ]


def write_csv(path: Path, rows: list[list[str]], encoding: str, title: bool = False) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        if title:
            writer.writerow(["华阳路街道困难家庭台账（2026年1月）"])
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def counts(store: Store) -> tuple[int, int]:
    with store.sessions() as session:
        households = session.execute(
            select(func.count()).select_from(Household).where(Household.deleted.is_(False))
        ).scalar_one()
        members = session.execute(
            select(func.count()).select_from(Member).where(Member.deleted.is_(False))
        ).scalar_one()
        return households, members


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_usual_headers_are_recognised_in_every_encoding(
    store: Store, tmp_path: Path, encoding: str
) -> None:
    rows = good_rows()
    if encoding == "gbk":  # GBK has no 𠮷: a GBK ledger cannot hold Ext-B names
        rows[4][1] = "欧阳明"
    path = write_csv(tmp_path / "台账.csv", rows, encoding, title=True)
    result = import_ledger(store, path)
    assert (result.imported, result.rejected, result.errors) == (6, 0, [])
    assert result.exit_code == 0
    assert counts(store) == (3, 6)
    with store.sessions() as session:
        wang = session.execute(select(Household).where(Household.head_name == "王芳")).scalar_one()
        assert wang.categories == ["low_income", "severe_disability_unemployed"]
        assert wang.committee_code == "310105002002" and wang.member_count == 2
        assert (
            session.execute(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.entity == "member")
            ).scalar_one()
            == 6
        )
        assert (
            session.execute(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "household")
            ).scalar_one()
            == 3
        )


def test_three_bad_rows_give_exactly_three_errors(store: Store, tmp_path: Path) -> None:
    rows = good_rows()
    rows[1][3] = rows[1][3][:-1] + ("0" if rows[1][3][-1] != "0" else "1")  # bad check digit
    rows[3][2] = "邻居"  # unknown relation
    rows[5][5] = "1980-13-45"  # not a date
    report = tmp_path / "errors.csv"
    result = import_ledger(store, write_csv(tmp_path / "t.csv", rows, "utf-8"), report_path=report)

    assert (result.imported, result.rejected, result.exit_code) == (3, 3, 3)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "身份证号码"),
        (5, "与户主关系"),
        (7, "出生日期"),
    ]
    assert result.errors[1].value == "邻居"
    assert counts(store) == (3, 3)  # the heads' households, without the bad members
    lines = list(csv.reader(report.open(encoding="utf-8-sig")))
    assert lines[0] == ["行号", "列", "值", "问题", "problem"]
    assert [line[0] for line in lines[1:]] == ["3", "5", "7"]


def test_reimporting_the_same_ledger_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", good_rows(), "utf-8")
    import_ledger(store, path)
    with store.sessions() as session:
        outbox = session.execute(select(func.count()).select_from(OutboxEntry)).scalar_one()
    again = import_ledger(store, path)
    assert (again.imported, again.rejected) == (6, 0)
    assert again.counts.households_created == again.counts.members_created == 0
    assert counts(store) == (3, 6)
    with store.sessions() as session:
        assert session.execute(select(func.count()).select_from(OutboxEntry)).scalar_one() == outbox


def test_a_corrected_ledger_updates_the_same_people(store: Store, tmp_path: Path) -> None:
    import_ledger(store, write_csv(tmp_path / "a.csv", good_rows(), "utf-8"))
    rows = good_rows()
    rows[0][6] = "13900001111"
    rows[0][0] = "NEW-1"  # the district renumbered: ID numbers still find the household
    result = import_ledger(store, write_csv(tmp_path / "b.csv", rows, "utf-8"))
    assert result.counts.members_updated == 1 and result.counts.households_created == 0
    assert counts(store) == (3, 6)
    with store.sessions() as session:
        phone = session.execute(select(Member.phone).where(Member.name == "张伟")).scalar_one()
        assert phone == "13900001111"


def test_cancel_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", good_rows(), "utf-8")
    steps: list[tuple[int, int]] = []

    def cancel_once_checked() -> bool:
        return len(steps) >= 1  # after the checking pass, during the writing

    result = import_ledger(
        store, path, progress=lambda d, t: steps.append((d, t)), cancel=cancel_once_checked
    )
    assert result.cancelled and result.imported == 0
    assert counts(store) == (0, 0)
    with store.sessions() as session:
        assert session.execute(select(func.count()).select_from(OutboxEntry)).scalar_one() == 0


def test_xlsx_with_mapping_and_an_id_number_stored_as_a_number(
    store: Store, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "户主", "证件号", "住址", "电话"])
    sheet.append([1, "赵敏", person_id(6, "19600606", 2), "华阳路5号101室", "13800000001"])
    sheet.append([2, "钱进", int(person_id(7, "19610707", 1)[:17] + "0"), "华阳路6号", ""])
    sheet.append([3, "孙丽", person_id(8, "19620808", 2), "华阳路7号", ""])
    sheet["A5"] = None
    path = tmp_path / "ledger.xlsx"
    book.save(path)

    preview = preview_ledger(path)
    assert preview.mapping.get("name") == 1 and "id_number" not in preview.mapping
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"id_number": "证件号", "address": "住址"}', encoding="utf-8")
    result = import_ledger(store, path, committee="310105002001", mapping=mapping)
    assert (result.imported, result.rejected) == (2, 1)
    assert result.errors[0].row == 3 and "文本" in result.errors[0].zh


def test_a_ledger_without_a_name_column_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("编号,住址\n1,华阳路1号\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="name"):
        import_ledger(store, path)


def test_member_rows_follow_their_head_without_household_numbers(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "seq.csv"
    path.write_text(
        "姓名,与户主关系,身份证号,家庭住址,所属居委\n"
        f"周杰,户主,{person_id(9)},华阳路8号,华阳路第一居委\n"
        f"周小杰,子,{person_id(10, '19900101', 1)},,\n"
        f"吴磊,户主,{person_id(11, '19700303', 1)},华阳路9号,华阳路第一居委\n",
        encoding="utf-8",
    )
    result = import_ledger(store, path)
    assert (result.imported, result.rejected) == (3, 0)
    assert counts(store) == (2, 3)
    with store.sessions() as session:
        born = session.execute(select(Member.birth_date).where(Member.name == "周小杰"))
        assert born.scalar_one() == dt.date(1990, 1, 1)
