"""Operating the server (issue 8): backups and restores on SQLite and PostgreSQL, the append-only
audit trail, password changes and resets, a revoked laptop's distinct error."""

from __future__ import annotations

import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from app.sync import wire
from app.sync.wire import ErrorCode, MutationStatus, RefusalCode
from server.core.backend import Backend
from server.core.backups import backup, restore
from tests.server.laptops import Laptop
from tests.server.world import COMMITTEE_11, PASSWORD


def new_id() -> str:
    return str(uuid.uuid4())


def household(laptop: Laptop, **fields: object) -> wire.Row:
    mutation = laptop.mutation("household", new_id(), {"committee_code": COMMITTEE_11, **fields})
    outcome = laptop.push(mutation).outcomes[0]
    assert outcome.row is not None
    return outcome.row


def audit_event(laptop: Laptop, row_id: str, **fields: object) -> wire.Mutation:
    values = {
        "at": "2026-11-24T09:30:00+00:00",
        "actor": laptop.login_name,
        "action": "reveal_id",
        "entity": "member",
        "entity_id": "m-1",
        "detail": {},
        **fields,
    }
    return laptop.mutation("audit_event", row_id, values)


# ---- backups -------------------------------------------------------------------------------------


def test_a_restored_backup_holds_what_the_server_had_and_sends_clients_back_to_zero(
    api: TestClient, backend: Backend, tmp_path: Path
) -> None:
    advisor = Laptop(api, "advisor")
    kept = household(advisor, phone="13800000001")
    saved = tmp_path / "server.backup"
    backup(backend.settings.database_url, saved)
    lost = household(advisor, phone="13800000002")
    advisor.pull(0)
    cursor = advisor.cursor

    report = restore(backend.settings.database_url, saved)

    rows = {row.id for row in advisor.pull(0).rows if row.entity == "household"}
    assert kept.id in rows and lost.id not in rows
    assert report.seq < cursor
    answer = advisor.pull_raw(cursor)
    assert answer.status_code == 410
    assert wire.decode(wire.ErrorBody, answer.content).code == ErrorCode.CURSOR_EXPIRED


def test_a_laptop_on_the_line_before_a_restore_learns_what_both_lines_share(
    api: TestClient, backend: Backend, tmp_path: Path
) -> None:
    """Once the restored server has given out the seqs again, an old cursor is in range: only
    the line tells that the rows under it are others (server.core.history)."""
    url = backend.settings.database_url
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    household(advisor, phone="13800000001")
    nightly = tmp_path / "nightly.backup"
    backup(url, nightly)
    household(advisor, phone="13800000002")  # acknowledged, then forgotten
    first_line = advisor.pull(0).history
    cursor = advisor.cursor

    restored = restore(url, nightly)
    while station.pull(0).server_seq <= cursor:
        household(station, phone="13800000003")
    second_line = station.pull(0).history
    assert first_line and second_line and second_line != first_line

    def answer_to(line: str) -> wire.ErrorBody:
        answer = advisor.pull_raw(cursor, history=line)
        assert answer.status_code == 410
        body = wire.decode(wire.ErrorBody, answer.content)
        assert body.code == ErrorCode.HISTORY_CHANGED and body.history is not None
        assert body.history.history == station.pull(0).history
        return body

    assert answer_to(first_line).history == wire.HistoryChange(
        history=second_line, since=restored.seq
    )
    assert advisor.pull_raw(cursor, history=second_line).status_code == 200
    assert advisor.pull_raw(cursor).status_code == 200  # an older client: not checked

    advisor.history = first_line  # a push based on the old line changes nothing
    seq = station.pull(0).server_seq
    pushed = advisor.push_raw([advisor.mutation("household", new_id(), {"phone": "139"})])
    assert pushed.status_code == 410
    assert wire.decode(wire.ErrorBody, pushed.content).code == ErrorCode.HISTORY_CHANGED
    assert station.pull(0).server_seq == seq

    later = tmp_path / "later.backup"  # holds both lines
    backup(url, later)
    household(station, phone="13800000004")
    again = restore(url, later)
    third_line = station.pull(0).history
    assert answer_to(first_line).history == wire.HistoryChange(
        history=third_line,
        since=restored.seq,  # what the first shares with the second
    )
    assert answer_to(second_line).history == wire.HistoryChange(history=third_line, since=again.seq)
    assert answer_to("0123456789abcdef").history == wire.HistoryChange(
        history=third_line,
        since=0,  # a line this server never had: nothing can be told
    )


# ---- the audit trail -----------------------------------------------------------------------------


def test_audit_events_are_kept_once_never_changed_or_deleted(api: TestClient) -> None:
    advisor, station = Laptop(api, "advisor"), Laptop(api, "station")
    row_id = new_id()
    first = advisor.push(audit_event(advisor, row_id)).outcomes[0]
    assert first.status is MutationStatus.APPLIED
    assert first.row is not None and first.row.scope_code == COMMITTEE_11

    changed = advisor.push(audit_event(advisor, row_id, action="print")).outcomes[0]
    deleted = advisor.push(advisor.mutation("audit_event", row_id, {"deleted": True})).outcomes[0]
    again = advisor.push(audit_event(advisor, row_id)).outcomes[0]  # a renumbered retry

    assert changed.status is MutationStatus.REFUSED and deleted.status is MutationStatus.REFUSED
    assert changed.refusal is not None and changed.refusal.code == RefusalCode.APPEND_ONLY
    assert again.status is MutationStatus.APPLIED and again.seq == first.seq
    assert all(row.entity != "audit_event" for row in station.pull(0).rows)  # never pulled


def test_a_supervisor_reads_reveals_and_logins_an_advisor_cannot(api: TestClient) -> None:
    advisor = Laptop(api, "advisor")
    advisor.push(audit_event(advisor, new_id()))
    failed = api.post(wire.LOGIN_PATH, json={"login": "advisor", "password": "wrong-password"})
    assert failed.status_code == 401
    supervisor = Laptop(api, "supervisor")

    answer = api.get("/api/v1/audit", headers=supervisor.headers)
    refused = api.get("/api/v1/audit", headers=advisor.headers)

    assert answer.status_code == 200, answer.text
    actions = [(e["actor"], e["action"]) for e in answer.json()]
    assert ("advisor", "reveal_id") in actions and ("advisor", "login_failed") in actions
    only = api.get("/api/v1/audit", params={"action": "reveal_id"}, headers=supervisor.headers)
    assert {e["action"] for e in only.json()} == {"reveal_id"}
    assert refused.status_code == 403


# ---- accounts ------------------------------------------------------------------------------------


def test_an_advisor_changes_the_password_and_other_laptops_must_log_in_again(
    api: TestClient,
) -> None:
    office, home = Laptop(api, "advisor"), Laptop(api, "advisor")
    body = {"current_password": PASSWORD, "new_password": "a-new-password-2"}

    wrong = api.post(
        "/api/v1/auth/password", json={**body, "current_password": "nope"}, headers=office.headers
    )
    changed = api.post("/api/v1/auth/password", json=body, headers=office.headers)

    assert wrong.status_code == 401 and changed.status_code == 204
    assert api.get("/api/v1/auth/me", headers=office.headers).status_code == 200
    assert api.get("/api/v1/auth/me", headers=home.headers).status_code == 401
    old = api.post(wire.LOGIN_PATH, json={"login": "advisor", "password": PASSWORD})
    new = api.post(wire.LOGIN_PATH, json={"login": "advisor", "password": "a-new-password-2"})
    assert old.status_code == 401 and new.status_code == 200


def test_an_admin_resets_a_forgotten_password(api: TestClient) -> None:
    admin, advisor = Laptop(api, "admin"), Laptop(api, "advisor")
    users = {
        u["login"]: u["id"] for u in api.get("/api/v1/admin/users", headers=admin.headers).json()
    }
    body = {"new_password": "reset-by-admin-1"}

    by_advisor = api.post(
        f"/api/v1/admin/users/{users['advisor']}/password", json=body, headers=advisor.headers
    )
    by_admin = api.post(
        f"/api/v1/admin/users/{users['advisor']}/password", json=body, headers=admin.headers
    )

    assert by_advisor.status_code == 403 and by_admin.status_code == 204
    assert api.get("/api/v1/auth/me", headers=advisor.headers).status_code == 401
    login = api.post(wire.LOGIN_PATH, json={"login": "advisor", "password": "reset-by-admin-1"})
    assert login.status_code == 200


def test_a_revoked_laptop_gets_its_own_error_code(api: TestClient) -> None:
    admin, advisor = Laptop(api, "admin"), Laptop(api, "advisor")
    revoked = api.post(f"/api/v1/admin/devices/{advisor.device_id}/revoke", headers=admin.headers)
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True

    answer = advisor.pull_raw(0)

    assert answer.status_code == 403
    assert wire.decode(wire.ErrorBody, answer.content).code == ErrorCode.DEVICE_REVOKED
