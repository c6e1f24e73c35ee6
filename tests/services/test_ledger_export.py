"""Stories of exports: Excel-ready CSV (UTF-8 with BOM) and xlsx, masked IDs unless asked, audited,
and a members export that imports back without duplicates."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from test_ledger_import import counts, good_rows, write_csv
from test_visits import visit_fields
from workflow_data import ADVISOR_LOGIN

from app.models import AuditEvent
from app.services.ledger_export import export
from app.services.ledger_import import import_ledger
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.visits import VisitService
from app.store.engine import Store


def test_members_export_reimports_without_duplicates(store: Store, tmp_path: Path) -> None:
    import_ledger(store, write_csv(tmp_path / "in.csv", good_rows(), "gb18030"))
    out = tmp_path / "members.csv"
    assert export(store, "members", out, full_ids=True) == 6
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    again = import_ledger(store, out)
    assert (again.imported, again.rejected) == (6, 0)
    assert again.counts.households_created == again.counts.members_created == 0
    assert counts(store) == (3, 6)


def test_ids_are_masked_by_default_and_exports_are_audited(store: Store, tmp_path: Path) -> None:
    import_ledger(store, write_csv(tmp_path / "in.csv", good_rows(), "utf-8"))
    out = tmp_path / "members.xlsx"
    export(store, "members", out, actor=ADVISOR_LOGIN)
    sheet = load_workbook(out).active
    assert sheet is not None
    ids = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all("*" in str(i) for i in ids if i)
    with store.sessions() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "export")
        ).scalar_one()
        assert (event.actor, event.entity, event.detail["rows"]) == (ADVISOR_LOGIN, "members", 6)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_visits_and_referrals_export_with_amendments_applied(
    store: Store, household_id: str, tmp_path: Path, suffix: str
) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    visit_id = visits.finalise(
        visits.save_draft(None, {"household_id": household_id, **visit_fields()})
    ).id
    visits.amend(visit_id, {"advice": "申请长护险评估"}, "补充建议")
    ReferralService(store, ADVISOR_LOGIN).create(
        ReferralInput(household_id=household_id, need_category="elderly_care", reason="助餐")
    )
    assert export(store, "visits", tmp_path / f"visits{suffix}") == 1
    assert export(store, "referrals", tmp_path / f"referrals{suffix}") == 1
    assert export(store, "households", tmp_path / f"households{suffix}") == 1
    if suffix == ".csv":
        rows = list(csv.reader((tmp_path / "visits.csv").open(encoding="utf-8-sig")))
        assert rows[1][9] == "申请长护险评估" and rows[1][13] == "是"
        referral = list(csv.reader((tmp_path / "referrals.csv").open(encoding="utf-8-sig")))[1]
        assert referral[3:8] == ["养老服务", "", "助餐", "一般", "草稿"]
