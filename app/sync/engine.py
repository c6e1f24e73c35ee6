"""The sync engine of one store (DESIGN §5), Qt-free: log in, then push and pull.

``sync()`` pushes the outbox, pulls every page after the cursor, and catches up on conflicts
the server holds for this user. Every step commits locally before the next begins, so a crash
or a lost connection anywhere resumes correctly: the outbox is the truth of what this laptop
has not yet given the server, the cursor of what it has received."""

from __future__ import annotations

import datetime as dt
import logging
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AuditAction
from app.models import OutboxEntry, SyncConflict, User
from app.services import audit
from app.store.engine import Store
from app.sync.client import HttpError, RetryPolicy, SyncClient, TokenKeeper
from app.sync.collector import automatic_collection_paused
from app.sync.credentials import RefreshTokens
from app.sync.errors import (
    DeviceRevokedError,
    NotLoggedInError,
    ProfileMismatchError,
    SyncCancelled,
    SyncError,
)
from app.sync.outcomes import keep_conflict
from app.sync.pulling import BULK_ROWS, Puller
from app.sync.pushing import PUSH_BATCH, Pusher
from app.sync.report import Cancelled, Progress, SyncReport, read_counts
from app.sync.state import SyncState, load_state, save_state
from app.sync.transactions import checkpoint_in_passing, write_transaction
from app.sync.wire import MAX_PULL_LIMIT, ErrorCode, UserInfo

HttpFactory = Callable[[str], httpx.Client]
LISTED_CONFLICTS_CAP = 1000  # the server lists at most this many
# Rows a sync writes without checkpointing (each about one page of the WAL) before the WAL is
# copied into the database file in the background: SQLite's own threshold is 1,000 pages.
CHECKPOINT_ROWS = 1000

log = logging.getLogger(__name__)


class SyncEngine:
    """Sync for one open store. One sync at a time; safe to call from a worker thread."""

    def __init__(
        self,
        store: Store,
        store_id: str,
        *,
        tokens: TokenKeeper | None = None,
        http_factory: HttpFactory | None = None,
        retry: RetryPolicy | None = None,
        page_limit: int = MAX_PULL_LIMIT,
        push_batch: int = PUSH_BATCH,
        device_name: str | None = None,
    ) -> None:
        self.store = store
        self.tokens = tokens or RefreshTokens(store, store_id)
        self.http_factory = http_factory
        self.retry = retry
        self.page_limit = page_limit
        self.push_batch = push_batch
        self.device_name = device_name or socket.gethostname()[:100]
        self.checkpoint_rows = CHECKPOINT_ROWS
        self._client: SyncClient | None = None
        self._lock = threading.Lock()
        self._unchecked = 0  # rows written by syncs since the WAL was last checkpointed
        self._checkpointer: ThreadPoolExecutor | None = None
        self._checkpoint: Future[None] | None = None

    # ---- state ---------------------------------------------------------------------------

    @property
    def state(self) -> SyncState:
        with self.store.sessions() as session:
            return load_state(session)

    def client(self, server_url: str | None = None) -> SyncClient:
        url = (server_url or self.state.server_url).rstrip("/")
        if not url:
            raise NotLoggedInError("this profile has no server yet: log in first")
        if self._client is None or self._client.base_url != url:
            self.close()
            http = self.http_factory(url) if self.http_factory else None
            self._client = SyncClient(url, self.tokens, http=http, retry=self.retry)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        self.settle()

    def settle(self) -> None:
        """Wait for the background checkpoint, if one runs (before the store is closed)."""
        if self._checkpointer is not None:
            self._checkpointer.shutdown(wait=True)
            self._checkpointer = None

    def reachable(self) -> bool:
        return self.state.linked and self.client().reachable()

    # ---- login ---------------------------------------------------------------------------

    def login(self, server_url: str, login: str, password: str) -> UserInfo:
        """Sign in (registering this laptop as a device the first time) and remember it."""
        url = server_url.rstrip("/")
        with self._lock:
            state = self.state
            same = state.server_url == url and state.login == login
            if state.login and not same:
                raise ProfileMismatchError(
                    f"this profile is linked to {state.login} at {state.server_url}"
                )
            client = self.client(url)
            device = state.device_id if same else None
            try:
                pair = client.login(login, password, device, self.device_name)
            except HttpError as error:
                if error.body.code != ErrorCode.DEVICE_MISMATCH or device is None:
                    raise
                pair = client.login(login, password, None, self.device_name)  # server was reset
            except DeviceRevokedError:  # revoked (lost, then found): the password makes it anew
                if device is None:
                    raise
                pair = client.login(login, password, None, self.device_name)
            with write_transaction(self.store, foreign_keys=True) as session:
                state = load_state(session)
                state.server_url, state.login, state.device_id = url, login, pair.device_id
                state.user = asdict(pair.user)
                save_state(session, state)
                _remember_user(session, pair.user)
                audit.record(session, login, AuditAction.LOGIN, "device", pair.device_id)
            return pair.user

    def logout(self) -> None:
        """Revoke this laptop's tokens on the server (when reachable) and forget them here."""
        try:
            self.client().logout()
        except SyncError:
            self.tokens.clear()

    # ---- sync ----------------------------------------------------------------------------

    def sync(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> SyncReport:
        """Push, pull, catch up on conflicts. Raises SyncError subclasses; never loses an edit."""
        return self._run(("push", "pull", "conflicts"), progress, cancelled)

    def push(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> SyncReport:
        """Only push the outbox."""
        return self._run(("push",), progress, cancelled)

    def pull(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> SyncReport:
        """Only pull what changed on the server."""
        return self._run(("pull",), progress, cancelled)

    def _run(
        self, steps: tuple[str, ...], progress: Progress | None, cancelled: Cancelled | None
    ) -> SyncReport:
        # The collector waits while a sync runs, as in the desktop app, where it only ever
        # runs on the GUI thread (app.views.garbage_collection). Headless, a push of 100 edits
        # spent 0.4 ms in it (median), up to a millisecond when an older generation's turn came.
        with self._lock, automatic_collection_paused():
            started = time.monotonic()
            state, waiting = self._starting_point()
            if not state.linked:
                raise NotLoggedInError("this profile is not linked to a server: log in first")
            report = SyncReport(first_sync=state.cursor == 0)
            try:
                client = self.client(state.server_url)
                pushing = "push" in steps or waiting
                if pushing:
                    Pusher(
                        self.store,
                        client,
                        state.device_id,
                        report,
                        batch=self.push_batch,
                        progress=progress,
                        cancelled=cancelled,
                        history=state.history,
                    ).run()
                if "pull" in steps:
                    Puller(
                        self.store,
                        client,
                        report,
                        limit=self.page_limit,
                        progress=progress,
                        cancelled=cancelled,
                        state=None if pushing else state,  # a push may change it
                    ).run()
                if "conflicts" in steps:
                    self._catch_up_conflicts(client, report)
            except SyncError as error:
                self._finish(report, started, error, complete=False)
                raise
            finally:
                self._checkpoint_when_due(report)
            self._finish(report, started, None, complete=len(steps) == 3)
            return report

    def _checkpoint_when_due(self, report: SyncReport) -> None:
        """Start a checkpoint on a thread of its own once syncs wrote enough rows: the next
        sync, or a save, need not wait for it (a PASSIVE one takes no lock they need)."""
        if report.pulled >= BULK_ROWS:
            self._unchecked = 0  # the Puller checkpointed at its end
            return
        self._unchecked += report.pulled + report.pushed
        if self._unchecked < self.checkpoint_rows:
            return
        if self._checkpoint is not None and not self._checkpoint.done():
            return  # one still runs; the next sync starts another
        self._unchecked = 0
        if self._checkpointer is None:
            self._checkpointer = ThreadPoolExecutor(1, thread_name_prefix="nuanxin-checkpoint")
        self._checkpoint = self._checkpointer.submit(self._checkpoint_quietly)

    def _checkpoint_quietly(self) -> None:
        try:
            checkpoint_in_passing(self.store)
        except Exception:  # a full disk, a closed store: the WAL keeps everything meanwhile
            log.warning("background WAL checkpoint failed", exc_info=True)

    def _starting_point(self) -> tuple[SyncState, bool]:
        """The sync state, and whether edits wait in the outbox, in one read (two cost an
        incremental pull a quarter of a millisecond more).

        A pull never runs before waiting edits are pushed. One may have been sent and taken by
        the server with its answer lost; a later push gets the stored outcome replayed, and
        that (older) row could not correct the row a pull had brought meanwhile (a conflict's
        kept server value would be hidden by the local one)."""
        with self.store.sessions() as session:
            state = load_state(session)
            waiting = session.execute(select(OutboxEntry.mid).limit(1)).first() is not None
        return state, waiting

    def _catch_up_conflicts(self, client: SyncClient, report: SyncReport) -> None:
        """Fetch this user's open conflicts when some are open here or after a re-bootstrap:
        find ones this laptop never heard of, and ones resolved on another device."""
        with self.store.sessions() as session:
            open_here = set(
                session.execute(
                    select(SyncConflict.id).where(SyncConflict.resolved.is_(False))
                ).scalars()
            )
        if not open_here and not report.rebootstrapped:
            return
        listed = client.conflicts().conflicts
        login = self.state.login
        with write_transaction(self.store) as session:
            for conflict in listed:
                if conflict.mine_by == login and keep_conflict(session, conflict):
                    report.conflicts += 1
            if len(listed) < LISTED_CONFLICTS_CAP:
                still_open = {c.id for c in listed}
                for conflict_id in open_here - still_open:
                    row = session.get(SyncConflict, conflict_id)
                    if row is not None and not row.resolved:
                        row.resolved, row.resolution = True, "elsewhere"
                        row.resolved_at = dt.datetime.now(dt.UTC)

    def _finish(
        self, report: SyncReport, started: float, error: SyncError | None, *, complete: bool
    ) -> None:
        report.seconds = time.monotonic() - started
        if error is None and complete:
            self._note(last_sync_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        elif error is not None and not isinstance(error, SyncCancelled):
            self._note(last_error=error.zh)
        report.pending, report.open_conflicts, report.open_refusals = read_counts(self.store)

    def _note(self, *, last_sync_at: str | None = None, last_error: str = "") -> None:
        """Remember how the last sync ended (a finished one clears the last error)."""
        with write_transaction(self.store, replayable=True) as session:  # bookkeeping only
            state = load_state(session)
            if last_sync_at is not None:
                state.last_sync_at = last_sync_at
            state.last_error = last_error
            save_state(session, state)


def _remember_user(session: Session, info: UserInfo) -> None:
    """Keep the signed-in user in the local user table (advisor_id fields point at it)."""
    user = session.execute(select(User).where(User.login == info.login)).scalar_one_or_none()
    name = (info.display_name or info.login)[:50]
    if user is None:
        session.add(
            User(id=info.id, login=info.login, display_name=name, role=info.role, scope=info.scope)
        )
    else:
        user.display_name, user.role, user.scope = name, info.role, list(info.scope)
