"""A visit typed offline survives a forced kill: the draft autosaved while typing is offered
again when the form is opened after the crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.services.households import HouseholdService
from app.services.visits import VisitService
from app.store.profile import Profile
from app.views.application import create_application
from app.views.draft_recovery import DraftRecoveryDialog
from app.views.launch import close_down
from app.views.main_window import MainWindow
from app.views.tasks import TaskRunner
from app.views.visit_form import VisitForm
from app.views.workspace import Workspace
from tests.gui.casework_seed import ADVISOR, add_case_household
from tests.gui.conftest import PASSPHRASE, seed_jurisdictions, type_text
from tests.gui.visit_crash_child import MARKER

ROOT = Path(__file__).resolve().parents[2]
TYPED = "老人独居，冰箱里只剩半袋米；自述近一周血压偏高，未按时服药。"


def run_child_until_killed(folder: Path, household_id: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-m", "tests.gui.visit_crash_child", str(folder), household_id, TYPED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert MARKER in child.stdout, child.stderr
    return child.stdout.split(MARKER, 1)[1].split()[0]


def crashed_profile(folder: Path) -> tuple[str, str]:
    """A profile whose visit form was killed mid-edit: (household id, draft id)."""
    store = Profile.create(folder, PASSPHRASE, use_keyring=False).open(PASSPHRASE)
    seed_jurisdictions(store)
    household_id = add_case_household(HouseholdService(store, ADVISOR))
    store.close()
    return household_id, run_child_until_killed(folder, household_id)


@contextmanager
def reopened(folder: Path) -> Iterator[Workspace]:
    profile = Profile.load(folder)
    store = profile.open(PASSPHRASE)
    _app, translations = create_application([], "zh_CN")
    tasks = TaskRunner()
    try:
        yield Workspace(profile, store, HouseholdService(store, ADVISOR), tasks, translations)
    finally:
        tasks.shutdown()
        store.close()


def test_visit_typed_offline_is_recovered_after_a_forced_kill(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    folder = tmp_path / "profile"
    household_id, draft_id = crashed_profile(folder)
    with reopened(folder) as workspace:
        store, tasks = workspace.store, workspace.tasks
        form = VisitForm(workspace, household_id)
        qtbot.addWidget(form)
        with qtbot.waitSignal(form.recovery_checked, timeout=10_000) as found:
            form.show()
        assert found.args == [True]
        assert form.banner.isVisible() and "已恢复" in form.banner_label.text()
        assert form.fields.situation_edit.toPlainText() == TYPED
        assert form.fields.people_edit.text() == "户主本人"
        assert form.values()["kind"] == "home" and form.values()["needs"] == ["basic_living"]
        assert form.writer.visit_id == draft_id  # further typing updates the same draft
        assert [v.id for v in VisitService(store, ADVISOR).open_drafts()] == [draft_id]
        form.reject()
        qtbot.waitUntil(lambda: not tasks.busy)


def test_open_drafts_are_offered_when_the_app_starts_again(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    folder = tmp_path / "profile"
    household_id, draft_id = crashed_profile(folder)
    with reopened(folder) as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.draft_recovery.offered, timeout=15_000) as offered:
            window.start()
        dialog = offered.args[0]
        assert isinstance(dialog, DraftRecoveryDialog)
        assert dialog.list.count() == 1 and "张秀英" in dialog.list.item(0).text()
        with qtbot.waitSignal(window.draft_recovery.form_opened) as opened:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # 继续填写
        form = opened.args[0]
        assert isinstance(form, VisitForm)
        assert form.fields.situation_edit.toPlainText() == TYPED
        assert form.writer.visit_id == draft_id and form.banner.isVisible()
        detail = window.household_detail
        qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == household_id)
        form.reject()
        qtbot.waitUntil(lambda: not workspace.tasks.busy)


def test_a_visit_form_open_when_the_app_exits_keeps_the_last_typing(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """The session ends (or the app is told to quit) with a visit form open and typing that the
    3-second autosave has not written yet: closing down saves it before the workers stop."""
    folder = tmp_path / "profile"
    store = Profile.create(folder, PASSPHRASE, use_keyring=False).open(PASSPHRASE)
    seed_jurisdictions(store)
    household_id = add_case_household(HouseholdService(store, ADVISOR))
    store.close()
    with reopened(folder) as workspace:
        form = VisitForm(workspace, household_id)
        with qtbot.waitSignal(form.recovery_checked, timeout=10_000):
            form.show()
        form.fields.kind_combo.setCurrentIndex(form.fields.kind_combo.findData("home"))
        form.fields.need_boxes["basic_living"].setChecked(True)
        type_text(qtbot, form.fields.situation_edit, TYPED)
        assert form.writer.visit_id is None  # nothing written yet

        close_down(qapp, workspace.tasks)

        (draft,) = VisitService(workspace.store, ADVISOR).open_drafts()
        assert draft.situation == TYPED and draft.household_id == household_id
