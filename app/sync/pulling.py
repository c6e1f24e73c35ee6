"""Pull (DESIGN §5): pages of at most 5,000 rows, each applied with its cursor in one local
transaction; scope changes; re-bootstrap after 410 keeping the outbox; derived data at the end.

While one page is applied, the next one is already being fetched (its cursor is known from the
page before), so the network and the local writes overlap."""

from __future__ import annotations

from collections.abc import Collection
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.models import SyncSeen
from app.services import search
from app.store.deferred_indexes import defer_indexes, deferred_tables, restore_indexes
from app.store.engine import Store
from app.sync import derived
from app.sync.apply import Changes, Pending, RowWriter, delete_rows
from app.sync.client import CursorExpired, HttpError, SyncClient
from app.sync.collector import automatic_collection_paused
from app.sync.errors import SyncCancelled
from app.sync.pages import Page
from app.sync.report import (
    BUILDING_INDEXES,
    BUILDING_SEARCH,
    DOWNLOADING,
    Cancelled,
    Progress,
    SyncReport,
)
from app.sync.restored import recover_line, requeue_forgotten, restart_from_zero
from app.sync.scope import drop_codes
from app.sync.state import SyncState, load_state, save_state
from app.sync.tables import sync_tables
from app.sync.transactions import checkpoint_after_bulk, write_transaction
from app.sync.wire import MAX_PULL_LIMIT

BULK_ROWS = 5000  # pulled rows after which the WAL is checkpointed at the end


class Puller:
    """Pulls every page after the store's cursor into the store."""

    def __init__(
        self,
        store: Store,
        client: SyncClient,
        report: SyncReport,
        *,
        limit: int = MAX_PULL_LIMIT,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        state: SyncState | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.report = report
        self.limit = limit
        self.progress = progress
        self.cancelled = cancelled
        self._given = state  # the state as the caller just read it, when nothing changed since
        self._saved: SyncState | None = None  # as the last page saved it, if nothing else wrote
        self._deferred = False  # whether a page of this pull set table indexes aside

    def run(self) -> None:
        with automatic_collection_paused():
            try:
                self._run()
            finally:
                if self._deferred:
                    self._restore_indexes()  # also after a cancel or an error between pages
                if self.report.pulled >= BULK_ROWS:
                    checkpoint_after_bulk(self.store)

    def _run(self) -> None:
        # The state is read again only after the steps that change it: an incremental pull
        # of 100 rows read it five times and checked the set-aside indexes twice (2.5 ms of 28).
        self._restore_indexes()  # set aside by a pull that never finished (a crash)
        state = self._given or self._state()
        if state.refetch and not state.rebootstrap:
            self.start_rebootstrap()
            state = self._state()
        if state.entered:
            self._fetch_entered()
            state = self._state()
        while (expired := self._pull_pages(state)) is not None:
            self._saved = None
            if expired.change is not None:  # restored from a backup: its line changed
                recover_line(self.store, expired.change)  # queue its losses, pull from 0
                self.report.rebootstrapped = True
            else:  # the cursor is too old, or ahead of a server that keeps no lines
                requeue_forgotten(self.store, self.client)
                self.start_rebootstrap()
            state = self._state()
        # Usually the last page's own state, as it saved it (a read less): the flags below are
        # written by this pull alone.
        state = self._saved or self._state()
        if state.rebootstrap:
            self._finish_rebootstrap()  # leaves the derived data to redo
        if state.rebootstrap or state.derived_dirty:
            self.rebuild_derived()

    # ---- the normal cursor ---------------------------------------------------------------

    def _pull_pages(self, state: SyncState) -> CursorExpired | None:
        """Pull until the last page from ``state``'s cursor; the 410 when the server gave one.

        The first page is fetched here; a thread fetches each next one while this one is
        written, started only when a next page exists (most pulls are one page, and a thread
        for it cost them half a millisecond)."""
        fetcher: ThreadPoolExecutor | None = None

        def fetch_ahead(cursor: int, fingerprint: str, history: str) -> Future[Page]:
            nonlocal fetcher
            fetcher = fetcher or ThreadPoolExecutor(1, thread_name_prefix="nuanxin-pull")
            return fetcher.submit(self._fetch, cursor, fingerprint, history)

        try:
            try:
                page = self._fetch(state.cursor, state.fingerprint, state.history)
            except CursorExpired as expired:
                return expired
            while True:
                ahead = None
                if page.has_more:  # fetch the next page while this one is written
                    ahead = fetch_ahead(page.cursor, page.scope.fingerprint, page.history)
                self._check_cancelled()
                if self._apply(page):  # codes entered the scope: fetch them, then go on
                    if ahead is not None:
                        ahead.cancel()
                    self._fetch_entered()
                    if ahead is not None:
                        state = self._state()
                        ahead = fetch_ahead(state.cursor, state.fingerprint, state.history)
                if ahead is None:
                    return None
                try:
                    page = ahead.result()
                except CursorExpired as expired:
                    return expired
        finally:  # a page fetched ahead and not wanted any more is left to finish on its own
            if fetcher is not None:
                fetcher.shutdown(wait=False, cancel_futures=True)

    def _fetch(self, cursor: int, fingerprint: str, history: str) -> Page:
        return self.client.pull(cursor, limit=self.limit, fingerprint=fingerprint, history=history)

    def _apply(self, page: Page) -> bool:
        """Write one page and move the cursor; True when codes entered the scope."""
        with write_transaction(self.store, replayable=True) as session:
            state = load_state(session)
            pending = Pending.load(session)
            bulk = state.cursor == 0 or state.rebootstrap
            if bulk and page.has_more:  # a first sync or a re-bootstrap: many pages to come
                defer_indexes(session.connection(), sorted(sync_tables()))
                self._deferred = True
            wholesale = bulk or state.derived_dirty  # derived data is all redone at the end
            writer = RowWriter(
                session,
                pending,
                force=state.rebootstrap,
                track_seen=state.rebootstrap,
                listed_changes=not wholesale,
            )
            changes = writer.apply(page.rows)
            entered = self._scope_change(session, state, page, pending, changes)
            self._derive(session, state, changes, bulk=bulk)
            state.cursor = page.cursor
            state.history = page.history or state.history
            save_state(session, state)
        self._saved = state
        self._count(changes)
        self._report_progress(page)
        return entered

    def _scope_change(
        self, session: Session, state: SyncState, page: Page, pending: Pending, changes: Changes
    ) -> bool:
        """Drop rows of codes that left the scope; remember codes that entered it."""
        scope = page.scope
        if scope.codes is None or scope.fingerprint == state.fingerprint:
            return False
        new, old = set(scope.codes), set(state.codes)
        known_before = bool(state.fingerprint) and state.cursor > 0 and not state.rebootstrap
        state.fingerprint, state.codes = scope.fingerprint, sorted(new)
        if not known_before:
            return False
        dropped = drop_codes(session, old - new, pending)
        if dropped:
            changes.dropped += dropped
            state.derived_dirty = True
        state.entered = sorted((new - old) | set(state.entered))
        state.entered_cursor = 0
        return bool(state.entered)

    def _derive(self, session: Session, state: SyncState, changes: Changes, *, bulk: bool) -> None:
        if bulk or state.derived_dirty or len(changes.households) > derived.REINDEX_LIMIT:
            state.derived_dirty = bool(changes.rows or changes.dropped) or state.derived_dirty
            return
        if changes.households:
            derived.refresh_households(session, changes.households)
            derived.reindex(session, changes.households)

    # ---- codes that entered the scope ----------------------------------------------------

    def _fetch_entered(self) -> None:
        """Fetch the rows of codes that joined the scope, from cursor 0, page by page."""
        self._saved = None  # the state is written here as well
        while True:
            state = self._state()
            if not state.entered:
                return
            self._check_cancelled()
            try:
                page = self.client.pull(
                    state.entered_cursor,
                    limit=self.limit,
                    codes=state.entered,
                    fingerprint=state.fingerprint,
                    history=state.history,
                )
            except HttpError as error:
                if error.status != 403:
                    raise
                self._set_entered([], 0)  # the scope changed again: the normal pull sees to it
                return
            except CursorExpired:
                return  # the normal pull gets the same 410 and starts again from 0
            with write_transaction(self.store) as session:
                state = load_state(session)
                changes = RowWriter(session, Pending.load(session)).apply(page.rows)
                self._derive(session, state, changes, bulk=False)
                state.entered_cursor = page.cursor
                if not page.has_more:
                    state.entered, state.entered_cursor = [], 0
                save_state(session, state)
            self._count(changes)

    def _set_entered(self, codes: list[str], cursor: int) -> None:
        self._saved = None
        with write_transaction(self.store) as session:
            state = load_state(session)
            state.entered, state.entered_cursor = codes, cursor
            save_state(session, state)

    # ---- re-bootstrap (410) --------------------------------------------------------------

    def start_rebootstrap(self) -> None:
        """Pull everything again from 0, keeping the outbox; rows not sent again are dropped."""
        self._saved = None
        with write_transaction(self.store) as session:
            state = load_state(session)
            restart_from_zero(session, state)
            save_state(session, state)
        self.report.rebootstrapped = True

    def _finish_rebootstrap(self) -> None:
        with write_transaction(self.store) as session:
            pending = Pending.load(session)
            connection = session.connection()
            dropped = 0
            for entity in sync_tables():
                unseen = connection.exec_driver_sql(
                    f'SELECT id FROM "{entity}" AS t WHERE server_seq > 0 AND NOT EXISTS '
                    "(SELECT 1 FROM sync_seen AS s WHERE s.entity = ? AND s.row_id = t.id)",
                    (entity,),
                )
                doomed = {str(row_id) for (row_id,) in unseen} - pending.ids(entity)
                dropped += delete_rows(connection, entity, sorted(doomed))
            session.execute(delete(SyncSeen))
            state = load_state(session)
            state.rebootstrap = state.refetch = False
            state.derived_dirty = True
            save_state(session, state)
        self.report.dropped += dropped

    def _restore_indexes(
        self, tables: Collection[str] | None = None, *, announce: bool = True
    ) -> None:
        """Build the indexes a bulk pull set aside (all, or those of ``tables``)."""
        with self.store.engine.connect() as connection:
            waiting = deferred_tables(connection)
        if not waiting or (tables is not None and not waiting & set(tables)):
            return
        if announce and self.progress is not None:
            self.progress(0, 0, BUILDING_INDEXES)
        with write_transaction(self.store) as session:
            restore_indexes(session.connection(), tables)

    def rebuild_derived(self) -> None:
        """Head names, member counts and the whole search index, after a large pull.

        After a first sync the table indexes set aside are built at the same time: SQLite
        builds them on another thread without holding Python's lock, while this one computes
        the search documents (pinyin and all), which needs no more than a read."""
        if self.progress is not None:
            self.progress(0, 0, BUILDING_SEARCH)
        self._restore_indexes(("member",), announce=False)  # head names read members by household
        with write_transaction(self.store, replayable=True) as session:
            derived.refresh_households(session, None)
        builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nuanxin-indexes")
        try:
            building = builder.submit(self._restore_indexes, announce=False)
            with self.store.sessions() as session:
                documents = search.index_documents(session)
            building.result()
        finally:
            builder.shutdown(wait=True)
        with write_transaction(self.store, replayable=True) as session:
            search.write_index(session, documents)
            state = load_state(session)
            state.derived_dirty = False
            save_state(session, state)

    # ---- helpers -------------------------------------------------------------------------

    def _state(self) -> SyncState:
        with self.store.sessions() as session:
            return load_state(session)

    def _count(self, changes: Changes) -> None:
        self.report.pulled += changes.rows
        self.report.dropped += changes.dropped

    def _report_progress(self, page: Page) -> None:
        if self.progress is not None:
            total = max(page.server_seq, page.cursor, 1)
            self.progress(min(page.cursor, total), total, DOWNLOADING)

    def _check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise SyncCancelled("sync cancelled between pages")
