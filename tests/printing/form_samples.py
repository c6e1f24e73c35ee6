"""Plain records for form tests (no store): a household with a rare-character member."""

from __future__ import annotations

import datetime as dt

from app.printing.layout import Letterhead, PrintStamp
from app.printing.records import FormData, FormKind, HouseholdPart
from app.services.household_inputs import HouseholdInput
from app.services.household_records import HouseholdDetail, MemberView
from app.services.local_time import SHANGHAI
from app.services.visit_records import VisitView

RARE_NAME = "𠮷·䶮𡌶"
FALLBACK_NAME = "龙𪚥"  # 𪚥 is only in HanaMin B
LETTERHEAD = Letterhead("示例·长宁区", "示例·华阳路街道", "示例·华阳路第一居委")
STAMP = PrintStamp("王顾问（advisor1）", dt.datetime(2025, 3, 4, 9, 30, tzinfo=SHANGHAI))
AT = dt.datetime(2025, 3, 3, 14, 0, tzinfo=SHANGHAI)


def member(index: int, name: str, relation: str = "son") -> MemberView:
    return MemberView(
        id=f"0195a000-0000-7000-8000-{index:012d}",
        name=name,
        id_type="resident_id",
        id_number_masked="310115********0031",
        relation_to_head=relation,
        sex="male",
        birth_date=dt.date(1956, 3, 12),
        health="disabled" if index % 3 == 0 else "chronic",
        disability_grade="2" if index % 3 == 0 else None,
        self_care="partial",
        marital_status="married",
        employment_status="retired" if index == 1 else "unemployed",
        monthly_income={"pension": 312000} if index == 1 else {},
        phone="13812345678",
    )


def household(extra_members: int = 0) -> HouseholdPart:
    members = [
        member(1, "张伟", "self"),
        member(2, RARE_NAME),
        member(3, FALLBACK_NAME, "daughter"),
    ]
    members += [member(10 + i, f"成员{i}号") for i in range(extra_members)]
    detail = HouseholdDetail(
        id="0195a000-1111-7000-8000-000000000001",
        data=HouseholdInput(
            committee_code="310105002001",
            address="华阳路 112 弄 3 号 502 室",
            phone="021-62345678",
            categories=["dibao", "severe_disability_unemployed"],
        ),
        committee_name=LETTERHEAD.committee,
        head_name="张伟",
        hardship_level="high",
        service_level="safety_net",
        next_visit_due=dt.date(2025, 3, 17),
        members=members,
        updated_at=AT,
    )
    return HouseholdPart(detail, advisor_name="王顾问")


SITUATION = (
    "老人独居在五楼，无电梯，膝关节疼痛已三月有余，行动不便；冰箱里只有少量剩菜（约两天的量），"
    "家中较为整洁。邻居（李阿姨）每周帮忙买菜两次，但她下月将去外地照顾孙子。"
    "老人说：“我还能自己做饭！”——但灶台上的锅已烧糊。《上海市社会救助办法》规定的临时救助，"
    "老人表示此前并不知道，需要进一步说明。"
)


def visit_view(situation: str = SITUATION) -> VisitView:
    return VisitView(
        id="0195a000-2222-7000-8000-000000000001",
        household_id="0195a000-1111-7000-8000-000000000001",
        state="final",
        advisor_id=None,
        visited_at=AT,
        kind="home",
        people_met=f"户主张伟、{RARE_NAME}（儿子）、邻居李阿姨",
        situation=situation,
        needs=["basic_living", "elderly_care", "medical"],
        advice="申请临时救助；联系街道养老顾问评估居家养老服务；建议每月复诊。",
        agreed_actions="一周内提交临时救助申请（顾问协助填表）；两周内安排助餐服务。",
        next_visit_on=dt.date(2025, 3, 17),
        created_by="advisor1",
        updated_at=AT,
        finalised_at=AT + dt.timedelta(hours=1),
    )


def visit_form(extra_members: int = 0, situation: str = SITUATION) -> FormData:
    view = visit_view(situation)
    return FormData(FormKind.VISIT, view.id, LETTERHEAD, AT.date(), household(extra_members), view)
