"""家庭基本情况表: the household's register entry with 家庭成员情况, for signing on a visit."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.domain.enums import DiscoverySource, HouseholdStatus
from app.printing.forms.common import household_fields, member_table, moment_text
from app.printing.records import FormData, label
from app.printing.tables import fields, heading, long_texts, signatures


def build(data: FormData) -> list[Flowable]:
    part = data.household
    if part is None:
        raise TypeError("a household form needs its household")
    detail = part.detail
    story = [
        *household_fields(part),
        fields(
            [
                [
                    ("在册状态", label(HouseholdStatus, detail.data.status)),
                    ("发现渠道", label(DiscoverySource, detail.data.discovery_source)),
                ],
                [
                    ("信息更新", moment_text(detail.updated_at)),
                    ("家庭人口", f"{len(detail.members)} 人"),
                ],
            ]
        ),
        *member_table(part),
    ]
    if detail.data.notes:
        story += [*heading("备注"), long_texts([("备注", detail.data.notes)])]
    story.append(
        KeepTogether(
            [
                *heading("信息核对"),
                long_texts(
                    [("声明", "以上家庭情况经本人核对属实。如有变化，将及时告知社区救助顾问。")]
                ),
                signatures(["户主", "救助顾问"]),
            ]
        )
    )
    return story
