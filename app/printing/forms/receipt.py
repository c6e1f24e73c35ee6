"""求助受理回执: what the requester takes home, with the number to quote and the date by which
the station will answer."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from app.domain.enums import HelpRequestChannel, Urgency
from app.printing.flowables import TextBlock
from app.printing.forms.common import moment_text
from app.printing.records import FormData, ReceiptRecord, label
from app.printing.tables import fields, heading, long_texts, signatures


def receipt_fields(data: FormData, record: ReceiptRecord) -> Flowable:
    receipt, request = record.receipt, record.request
    return fields(
        [
            [
                ("受理编号", receipt.number),
                ("受理渠道", label(HelpRequestChannel, receipt.channel)),
            ],
            [
                ("受理时间", moment_text(receipt.received_at)),
                ("紧急程度", label(Urgency, request.urgency)),
            ],
            [("求助人", receipt.requester_name), ("联系电话", receipt.phone)],
            [("所属居委", data.letterhead.committee), ("受理人", receipt.received_by)],
            [("联系地址", request.address)],
        ]
    )


def build(data: FormData) -> list[Flowable]:
    record = data.record
    if not isinstance(record, ReceiptRecord):
        raise TypeError("a receipt needs a ReceiptRecord")
    receipt = record.receipt
    promise = (
        f"您的求助已于 {moment_text(receipt.received_at)} 受理。社区救助顾问将在 "
        f"{moment_text(receipt.respond_by)} 前与您联系。查询进度请告知受理编号 {receipt.number}。"
    )
    story: list[Flowable] = [
        *heading("受理信息"),
        receipt_fields(data, record),
        *heading("求助内容"),
        long_texts([("求助内容", receipt.description)]),
        *heading("办理承诺"),
        TextBlock(promise),
        *(TextBlock(line) for line in receipt.lines),
    ]
    signing = [*heading("签字确认"), signatures(["受理人", "求助人"])]
    story.append(KeepTogether([*signing, TextBlock("（服务站盖章）", 9, align="right")]))
    return story
