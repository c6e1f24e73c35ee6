"""Case-work data written through the real services: an advisor, a household with incomes, the
resource directory of a street, and a full set of assessment answers."""

from __future__ import annotations

import datetime as dt

from app.domain.enums import ProviderKind, Role
from app.domain.instruments import Instrument
from app.models import User
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.services.resource_records import ResourceInput
from app.services.resources import ResourceService
from app.store.engine import Store
from tests.gui.conftest import STREET, resident_id

ADVISOR = "advisor1"
COMMITTEE = "310105002001"

RESOURCES = [
    ("华阳街道社区事务受理服务中心·临时救助", "basic_living", ProviderKind.DEPARTMENT,
     "华阳路街道社区事务受理服务中心", "021-62221234", "低保、低收入及支出型贫困家庭", [STREET]),
    ("暖心食物银行", "basic_living", ProviderKind.CHARITY, "上海暖心慈善基金会",
     "021-62001122", "生活困难、临时断炊的家庭", []),
    ("长宁区医疗救助窗口", "medical", ProviderKind.DEPARTMENT, "长宁区医疗保障局",
     "021-62510000", "低保、低收入家庭成员，按规定比例救助", []),
    ("社区卫生服务中心家庭医生签约", "medical", ProviderKind.DEPARTMENT,
     "华阳路街道社区卫生服务中心", "021-62225678", "辖区居民，慢病老人优先", [STREET]),
    ("长者照护之家·日间照料", "elderly_care", ProviderKind.SOCIAL_ORG, "乐龄为老服务社",
     "021-62008899", "60岁以上失能、半失能老人", [STREET]),
    ("心理热线与上门疏导", "psychological", ProviderKind.SOCIAL_ORG, "心苑社工师事务所",
     "021-64387250", "情绪低落、家庭矛盾的居民", []),
    ("就业援助专员", "employment", ProviderKind.DEPARTMENT, "长宁区就业促进中心",
     "021-62107788", "就业困难人员、零就业家庭", []),
    ("外区助学金（不服务本街道）", "education", ProviderKind.CHARITY, "某区教育基金会",
     "021-60000000", "外区学生", ["310104000000"]),
]  # fmt: skip


def add_advisor(store: Store, login: str = ADVISOR) -> str:
    with store.transaction() as session:
        user = User(login=login, display_name="王顾问", role=Role.ADVISOR.value, scope=[STREET])
        session.add(user)
        session.flush()
        return user.id


def add_resources(store: Store, actor: str = ADVISOR) -> dict[str, str]:
    """The street's resource directory; returns name -> id."""
    service = ResourceService(store, actor)
    found = {}
    for name, category, kind, provider, phone, eligibility, areas in RESOURCES:
        data = ResourceInput(name=name, category=category, provider_kind=kind.value,
                             provider_name=provider, phone=phone, eligibility=eligibility,
                             area_codes=list(areas), capacity=20)  # fmt: skip
        found[name] = service.create(data)
    return found


def add_case_household(
    service: HouseholdService,
    advisor_id: str | None = None,
    income_yuan: int = 900,
    number: int = 0,
) -> str:
    """张秀英 (68, chronic illness) and her unemployed son; ``income_yuan`` a month in all;
    ``number`` varies the ID numbers so that one store can hold several such households."""
    data = HouseholdInput(
        committee_code=COMMITTEE,
        address="华阳路112弄3号502室",
        phone="13812345678",
        categories=["low_income"],
        advisor_id=advisor_id,
    )
    head = MemberInput(
        name="张秀英",
        id_number=resident_id(dt.date(1957, 5, 12), 124 + 10 * number),
        health="chronic",
        monthly_income={"pension": income_yuan * 100},
    )
    son = MemberInput(
        name="李建国",
        id_number=resident_id(dt.date(1983, 9, 1), 311 + 10 * number),
        relation_to_head="son",
        employment_status="unemployed",
        monthly_income={"other": 0},
    )
    return service.create_household(data, [head, son])


def hard_answers(instrument: Instrument) -> dict[str, str]:
    """The hardest answer of every indicator: a 高 household with urgent flags."""
    answers = {}
    for indicator in instrument.indicators:
        options = sorted(indicator.options, key=lambda o: o.score)
        answers[indicator.id] = options[-1].value
    return answers


def mild_answers(instrument: Instrument) -> dict[str, str]:
    """The second easiest answer of every indicator: a 中/低 household without urgent flags."""
    answers = {}
    for indicator in instrument.indicators:
        options = sorted(indicator.options, key=lambda o: o.score)
        answers[indicator.id] = options[min(1, len(options) - 1)].value
    return answers
