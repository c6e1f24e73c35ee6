"""一户一方案: goals, the actions table (need, measure, resource or policy, owner, due, state),
the review date and the household."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.domain.enums import NeedCategory, PlanActionState, ResourceCategory
from app.printing.forms.common import day_text, household_fields, member_table, moment_text
from app.printing.records import FormData, label
from app.printing.tables import fields, heading, listing, long_texts, signatures
from app.services.plan_records import ActionView, PlanView

ACTION_HEADERS = ("序号", "需求类别", "具体措施", "资源 / 政策", "责任人", "完成期限", "状态")
ACTION_WIDTHS = (9, 20, 55, 36, 17, 23, 14)  # mm


def need_label(code: str) -> str:
    text = label(NeedCategory, code)
    return label(ResourceCategory, code) if text == code else text


def action_row(index: int, action: ActionView) -> list[str]:
    means = "；".join(p for p in (action.resource_name, action.policy) if p)
    return [
        str(index),
        need_label(action.need_category),
        action.description,
        means,
        action.owner,
        day_text(action.due_on),
        label(PlanActionState, action.state),
    ]


def build(data: FormData) -> list[Flowable]:
    plan = data.record
    if not isinstance(plan, PlanView) or data.household is None:
        raise TypeError("a service plan needs a PlanView and its household")
    goals = [[str(i), goal] for i, goal in enumerate(plan.goals, start=1)]
    actions = [action_row(i, a) for i, a in enumerate(plan.actions, start=1)]
    story = [
        *heading("方案概况"),
        fields(
            [
                [
                    ("复评日期", day_text(plan.review_on)),
                    ("最近修改", moment_text(plan.updated_at)),
                ],
                [("依据评估", plan.assessment_id or "（未关联评估）")],
            ]
        ),
        *household_fields(data.household),
        *member_table(data.household),
        *heading("帮扶目标"),
        listing(["序号", "目标"], goals, [7, 93]),
        *heading("帮扶措施"),
        listing(ACTION_HEADERS, actions, ACTION_WIDTHS),
    ]
    if plan.notes:
        story += [*heading("备注"), long_texts([("备注", plan.notes)])]
    story.append(KeepTogether([*heading("签字确认"), signatures(["救助顾问", "居民（户主）"])]))
    return story
