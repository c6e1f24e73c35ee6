"""Pull stories: pages in seq order with a cursor, scope codes and fingerprints, 410 after the
tombstone purge, 426 for an old client. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import gzip
import uuid
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from app.sync import wire
from server.api import sync as sync_route
from server.core.backend import Backend
from server.core.maintenance import purge
from tests.server.laptops import Laptop
from tests.server.world import COMMITTEE_11, COMMITTEE_12, COMMITTEE_21, DISTRICT, STREET_1


def households(laptop: Laptop, count: int, committee: str = COMMITTEE_11) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(count)]
    laptop.push(*[laptop.mutation("household", i, {"committee_code": committee}) for i in ids])
    return ids


def test_pages_come_in_seq_order_and_the_cursor_resumes_without_loss(api: TestClient) -> None:
    station = Laptop(api, "station")
    made = households(station, 23, COMMITTEE_11) + households(station, 7, COMMITTEE_12)

    seen: list[int] = []
    pages = 0
    while True:
        page = station.pull(limit=10)
        pages += 1
        seen += [row.seq for row in page.rows]
        if not page.has_more:
            break

    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert len(seen) == 6 + len(made)  # the public jurisdictions and every household
    assert pages == 4
    assert station.cursor == page.server_seq
    assert station.pull().rows == []


def test_small_pages_over_rows_exits_and_server_only_rows_miss_nothing(api: TestClient) -> None:
    """Pages cut through changed rows, rows that left the scope and audit rows (kept on the
    server, never pulled): every pulled row comes once, in seq order, the cursor passes the
    rest, and the last cursor is the server's."""
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    staying = households(advisor, 5)
    leaving = households(advisor, 4)
    audit = [
        advisor.mutation("audit_event", str(uuid.uuid4()), {"committee_code": COMMITTEE_11})
        for _ in range(6)
    ]
    advisor.push(*audit)
    rows = station.pull_all()
    station.push(
        *[
            station.mutation(
                "household", i, {"committee_code": COMMITTEE_12}, rows[("household", i)].seq
            )
            for i in leaving
        ]
    )
    more = households(advisor, 3)

    seen: list[wire.Row] = []
    advisor.cursor = 0
    while True:
        page = advisor.pull(limit=2)
        seen += page.rows
        assert len(page.rows) <= 2
        if not page.has_more:
            break

    seqs = [row.seq for row in seen]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    assert not [row for row in seen if row.entity == "audit_event"]
    present = {row.id for row in seen if row.entity == "household" and not row.left_scope}
    assert present >= set(staying) | set(more)
    assert {row.id for row in seen if row.left_scope} == set(leaving)
    assert advisor.cursor == page.server_seq


def test_each_user_pulls_only_their_scope_and_the_public_rows(api: TestClient) -> None:
    advisor, outsider = Laptop(api, "advisor"), Laptop(api, "outsider")
    mine = set(households(advisor, 3))
    theirs = set(households(outsider, 2, COMMITTEE_21))

    advisor_rows = advisor.pull_all()
    supervisor_rows = Laptop(api, "supervisor").pull_all()

    assert {i for e, i in advisor_rows if e == "household"} == mine
    assert {i for e, i in supervisor_rows if e == "household"} == mine | theirs
    assert sum(e == "jurisdiction" for e, _ in advisor_rows) == 6


def test_scope_codes_come_until_the_client_holds_their_fingerprint(api: TestClient) -> None:
    station = Laptop(api, "station")

    first = station.pull()
    again = station.pull(scope_fingerprint=first.scope.fingerprint)

    assert first.scope.codes == sorted([STREET_1, COMMITTEE_11, COMMITTEE_12])
    assert again.scope.codes is None
    assert again.scope.fingerprint == first.scope.fingerprint


def test_codes_that_entered_the_scope_are_fetched_alone(api: TestClient) -> None:
    station = Laptop(api, "station")
    households(station, 2, COMMITTEE_11)
    wanted = set(households(station, 3, COMMITTEE_12))

    rows = station.pull_all(codes=COMMITTEE_12)

    assert {i for _, i in rows} == wanted
    assert station.pull_raw(0, codes=COMMITTEE_21).status_code == 403


def test_a_cursor_older_than_the_purged_tombstones_gets_410(
    api: TestClient, backend: Backend
) -> None:
    advisor = Laptop(api, "advisor")
    (row_id,) = households(advisor, 1)
    stale_cursor = advisor.pull().cursor - 1
    row = advisor.push(advisor.mutation("household", row_id, {"deleted": True}, stale_cursor + 1))
    assert row.outcomes[0].row is not None and row.outcomes[0].row.deleted

    purge(backend, now=backend.now() + dt.timedelta(days=181))  # its tokens expire too
    advisor.tokens = advisor.log_in(advisor.device_id)
    expired = advisor.pull_raw(stale_cursor)

    assert expired.status_code == 410
    assert expired.json()["code"] == "cursor_expired"
    assert ("household", row_id) not in advisor.pull_all(0)  # the re-bootstrap
    assert advisor.pull_raw(advisor.cursor).status_code == 200


def test_a_cursor_ahead_of_the_server_gets_410(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")

    response = advisor.pull_raw(10_000)

    assert response.status_code == 410


def test_an_old_client_gets_426_on_pull_and_push(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")
    body = {"device_id": advisor.device_id, "schema_version": 0, "mutations": []}

    pulled = advisor.pull_raw(0, schema_version=0)
    pushed = api.post(wire.PUSH_PATH, json=body, headers=advisor.headers)

    assert pulled.status_code == pushed.status_code == 426
    assert pulled.json()["code"] == "client_outdated"
    assert "升级" in pulled.json()["message"]


def test_large_pages_leave_gzipped_and_gzipped_pushes_are_read(api: TestClient) -> None:
    supervisor, station = Laptop(api, "supervisor"), Laptop(api, "station")
    notes = "长期独居，需定期探访。" * 20
    ids = [str(uuid.uuid4()) for _ in range(50)]
    mutations = [
        station.mutation("household", i, {"committee_code": COMMITTEE_11, "notes": notes})
        for i in ids
    ]
    body = station.push_body(mutations)
    response = api.post(
        wire.PUSH_PATH,
        content=gzip.compress(body),
        headers={**station.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text

    pulled = api.get(
        wire.PULL_PATH,
        params={"cursor": 0, "schema_version": wire.SCHEMA_VERSION},
        headers={**supervisor.headers, "Accept-Encoding": "gzip"},
    )

    assert pulled.headers["content-encoding"] == "gzip"
    assert len(wire.decode(wire.PullPage, pulled.content).rows) == 6 + 50
    assert DISTRICT in {
        r.fields.get("code") for r in wire.decode(wire.PullPage, pulled.content).rows
    }


def test_pages_leave_as_zstd_for_clients_that_take_it(api: TestClient) -> None:
    station = Laptop(api, "station")
    notes = "长期独居，需定期探访。" * 20
    mutations = [
        station.mutation(
            "household", str(uuid.uuid4()), {"committee_code": COMMITTEE_11, "notes": notes}
        )
        for _ in range(20)
    ]
    station.push(*mutations)

    pulled = api.get(
        wire.PULL_PATH,
        params={"cursor": 0, "schema_version": wire.SCHEMA_VERSION},
        headers={**station.headers, "Accept-Encoding": "gzip, deflate, zstd"},  # as httpx asks
    )

    assert pulled.headers["content-encoding"] == "zstd"
    assert int(pulled.headers["content-length"]) < len(pulled.content) // 5
    assert len(wire.decode(wire.PullPage, pulled.content).rows) >= 20


def test_a_gzip_bomb_is_refused(api: TestClient, backend: Backend) -> None:
    station = Laptop(api, "station")
    bomb = gzip.compress(b" " * (backend.settings.max_body_bytes + 1))

    response = api.post(
        wire.PUSH_PATH,
        content=bomb,
        headers={**station.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"


def test_the_pulls_a_laptop_sends_are_answered_before_routing(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With its fingerprint and its line, as app.sync sends them: the hottest requests, an
    idle pull and a page of others' edits, must not fall through to FastAPI's routing
    (server/api/plain_pulls.py). A pull of codes that entered the scope is the route's."""
    advisor = Laptop(api, "advisor")
    households(advisor, 2)
    advisor.pull_all(0)
    page = advisor.pull()
    assert page.history and not page.has_more

    routed: list[object] = []
    real = sync_route.pulling

    def begin(*args: object) -> object:
        routed.append(args)
        return real.begin(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_route, "pulling", SimpleNamespace(**{**vars(real), "begin": begin}))
    params = {"scope_fingerprint": page.scope.fingerprint, "history": page.history}
    idle = advisor.pull_raw(page.cursor, **params)
    assert idle.status_code == 200 and wire.decode(wire.PullPage, idle.content).rows == []

    households(advisor, 1)
    rows = advisor.pull_raw(page.cursor, **params)
    assert rows.status_code == 200
    assert [r.entity for r in wire.decode(wire.PullPage, rows.content).rows] == ["household"]
    assert routed == []

    entered = advisor.pull_raw(0, codes=COMMITTEE_11, **params)
    assert entered.status_code == 200 and len(routed) == 1


def test_a_malformed_line_is_refused_naming_the_parameter(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")
    households(advisor, 1)
    advisor.pull_all(0)
    page = advisor.pull()
    for bad in ("NOT-HEX", "a" * 33):
        answer = advisor.pull_raw(page.cursor, history=bad)
        assert answer.status_code == 422
        body = answer.json()
        assert body["code"] == "invalid_request" and "history" in body["message_en"]

    advisor.history = "ZZ"  # the same rule for a push: refused whole, nothing written
    seq = advisor.pull(0).server_seq
    pushed = advisor.push_raw([advisor.mutation("household", str(uuid.uuid4()), {"phone": "1"})])
    assert pushed.status_code == 422 and "history" in pushed.json()["message_en"]
    assert advisor.pull(0).server_seq == seq
