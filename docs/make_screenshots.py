"""Make the guides' screenshots from the demo, so they stay current. From the repository root:

    .venv/bin/python docs/make_screenshots.py            # every screenshot the guides use
    .venv/bin/python docs/make_screenshots.py --only ops # only the operations screens (fast)

Runs the app offscreen (QT_QPA_PLATFORM=offscreen) on a demo profile in a temporary folder:
the main window (`nuanxin demo --screenshot`), the workflow pages
(docs/screenshots/workflow_screens.py), the case-work screens (tests/gui/casework_screens.py),
and the operations screens made here: the crash dialog, the audit viewer and the device list
(on a real in-process server with a few laptops).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

LOGIN = "demo"
DEMO_HOUSEHOLDS = 300


def settle(ms: int = 500) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget: QWidget, name: str) -> None:
    settle()
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def main_window_and_workflow() -> None:
    """The screenshots other scripts make: the main window and the workflow pages."""
    with tempfile.TemporaryDirectory(prefix="nuanxin-shots-") as folder:
        for name, language in (("main-window.png", "zh_CN"), ("main-window-en.png", "en")):
            command = [sys.executable, "-m", "app", "demo", "--profile", folder]
            command += ["--households", "2000", "--lang", language]
            subprocess.run([*command, "--screenshot", str(OUT / name)], check=True, cwd=ROOT)
    workflow = ROOT / "docs" / "screenshots" / "workflow_screens.py"
    subprocess.run([sys.executable, str(workflow), str(OUT)], check=True, cwd=ROOT)
    casework = [sys.executable, "-m", "tests.gui.casework_screens", str(OUT)]
    subprocess.run(casework, check=True, cwd=ROOT)


def add_audit_events(workspace: object) -> None:
    """A morning's access events: ID numbers revealed, a form printed, a ledger exported."""
    from sqlalchemy import select

    from app.domain.enums import AuditAction
    from app.models import Member
    from app.services import audit

    store = workspace.store  # type: ignore[attr-defined]
    households = workspace.households  # type: ignore[attr-defined]
    with store.sessions() as session:
        members = list(session.execute(select(Member.id).limit(3)).scalars())
    for member_id in members:
        households.reveal_id(member_id)
    with store.transaction() as session:
        audit.record(session, "wang.advisor", AuditAction.PRINT, "visit", "", form="走访记录表")
        audit.record(session, "li.station", AuditAction.EXPORT, "households", "", file="台账.xlsx")
        audit.record(session, "zhao.advisor", AuditAction.UNLOCK_FAILED, "profile", "")
        audit.record(session, "zhao.advisor", AuditAction.UNLOCK, "profile", "")


def crash_report() -> object:
    from app.services.crash_reports import build_report

    def save_visit(name: str, id_number: str) -> None:
        raise KeyError(f"visit of {name} ({id_number})")

    try:
        save_visit("张伟", "310105196001020018")
    except KeyError as error:
        return build_report(type(error), error, error.__traceback__, where="MainThread")
    raise AssertionError("unreachable")


def device_source(tmp: Path, workspace: object) -> object:
    """An administrator signed in to a real server (in-process) where three laptops registered."""
    from fastapi.testclient import TestClient

    from app.domain.enums import Role
    from app.sync.admin import AdminClient
    from app.sync.engine import SyncEngine
    from server.api.app import create_app
    from server.core.accounts import NewUser, create_user
    from server.core.backend import Backend
    from server.core.database import Database, migrate
    from server.core.settings import ServerSettings

    url = f"sqlite:///{tmp / 'server.db'}"
    database = Database(url)
    migrate(database)
    database.dispose()
    backend = Backend(ServerSettings(database_url=url, login_limit_per_address="1000/minute"))
    password = "demo-password-1"
    for login, role in (
        ("admin", Role.ADMIN),
        ("wang.advisor", Role.ADVISOR),
        ("li.station", Role.STATION),
    ):
        create_user(backend, NewUser(login, password, role, ("310105",)), check_scope=False)
    app = create_app(backend=backend)
    with TestClient(app) as client:
        for login, device in (
            ("wang.advisor", "王顾问的笔记本"),
            ("wang.advisor", "街道办公室台式机"),
            ("li.station", "工作站-1"),
        ):
            body = {"login": login, "password": password, "device_name": device}
            client.post("/api/v1/auth/login", json=body)
    store, profile = workspace.store, workspace.profile  # type: ignore[attr-defined]
    engine = SyncEngine(
        store,
        profile.store_id,
        http_factory=lambda base: TestClient(app, base_url=base),
        device_name="管理员电脑",
    )
    engine.login("http://nuanxin.example", "admin", password)
    return AdminClient(engine)


def operations_screens(language: str = "zh_CN") -> None:
    from app.services.demo_profile import DEMO_PASSPHRASE, open_or_create_demo
    from app.services.households import HouseholdService
    from app.views.admin_devices import AdminDevicesDialog
    from app.views.application import create_application
    from app.views.audit_viewer import AuditViewer
    from app.views.crash_dialog import CrashDialog
    from app.views.tasks import TaskRunner
    from app.views.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="nuanxin-ops-") as folder:
        tmp = Path(folder)
        profile, store = open_or_create_demo(tmp / "demo", DEMO_HOUSEHOLDS)
        app, translations = create_application(sys.argv[:1], language)
        tasks = TaskRunner(app)
        workspace = Workspace(
            profile,
            store,
            HouseholdService(store, "wang.advisor"),
            tasks,
            translations,
            demo_passphrase=DEMO_PASSPHRASE,
        )
        add_audit_events(workspace)
        dialog = CrashDialog(crash_report())  # type: ignore[arg-type]
        dialog.show()
        shoot(dialog, "crash-dialog.png")
        dialog.close()
        viewer = AuditViewer(workspace)
        viewer.show()
        viewer.load()
        settle(1500)
        shoot(viewer, "audit-viewer.png")
        viewer.close()
        devices = AdminDevicesDialog(device_source(tmp, workspace), tasks)  # type: ignore[arg-type]
        devices.show()
        devices.load()
        settle(1500)
        lost = next(d for d in devices.model.rows if d.name == "街道办公室台式机")
        devices.revoke(lost.id)
        settle(1500)
        devices.table.selectRow(1)
        shoot(devices, "device-list.png")
        devices.close()
        tasks.shutdown()
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("ops", "all"), default="all")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    operations_screens()
    if args.only == "all":
        main_window_and_workflow()


if __name__ == "__main__":
    main()
