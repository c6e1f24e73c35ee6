"""Push stories (DESIGN §5): idempotent retries, per-field three-way merge, conflicts kept and
resolved, per-mutation scope refusals, scope moves. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import socket
import time
import uuid

import orjson
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.sync import wire
from app.sync.wire import MutationStatus, RefusalCode
from server.core.backend import Backend
from server.models import Device, Revision
from tests.server.conftest import LiveServer
from tests.server.laptops import Laptop
from tests.server.world import COMMITTEE_11, COMMITTEE_12, COMMITTEE_21


def new_id() -> str:
    return str(uuid.uuid4())


def create_household(laptop: Laptop, committee: str = COMMITTEE_11, **fields: object) -> wire.Row:
    outcome = laptop.push(
        laptop.mutation("household", new_id(), {"committee_code": committee, **fields})
    ).outcomes[0]
    assert outcome.status is MutationStatus.APPLIED, outcome
    assert outcome.row is not None
    return outcome.row


def test_station_pulls_the_household_and_member_an_advisor_created(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    household = create_household(advisor, address="枣阳路100弄1号", phone="13812345678")
    member = advisor.mutation("member", new_id(), {"household_id": household.id, "name": "张伟"})
    advisor.push(member)

    rows = station.pull_all()

    assert rows[("household", household.id)].fields["phone"] == "13812345678"
    assert rows[("member", member.id)].scope_code == COMMITTEE_11
    assert rows[("member", member.id)].created_by == "advisor"


def test_the_same_push_twice_applies_once_and_answers_the_same(
    api: TestClient, backend: Backend
) -> None:
    advisor = Laptop(api, "advisor")
    household = create_household(advisor)
    mutations = [
        advisor.mutation("household", household.id, {"phone": "021-62345678"}, household.seq),
        advisor.mutation("household", new_id(), {"committee_code": COMMITTEE_21}),
    ]

    first = advisor.push_raw(mutations)
    again = advisor.push_raw(mutations)

    assert first.status_code == again.status_code == 200
    assert first.json()["outcomes"] == again.json()["outcomes"]
    assert revisions(backend) == 6 + 2  # the world's jurisdictions, the creation, one edit


def test_push_whose_response_was_lost_after_commit_is_retried_without_a_second_apply(
    live: LiveServer, backend: Backend
) -> None:
    import httpx

    with httpx.Client(base_url=live.url) as http:
        advisor = Laptop(http, "advisor")
        household = create_household(advisor)
        edit = advisor.mutation("household", household.id, {"notes": "独居"}, household.seq)
        body = advisor.push_body([edit])
        send_and_hang_up(live.port, wire.PUSH_PATH, body, advisor.headers)
        wait_for_last_mid(backend, advisor.device_id, edit.mid)
        seq_before = advisor.pull(cursor=0).server_seq

        retried = advisor.push(edit)

        assert retried.outcomes[0].status is MutationStatus.APPLIED
        assert retried.server_seq == seq_before
        assert advisor.pull(cursor=0).server_seq == seq_before


def send_and_hang_up(port: int, path: str, body: bytes, headers: dict[str, str]) -> None:
    """Send a whole HTTP request on a raw socket and close it without reading the answer."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()] + [f"Content-Length: {len(body)}"]
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def wait_for_last_mid(backend: Backend, device_id: str, mid: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with backend.database.reading() as session:
            device = session.get(Device, device_id)
            if device is not None and device.last_mid >= mid:
                return
        time.sleep(0.02)
    raise AssertionError("the server never committed the dropped push")


def revisions(backend: Backend) -> int:
    with backend.database.reading() as session:
        return int(session.execute(select(func.count()).select_from(Revision)).scalar_one())


def test_edits_of_different_fields_on_two_laptops_both_apply(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row = create_household(advisor, phone="1", address="旧地址")

    advisor.push(advisor.mutation("household", row.id, {"phone": "2"}, row.seq))
    outcome = station.push(station.mutation("household", row.id, {"address": "新地址"}, row.seq))

    merged = outcome.outcomes[0]
    assert merged.status is MutationStatus.APPLIED
    assert merged.row is not None
    assert merged.row.fields["phone"] == "2"
    assert merged.row.fields["address"] == "新地址"


def test_asked_for_stamps_a_row_left_as_the_laptop_has_it_comes_back_as_its_stamp(
    api: TestClient,
) -> None:
    """The laptop's copy at base_seq plus its edit is the server's row: only the seq and what
    the server set (when, by whom) come back. A row someone changed since, a conflict, a move
    and a new row come back whole: the laptop lacks what they hold. A retry replays the same."""
    station, advisor = Laptop(api, "station"), Laptop(api, "advisor")
    station.stamps = True
    quiet = create_household(station, phone="1", address="旧地址")  # new: whole (checked there)
    busy = create_household(station, phone="1")
    clash = create_household(station, phone="1")
    moving = create_household(station)
    advisor.push(
        advisor.mutation("household", busy.id, {"address": "新地址"}, busy.seq),
        advisor.mutation("household", clash.id, {"phone": "3"}, clash.seq),
    )
    edits = [
        station.mutation("household", quiet.id, {"phone": "2"}, quiet.seq),
        station.mutation("household", busy.id, {"phone": "2"}, busy.seq),
        station.mutation("household", clash.id, {"phone": "2"}, clash.seq),
        station.mutation("household", moving.id, {"committee_code": COMMITTEE_12}, moving.seq),
    ]

    answer = station.push(*edits).outcomes
    held = Laptop(api, "station").pull_all()

    kept = held[("household", quiet.id)]
    assert answer[0].status is MutationStatus.APPLIED
    assert answer[0].row is None
    assert answer[0].stamp == wire.Stamp(updated_at=kept.updated_at, updated_by="station")
    assert answer[0].seq == kept.seq
    assert kept.fields == {**quiet.fields, "phone": "2"}  # exactly what the laptop shows
    assert [o.status for o in answer[1:]] == [
        MutationStatus.APPLIED,
        MutationStatus.CONFLICT,
        MutationStatus.APPLIED,
    ]
    assert [o.stamp for o in answer[1:]] == [None, None, None]
    assert [o.row for o in answer[1:]] == [held[("household", r.id)] for r in (busy, clash, moving)]
    assert station.push(*edits).outcomes == answer  # a retry: the stored outcomes, stamp and all

    unasked = advisor.push(advisor.mutation("household", quiet.id, {"notes": "独居"}, kept.seq))
    assert unasked.outcomes[0].stamp is None and unasked.outcomes[0].row is not None


def test_same_field_on_two_laptops_is_a_conflict_kept_until_resolved(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row = create_household(advisor, phone="1")
    advisor.push(advisor.mutation("household", row.id, {"phone": "2"}, row.seq))

    outcome = station.push(station.mutation("household", row.id, {"phone": "3"}, row.seq)).outcomes[
        0
    ]

    assert outcome.status is MutationStatus.CONFLICT
    assert outcome.row is not None and outcome.row.fields["phone"] == "2"
    (conflict,) = outcome.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "phone",
        "1",
        "3",
        "2",
    )
    assert (conflict.mine_by, conflict.theirs_by) == ("station", "advisor")
    assert conflict.theirs_at is not None and conflict.theirs_at <= conflict.at
    listed = api.get(wire.CONFLICTS_PATH, headers=advisor.headers).json()["conflicts"]
    assert [c["id"] for c in listed] == [conflict.id]
    assert wire.decode(wire.ConflictList, orjson.dumps({"conflicts": listed})).conflicts == [
        conflict
    ]

    resolution = station.mutation(
        "household", row.id, {"phone": "3"}, outcome.row.seq, resolves=[conflict.id]
    )
    resolved = station.push(resolution).outcomes[0]

    assert resolved.status is MutationStatus.APPLIED
    assert resolved.row is not None and resolved.row.fields["phone"] == "3"
    assert api.get(wire.CONFLICTS_PATH, headers=station.headers).json()["conflicts"] == []


def test_the_same_value_from_both_laptops_is_no_conflict(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row = create_household(advisor, phone="1")
    advisor.push(advisor.mutation("household", row.id, {"phone": "2"}, row.seq))

    outcome = station.push(station.mutation("household", row.id, {"phone": "2"}, row.seq)).outcomes[
        0
    ]

    assert outcome.status is MutationStatus.APPLIED
    assert outcome.conflicts == []
    assert outcome.applied == []


def test_a_value_changed_and_changed_back_meanwhile_lets_the_edit_apply(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row = create_household(advisor, phone="1")
    second = advisor.push(advisor.mutation("household", row.id, {"phone": "2"}, row.seq))
    advisor.push(advisor.mutation("household", row.id, {"phone": "1"}, second.outcomes[0].seq))

    outcome = station.push(station.mutation("household", row.id, {"phone": "3"}, row.seq)).outcomes[
        0
    ]

    assert outcome.status is MutationStatus.APPLIED
    assert outcome.row is not None and outcome.row.fields["phone"] == "3"


def test_an_edit_that_leaves_a_field_as_it_found_it_lets_the_other_change_stand(
    api: TestClient,
) -> None:
    """A field pushed with its base value (the whole row sent again after a restore, or changed
    and changed back offline) is no edit of it: the other laptop's change stays, no conflict."""
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row = create_household(advisor, phone="1", address="旧地址")
    advisor.push(advisor.mutation("household", row.id, {"address": "新地址"}, row.seq))

    pushed = {"phone": "2", "address": "旧地址"}
    outcome = station.push(station.mutation("household", row.id, pushed, row.seq)).outcomes[0]

    assert outcome.status is MutationStatus.APPLIED and outcome.conflicts == []
    assert outcome.applied == ["phone"]
    assert outcome.row is not None
    assert (outcome.row.fields["phone"], outcome.row.fields["address"]) == ("2", "新地址")


def test_editing_a_member_removed_meanwhile_reports_the_removal(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    household = create_household(advisor)
    member = advisor.push(
        advisor.mutation("member", new_id(), {"household_id": household.id, "name": "李娜"})
    ).outcomes[0]
    advisor.push(advisor.mutation("member", member.id, {"deleted": True}, member.seq))

    outcome = station.push(station.mutation("member", member.id, {"phone": "139"}, member.seq))

    edit = outcome.outcomes[0]
    assert edit.status is MutationStatus.CONFLICT
    assert [(c.field, c.mine, c.theirs) for c in edit.conflicts] == [("deleted", False, True)]
    assert edit.row is not None and edit.row.deleted and edit.row.fields["phone"] == "139"


def test_refusals_are_per_mutation_with_a_reason_and_the_rest_applies(api: TestClient) -> None:
    advisor, outsider = Laptop(api, "advisor"), Laptop(api, "outsider")
    theirs = create_household(outsider, COMMITTEE_21)
    mine = create_household(advisor)

    outcomes = advisor.push(
        advisor.mutation("household", theirs.id, {"phone": "1"}, theirs.seq),
        advisor.mutation("household", new_id(), {"committee_code": COMMITTEE_21}),
        advisor.mutation("member", new_id(), {"household_id": theirs.id, "name": "王芳"}),
        advisor.mutation("household", mine.id, {"committee_code": COMMITTEE_21}, mine.seq),
        advisor.mutation("jurisdiction", new_id(), {"code": "310907001009", "name": "x"}),
        advisor.mutation("spaceship", new_id(), {"x": 1}),
        advisor.mutation("household", new_id(), {"address": "无居委"}),
        advisor.mutation("household", new_id(), {"committee_code": COMMITTEE_11, "seq": 9}),
        advisor.mutation("household", mine.id, {"phone": "13900000000"}, mine.seq),
    ).outcomes

    assert [o.refusal.code if o.refusal else o.status.value for o in outcomes] == [
        RefusalCode.OUT_OF_SCOPE,
        RefusalCode.OUT_OF_SCOPE,
        RefusalCode.OUT_OF_SCOPE,
        RefusalCode.TARGET_OUT_OF_SCOPE,
        RefusalCode.READ_ONLY_ROLE,
        RefusalCode.UNKNOWN_ENTITY,
        RefusalCode.MISSING_PARENT,
        RefusalCode.INVALID_FIELDS,
        "applied",
    ]
    assert all(o.row is None for o in outcomes[:-1])  # a refusal shows nothing of the row
    assert all(o.refusal.message for o in outcomes if o.refusal)


def test_supervisor_reads_but_may_not_write(api: TestClient) -> None:
    advisor, supervisor = Laptop(api, "advisor"), Laptop(api, "supervisor")
    row = create_household(advisor)

    outcome = supervisor.push(supervisor.mutation("household", row.id, {"phone": "1"}, row.seq))

    assert outcome.outcomes[0].refusal is not None
    assert outcome.outcomes[0].refusal.code == RefusalCode.READ_ONLY_ROLE
    assert ("household", row.id) in supervisor.pull_all()


def test_a_mid_reused_for_another_edit_is_refused_not_taken_for_a_retry(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")
    first = advisor.mutation("household", new_id(), {"committee_code": COMMITTEE_11})
    advisor.push(first)
    other_row = wire.Mutation(mid=first.mid, entity="household", id=new_id(), fields={})
    same_row = wire.Mutation(mid=first.mid, entity="household", id=first.id, fields={"phone": "1"})

    outcomes = [advisor.push(m).outcomes[0] for m in (other_row, same_row)]

    assert [o.refusal.code if o.refusal else None for o in outcomes] == [
        RefusalCode.MID_REUSED,
        RefusalCode.MID_REUSED,
    ]


def test_household_moving_committee_takes_its_members_out_of_the_old_scope(
    api: TestClient,
) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row = create_household(advisor)
    member = advisor.mutation("member", new_id(), {"household_id": row.id, "name": "赵敏"})
    advisor.push(member)
    held = advisor.pull_all()
    assert ("member", member.id) in held

    station.push(station.mutation("household", row.id, {"committee_code": COMMITTEE_12}, row.seq))

    page = advisor.pull()
    assert {(r.entity, r.id) for r in page.rows if r.left_scope} == {
        ("household", row.id),
        ("member", member.id),
    }
    moved = station.pull_all()
    assert moved[("member", member.id)].scope_code == COMMITTEE_12


def test_edits_and_a_move_in_one_push_all_reach_the_new_scope(api: TestClient) -> None:
    """A member renamed, its household edited twice and moved, in one push: every row ends
    with its last values and its last seq (rows are written in bulk at the end of the push,
    moves through the unit of work on the way)."""
    station, advisor = Laptop(api, "station"), Laptop(api, "advisor")
    row = create_household(station, phone="13800000001")
    member = station.mutation("member", new_id(), {"household_id": row.id, "name": "赵敏"})
    station.push(member)
    before = station.pull_all()

    answer = station.push(
        station.mutation(
            "member", member.id, {"name": "赵敏敏"}, before[("member", member.id)].seq
        ),
        station.mutation("household", row.id, {"phone": "13800000002"}, row.seq),
        station.mutation("household", row.id, {"committee_code": COMMITTEE_12}, row.seq),
        station.mutation("household", row.id, {"phone": "13800000003"}, row.seq),
    )

    assert all(o.status is MutationStatus.APPLIED for o in answer.outcomes)
    after = station.pull_all()
    household, moved = after[("household", row.id)], after[("member", member.id)]
    assert household.fields["phone"] == "13800000003"
    assert household.scope_code == moved.scope_code == COMMITTEE_12
    assert moved.fields["name"] == "赵敏敏"
    assert household.seq == answer.outcomes[-1].seq
    assert moved.seq > answer.outcomes[0].seq  # it moved after its rename
    assert {(r.entity, r.id) for r in advisor.pull().rows if r.left_scope} >= {
        ("household", row.id),
        ("member", member.id),
    }


def test_pushing_for_another_device_or_with_mids_out_of_order_is_refused(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")
    body = {"device_id": "someone-else", "schema_version": wire.SCHEMA_VERSION, "mutations": []}
    assert api.post(wire.PUSH_PATH, json=body, headers=advisor.headers).status_code == 403

    mutations = [advisor.mutation("household", new_id(), {}) for _ in range(2)]
    response = advisor.push_raw(list(reversed(mutations)))

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_grandchildren_follow_their_household_to_another_committee(api: TestClient) -> None:
    station, advisor = Laptop(api, "station"), Laptop(api, "advisor")
    row = create_household(station)
    visit, amendment = new_id(), new_id()
    station.push(
        station.mutation("visit", visit, {"household_id": row.id, "kind": "home"}),
        station.mutation("visit_amendment", amendment, {"visit_id": visit, "text": "补记"}),
        station.mutation("merge_record", new_id(), {"entity": "household", "into_id": row.id}),
    )
    assert {("visit", visit), ("visit_amendment", amendment)} <= set(advisor.pull_all())

    station.push(station.mutation("household", row.id, {"committee_code": COMMITTEE_12}, row.seq))

    gone = {(r.entity, r.id) for r in advisor.pull().rows if r.left_scope}
    assert {("visit", visit), ("visit_amendment", amendment)} <= gone
    assert len(gone) == 4  # the household, the visit, its amendment and the merge record


def test_a_help_request_without_committee_stays_in_its_creators_scope(api: TestClient) -> None:
    station, outsider = Laptop(api, "station"), Laptop(api, "outsider")
    request = station.mutation(
        "help_request", new_id(), {"committee_code": None, "channel": "12345"}
    )

    outcome = station.push(request).outcomes[0]

    assert outcome.row is not None and outcome.row.scope_code == "310907001000"
    assert ("help_request", request.id) not in outsider.pull_all()
