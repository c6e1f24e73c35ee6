"""Stories of the reception desk: a 线上求助 request, its deadline, the duplicate household
suggestion, triage to an advisor, the receipt, and closing it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from workflow_data import ADVISOR_LOGIN, COMMITTEE, HEAD_ID

from app.domain.errors import ValidationError
from app.services.help_request_records import HelpRequestInput
from app.services.help_requests import HelpRequestService
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.services.local_time import SHANGHAI
from app.services.work_tasks import TaskKind, TaskService
from app.store.engine import Store

MONDAY_9 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)


def online_request(**changes: object) -> HelpRequestInput:
    values: dict[str, object] = {
        "channel": "online",
        "requester_name": "张伟",
        "phone": "021-62345678",
        "committee_code": COMMITTEE,
        "address": "华阳路112弄3号502室",
        "description": "老伴住院，家里没人做饭，想申请助餐。",
        "received_at": MONDAY_9,
        "external_ref": "WX-20260105-0001",
    }
    values.update(changes)
    return HelpRequestInput(**values)  # type: ignore[arg-type]


def test_a_high_urgency_request_on_the_friday_before_spring_festival_is_due_saturday(
    store: Store,
) -> None:
    """较急: by the end of the next working day, and Saturday 14 Feb 2026 was one (调休)."""
    friday = dt.datetime(2026, 2, 13, 16, 30, tzinfo=SHANGHAI)
    desk = HelpRequestService(store, "station1")
    request_id = desk.receive(online_request(urgency="high", received_at=friday))
    assert desk.get(request_id).respond_by == dt.datetime(2026, 2, 14, 23, 59, 59, tzinfo=SHANGHAI)


def test_station_takes_an_online_request_spots_the_household_and_assigns_it(
    store: Store, household_id: str, advisor_id: str
) -> None:
    desk = HelpRequestService(store, "station1")
    request_id = desk.receive(online_request())
    view = desk.get(request_id)
    # 一般 urgency online: the end of the 3rd working day (Thursday)
    assert view.respond_by == dt.datetime(2026, 1, 8, 23, 59, 59, tzinfo=SHANGHAI)
    assert view.state == "new"

    suggestions = desk.suggestions(request_id)
    assert suggestions[0].household_id == household_id
    assert suggestions[0].reason_label in ("住址相同", "姓名拼音相同且住址相近", "联系电话相同")

    desk.link(request_id, household_id)  # the household's advisor by default
    view = desk.get(request_id)
    assert (view.state, view.household_id, view.advisor_id) == (
        "assigned",
        household_id,
        advisor_id,
    )
    due = [t for t in TaskService(store).for_advisor(advisor_id, dt.date(2026, 1, 9))]
    assert any(t.kind is TaskKind.INTAKE and t.ref_id == request_id and t.overdue for t in due)

    receipt = desk.receipt(request_id)
    assert receipt.number.startswith("SL20260105-")
    assert receipt.respond_by == view.respond_by

    desk.set_state(request_id, "closed", note="已安排助餐")
    assert desk.queue() == []
    assert "已安排助餐" in desk.get(request_id).notes
    with pytest.raises(ValidationError):
        desk.link(request_id, household_id)


def test_an_urgent_request_is_due_within_a_day(store: Store) -> None:
    desk = HelpRequestService(store, "station1")
    urgent = desk.receive(online_request(channel="phone", urgency="urgent"))
    normal = desk.receive(online_request(channel="window", external_ref=""))
    assert desk.get(urgent).respond_by == MONDAY_9 + dt.timedelta(hours=24)
    assert [v.id for v in desk.queue()] == [urgent, normal]


def test_a_new_household_is_registered_from_the_request(store: Store, advisor_id: str) -> None:
    desk = HelpRequestService(store, "station1")
    request_id = desk.receive(online_request())
    assert desk.suggestions(request_id) == []
    household_id = desk.register_household(
        request_id,
        HouseholdInput(committee_code=COMMITTEE, address="华阳路112弄3号502室"),
        [MemberInput(name="张伟", id_number=HEAD_ID)],
        advisor_id,
    )
    detail = HouseholdService(store, ADVISOR_LOGIN).get_household(household_id)
    assert detail.data.discovery_source == "online_request"
    assert desk.get(request_id).advisor_id == advisor_id


def test_a_request_names_every_missing_field(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        HelpRequestService(store, "station1").receive(
            HelpRequestInput(channel="fax", requester_name="", description=" ")
        )
    assert {p.field for p in caught.value.problems} == {
        "channel",
        "requester_name",
        "description",
    }


def test_online_requests_are_imported_once_from_the_platform_export(
    store: Store, tmp_path: Path
) -> None:
    export = tmp_path / "线上求助导出.csv"
    export.write_text(
        "工单编号,求助人,联系电话,所属居委,地址,求助内容,紧急程度,提交时间\n"
        "WX-1,张伟,13812345678,华阳路第一居委,华阳路112弄3号,想申请助餐,一般,2026-01-05 09:00\n"
        "WX-2,李梅,13812345679,华阳路第二居委,长宁路1号,孩子学费困难,较急,2026/01/05 10:30\n"
        "WX-3,,13812345670,,,,一般,昨天\n",
        encoding="gb18030",
    )
    desk = HelpRequestService(store, "station1")
    first = desk.import_online_requests(export)
    assert (first.imported, first.skipped, first.rejected) == (2, 0, 1)
    assert {e.row for e in first.errors} == {4}
    again = desk.import_online_requests(export)
    assert (again.imported, again.skipped) == (0, 2)
    queue = desk.queue()
    assert [v.external_ref for v in queue] == ["WX-2", "WX-1"]  # 较急 first
    assert queue[0].committee_code == "310105002002"
