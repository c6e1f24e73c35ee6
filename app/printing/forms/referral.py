"""转介单: the referral letter to the receiving service, with a QR code of the referral's id,
and a tear-off 回执 the service fills in and returns to the station."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from app.domain.enums import ProviderKind, Urgency
from app.printing.flowables import CutLine, QrCode, TextBlock
from app.printing.forms.common import moment_text
from app.printing.forms.plan import need_label
from app.printing.layout import CONTENT_WIDTH
from app.printing.records import FormData, HouseholdPart, ReferralRecord, label
from app.printing.tables import fields, heading, long_texts, signatures, table
from app.services.resource_records import ResourceView

QR_SIZE = 30 * mm
SLIP_QR_SIZE = 26 * mm
GAP = 3 * mm


def _with_qr(block: Flowable, value: str, caption: str, size: float) -> Table:
    """``block`` on the left and the QR code of ``value`` with a caption on the right."""
    qr = [QrCode(value, size), TextBlock(caption, 8, align="center")]
    return table(
        [[block, qr]],
        [CONTENT_WIDTH - size - GAP, size + GAP],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, 0), GAP),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
        ],
    )


def _person(record: ReferralRecord, part: HouseholdPart) -> tuple[str, str]:
    member = record.member or part.head
    if member is None:
        return part.detail.head_name, ""
    return member.name, part.id_number(member)


def _overview(record: ReferralRecord) -> Table:
    referral = record.referral
    return fields(
        [
            [("转介编号", referral.id)],
            [
                ("转介日期", moment_text(referral.created_at)),
                ("紧急程度", label(Urgency, referral.urgency)),
            ],
            [("需求类别", need_label(referral.need_category)), ("转介人", record.referrer_name)],
        ],
        width=CONTENT_WIDTH - QR_SIZE - GAP,
    )


def _receiver(resource: ResourceView) -> list[Flowable]:
    kind = label(ProviderKind, resource.provider_kind)
    return [
        *heading("接收单位"),
        fields(
            [
                [("服务项目", resource.name), ("单位类型", kind)],
                [("单位名称", resource.provider_name)],
                [("联系人", resource.contact_name), ("联系电话", resource.phone)],
                [("地址", resource.address)],
            ]
        ),
    ]


def letter(data: FormData, record: ReferralRecord, part: HouseholdPart) -> list[Flowable]:
    referral, resource = record.referral, record.resource
    name, id_number = _person(record, part)
    receiver = (resource.provider_name or resource.name) if resource else "（待定）"
    opening = (
        f"{receiver}：\n　　兹有{data.letterhead.committee}居民{name}"
        f"（地址：{part.detail.data.address}），"
        f"因{need_label(referral.need_category)}方面的困难需要帮助，经社区救助顾问评估，"
        "现转介贵单位，请予接洽办理，并于接收后填写下方回执交回我站。谢谢！"
    )
    person = fields(
        [
            [("姓名", name), ("证件号码", id_number)],
            [("户主", part.detail.head_name), ("联系电话", part.detail.data.phone)],
            [("家庭住址", part.detail.data.address)],
        ]
    )
    story: list[Flowable] = [
        _with_qr(_overview(record), referral.id, "扫码核对转介单", QR_SIZE),
        Spacer(1, 2 * mm),
        TextBlock(opening),
        *heading("服务对象"),
        person,
        *(_receiver(resource) if resource is not None else []),
        *heading("转介原因"),
        long_texts([("原因说明", referral.reason)]),
    ]
    story.append(KeepTogether([Spacer(1, 2 * mm), signatures(["转介人", "服务站负责人"])]))
    return story


def return_slip(data: FormData, record: ReferralRecord, part: HouseholdPart) -> Flowable:
    """回执: cut off, filled in by the receiving service, returned to the station."""
    referral = record.referral
    name, _ = _person(record, part)
    answer = (
        "□ 已接收，将于______年____月____日前开始服务\n"
        "□ 无法接收，原因：____________________________________________"
    )
    slip_fields = fields(
        [
            [("转介编号", referral.id)],
            [("服务对象", name), ("需求类别", need_label(referral.need_category))],
            [("接收情况", answer)],
            [("接收人签名", ""), ("接收日期", "      年    月    日")],
        ],
        width=CONTENT_WIDTH - SLIP_QR_SIZE - GAP,
    )
    return KeepTogether(
        [
            Spacer(1, 3 * mm),
            CutLine(),
            TextBlock("转介回执", 13, align="center"),
            _with_qr(slip_fields, referral.id, "扫码登记回执", SLIP_QR_SIZE),
            TextBlock(f"请接收单位填写后交回：{data.letterhead.station}", 9),
        ]
    )


def build(data: FormData) -> list[Flowable]:
    record = data.record
    if not isinstance(record, ReferralRecord) or data.household is None:
        raise TypeError("a referral letter needs a ReferralRecord and its household")
    return [*letter(data, record, data.household), return_slip(data, record, data.household)]
