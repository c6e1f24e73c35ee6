"""Importing 线上求助 (and 12345) requests from the CSV/xlsx export of an online platform, into the
intake queue. A request already imported (same channel and number) is skipped; a row that cannot
be read is reported like a ledger row. All in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import HelpRequestChannel, HelpRequestState, Urgency
from app.domain.errors import ValidationError
from app.models import HelpRequest
from app.services.help_request_records import HelpRequestInput, validate_request
from app.services.intake_deadlines import respond_by
from app.services.ledger_columns import HEADER_SCAN_ROWS, normalise_header
from app.services.ledger_import import committee_codes
from app.services.ledger_rows import RowError, cell_text
from app.services.local_time import SHANGHAI, now
from app.services.row_writes import insert_row
from app.services.tabular_files import Cell, read_table
from app.store.engine import Store

HEADERS: dict[str, tuple[str, ...]] = {
    "external_ref": ("求助编号", "工单编号", "工单号", "编号"),
    "requester_name": ("求助人", "求助人姓名", "姓名", "联系人"),
    "phone": ("联系电话", "手机号码", "电话"),
    "committee": ("所属居委", "居委", "居委会", "所属社区"),
    "address": ("地址", "住址", "家庭住址", "居住地址"),
    "description": ("求助内容", "诉求内容", "内容", "问题描述", "描述"),
    "urgency": ("紧急程度", "缓急程度"),
    "received_at": ("提交时间", "求助时间", "来电时间", "受理时间"),
    "channel": ("渠道", "来源", "求助渠道"),
}
_LOOKUP = {alias: name for name, aliases in HEADERS.items() for alias in aliases}


@dataclass
class OnlineImportResult:
    imported: int = 0
    skipped: int = 0  # already in the queue
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)


def _header_index(rows: list[list[Cell]]) -> int:
    counts = [sum(1 for c in r if normalise_header(c) in _LOOKUP) for r in rows[:HEADER_SCAN_ROWS]]
    return counts.index(max(counts)) if counts else 0


def import_online_requests(store: Store, path: Path, actor: str) -> OnlineImportResult:
    """Import the requests of an online platform's export into the intake queue."""
    table = read_table(Path(path))
    rows = [cells for _, cells in table.rows]
    index = _header_index(rows)
    headers = [normalise_header(c) for c in rows[index]] if rows else []
    columns = {_LOOKUP[h]: i for i, h in reversed(list(enumerate(headers))) if h in _LOOKUP}
    result = OnlineImportResult()
    with store.transaction() as session:
        committees = committee_codes(session)
        known = _known(session)
        for number, cells in table.rows[index + 1 :]:
            values = {k: cells[i] if i < len(cells) else None for k, i in columns.items()}
            try:
                data = _request(values, committees)
            except ValidationError as exc:
                result.rejected += 1
                result.errors.extend(
                    RowError(number, p.field, cell_text(values.get(p.field)), p.zh, p.en)
                    for p in exc.problems
                )
                continue
            if data.external_ref and (data.channel, data.external_ref) in known:
                result.skipped += 1
                continue
            _insert(session, actor, data, Path(path).name)
            known.add((data.channel, data.external_ref))
            result.imported += 1
    return result


def _known(session: Session) -> set[tuple[str, str]]:
    """(channel, number) of the requests already in the store."""
    rows = session.execute(
        select(HelpRequest.channel, HelpRequest.external_ref).where(HelpRequest.external_ref != "")
    )
    return {(channel, ref) for channel, ref in rows}


def _insert(session: Session, actor: str, data: HelpRequestInput, source: str) -> None:
    received = data.received_at or now()
    row = HelpRequest(
        **(asdict(data) | {"received_at": received}),
        received_by=actor,
        respond_by=respond_by(data.channel, data.urgency, received),
        state=HelpRequestState.NEW.value,
    )
    insert_row(session, actor, row, imported_from=source)


def _request(values: dict[str, Cell], committees: dict[str, str]) -> HelpRequestInput:
    text = {k: cell_text(v) for k, v in values.items()}
    channel = HelpRequestChannel.ONLINE.value
    if text.get("channel"):
        channel = (
            "hotline_12345"
            if "12345" in text["channel"]
            else _code(HelpRequestChannel, text["channel"], "channel", channel)
        )
    urgency = _code(Urgency, text.get("urgency", ""), "urgency", Urgency.NORMAL.value)
    committee = text.get("committee", "")
    data = HelpRequestInput(
        channel=channel,
        requester_name=text.get("requester_name", ""),
        description=text.get("description", ""),
        phone=text.get("phone", ""),
        committee_code=committees.get(committee) if committee else None,
        address=text.get("address", ""),
        urgency=urgency,
        received_at=_moment(values.get("received_at")),
        external_ref=text.get("external_ref", ""),
    )
    return validate_request(data)


def _code(
    enum: type[HelpRequestChannel] | type[Urgency], text: str, name: str, default: str
) -> str:
    if not text:
        return default
    try:
        return str(enum.from_label(text))
    except ValueError as exc:
        raise ValidationError.single(
            name, "choice", f"「{text}」无法识别。", f"{text!r} is not understood."
        ) from exc


def _moment(value: Cell) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=SHANGHAI) if value.tzinfo is None else value
    text = cell_text(value)
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("/", "-"))
    except ValueError as exc:
        raise ValidationError.single(
            "received_at",
            "moment",
            "提交时间无法识别，请写成 2026-01-05 09:30 的形式。",
            "The time is not understood; write it as 2026-01-05 09:30.",
        ) from exc
    return moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment
