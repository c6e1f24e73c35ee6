"""需求评估表: the result as stored (per-dimension scores, 困境等级, service level, tier, urgent
flags), each answer given, and the household it is about."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.domain.enums import HardshipLevel, NeedCategory, ServiceLevel, Tier, UrgentFlag
from app.domain.instruments import Instrument
from app.printing.forms.common import day_text, household_fields, member_table
from app.printing.records import AssessmentRecord, FormData, label
from app.printing.tables import fields, heading, listing, long_texts, signatures
from app.services.assessment_records import AssessmentView


def _score(value: float) -> str:
    return f"{value:.1f}"


def _flag_text(flags: list[str], instrument: Instrument | None) -> str:
    names = {f.id: f.label for f in instrument.flags} if instrument else {}
    return "、".join(names.get(f) or label(UrgentFlag, f) for f in flags) or "无"


def summary(record: AssessmentRecord) -> list[Flowable]:
    view, instrument = record.assessment, record.instrument
    result = view.result
    tool = f"{instrument.title}（{view.instrument_key}）" if instrument else view.instrument_key
    needs = "、".join(label(NeedCategory, n) for n in result.needs) or "无"
    return [
        *heading("评估结果"),
        fields(
            [
                [("评估日期", day_text(view.assessed_on)), ("评估人", record.assessor_name)],
                [("评估工具", tool)],
                [
                    ("加权总分", _score(result.total)),
                    ("困境等级", label(HardshipLevel, result.hardship_level)),
                ],
                [
                    ("服务等级", label(ServiceLevel, result.service_level)),
                    ("服务层级", label(Tier, result.tier)),
                ],
                [("紧急情况", _flag_text(result.urgent_flags, instrument))],
                [("主要需求", needs)],
            ]
        ),
    ]


def dimension_table(view: AssessmentView, instrument: Instrument | None) -> list[Flowable]:
    result = view.result
    titles = {d.id: d.title for d in instrument.dimensions} if instrument else {}
    order = [d.id for d in instrument.dimensions] if instrument else []
    order += [d for d in result.dimension_scores if d not in order]
    rows = [
        [
            titles.get(d, d),
            _score(result.dimension_scores.get(d, 0.0)),
            label(HardshipLevel, result.dimension_levels.get(d)),
        ]
        for d in order
        if d in result.dimension_scores
    ]
    return [
        *heading("各维度得分（0–100，分值越高困难越大）"),
        listing(["维度", "得分", "等级"], rows, [60, 20, 20]),
    ]


def answer_table(view: AssessmentView, instrument: Instrument | None) -> list[Flowable]:
    """Each indicator with the answer given and the advisor's note, in the instrument's order."""
    rows: list[list[str]] = []
    if instrument is not None:
        for dimension in instrument.dimensions:
            for indicator in dimension.indicators:
                if indicator.id not in view.answers:
                    continue
                option = indicator.option(view.answers[indicator.id])
                answer = option.label if option else view.answers[indicator.id]
                note = view.indicator_notes.get(indicator.id, "")
                rows.append([dimension.title, indicator.text, answer, note])
    else:
        for indicator_id, answer in view.answers.items():
            rows.append(["", indicator_id, answer, view.indicator_notes.get(indicator_id, "")])
    return [
        *heading("评估指标与回答"),
        listing(["维度", "指标", "回答", "备注"], rows, [18, 38, 26, 18]),
    ]


def build(data: FormData) -> list[Flowable]:
    record = data.record
    if not isinstance(record, AssessmentRecord) or data.household is None:
        raise TypeError("an assessment form needs an AssessmentRecord and its household")
    view = record.assessment
    story = [
        *summary(record),
        *dimension_table(view, record.instrument),
        *household_fields(data.household),
        *member_table(data.household),
        *answer_table(view, record.instrument),
    ]
    if view.notes:
        story += [*heading("评估说明"), long_texts([("说明", view.notes)])]
    story.append(KeepTogether([*heading("签字确认"), signatures(["评估人", "被评估居民"])]))
    return story
