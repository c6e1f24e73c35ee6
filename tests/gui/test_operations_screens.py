"""Operations screens (issue 8): the crash dialog keeps the app usable and its report redacted;
the audit viewer filters and exports; the device list revokes a laptop on a real server; a
second Nuanxin on the same profile is told who holds it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.enums import AuditAction
from app.services import audit
from app.store.lock import ProfileLock
from app.store.profile import Profile
from app.sync.admin import AdminClient
from app.sync.engine import SyncEngine
from app.views.admin_devices import AdminDevicesDialog
from app.views.application import create_application
from app.views.audit_viewer import AuditViewer
from app.views.crash_dialog import CrashDialog, CrashHandler
from app.views.launch import GuiOptions, Launcher
from app.views.main_window import MainWindow
from app.views.tasks import TaskRunner
from app.views.workspace import Workspace
from server.api.app import create_app
from server.core.backend import Backend
from server.core.database import Database, migrate
from tests.gui.conftest import LOAD_TIMEOUT_MS, add_household
from tests.server.world import PASSWORD, build_world
from tests.sync.harness import server_settings

SERVER_URL = "http://nuanxin.test"


def _personal_failure() -> None:
    name, id_number = "张伟", "310105196001020018"  # noqa: F841  (locals in the report)
    raise RuntimeError(f"保存 {name} 失败")


@pytest.fixture
def crash_handler(window: MainWindow) -> Iterator[CrashHandler]:
    handler = CrashHandler(lambda: window).install()
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.close()


def test_a_crash_shows_a_redacted_report_and_the_app_goes_on(
    qtbot: QtBot, window: MainWindow, crash_handler: CrashHandler
) -> None:
    try:
        _personal_failure()
    except RuntimeError as error:
        crash_handler.handle(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: crash_handler.dialog is not None and crash_handler.dialog.isVisible())
    dialog = crash_handler.dialog
    assert isinstance(dialog, CrashDialog)
    assert "张伟" not in dialog.text.toPlainText()
    assert "310105196001020018" not in dialog.text.toPlainText()
    assert "_personal_failure" in dialog.text.toPlainText()

    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.report.text
    worker = threading.Thread(target=_personal_failure, name="worker")  # a second one, meanwhile
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(crash_handler.reports) == 2)
    assert crash_handler.reports[1].text.count("thread: worker") == 1
    dialog.continue_button.click()

    assert not dialog.isVisible() and window.isVisible()
    window.nav.setCurrentRow(0)  # still usable
    assert window.pages.currentIndex() == 0


def test_the_audit_viewer_shows_who_revealed_an_id_and_exports_it(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    household = add_household(workspace.households, "李秀英", 7)
    member = workspace.households.get_household(household).members[0]
    workspace.households.reveal_id(member.id)
    with workspace.store.transaction() as session:
        audit.record(session, "advisor2", AuditAction.PRINT, "visit", "v-1", form="走访记录")
    viewer = AuditViewer(workspace)
    qtbot.addWidget(viewer)
    viewer.show()

    viewer.load()
    qtbot.waitUntil(lambda: viewer.model.rowCount() == 2, timeout=LOAD_TIMEOUT_MS)
    viewer.action.setCurrentIndex(viewer.action.findData("reveal_id"))
    viewer.load()
    qtbot.waitUntil(lambda: viewer.model.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)
    subject = viewer.model.data(viewer.model.index(0, 3))
    assert "李秀英" in subject and "*" in subject
    assert viewer.model.data(viewer.model.index(0, 2)) == "查看完整证件号"

    viewer.export_to(str(tmp_path / "审计.xlsx"))
    qtbot.waitUntil(lambda: (tmp_path / "审计.xlsx").exists(), timeout=LOAD_TIMEOUT_MS)


@pytest.fixture
def admin_client(tmp_path: Path, workspace: Workspace) -> Iterator[AdminClient]:
    """The workspace's profile signed in as ``admin`` to a real server (in-process ASGI)."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    database = Database(url)
    migrate(database)
    database.dispose()
    backend = Backend(server_settings(url))
    build_world(backend)
    app = create_app(backend=backend)
    for login in ("advisor", "station"):
        with TestClient(app) as client:
            client.post("/api/v1/auth/login", json={"login": login, "password": PASSWORD})
    engine = SyncEngine(
        workspace.store,
        workspace.profile.store_id,
        http_factory=lambda base: TestClient(app, base_url=base),
    )
    engine.login(SERVER_URL, "admin", PASSWORD)
    yield AdminClient(engine)
    engine.close()
    backend.close()


def test_an_admin_revokes_a_lost_laptop_from_the_device_list(
    qtbot: QtBot, workspace: Workspace, admin_client: AdminClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = AdminDevicesDialog(admin_client, workspace.tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=LOAD_TIMEOUT_MS)
    row = next(i for i, d in enumerate(dialog.model.rows) if d.user_login == "advisor")
    dialog.table.selectRow(row)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)

    with qtbot.waitSignal(dialog.device_revoked, timeout=LOAD_TIMEOUT_MS):
        dialog.revoke_button.click()

    qtbot.waitUntil(
        lambda: any(d.revoked and d.user_login == "advisor" for d in dialog.model.rows),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert dialog.model.data(dialog.model.index(row, 4)) == "已停用"
    assert "已停用 1 台" in dialog.status.text()


def test_a_second_nuanxin_on_the_same_profile_is_told_it_is_in_use(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile.create(tmp_path / "profile", "a long enough passphrase", use_keyring=False)
    _app, translations = create_application([], "zh_CN")
    launcher = Launcher(GuiOptions(profile_dir=profile.folder), translations, TaskRunner())
    launcher._quit = lambda code: setattr(launcher, "exit_code", code)  # type: ignore[method-assign]
    with ProfileLock(profile.folder):  # the first instance
        launcher.start()
    box = launcher._dialog
    assert isinstance(box, QMessageBox)
    assert "正被另一个正在运行的暖心程序使用" in box.text()
    box.done(0)
    assert launcher.exit_code == 1
    launcher.tasks.shutdown()


def test_the_audit_and_device_models_pass_the_qt_model_checks(qtmodeltester: object) -> None:
    import datetime as dt

    from app.services.audit_log import AuditRow
    from app.sync.admin import DeviceRow
    from app.views.admin_devices import DeviceTableModel
    from app.views.audit_viewer import AuditTableModel

    now = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
    audits = AuditTableModel()
    audits.set_rows([AuditRow("a", now, "advisor1", "print", "打印", "visit", "v", "v", {})])
    devices = DeviceTableModel()
    devices.set_rows([DeviceRow("d", "advisor", "笔记本", now, now, 3, True)])
    for model in (audits, devices):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
