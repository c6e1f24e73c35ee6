"""A profile migrated by a newer Nuanxin (after a downgrade, or a copy from a colleague's newer
install) is refused with a clear message, never opened or changed: in the GUI as a dialog that
ends the app with exit code 1, and on the command line as a message with exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.__main__ import main
from app.store.errors import NewerSchemaError
from app.store.profile import Profile
from app.views.application import create_application
from app.views.launch import GuiOptions, Launcher
from app.views.tasks import TaskRunner
from installer.project import ROOT
from tests.store.conftest import fingerprints as all_fingerprints

PASSPHRASE = "a long enough passphrase"
FUTURE_REVISION = "9001_from_a_newer_nuanxin"


def fingerprints(folder: Path) -> dict[str, str]:
    """The profile's data files (the database and profile.json; not the running app's lock)."""
    return {k: v for k, v in all_fingerprints(folder).items() if not k.endswith(".lock")}


@pytest.fixture
def newer_profile(tmp_path: Path) -> Path:
    """A real profile whose schema revision this version does not know."""
    folder = tmp_path / "profile"
    store = Profile.create(folder, PASSPHRASE, use_keyring=False).open(PASSPHRASE)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE_REVISION})
    store.close()
    return folder


def test_gui_shows_the_chinese_message_and_exits_cleanly(
    qtbot: QtBot, qapp: QApplication, newer_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUANXIN_PASSPHRASE", PASSPHRASE)
    before = fingerprints(newer_profile)
    _app, translations = create_application([], "zh_CN")
    launcher = Launcher(GuiOptions(profile_dir=newer_profile), translations, TaskRunner())
    exits: list[int] = []
    launcher._quit = exits.append  # type: ignore[method-assign]  (the real one ends the event loop)
    try:
        launcher.start()
        qtbot.waitUntil(lambda: isinstance(launcher._dialog, QMessageBox), timeout=20_000)
        box = launcher._dialog
        assert box.text() == NewerSchemaError.zh
        assert "升级" in box.text() and box.windowTitle() == "无法打开档案"
        assert box.icon() == QMessageBox.Icon.Critical and box.isVisible()
        assert launcher.window is None and launcher.store is None
        box.button(QMessageBox.StandardButton.Ok).click()
        assert exits == [1]
    finally:
        launcher.tasks.shutdown()
    assert fingerprints(newer_profile) == before


def test_command_line_prints_the_message_and_exits_with_1(
    newer_profile: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NUANXIN_PASSPHRASE", PASSPHRASE)
    before = fingerprints(newer_profile)
    out = tmp_path / "households.csv"
    for lang, expected in (
        ("zh_CN.UTF-8", NewerSchemaError.zh),
        ("en_US.UTF-8", "upgrade Nuanxin"),
    ):
        monkeypatch.setenv("LANG", lang)
        code = main(["export", "households", "--profile", str(newer_profile), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 1
        assert expected in err
    assert not out.exists()
    assert fingerprints(newer_profile) == before


@pytest.mark.slow
def test_screenshot_run_prints_the_message_and_exits_with_1(
    newer_profile: Path, tmp_path: Path
) -> None:
    """The smoke-test mode nobody watches: the message goes to stderr, the exit code says it."""
    env = dict(os.environ, NUANXIN_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "app", "--profile", str(newer_profile), "--screenshot", str(shot)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert NewerSchemaError.zh in done.stderr
    assert not shot.exists()
