"""The window locks itself when idle (or on Ctrl+L) and hides every piece of data until the
profile passphrase is entered again; failed attempts are audited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.enums import AuditAction
from app.models import AuditEvent
from app.views.household_dialog import HouseholdDialog
from app.views.main_window import MainWindow
from tests.gui.conftest import PASSPHRASE, type_text


def audit_actions(window: MainWindow) -> list[str]:
    with window.workspace.store.sessions() as session:
        return list(session.execute(select(AuditEvent.action).order_by(AuditEvent.at)).scalars())


def unlock_with(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    panel = window.lock_panel
    panel.passphrase_edit.clear()
    type_text(qtbot, panel.passphrase_edit, passphrase)
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)


def test_idle_window_locks_hides_dialogs_and_unlocks_with_the_passphrase(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.mouseClick(window.household_list.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(HouseholdDialog, "household_dialog") is not None)
    dialog = window.findChild(HouseholdDialog, "household_dialog")
    qtbot.waitUntil(dialog.isVisible)

    with qtbot.waitSignal(window.lock_changed, timeout=5000) as locked:
        window.idle_watcher.set_interval_ms(50)
    assert locked.args == [True]
    assert window.central.currentWidget() is window.lock_panel
    assert not window.household_list.isVisible()
    assert not dialog.isVisible()
    assert not window.menuBar().isEnabled()

    unlock_with(qtbot, window, "wrong passphrase")
    message = window.lock_panel.message
    qtbot.waitUntil(lambda: "不正确" in message.text(), timeout=10_000)
    assert window.locked
    assert AuditAction.UNLOCK_FAILED.value in audit_actions(window)

    window.idle_watcher.set_interval_ms(60_000)
    with qtbot.waitSignal(window.lock_changed, timeout=10_000) as unlocked:
        unlock_with(qtbot, window, PASSPHRASE)
    assert unlocked.args == [False]
    assert window.household_list.isVisible()
    assert dialog.isVisible()  # the unsaved form comes back as it was
    assert audit_actions(window)[-1] == AuditAction.UNLOCK.value


def test_lock_now_action_and_demo_hint(qtbot: QtBot, window: MainWindow) -> None:
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert not window.lock_panel.hint.isVisibleTo(window.lock_panel)  # not a demo profile
    with qtbot.waitSignal(window.lock_changed, timeout=5000):
        window.lock_action.trigger()
    assert window.lock_label.text() == "已锁定"
    assert QApplication.focusWidget() in (None, window.lock_panel.passphrase_edit)


def test_idle_minutes_setting_is_saved_in_the_profile(qtbot: QtBot, window: MainWindow) -> None:
    window.set_idle_minutes(3)
    assert window.idle_watcher.interval_ms == 3 * 60_000
    profile = window.workspace.profile
    qtbot.waitUntil(lambda: '"idle_lock_minutes": 3' in profile.json_path.read_text("utf-8"))
