"""The headless ledger commands in a real process: `nuanxin import` exits 0 when every row was
imported, 3 when some were rejected (each in --report), 1 on failure, 2 on a usage problem — and
never waits for a passphrase without a terminal; `nuanxin export` writes Excel-ready files."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.models import Household
from app.store.profile import Profile
from tests.gui.conftest import PASSPHRASE, seed_jurisdictions
from tests.gui.test_ledger_import_dialog import BAD, GOOD, HEADER
from tests.gui.workflow_seed import write_csv

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # each story starts processes


@pytest.fixture
def profile_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "profile"
    profile = Profile.create(folder, PASSPHRASE, use_keyring=False)
    store = profile.open(PASSPHRASE)
    seed_jurisdictions(store)
    store.close()
    yield folder


def nuanxin(
    *args: str | Path, passphrase: str | None = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LANG="zh_CN.UTF-8")
    env.pop("NUANXIN_PASSPHRASE", None)
    if passphrase is not None:
        env["NUANXIN_PASSPHRASE"] = passphrase
    command = [sys.executable, "-m", "app", *map(str, args)]
    return subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=120,
    )  # fmt: skip


def households(folder: Path) -> int:
    store = Profile.load(folder).open(PASSPHRASE)
    try:
        with store.sessions() as session:
            return int(session.execute(select(func.count()).select_from(Household)).scalar_one())
    finally:
        store.close()


def test_import_exits_3_with_a_report_of_the_rejected_rows_then_0_without_duplicates(
    profile_dir: Path, tmp_path: Path
) -> None:
    ledger = write_csv(tmp_path / "台账.csv", [HEADER, *GOOD, *BAD], "gb18030")
    report = tmp_path / "errors.csv"
    done = nuanxin("import", ledger, "--profile", profile_dir, "--report", report)
    assert done.returncode == 3, done.stderr
    assert "已导入 5 行" in done.stdout and "3 行有误" in done.stdout
    with report.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [(r[0], r[1]) for r in rows] == [("7", "出生日期"), ("8", "联系电话"), ("9", "所属居委")]
    assert households(profile_dir) == 3

    good = write_csv(tmp_path / "好台账.csv", [HEADER, *GOOD])
    again = nuanxin("--profile", profile_dir, "import", good)
    assert again.returncode == 0, again.stderr
    assert households(profile_dir) == 3  # the same households, not new ones


def test_import_usage_and_failures_have_their_own_exit_codes(
    profile_dir: Path, tmp_path: Path
) -> None:
    ledger = write_csv(tmp_path / "台账.csv", [HEADER, *GOOD])
    no_secret = nuanxin("import", ledger, "--profile", profile_dir, passphrase=None)
    assert no_secret.returncode == 2 and "NUANXIN_PASSPHRASE" in no_secret.stderr
    wrong = nuanxin("import", ledger, "--profile", profile_dir, passphrase="not it at all")
    assert wrong.returncode == 1, wrong.stderr
    missing = nuanxin("import", tmp_path / "nope.csv", "--profile", profile_dir)
    assert missing.returncode == 2 and "找不到台账文件" in missing.stderr
    committee = nuanxin("import", ledger, "--profile", profile_dir, "--committee", "999")
    assert committee.returncode == 2 and "居委「999」不存在" in committee.stderr
    (tmp_path / "台账.doc").write_text("not a spreadsheet", encoding="utf-8")
    unreadable = nuanxin("import", tmp_path / "台账.doc", "--profile", profile_dir)
    assert unreadable.returncode == 1 and ".xlsx" in unreadable.stderr
    assert nuanxin("import", "--profile", profile_dir).returncode == 2  # FILE missing
    assert households(profile_dir) == 0


def test_export_writes_csv_with_bom_and_xlsx(profile_dir: Path, tmp_path: Path) -> None:
    ledger = write_csv(tmp_path / "台账.csv", [HEADER, *GOOD])
    assert nuanxin("import", ledger, "--profile", profile_dir).returncode == 0
    out = tmp_path / "户档案.csv"
    done = nuanxin("export", "households", "--out", out, "--profile", profile_dir)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "沈国华".encode() in data
    members = tmp_path / "成员.xlsx"
    assert nuanxin("export", "members", "--out", members, "--profile", profile_dir).returncode == 0
    rows = list(load_workbook(members).active.iter_rows(values_only=True))
    assert "周小明" in {row[rows[0].index("姓名")] for row in rows[1:]}
    bad = nuanxin("export", "visits", "--out", tmp_path / "走访.txt", "--profile", profile_dir)
    assert bad.returncode == 2 and ".xlsx" in bad.stderr
