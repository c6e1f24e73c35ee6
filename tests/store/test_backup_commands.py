"""`nuanxin backup | restore | diagnose` headless: secrets from the environment, exit 2 without
them (no terminal to ask on), 1 with a clear message on a wrong passphrase."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.__main__ import main
from app.services.households import HouseholdService
from app.store.profile import Profile
from tests.store.conftest import PASSPHRASE


@pytest.fixture
def secrets_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("NUANXIN_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("NUANXIN_BACKUP_PASSPHRASE", "backup passphrase 1")
    return monkeypatch


def test_backup_then_restore_from_the_command_line(
    profile: Profile, tmp_path: Path, secrets_env: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "b.nxbackup"
    assert main(["backup", "--profile", str(profile.folder), "--out", str(out)]) == 0
    secrets_env.setenv("NUANXIN_PASSPHRASE", "new profile passphrase")
    assert main(["restore", str(out), "--profile", str(tmp_path / "restored")]) == 0

    restored = Profile.load(tmp_path / "restored")
    opened = restored.open("new profile passphrase")
    try:
        assert HouseholdService(opened, "t").committees() == []
    finally:
        opened.close()


def test_without_a_passphrase_and_no_terminal_the_command_says_which_variable(
    profile: Profile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NUANXIN_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("NUANXIN_BACKUP_PASSPHRASE", raising=False)
    out = tmp_path / "b.nxbackup"

    code = main(["backup", "--profile", str(profile.folder), "--out", str(out)])

    assert code == 2 and not out.exists()
    assert "NUANXIN_BACKUP_PASSPHRASE" in capsys.readouterr().err


def test_a_wrong_backup_passphrase_fails_with_a_message_and_makes_nothing(
    profile: Profile,
    tmp_path: Path,
    secrets_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "b.nxbackup"
    assert main(["backup", "--profile", str(profile.folder), "--out", str(out)]) == 0
    secrets_env.setenv("NUANXIN_BACKUP_PASSPHRASE", "another passphrase")

    code = main(["restore", str(out), "--profile", str(tmp_path / "restored")])

    assert code == 1 and not (tmp_path / "restored").exists()
    assert "备份口令不正确" in capsys.readouterr().err


def test_diagnose_writes_a_redacted_zip(profile: Profile, tmp_path: Path) -> None:
    (profile.logs_dir / "nuanxin.log").write_text("saved 张伟 13812345678\n", encoding="utf-8")
    out = tmp_path / "diag.zip"

    assert main(["diagnose", "--profile", str(profile.folder), "--out", str(out)]) == 0

    with zipfile.ZipFile(out) as bundle:
        log = bundle.read("logs/nuanxin.log").decode()
        assert "张伟" not in log and "13812345678" not in log
        assert '"language"' in bundle.read("settings.json").decode()
