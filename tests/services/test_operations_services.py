"""Operations services (issue 8): the append-only audit log and its viewer's queries and export,
redacted crash reports, rotating logs and the diagnostics bundle, daily backups keeping N."""

from __future__ import annotations

import csv
import datetime as dt
import logging
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from app.domain.enums import AuditAction
from app.models import AuditEvent, OutboxEntry
from app.services import audit, audit_log, auto_backup, crash_reports
from app.services.audit_log import AuditFilter
from app.services.households import HouseholdService
from app.store.engine import Store
from app.store.profile import Profile

ID_NUMBER = "310105196001020018"


# ---- the audit log -------------------------------------------------------------------------------


def test_the_audit_log_cannot_be_edited_or_deleted(store: Store) -> None:
    with store.transaction() as session:
        audit.record(session, "advisor1", AuditAction.REVEAL_ID, "member", "m-1")

    for statement in ("UPDATE audit_event SET actor = 'someone'", "DELETE FROM audit_event"):
        with pytest.raises(DatabaseError, match="append-only"), store.transaction() as session:
            session.execute(text(statement))

    with store.sessions() as session:
        assert session.execute(select(AuditEvent.actor)).scalars().all() == ["advisor1"]


def test_access_events_go_to_the_server_and_edits_do_not(store: Store) -> None:
    with store.transaction() as session:
        audit.record(session, "advisor1", AuditAction.PRINT, "visit", "v-1", form="visit")
        audit.record(session, "advisor1", AuditAction.UPDATE, "household", "h-1")
        audit.record(session, "advisor1", AuditAction.LOGIN, "device", "d-1")

    with store.sessions() as session:
        queued = session.execute(select(OutboxEntry)).scalars().all()
    assert [(q.entity, q.fields["action"], q.base_seq) for q in queued] == [
        ("audit_event", "print", 0)
    ]
    assert queued[0].fields["detail"] == {"form": "visit"}


def test_a_supervisor_sees_who_revealed_which_id_masked_and_exports_it(
    store: Store, household_id: str, tmp_path: Path
) -> None:
    households = HouseholdService(store, "advisor1")
    member = households.get_household(household_id).members[0]
    households.reveal_id(member.id)
    with store.transaction() as session:
        audit.record(session, "advisor2", AuditAction.EXPORT, "households", "", file="台账.xlsx")
        audit.record(session, "advisor2", AuditAction.UNLOCK_FAILED, "profile", "")

    with store.sessions() as session:
        reveals = audit_log.query(session, AuditFilter(actions=("reveal_id",)))
        everyone = audit_log.query(session, AuditFilter())
        of_two = audit_log.query(session, AuditFilter(actor="advisor2"))
        tomorrow = dt.date.today() + dt.timedelta(days=2)
        none = audit_log.query(session, AuditFilter(date_from=tomorrow))

    assert [(r.actor, r.action_label) for r in reveals] == [("advisor1", "查看完整证件号")]
    assert member.name in reveals[0].subject and "*" in reveals[0].subject
    assert {r.action for r in everyone} == {"reveal_id", "export", "unlock_failed"}
    assert {r.action for r in of_two} == {"export", "unlock_failed"} and none == []

    written = audit_log.export(store, AuditFilter(), tmp_path / "审计.xlsx", actor="supervisor")
    sheet = load_workbook(tmp_path / "审计.xlsx").active
    assert written == 3 and sheet is not None
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == audit_log.HEADER and len(cells) == 4
    assert not any(ID_NUMBER[6:14] in str(value) for row in cells for value in row)
    audit_log.export(store, AuditFilter(), tmp_path / "审计.csv", actor="supervisor")
    with (tmp_path / "审计.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == audit_log.HEADER
    with store.sessions() as session:  # exporting the log is itself audited
        assert audit_log.count(session, AuditFilter(actor="supervisor")) == 2
    assert audit_log.may_read("supervisor") and not audit_log.may_read("advisor")


# ---- crash reports and logs ----------------------------------------------------------------------


def _fail_with_personal_data() -> None:
    name, id_number, phone = "张伟", ID_NUMBER, "13812345678"
    passphrase = "secret words"  # noqa: F841
    raise ValueError(f"无法保存 {name} 的证件号 {id_number}，电话 {phone}")


def test_a_crash_report_keeps_the_traceback_and_drops_names_ids_and_phones() -> None:
    try:
        _fail_with_personal_data()
    except ValueError as error:
        report = crash_reports.build_report(type(error), error, error.__traceback__)

    for secret in ("张伟", ID_NUMBER, "13812345678", "secret words"):
        assert secret not in report.text
    assert (
        "_fail_with_personal_data" in report.text and "test_operations_services.py" in report.text
    )
    assert "ValueError: [TEXT] [TEXT] [TEXT] [ID]，[TEXT] [PHONE]" in report.text
    assert "passphrase = [REDACTED]" in report.text and "phone = '[PHONE]'" in report.text
    assert "python:" in report.text and "sqlcipher:" in report.text


def test_redaction_covers_landlines_old_ids_and_rare_characters() -> None:
    text_ = "021-62345678 / 310105600102001 / 欧阳𠮷 / 6222021234567890123 / line 42"
    assert crash_reports.redact(text_) == "[PHONE] / [ID] / [TEXT] / [NUMBER] / line 42"


def test_logs_rotate_under_the_profile_redacted_and_diagnose_bundles_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crash_reports, "LOG_MAX_BYTES", 2000)
    logs = tmp_path / "profile" / "logs"
    handler = crash_reports.install_logging(logs)
    try:
        for number in range(60):
            logging.getLogger("nuanxin.test").info("saved 张伟 %s %d", ID_NUMBER, number)
        try:
            _fail_with_personal_data()
        except ValueError as error:
            crash_reports.excepthook_report(type(error), error, error.__traceback__)
    finally:
        crash_reports.log.removeHandler(handler)
        handler.close()

    files = sorted(p.name for p in logs.iterdir())
    assert "nuanxin.log" in files and "nuanxin.log.1" in files  # rotated
    every = "".join(p.read_text(encoding="utf-8") for p in logs.iterdir())
    assert "张伟" not in every and ID_NUMBER not in every and "[ID]" in every
    assert "_fail_with_personal_data" in every

    settings = {"language": "zh_CN", "server_url": "https://nx.example", "refresh_token": "t"}
    out = crash_reports.write_diagnostics(tmp_path / "d.zip", settings=settings, logs_dir=logs)
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        assert {"versions.json", "settings.json", "logs/nuanxin.log"} <= set(names)
        assert "refresh_token" not in bundle.read("settings.json").decode()
        assert all(ID_NUMBER not in bundle.read(n).decode() for n in names)


# ---- daily backups -------------------------------------------------------------------------------


def test_daily_backups_go_to_the_chosen_folder_once_a_day_keeping_the_last_n(
    tmp_path: Path,
) -> None:
    profile = Profile.create(tmp_path / "profile", "profile passphrase", use_keyring=False)
    store = profile.open("profile passphrase")
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "notes.txt").write_text("not ours")
    try:
        auto_backup.configure(store, profile, stick, "backup passphrase", keep=3)
        start = dt.datetime(2026, 11, 1, 18, 0, tzinfo=dt.UTC)
        made = [
            auto_backup.run_if_due(store, profile, now=start + dt.timedelta(days=day))
            for day in range(5)
        ]
        again = auto_backup.run_if_due(store, profile, now=start + dt.timedelta(days=4, hours=1))
    finally:
        store.close()

    assert all(info is not None for info in made) and again is None
    kept = sorted(p.name for p in stick.iterdir())
    assert kept == [
        "notes.txt",
        "nuanxin-20261103-180000.nxbackup",
        "nuanxin-20261104-180000.nxbackup",
        "nuanxin-20261105-180000.nxbackup",
    ]
    from app.store.backup import read_backup

    assert read_backup(stick / kept[-1], "backup passphrase").store_id == profile.store_id
    assert Profile.load(profile.folder).settings[auto_backup.LAST_SETTING] == "2026-11-05"
