"""Push (DESIGN §5): the outbox in mid order, in batches; each answer recorded in one local
transaction. A batch whose answer is lost is simply sent again: the server replays the outcomes
of mids it has taken and applies nothing twice."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import OutboxEntry
from app.store.engine import Store
from app.sync import derived
from app.sync.client import CursorExpired, SyncClient
from app.sync.errors import ServerError, SyncCancelled
from app.sync.outcomes import record_outcomes
from app.sync.report import UPLOADING, Cancelled, Progress, SyncReport
from app.sync.restored import recover_line
from app.sync.transactions import write_transaction
from app.sync.wire import SCHEMA_VERSION, Mutation, PushRequest

PUSH_BATCH = 500


def mutation_of(entry: OutboxEntry) -> Mutation:
    return Mutation(
        mid=entry.mid,
        entity=entry.entity,
        id=entry.row_id,
        fields=dict(entry.fields),
        base_seq=entry.base_seq,
        resolves=list(entry.resolves or []),
    )


class Pusher:
    """Pushes the outbox as it stood when the push began (later edits wait for the next sync)."""

    def __init__(
        self,
        store: Store,
        client: SyncClient,
        device_id: str,
        report: SyncReport,
        *,
        batch: int = PUSH_BATCH,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        history: str = "",
    ) -> None:
        self.store = store
        self.client = client
        self.device_id = device_id
        self.history = history  # the server's line the outbox's base_seqs are on
        self.report = report
        self.batch = batch
        self.progress = progress
        self.cancelled = cancelled

    def run(self) -> None:
        with self.store.sessions() as session:
            top, total = self._extent(session)
            entries = self._next_batch(session, top)
        done = 0
        while entries:
            if self.cancelled is not None and self.cancelled():
                raise SyncCancelled("sync cancelled between push batches")
            request = PushRequest(
                device_id=self.device_id,
                schema_version=SCHEMA_VERSION,
                mutations=[mutation_of(e) for e in entries],
                history=self.history,
                stamps=True,  # rows the push leaves as they are here need not come back
            )
            # Nothing is written before sending: until the answer is recorded the entries stay
            # in the outbox, and a pull waits for them (SyncEngine._starting_point).
            try:
                response = self.client.push(request)
            except CursorExpired as expired:
                if expired.change is None or expired.change.history == self.history:
                    raise  # (the line sent was the server's: not an answer to act on twice)
                # Restored from a backup: the bases are of a line the server left. Queue what
                # it forgot, rebase the outbox on what both lines share, and push that.
                recover_line(self.store, expired.change)
                self.report.rebootstrapped = True
                self.history = expired.change.history
                with self.store.sessions() as session:
                    top, total = self._extent(session)
                    entries = self._next_batch(session, top)
                continue
            # Replayable: lost in a power cut, the entries are still in the outbox and the
            # server answers their mids again with the outcomes it stored.
            with write_transaction(self.store, replayable=True) as session:
                result = record_outcomes(session, entries, response)
                households = result.changes.households
                derived.refresh_households(session, households)
                derived.reindex(session, households)
            settled = result.acknowledged + len(result.refused) + result.renumbered
            if settled == 0:
                raise ServerError(f"the server answered none of mids {entries[0].mid}…")
            if result.renumbered:
                with self.store.sessions() as session:
                    top, _ = self._extent(session)
            self.report.pushed += result.acknowledged
            self.report.conflicts += len(result.conflicts)
            self.report.refused += [r.message or r.message_en for r in result.refused]
            self.report.renumbered += result.renumbered
            done += settled
            if self.progress is not None:
                self.progress(min(done, total), max(total, 1), UPLOADING)
            if len(entries) < self.batch and settled == len(entries) and not result.renumbered:
                return  # every entry up to ``top`` is answered: nothing is left to send
            with self.store.sessions() as session:
                entries = self._next_batch(session, top)

    @staticmethod
    def _extent(session: Session) -> tuple[int, int]:
        top, count = session.execute(
            select(func.coalesce(func.max(OutboxEntry.mid), 0), func.count())
        ).one()
        return int(top), int(count)

    def _next_batch(self, session: Session, top: int) -> list[OutboxEntry]:
        stmt = (
            select(OutboxEntry)
            .where(OutboxEntry.mid <= top)
            .order_by(OutboxEntry.mid)
            .limit(self.batch)
        )
        return list(session.execute(stmt).scalars())
