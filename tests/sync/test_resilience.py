"""Sync survives what the field does to it: lost answers, duplicate requests, crashes, server
restarts, purged tombstones (410), old clients (426), restored backups, scope changes."""

from __future__ import annotations

import datetime as dt
import gc
import shutil

import httpx
import pytest
from sqlalchemy import func, select, update

from app.services.households import HouseholdInput, MemberInput
from app.sync import wire
from app.sync.client import SyncClient
from app.sync.errors import ClientOutdatedError, OfflineError
from server.core.maintenance import purge
from server.models import Record, Revision
from server.models import User as ServerUser
from tests.server.world import COMMITTEE_12, COMMITTEE_21
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import Laptop, LiveServer
from tests.sync.households import new_household, set_household

NUMERALS = "一二三四五六七八九十甲乙丙丁"


def revisions_of(server: LiveServer, device_id: str) -> list[int]:
    assert server.backend is not None
    with server.backend.database.reading() as session:
        stmt = select(Revision.mid).where(Revision.device_id == device_id).order_by(Revision.seq)
        return list(session.execute(stmt).scalars())


def test_a_push_whose_answer_is_lost_is_applied_once(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor = laptop("advisor")
    household = new_household(advisor)
    advisor.transport.lose = 4  # every attempt: the server commits, the laptop hears nothing

    with pytest.raises(OfflineError):
        advisor.sync()

    assert len(advisor.outbox()) == 2  # nothing acknowledged, nothing forgotten
    device = advisor.engine.state.device_id
    assert revisions_of(server, device) == [1, 2]
    advisor.sync()
    assert advisor.outbox() == []
    assert revisions_of(server, device) == [1, 2]  # the retry applied nothing twice
    assert advisor.rows("household")[household]["server_seq"] > 0


def test_a_push_sent_twice_is_applied_once(laptop: LaptopMaker, server: LiveServer) -> None:
    advisor = laptop("advisor")
    new_household(advisor)
    advisor.transport.duplicate = 1

    advisor.sync()

    assert revisions_of(server, advisor.engine.state.device_id) == [1, 2]
    assert advisor.outbox() == []


def test_an_edit_survives_a_crash_before_it_was_pushed(laptop: LaptopMaker) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    advisor.crash()  # committed locally, never pushed, memory (access token) gone

    advisor.sync()
    station.sync()

    assert station.households.get_household(household).head_name == "张伟"


def test_a_crash_after_the_server_took_a_push_loses_nothing(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    advisor.transport.lose = 4
    with pytest.raises(OfflineError):
        advisor.sync()
    advisor.crash()
    set_household(advisor, household, notes="复查")

    advisor.sync()
    station.sync()

    assert station.households.get_household(household).data.notes == "复查"
    assert revisions_of(server, advisor.engine.state.device_id) == [1, 2, 3]


def test_sync_resumes_after_the_server_restarts(laptop: LaptopMaker, server: LiveServer) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    server.stop()
    with pytest.raises(OfflineError):
        advisor.sync()
    server.start()

    advisor.sync()
    station.sync()

    assert station.households.get_household(household).head_name == "张伟"


def test_an_expired_access_token_is_renewed_with_the_kept_refresh_token(
    laptop: LaptopMaker,
) -> None:
    advisor = laptop("advisor")
    advisor.engine.client().access_token = "nxa_not-a-token"
    new_household(advisor)

    assert advisor.sync().pushed == 2


def test_a_laptop_offline_longer_than_tombstones_are_kept_bootstraps_again_keeping_its_edits(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    kept, removed = new_household(advisor, head="张伟"), new_household(advisor, head="李娜")
    advisor.sync()
    station.sync()
    member = advisor.households.get_household(removed).members[0].id
    advisor.households.remove_member(member)
    advisor.sync()
    set_household(station, kept, notes="离线很久时写的")  # station offline all along
    assert server.backend is not None
    purge(server.backend, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=181))

    report = station.sync()

    assert report.rebootstrapped and report.dropped == 1
    assert member not in station.rows("member")  # its tombstone was purged: gone here too
    assert station.households.get_household(removed).members == []
    advisor.sync()
    assert advisor.households.get_household(kept).data.notes == "离线很久时写的"


def test_an_old_client_is_asked_to_update(
    laptop: LaptopMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = laptop("advisor")
    new_household(advisor)
    monkeypatch.setattr("server.core.push.OLDEST_CLIENT_SCHEMA", 99)

    with pytest.raises(ClientOutdatedError) as raised:
        advisor.sync()

    assert "升级" in raised.value.zh
    assert len(advisor.outbox()) == 2  # kept for the updated app
    assert "升级" in advisor.engine.state.last_error


def test_a_store_restored_from_backup_renumbers_its_edits(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor = laptop("advisor")
    database = advisor.folder / "nuanxin.db"
    advisor.close()
    shutil.copy(database, advisor.folder / "backup.db")
    advisor.crash()
    new_household(advisor, head="甲")
    advisor.sync()  # mids 1, 2 taken by the server
    advisor.close()
    shutil.copy(advisor.folder / "backup.db", database)  # the laptop is restored: mids restart
    advisor.crash()
    second = new_household(advisor, head="乙")

    report = advisor.sync()

    assert report.renumbered == 2 and report.refused == []
    assert advisor.outbox() == []
    assert advisor.rows("household")[second]["server_seq"] > 0
    assert revisions_of(server, advisor.engine.state.device_id) == [1, 2, 3, 4]


def test_edits_a_restored_store_sends_again_never_undo_what_came_after_them(
    laptop: LaptopMaker,
) -> None:
    advisor = laptop("advisor")
    household = new_household(advisor, head="甲")  # mids 1, 2: the household and its head
    database = advisor.folder / "nuanxin.db"
    advisor.close()
    shutil.copy(database, advisor.folder / "backup.db")  # a copy with them still to push
    advisor.crash()
    advisor.sync()
    set_household(advisor, household, notes="复查")
    advisor.sync()
    advisor.close()
    shutil.copy(advisor.folder / "backup.db", database)  # restored: mids 1, 2 waiting again
    advisor.crash()

    report = advisor.sync()

    # The server answers them with the outcomes it stored, and applies nothing again: the
    # household as first sent (notes empty) would otherwise replace the later edit.
    assert report.renumbered == 0 and report.refused == [] and report.conflicts == 0
    assert advisor.outbox() == []
    assert advisor.households.get_household(household).data.notes == "复查"
    assert advisor.rows("household") == laptop("station").rows("household")


def test_a_refused_edit_is_kept_for_the_user_and_fails_the_sync_with_code_3(
    laptop: LaptopMaker,
) -> None:
    advisor, supervisor = laptop("advisor"), laptop("supervisor")
    household = new_household(advisor)
    advisor.sync()
    supervisor.sync()
    set_household(supervisor, household, notes="督导写的")  # supervisors read only

    report = supervisor.sync()

    assert report.exit_code == 3
    [refusal] = supervisor.refusals()
    assert refusal.code == "read_only_role" and "只能查看" in refusal.message
    assert supervisor.households.get_household(household).data.notes == "督导写的"
    assert supervisor.sync().exit_code == 3  # still open: still reported

    from app.sync.conflicts import ConflictService

    ConflictService(supervisor.store, "supervisor").discard_refusal(refusal.mid)
    report = supervisor.sync()
    assert report.exit_code == 0
    assert supervisor.households.get_household(household).data.notes == ""  # server's again


def test_a_household_moved_out_of_scope_leaves_the_laptop(laptop: LaptopMaker) -> None:
    advisor, admin = laptop("advisor"), laptop("admin")
    moved, edited = new_household(advisor, head="张伟"), new_household(advisor, head="李娜")
    advisor.sync()
    admin.sync()
    set_household(admin, moved, committee_code=COMMITTEE_21)
    set_household(admin, edited, committee_code=COMMITTEE_21)
    set_household(advisor, edited, notes="还没同步的修改")
    admin.sync()

    report = advisor.sync()

    assert moved not in advisor.rows("household")
    assert report.refused  # the edit of a row now outside the scope is refused, and kept
    assert edited in advisor.rows("household")


def test_a_scope_change_drops_what_left_and_fetches_what_entered(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor, station = laptop("advisor"), laptop("station")
    new_household(advisor, head="张伟")
    station.households.create_household(
        HouseholdInput(committee_code=COMMITTEE_12, address="兰溪路 1 号"), [MemberInput("赵敏")]
    )
    advisor.sync()
    station.sync()
    assert server.backend is not None
    with server.backend.database.writing() as session:
        session.execute(
            update(ServerUser).where(ServerUser.login == "advisor").values(scope=[COMMITTEE_12])
        )

    advisor.sync()

    committees = {row["committee_code"] for row in advisor.rows("household").values()}
    assert committees == {COMMITTEE_12}
    assert [m["name"] for m in advisor.rows("member").values()] == ["赵敏"]
    assert advisor.engine.state.entered == []
    assert [h.head_name for h in advisor.households.page()] == ["赵敏"]


def test_the_refresh_token_is_kept_in_the_keyring_when_there_is_one(
    real_keyring: None, laptop: LaptopMaker
) -> None:
    import keyring

    advisor = laptop("advisor")
    token = keyring.get_password("nuanxin", f"refresh-{advisor.store_id}")

    assert token and token.startswith("nxr_")
    from app.sync.credentials import SETTING_KEY
    from app.sync.state import read_setting

    with advisor.store.sessions() as session:
        assert read_setting(session, SETTING_KEY) is None
    advisor.crash()
    assert advisor.sync().exit_code == 0


def test_without_a_keyring_the_refresh_token_is_only_inside_the_encrypted_store(
    laptop: LaptopMaker,
) -> None:
    advisor = laptop("advisor")
    token = advisor.engine.tokens.load()
    advisor.close()

    assert token and token.startswith("nxr_")
    files = [p for p in advisor.folder.iterdir() if p.is_file()]
    assert files and all(token.encode() not in p.read_bytes() for p in files)


def test_the_server_row_count_matches_after_many_pages(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor = laptop("advisor")
    for index in range(12):
        new_household(advisor, head="张" + NUMERALS[index])
    advisor.sync()
    fresh = laptop("station", sync=False)
    fresh.engine.page_limit = 5
    progress: list[tuple[int, int]] = []

    fresh.engine.sync(progress=lambda done, total, _text: progress.append((done, total)))

    assert len(fresh.rows("household")) == 12 and len(fresh.rows("member")) == 12
    downloads = [(done, total) for done, total in progress if total]
    assert [d for d, _ in downloads] == sorted(d for d, _ in downloads)
    assert downloads[-1][0] == downloads[-1][1]  # the bar ends full
    assert server.backend is not None
    with server.backend.database.reading() as session:
        assert session.execute(select(func.count()).select_from(Record)).scalar_one() == 30


def test_a_cancelled_first_sync_keeps_its_pages_and_resumes(laptop: LaptopMaker) -> None:
    advisor = laptop("advisor")
    for index in range(10):
        new_household(advisor, head="李" + NUMERALS[index])
    advisor.sync()
    fresh: Laptop = laptop("station", sync=False)
    fresh.engine.page_limit = 4
    pages: list[int] = []

    from app.sync.errors import SyncCancelled

    with pytest.raises(SyncCancelled):
        fresh.engine.sync(
            progress=lambda done, _total, _text: pages.append(done),
            cancelled=lambda: len(pages) >= 2,
        )
    assert 0 < fresh.engine.state.cursor < 26
    fresh.sync()
    assert len(fresh.rows("household")) == 10
    heads = {h.head_name for h in fresh.households.page(limit=50)}
    assert heads == {"李" + NUMERALS[i] for i in range(10)}


def test_the_sync_client_reports_offline_for_a_server_that_is_not_there(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor = laptop("advisor")
    client: SyncClient = advisor.engine.client()
    assert client.reachable()
    server.stop()
    assert not client.reachable()
    server.start()


def test_a_pull_only_run_pushes_the_outbox_first_with_the_collector_paused(
    laptop: LaptopMaker,
) -> None:
    """A pull never runs while edits wait (see the test below); the collector waits while a
    sync runs, headless as in the desktop app, and runs again afterwards."""
    advisor = laptop("advisor")
    household = new_household(advisor)
    advisor.sync()
    set_household(advisor, household, phone="13911112222")
    sent: list[tuple[str, bool, int]] = []
    forward = advisor.transport.handle_request

    def watch(request: httpx.Request) -> httpx.Response:
        sent.append((request.url.path, gc.isenabled(), len(advisor.outbox())))
        return forward(request)

    advisor.transport.handle_request = watch  # type: ignore[method-assign]
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        report = advisor.engine.pull()
        assert gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()

    assert report.pushed == 1 and advisor.outbox() == []
    assert sent[0] == (wire.PUSH_PATH, False, 1)  # sent first, the edit still in the outbox
    assert [path for path, _, _ in sent[1:]] == [wire.PULL_PATH]
    assert not any(enabled for _, enabled, _ in sent)


def test_a_pull_after_a_lost_push_answer_waits_for_that_answer(laptop: LaptopMaker) -> None:
    """Otherwise the replayed (older) outcome could not undo the pulled row's kept value."""
    advisor, station = laptop("advisor"), laptop("station")
    household = new_household(advisor)
    advisor.sync()
    station.sync()
    set_household(advisor, household, phone="13911112222")
    advisor.transport.lose = 4
    with pytest.raises(OfflineError):
        advisor.engine.push()  # the server took it; the laptop does not know
    station.sync()
    set_household(station, household, phone="13733334444")  # made after seeing 139…
    station.sync()

    advisor.engine.pull()
    advisor.sync()

    assert advisor.households.get_household(household).data.phone == "13733334444"
    assert advisor.conflicts() == [] and station.conflicts() == []
