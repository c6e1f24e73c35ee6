"""A real encrypted store holding one household's whole case: visit, assessment, plan, referral
and a help request, with members whose names need the Ext-B fallback font."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.domain.id_numbers import compose_id
from app.domain.instruments import Instrument
from app.models import Jurisdiction, User
from app.services.assessments import AssessmentService
from app.services.help_request_records import HelpRequestInput
from app.services.help_requests import HelpRequestService
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.services.local_time import SHANGHAI
from app.services.plan_records import ActionInput
from app.services.plans import PlanService
from app.services.referral_records import ReferralInput
from app.services.referrals import ReferralService
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.services.visits import VisitService
from app.store.engine import Store, open_engine
from app.store.migrations import upgrade_to_head
from tests.printing.form_samples import FALLBACK_NAME, RARE_NAME, SITUATION

ADVISOR = "advisor1"
DISTRICT, STREET, COMMITTEE = "310105000000", "310105002000", "310105002001"
VISITED_AT = dt.datetime(2025, 3, 3, 14, 0, tzinfo=SHANGHAI)
HEAD_ID = compose_id("310105", dt.date(1956, 3, 12), 3)
RARE_ID = compose_id("310105", dt.date(1985, 7, 4), 5)


def require_poppler() -> None:
    missing = [p for p in ("pdffonts", "pdftotext", "pdftoppm") if shutil.which(p) is None]
    if missing:
        pytest.skip(f"poppler-utils missing ({', '.join(missing)}); `python3 dev.py` installs it")


@dataclass(frozen=True)
class Case:
    """The ids of everything printable in the store."""

    household: str
    visit: str
    assessment: str
    plan: str
    referral: str
    request: str
    head_member: str
    rare_member: str


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_engine(tmp_path / "nuanxin.db", secrets.token_bytes(32))
    upgrade_to_head(opened.engine)
    with opened.transaction() as session:
        session.add(Jurisdiction(code=DISTRICT, name="示例·长宁区", level="district"))
        session.add(
            Jurisdiction(code=STREET, name="示例·华阳路街道", level="street", parent_code=DISTRICT)
        )
        session.add(
            Jurisdiction(
                code=COMMITTEE, name="示例·华阳路第一居委", level="committee", parent_code=STREET
            )
        )
        session.add(User(login=ADVISOR, display_name="王顾问", role="advisor", scope=[STREET]))
    yield opened
    opened.close()


def _household(store: Store) -> str:
    with store.sessions() as session:
        from sqlalchemy import select

        advisor_id = session.execute(select(User.id).where(User.login == ADVISOR)).scalar_one()
    return HouseholdService(store, ADVISOR).create_household(
        HouseholdInput(
            committee_code=COMMITTEE,
            address="华阳路 112 弄 3 号 502 室",
            phone="021-62345678",
            categories=["dibao"],
            advisor_id=advisor_id,
            notes="户主膝关节不好，上门请提前电话联系。",
        ),
        [
            MemberInput(name="张伟", id_number=HEAD_ID),
            MemberInput(name=RARE_NAME, id_number=RARE_ID, relation_to_head="son"),
            MemberInput(name=FALLBACK_NAME, relation_to_head="daughter", id_type="other"),
        ],
    )


def _visit(store: Store, household_id: str) -> str:
    visits = VisitService(store, ADVISOR)
    visit_id = visits.save_draft(
        None,
        {
            "household_id": household_id,
            "visited_at": VISITED_AT,
            "kind": "home",
            "people_met": f"户主张伟、{RARE_NAME}（儿子）",
            "situation": SITUATION,
            "needs": ["basic_living", "elderly_care"],
            "advice": "申请临时救助；联系街道养老顾问评估居家养老服务。",
            "agreed_actions": "一周内提交临时救助申请（顾问协助填表）。",
            "next_visit_on": dt.date(2025, 3, 17),
        },
    )
    visits.finalise(visit_id)
    return visit_id


def worst_answers(instrument: Instrument) -> dict[str, str]:
    return {i.id: max(i.options, key=lambda o: o.score).value for i in instrument.indicators}


def _plan_and_referral(store: Store, household_id: str, assessment_id: str) -> tuple[str, str]:
    resource_id = ResourceService(store, ADVISOR).create(
        ResourceInput(
            name="长者助餐服务",
            category="elderly_care",
            provider_kind="social_org",
            provider_name="华阳路街道长者食堂（社会组织）",
            contact_name="陈经理",
            phone="021-62340000",
            address="华阳路 200 号",
        )
    )
    plans = PlanService(store, ADVISOR)
    plan_id = plans.save(
        household_id,
        ["尽快解除断炊风险，保障一日三餐", "为户主安排居家养老服务评估"],
        dt.date(2025, 4, 3),
        "家属同意每周探望一次。",
        assessment_id=assessment_id,
    )
    plans.add_action(
        household_id,
        ActionInput(
            need_category="elderly_care",
            description="安排长者助餐，每日午餐送餐上门",
            resource_id=resource_id,
            owner="王顾问",
            due_on=dt.date(2025, 3, 10),
        ),
    )
    referrals = ReferralService(store, ADVISOR)
    referral_id = referrals.create(
        ReferralInput(
            household_id=household_id,
            need_category="elderly_care",
            reason="户主行动不便，邻居无法继续帮忙买菜；需要每日送餐上门（“助餐”）。",
            urgency="high",
            resource_id=resource_id,
        )
    )
    referrals.act(referral_id, "send")
    return plan_id, referral_id


@pytest.fixture
def case(store: Store) -> Case:
    household_id = _household(store)
    detail = HouseholdService(store, ADVISOR).get_household(household_id)
    members = {m.name: m.id for m in detail.members}
    visit_id = _visit(store, household_id)
    assessments = AssessmentService(store, ADVISOR)
    instrument = assessments.current_instrument()
    assessment_id = assessments.record(
        household_id,
        instrument.key,
        worst_answers(instrument),
        notes="冰箱空了，户主说已两天没有正常吃饭。",
        assessed_on=dt.date(2025, 3, 3),
    )
    plan_id, referral_id = _plan_and_referral(store, household_id, assessment_id)
    request_id = HelpRequestService(store, ADVISOR).receive(
        HelpRequestInput(
            channel="window",
            requester_name=RARE_NAME,
            phone="13812345678",
            committee_code=COMMITTEE,
            address="华阳路 112 弄 3 号 502 室",
            description="父亲膝盖不好，下不了楼，想申请助餐和上门护理。",
            received_at=dt.datetime(2025, 3, 2, 9, 30, tzinfo=SHANGHAI),
        )
    )
    return Case(
        household_id,
        visit_id,
        assessment_id,
        plan_id,
        referral_id,
        request_id,
        members["张伟"],
        members[RARE_NAME],
    )
