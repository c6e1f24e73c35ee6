"""Screenshots of the station and supervisor pages on the demo profile, with a day's worth of
workflow data added through the services (visits, assessments, plans, referrals, resources,
help requests, a duplicate). Run offscreen from the repository root:

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/workflow_screens.py [OUT_DIR] [en]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.models import Household, Member, User  # noqa: E402
from app.services.assessments import AssessmentService  # noqa: E402
from app.services.demo_profile import DEMO_PASSPHRASE, open_or_create_demo  # noqa: E402
from app.services.help_request_records import HelpRequestInput  # noqa: E402
from app.services.help_requests import HelpRequestService  # noqa: E402
from app.services.household_inputs import HouseholdInput, MemberInput  # noqa: E402
from app.services.households import HouseholdService  # noqa: E402
from app.services.local_time import SHANGHAI  # noqa: E402
from app.services.plans import PlanService  # noqa: E402
from app.services.referral_records import ReferralInput  # noqa: E402
from app.services.referrals import ReferralService  # noqa: E402
from app.services.resource_records import ResourceInput  # noqa: E402
from app.services.resources import ResourceService  # noqa: E402
from app.services.visits import VisitService  # noqa: E402
from app.store.engine import Store  # noqa: E402
from app.views.application import create_application  # noqa: E402
from app.views.main_window import MainWindow  # noqa: E402
from app.views.tasks import TaskRunner  # noqa: E402
from app.views.workspace import Workspace  # noqa: E402

SIZE = (1366, 768)
LOGIN = "demo"
RESOURCES = [
    ("社区助餐点（长者食堂）", "basic_living", "department", "街道社区事务受理服务中心"),
    ("临时救助金申请", "basic_living", "department", "区民政局"),
    ("家庭医生签约服务", "medical", "department", "社区卫生服务中心"),
    ("大病医疗互助帮扶", "medical", "charity", "区慈善基金会"),
    ("居家养老上门服务", "elderly_care", "social_org", "乐龄家园服务社"),
    ("助浴助洁志愿服务", "elderly_care", "volunteers", "邻里守望志愿者队"),
    ("就业援助专员一对一", "employment", "department", "街道就业服务站"),
    ("爱心企业岗位对接", "employment", "enterprise", "长宁爱心企业联盟"),
    ("困难学生助学金", "education", "charity", "区教育基金会"),
    ("心理疏导热线与面谈", "psychological", "social_org", "心晴社工事务所"),
    ("爱心衣物捐赠站", "donation", "charity", "社区慈善超市"),
    ("法律援助工作站", "legal_aid", "department", "区法律援助中心"),
    ("公共租赁住房咨询", "housing", "department", "区住房保障中心"),
    ("残疾人康复辅具租借", "disability", "social_org", "阳光康复服务中心"),
    ("困境儿童课后托管", "child_care", "social_org", "童心汇社工站"),
]
REQUESTS = [
    ("online", "张秀兰", "老伴住院，家里没人做饭，想申请助餐。", "urgent", 30),
    ("phone", "李建国", "下肢残疾，想咨询辅具租借。", "normal", 70),
    ("window", "王美华", "孩子上学的书本费有困难。", "normal", 20),
    ("committee", "陈志强", "独居老人近两天没出门，居委请顾问上门看看。", "high", 26),
    ("hotline_12345", "刘桂英", "房屋漏水，生活困难，希望得到帮助。", "normal", 100),
    ("department", "赵伟", "医院转来：重病出院后无人照料。", "urgent", 2),
    ("online", "孙丽", "失业半年，想找工作。", "normal", 4),
]


def _users(store: Store) -> dict[str, str]:
    with store.sessions() as session:
        return {u.login: u.id for u in session.execute(select(User)).scalars()}


def _households(store: Store, advisor_id: str, count: int) -> list[Household]:
    with store.sessions() as session:
        return list(
            session.execute(
                select(Household).where(Household.advisor_id == advisor_id).limit(count)
            ).scalars()
        )


def add_workflow_data(store: Store) -> None:
    """Resources, visits, assessments, plans, referrals and requests, as a station would have."""
    rng = random.Random(7)
    resources = ResourceService(store, LOGIN)
    if resources.search():
        return
    ids = []
    for number, (name, category, kind, provider) in enumerate(RESOURCES):
        data = ResourceInput(name=name, category=category, provider_kind=kind,
                             provider_name=provider, phone=f"021-6238{number:04d}",
                             eligibility="本街道困难家庭",
                             capacity=rng.choice([None, 20, 50]))  # fmt: skip
        ids.append(resources.create(data))
    advisor = _users(store)[LOGIN]
    households = _households(store, advisor, 60)
    now = dt.datetime.now(SHANGHAI).replace(microsecond=0)
    visits = VisitService(store, LOGIN)
    assessments = AssessmentService(store, LOGIN)
    instrument = assessments.current_instrument()
    referrals = ReferralService(store, LOGIN)
    for number, household in enumerate(households):
        days = rng.choice([3, 12, 20, 35, 50, 95])
        fields = {"household_id": household.id, "visited_at": now - dt.timedelta(days=days),
                  "kind": "home", "people_met": household.head_name,
                  "situation": "生活基本稳定。", "needs": ["medical"], "advice": "按时复诊",
                  "agreed_actions": "下月再访"}  # fmt: skip
        visits.finalise(visits.save_draft(None, fields))
        if number % 2 == 0:
            answers = {i.id: rng.choice(i.options).value for i in instrument.indicators}
            assessments.record(household.id, instrument.key, answers)
        if number % 3 == 0:
            review = now.date() + dt.timedelta(days=rng.randint(-10, 30))
            PlanService(store, LOGIN).save(household.id, ["稳定基本生活"], review)
        if number % 4 == 0:
            resource = rng.choice(ids)
            category = resources.get(resource).category
            made = referrals.create(
                ReferralInput(household.id, category, "需要服务", resource_id=resource)
            )
            referrals.act(made, "send", at=now - dt.timedelta(days=rng.randint(1, 12)))
    station = HelpRequestService(store, "demo.station")
    for number, (channel, name, text, urgency, hours) in enumerate(REQUESTS):
        made = station.receive(HelpRequestInput(channel, name, text, phone=f"1391234{number:04d}",
                               urgency=urgency, received_at=now - dt.timedelta(hours=hours),
                               address=households[number].address,
                               committee_code=households[number].committee_code))  # fmt: skip
        if number == 0:
            continue  # stays unassigned: its duplicate suggestion shows at the desk
        if number % 2:
            station.link(made, households[number].id, advisor)
    _add_duplicate(store, households[1], households[2])
    _assess_across_committees(store, rng)


def _assess_across_committees(store: Store, rng: random.Random, count: int = 400) -> None:
    """Assessments all over the district, so that the 困境等级 chart has three colours."""
    assessments = AssessmentService(store, LOGIN)
    instrument = assessments.current_instrument()
    with store.sessions() as session:
        ids = list(session.execute(select(Household.id).limit(count * 3)).scalars())
    for household_id in rng.sample(ids, count):
        answers = {i.id: rng.choice(i.options).value for i in instrument.indicators}
        assessments.record(household_id, instrument.key, answers)


def _add_duplicate(store: Store, *originals: Household) -> None:
    """The same heads registered again without ID numbers (as a ledger import might)."""
    service = HouseholdService(store, LOGIN)
    with store.sessions() as session:
        for original in originals:
            head = session.execute(
                select(Member).where(
                    Member.household_id == original.id, Member.relation_to_head == "self"
                )
            ).scalar_one()
            data = HouseholdInput(committee_code=original.committee_code, address=original.address)
            twin = MemberInput(name=head.name, sex=head.sex, birth_date=head.birth_date)
            service.create_household(data, [twin])


LEDGER = [
    line.split(",")
    for line in (
        "户编号,姓名,与户主关系,身份证号码,性别,出生日期,联系电话,家庭住址,所属居委,救助类别",
        "H01,沈国华,户主,,男,1955-04-02,13801112222,桐柏路1401弄3号101室,桐柏三村居委会,低保",
        "H01,沈王氏,妻,,女,1957-08-19,,桐柏路1401弄3号101室,桐柏三村居委会,低保",
        "H02,顾明,户主,,男,1970-13-01,13801113333,沿河路8号,沿河苑居委会,低收入",
        "H03,蒋丽,户主,,女,1982-02-11,12345,东方路12号,东方新村居委会,特困",
        "H04,吴强,户主,,男,1966-06-06,,兰溪路5号,不存在居委会,低保",
        "H05,许静,户主,,女,1990-09-09,,兰溪路7号,兰溪四村居委会,低保",
    )
]


def write_ledger(path: Path) -> Path:
    """A GBK ledger (as Excel on a Chinese Windows saves it) with three bad rows."""
    text = "\n".join(",".join(row) for row in LEDGER) + "\n"
    path.write_bytes(text.encode("gbk"))
    return path


def wait(signal: object, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(out: Path, language: str = "zh_CN") -> None:
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.gettempdir()) / "nuanxin-workflow-demo"
    profile, store = open_or_create_demo(folder, 2000)
    add_workflow_data(store)
    app, translations = create_application(sys.argv[:1], language)
    tasks = TaskRunner(app)
    workspace = Workspace(profile, store, HouseholdService(store, LOGIN), tasks, translations,
                          demo_passphrase=DEMO_PASSPHRASE)  # fmt: skip
    window = MainWindow(workspace)
    window.resize(*SIZE)
    window.show()
    window.start()
    wait(window.loaded)
    pages = window.workflow
    steps = [
        ("tasks.png", pages.workbench, pages.workbench.task_list.tasks_loaded),
        ("intake.png", pages.intake, pages.intake.queue_loaded),
        ("resources.png", pages.resources, pages.resources.resources_loaded),
        ("dashboard.png", pages.dashboard, pages.dashboard.dashboard_loaded),
        ("coverage.png", pages.coverage, pages.coverage.coverage_loaded),
        ("duplicates.png", pages.duplicates, pages.duplicates.pairs_loaded),
    ]
    for name, page, loaded in steps:
        pages.show_page(page)
        wait(loaded)
        if page is pages.intake:
            pages.intake._select_row(0)
            settle(1500)
        if page is pages.dashboard:
            page.tabs.setCurrentIndex(2)
        if page is pages.coverage:
            first = page.model.record(0)
            page.show_missing(first.committee_code, "visit_overdue")
            wait(page.missing_loaded)
        if page in (pages.resources, pages.duplicates):
            page.table.selectRow(0)
        shoot(window, out / name)
    pages.show_page(pages.ledgers)
    dialog = pages.ledgers.open_import_dialog()
    dialog.path_edit.setText(str(write_ledger(Path(tempfile.gettempdir()) / "台账示例.csv")))
    dialog.read_file(Path(dialog.path_edit.text()))
    wait(dialog.previewed)
    shoot(dialog, out / "ledger-mapping.png")
    dialog.check()
    wait(dialog.checked)
    shoot(dialog, out / "ledger-import.png")
    dialog.reject()
    tasks.shutdown()
    store.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent,
        sys.argv[2] if len(sys.argv) > 2 else "zh_CN",
    )
