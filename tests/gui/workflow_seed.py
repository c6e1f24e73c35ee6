"""Data for the station and supervisor stories, written through the services on the real profile
of tests/gui/conftest.py (users, households, visits, assessments, plans, referrals, requests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.models import User
from app.services.assessments import AssessmentService
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.services.local_time import SHANGHAI
from app.services.plans import PlanService
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.services.visits import VisitService
from app.store.engine import Store
from app.views.main_window import MainWindow
from app.views.workspace import Workspace
from tests.gui.conftest import LOAD_TIMEOUT_MS, resident_id

FIRST, SECOND = "310105002001", "310105002002"
SIGNED_IN = "advisor1"  # the login of the workspace fixture


def seed_staff(store: Store, signed_in_role: str = "advisor") -> dict[str, str]:
    """The signed-in user (``advisor1`` with ``signed_in_role``), an advisor and an admin."""
    people = [
        (SIGNED_IN, "林站长" if signed_in_role != "advisor" else "林顾问", signed_in_role),
        ("wang", "王顾问", "advisor"),
        ("admin1", "管理员", "admin"),
    ]
    with store.transaction() as session:
        users = [User(login=login, display_name=name, role=role) for login, name, role in people]
        session.add_all(users)
        session.flush()
        return {u.login: u.id for u in users}


def add_household(
    store: Store,
    head: str,
    sequence: int,
    *,
    committee: str = FIRST,
    phone: str = "",
    advisor_id: str | None = None,
    address: str = "",
    with_id: bool = True,
) -> str:
    """A household of one head born 1950-01-01 (with an ID number made from ``sequence``)."""
    data = HouseholdInput(
        committee_code=committee,
        address=address or f"华阳路{sequence}弄{sequence}号",
        phone=phone,
        categories=["dibao"] if sequence % 2 else ["low_income", "marginal"],
        advisor_id=advisor_id,
    )
    born = dt.date(1950, 1, 1)
    number = resident_id(born, sequence) if with_id else ""
    member = MemberInput(name=head, id_number=number, birth_date=born)
    return HouseholdService(store, SIGNED_IN).create_household(data, [member])


def visit(store: Store, household_id: str, days_ago: int) -> str:
    visits = VisitService(store, SIGNED_IN)
    at = dt.datetime.now(SHANGHAI).replace(microsecond=0) - dt.timedelta(days=days_ago)
    fields = {"household_id": household_id, "visited_at": at, "kind": "home",
              "people_met": "户主", "situation": "生活稳定", "needs": ["medical"]}  # fmt: skip
    draft = visits.save_draft(None, fields)
    visits.finalise(draft)
    return draft


def assess(store: Store, household_id: str, pick: str = "worst") -> str:
    service = AssessmentService(store, SIGNED_IN)
    instrument = service.current_instrument()
    answers = {}
    for indicator in instrument.indicators:
        options = sorted(indicator.options, key=lambda o: o.score)
        answers[indicator.id] = (options[-1] if pick == "worst" else options[0]).value
    return service.record(household_id, instrument.key, answers)


def busy_register(store: Store, advisor_id: str) -> dict[str, str]:
    """Five households in two committees with visits (this month and long ago), assessments, a
    plan whose review is past, referrals in three states: a station's ordinary week."""
    ids = {
        name: add_household(store, name, number, committee=committee, advisor_id=advisor_id)
        for number, (name, committee) in enumerate(
            [("张伟", FIRST), ("李娜", FIRST), ("王芳", FIRST), ("刘洋", SECOND), ("陈静", SECOND)],
            start=1,
        )
    }
    visit(store, ids["张伟"], 1)
    visit(store, ids["张伟"], 0)
    visit(store, ids["刘洋"], 0)
    visit(store, ids["李娜"], 70)
    assess(store, ids["张伟"], "worst")
    assess(store, ids["刘洋"], "best")
    yesterday = dt.date.today() - dt.timedelta(days=1)
    PlanService(store, SIGNED_IN).save(ids["张伟"], ["稳定基本生活"], yesterday)
    clinic = ResourceService(store, SIGNED_IN).create(
        ResourceInput(name="社区卫生服务中心", category="medical", provider_kind="department")
    )
    referrals = ReferralService(store, SIGNED_IN)
    sent = referrals.create(ReferralInput(ids["张伟"], "medical", "复诊", resource_id=clinic))
    referrals.act(sent, "send", at=dt.datetime.now(SHANGHAI) - dt.timedelta(days=20))
    referrals.create(ReferralInput(ids["刘洋"], "legal_aid", "劳动纠纷"))
    done = referrals.create(ReferralInput(ids["陈静"], "medical", "体检", resource_id=clinic))
    for step in ("send", "receive", "start", "complete"):
        referrals.act(done, step)
    return ids


def open_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    """The main window as the conftest fixture makes it, for stories that seed data first."""
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.loaded, timeout=LOAD_TIMEOUT_MS):
        main.start()
    return main


def close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.close()


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(("\n".join(",".join(row) for row in rows) + "\n").encode(encoding))
    return path
