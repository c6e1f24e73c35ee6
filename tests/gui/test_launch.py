"""Starting the app on a profile folder: first run creates it, later runs ask the passphrase."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.store.profile import Profile
from app.views import garbage_collection
from app.views.application import create_application
from app.views.launch import GuiOptions, Launcher
from app.views.passphrase_dialogs import CreateProfileDialog, OpenProfileDialog
from app.views.tasks import TaskRunner
from tests.gui.conftest import type_text

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def launcher_for(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.delenv("NUANXIN_PASSPHRASE", raising=False)
    made: list[Launcher] = []

    def make(folder: Path) -> Launcher:
        _app, translations = create_application([], "zh_CN")
        launcher = Launcher(GuiOptions(profile_dir=folder), translations, TaskRunner())
        launcher._quit = lambda code: setattr(launcher, "exit_code", code)  # type: ignore[method-assign]
        made.append(launcher)
        return launcher

    yield make
    for launcher in made:
        launcher.tasks.shutdown()
        if launcher.window is not None:
            launcher.window.close()
        if launcher.store is not None:
            launcher.store.close()


def test_first_run_asks_for_a_passphrase_twice_and_creates_the_profile(
    qtbot: QtBot, tmp_path: Path, launcher_for: object
) -> None:
    folder = tmp_path / "profile"
    launcher = launcher_for(folder)  # type: ignore[operator]
    launcher.start()
    dialog = launcher._dialog
    assert isinstance(dialog, CreateProfileDialog)
    type_text(qtbot, dialog.passphrase_edit, "short")
    type_text(qtbot, dialog.confirm_edit, "short")
    dialog._on_ok_clicked()
    assert "太短" in dialog.passphrase_message.text() and dialog.isVisible()
    dialog.passphrase_edit.clear()
    dialog.confirm_edit.clear()
    type_text(qtbot, dialog.passphrase_edit, PASSPHRASE)
    type_text(qtbot, dialog.confirm_edit, PASSPHRASE + "x")
    dialog._on_ok_clicked()
    assert "不一致" in dialog.confirm_message.text()
    dialog.confirm_edit.clear()
    type_text(qtbot, dialog.confirm_edit, PASSPHRASE)
    dialog._on_ok_clicked()
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=20_000)
    qtbot.waitUntil(lambda: launcher.window.is_loaded, timeout=20_000)
    assert garbage_collection.installed().settled and gc.get_freeze_count() > 0  # type: ignore[union-attr]
    assert Profile.exists(folder)
    assert not launcher.window.workspace.is_demo
    assert launcher.window.windowTitle() == "暖心 · 社区救助顾问工作台"


def test_existing_profile_asks_again_after_a_wrong_passphrase(
    qtbot: QtBot, tmp_path: Path, launcher_for: object
) -> None:
    folder = tmp_path / "profile"
    Profile.create(folder, PASSPHRASE, use_keyring=False)
    launcher = launcher_for(folder)  # type: ignore[operator]
    launcher.start()
    first = launcher._dialog
    assert isinstance(first, OpenProfileDialog)
    type_text(qtbot, first.passphrase_edit, "not the passphrase")
    first._on_ok_clicked()
    qtbot.waitUntil(lambda: launcher._dialog is not first, timeout=20_000)
    second = launcher._dialog
    assert isinstance(second, OpenProfileDialog)
    assert "口令不正确" in second.message.text()
    type_text(qtbot, second.passphrase_edit, PASSPHRASE)
    second._on_ok_clicked()
    qtbot.waitUntil(
        lambda: launcher.window is not None and launcher.window.is_loaded, timeout=20_000
    )
