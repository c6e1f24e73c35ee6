"""Screenshots of the case-work screens at 1366×768 on seeded data (offscreen):
``QT_QPA_PLATFORM=offscreen python -m tests.gui.casework_screens OUTDIR [zh_CN|en]``."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from app.services.assessments import AssessmentService
from app.services.households import HouseholdService
from app.services.local_time import SHANGHAI, today
from app.services.plans import PlanService
from app.services.referrals import ReferralService
from app.services.visits import VisitService
from app.store.profile import Profile
from app.views.application import create_application
from app.views.main_window import MainWindow
from app.views.tasks import TaskRunner
from app.views.workspace import Workspace
from tests.gui.casework_seed import (
    ADVISOR,
    add_advisor,
    add_case_household,
    add_resources,
    hard_answers,
    mild_answers,
)
from tests.gui.conftest import PASSPHRASE, seed_jurisdictions

WINDOW = (1280, 720)  # the main window's default size, for a 1366×768 screen
FIRST_VISIT = {
    "kind": "home",
    "people_met": "户主张秀英、儿子李建国",
    "situation": "老人患高血压、糖尿病，每月药费约600元；儿子失业半年，情绪低落，冰箱储备少。",
    "needs": ["medical", "employment", "psychological"],
    "advice": "申请医疗救助；登记就业援助。",
    "agreed_actions": "两周内陪同办理医疗救助申请。",
}


def wait_until(check: Callable[[], bool], timeout_ms: int = 15_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: check() and loop.quit())
    timer.start(20)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()
    if not check():
        raise TimeoutError("screen did not settle")


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def seed(folder: Path) -> tuple[Profile, object, str]:
    profile = Profile.create(folder, PASSPHRASE, use_keyring=False)
    store = profile.open(PASSPHRASE)
    seed_jurisdictions(store)
    advisor_id = add_advisor(store)
    add_resources(store)
    households = HouseholdService(store, ADVISOR)
    household_id = add_case_household(households, advisor_id)
    visits = VisitService(store, ADVISOR)
    when = dt.datetime.now(SHANGHAI) - dt.timedelta(days=20)
    first = visits.save_draft(
        None, {**FIRST_VISIT, "household_id": household_id, "visited_at": when}
    )
    visits.finalise(first)
    visits.amend(first, {"people_met": "户主张秀英、儿子李建国、楼组长"}, "补记在场的楼组长")
    assessments = AssessmentService(store, ADVISOR)
    instrument = assessments.current_instrument()
    earlier = today() - dt.timedelta(days=90)
    assessments.record(household_id, instrument.key, mild_answers(instrument), assessed_on=earlier)
    latest = assessments.record(household_id, instrument.key, hard_answers(instrument))
    plans = PlanService(store, ADVISOR)
    plans.adopt(household_id, plans.propose_from_assessment(latest))
    plan = plans.get(household_id)
    assert plan is not None
    referrals = ReferralService(store, ADVISOR)
    referral = referrals.create_from_action(plan.actions[0].id, note="电话联系中心")
    referrals.act(referral, "send", "已发送转介单")
    referrals.act(referral, "receive", "经办人王老师")
    store.close()
    return profile, store, household_id


def grab(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(out: Path, language: str = "zh_CN") -> int:
    out.mkdir(parents=True, exist_ok=True)
    app, translations = create_application([], language)
    folder = Path(tempfile.mkdtemp()) / "profile"
    profile, _store, household_id = seed(folder)
    store = profile.open(PASSPHRASE)
    workspace = Workspace(profile, store, HouseholdService(store, ADVISOR), TaskRunner(),
                          translations)  # fmt: skip
    window = MainWindow(workspace)
    window.resize(*WINDOW)
    window.show()
    window.start()
    wait_until(lambda: window.is_loaded)
    window.open_household(household_id)
    detail = window.household_detail
    area = detail.casework
    wait_until(lambda: detail.detail is not None and area.plan.plan is not None)
    for index, name in enumerate(["members", "visits", "assessment", "plan", "referrals"]):
        area.tabs.setCurrentIndex(index)
        grab(window, out / f"household-{name}.png")
    area.tabs.setCurrentIndex(1)
    form = area.visits.open_new_visit()
    assert form is not None
    wait_until(lambda: form.fields.isEnabled())
    grab(form, out / "visit-form-new.png")
    form.reject()
    form = area.visits.open_visit(0)
    assert form is not None
    grab(form, out / "visit-form.png")
    form.reject()
    opened: list[QWidget] = []
    area.assessments.wizard_opened.connect(opened.append)
    area.assessments.open_wizard()
    wait_until(lambda: bool(opened))
    wizard = opened[-1]
    grab(wizard, out / "assessment-page.png")
    for page in wizard.dimension_pages:  # type: ignore[attr-defined]
        for indicator_id, value in hard_answers(wizard.instrument).items():  # type: ignore[attr-defined]
            if indicator_id in page.groups:
                page.choose(indicator_id, value)
    for _ in wizard.dimension_pages:  # type: ignore[attr-defined]
        wizard.next()  # type: ignore[attr-defined]
    grab(wizard, out / "assessment-result.png")
    wizard.reject()  # type: ignore[attr-defined]
    area.tabs.setCurrentIndex(3)
    grab(window, out / "plan.png")
    area.plan.table.selectRow(0)
    dialogs: list[QWidget] = []
    area.plan.dialog_opened.connect(dialogs.append)
    area.plan.refer_button.click()
    wait_until(lambda: bool(dialogs) and dialogs[-1].picker.model.rowCount() > 0)  # type: ignore[attr-defined]
    grab(dialogs[-1], out / "referral.png")
    dialogs[-1].reject()  # type: ignore[attr-defined]
    area.tabs.setCurrentIndex(4)
    grab(window, out / "household-referrals.png")
    workspace.tasks.shutdown()
    store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screens"), *sys.argv[2:3]))
