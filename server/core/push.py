"""Push (DESIGN §5): a device's mutations applied in one transaction, each exactly once.

The device's last taken mid makes retries idempotent: a mid at or below it gets the outcome stored
when it was first taken, byte for byte. Each mutation is applied, partly applied with conflicts,
or refused with a reason; a refusal never stops the mutations after it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from itertools import pairwise
from typing import cast

import orjson
from pydantic import TypeAdapter
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.sync.wire import (
    OLDEST_CLIENT_SCHEMA,
    SCHEMA_VERSION,
    ErrorCode,
    FieldConflict,
    Mutation,
    MutationStatus,
    Outcome,
    PushRequest,
    PushResponse,
    Refusal,
    RefusalCode,
    Stamp,
)
from server.core.backend import Backend
from server.core.bulk import executemany
from server.core.conflicts import store_conflict
from server.core.entities import RULES, EntityRule, ScopeFrom, bad_field_names, has_nul
from server.core.errors import BadRequest, Forbidden, check_schema_version
from server.core.history import check_line
from server.core.merge import Clash, merge
from server.core.placement import Placement, check_append_only
from server.core.records import (
    Author,
    Journal,
    StoredRow,
    change_record,
    changed_only_by,
    create_record,
    lock_counter,
    move_record,
    row_of,
    value_at,
)
from server.core.refusals import Refused, refusal
from server.core.scope import Access, Principal
from server.models import AppliedMutation, Conflict, Counter, Device

_OUTCOME = TypeAdapter(Outcome)
_INSERT_APPLIED = insert(cast(Table, AppliedMutation.__table__))


def push(backend: Backend, principal: Principal, request: PushRequest) -> PushResponse:
    check_schema_version(request.schema_version, oldest=OLDEST_CLIENT_SCHEMA, newest=SCHEMA_VERSION)
    _check_request(backend, principal, request)
    with backend.database.writing() as session:
        counter = lock_counter(session)
        check_line(session, request.history, counter.history)  # base_seqs of another line
        device = session.get(Device, principal.device_id)
        assert device is not None  # authentication found it
        applier = Applier(backend, session, counter, principal, stamps=request.stamps)
        device.last_seen_at = applier.now
        applier.prefetch([m for m in request.mutations if m.mid > device.last_mid])
        outcomes, taken = [], []
        for mutation in request.mutations:
            if mutation.mid <= device.last_mid:
                outcomes.append(_replay(session, device, mutation))
                continue
            outcome = applier.apply(mutation)
            taken.append(
                {
                    "device_id": device.id,
                    "mid": mutation.mid,
                    "entity": mutation.entity,
                    "row_id": mutation.id,
                    "digest": mutation_digest(mutation),
                    "outcome": orjson.Fragment(orjson.dumps(outcome)),  # written as it is
                    "at": applier.now,
                }
            )
            device.last_mid = mutation.mid
            outcomes.append(outcome)
        applier.journal.flush()
        if taken:  # in bulk, like the revisions: nothing in this push reads them back
            executemany(session.connection(), _INSERT_APPLIED, taken)
        return PushResponse(outcomes=outcomes, last_mid=device.last_mid, server_seq=counter.seq)


def _check_request(backend: Backend, principal: Principal, request: PushRequest) -> None:
    if request.device_id != principal.device_id:
        raise Forbidden(
            ErrorCode.DEVICE_MISMATCH,
            "推送的设备与登录的设备不一致，请重新登录。",
            "device_id is not the device of this access token",
        )
    mids = [m.mid for m in request.mutations]
    if any(mid <= 0 for mid in mids) or any(b <= a for a, b in pairwise(mids)):
        raise BadRequest(
            ErrorCode.INVALID_REQUEST,
            "待同步的修改顺序有误（mid 必须为正且递增）。",
            "mids must be positive and strictly increasing",
        )
    if len(mids) > backend.settings.max_mutations:
        raise BadRequest(
            ErrorCode.INVALID_REQUEST,
            f"一次最多推送 {backend.settings.max_mutations} 条修改。",
            f"at most {backend.settings.max_mutations} mutations per push",
        )


def _replay(session: Session, device: Device, mutation: Mutation) -> Outcome:
    """The stored outcome of a mid already taken (a retry); a different row under it is refused."""
    stored = session.get(AppliedMutation, (device.id, mutation.mid))
    if stored is not None and stored.digest == mutation_digest(mutation):
        return _OUTCOME.validate_python(stored.outcome)
    reason = refusal(
        RefusalCode.MID_REUSED,
        "本机的修改编号已被使用过，这条修改未被接受；请运行诊断并联系管理员。",
        f"mid {mutation.mid} was already taken by another mutation (last taken {device.last_mid})",
    )
    return _refused(mutation, reason)


def mutation_digest(mutation: Mutation) -> str:
    """SHA-256 of a mutation's content: tells a retry from another edit under a reused mid."""
    content = (mutation.entity, mutation.id, mutation.fields, mutation.base_seq, mutation.resolves)
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _refused(mutation: Mutation, reason: Refusal) -> Outcome:
    return Outcome(
        mid=mutation.mid,
        entity=mutation.entity,
        id=mutation.id,
        status=MutationStatus.REFUSED,
        seq=0,
        refusal=reason,
    )


class Applier:
    """Applies one push's mutations inside its transaction (the counter row is locked)."""

    def __init__(
        self,
        backend: Backend,
        session: Session,
        counter: Counter,
        principal: Principal,
        *,
        stamps: bool = False,
    ) -> None:
        self.backend = backend
        # One time for the whole push, as it is one transaction (and its rows then store one
        # time string, converted once: bulk.executemany).
        self.now = backend.now()
        self.stamps = stamps  # answer rows left as the laptop has them with a Stamp
        self.session = session
        self.counter = counter
        self.principal = principal
        self._access: Access | None = None
        self._tree_version = -1
        self.journal = Journal(session)

    def prefetch(self, mutations: list[Mutation]) -> None:
        """Load the rows these mutations change, and the parents new rows name, in a few
        queries: looked up one at a time, each lookup flushed the session first, and a push of
        100 edits spent most of its time in 100 small flushes. The journal holds them."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for mutation in mutations:
            rule = RULES.get(mutation.entity)
            if rule is None:
                continue
            wanted[mutation.entity].add(mutation.id)
            if rule.scope_from is not ScopeFrom.PARENT:
                continue
            parent = mutation.fields.get(rule.field)
            parent_entity = rule.parent or mutation.fields.get(rule.parent_from)
            if isinstance(parent, str) and parent and isinstance(parent_entity, str):
                wanted[parent_entity].add(parent)
        for entity, ids in wanted.items():
            self.journal.load(entity, ids)

    @property
    def access(self) -> Access:
        """The principal's expanded scope, recomputed after a jurisdiction edit in this push."""
        if self._access is None or self._tree_version != self.counter.tree_version:
            self.session.flush()
            tree = self.backend.trees.tree(self.session, self.counter.tree_version)
            self._access = Access.of(self.principal, tree)
            self._tree_version = self.counter.tree_version
        return self._access

    def apply(self, mutation: Mutation) -> Outcome:
        try:
            return self._apply(mutation)  # every check that can refuse runs before any write
        except Refused as refused:
            return _refused(mutation, refused.reason)

    def _apply(self, mutation: Mutation) -> Outcome:
        rule = _rule(mutation)
        self._check_fields(rule, mutation)
        author = Author(self.principal.login, self.principal.device_id, mutation.mid, self.now)
        record = self.journal.get((mutation.entity, mutation.id))
        placement = Placement(self.session, self.access, rule, self.journal.get)
        if rule.append_only:
            check_append_only(rule, mutation, record)
            if record is not None:  # the same row sent again (a renumbered retry): no change
                self.access.check_write(rule, record.scope_code)
                return self._outcome(mutation, record, [], [])
        if record is None:
            record = self._create(rule, mutation, placement, author)
            return self._outcome(mutation, record, list(mutation.fields), [])
        self.access.check_write(rule, record.scope_code)
        unchanged_since_base = record.seq == mutation.base_seq
        current = {**record.fields, "deleted": record.deleted}
        result = merge(
            current,
            record.field_seq,
            mutation.fields,
            mutation.base_seq,
            lambda name: value_at(self.journal, record, name, mutation.base_seq),
            lambda name: changed_only_by(
                self.journal, record, name, mutation.base_seq, self.principal.device_id
            ),
        )
        place = placement.after_change(record, result.apply)
        if result.apply:
            change_record(self.journal, self.counter, record, result.apply, author)
        if place is not None:
            move_record(self.journal, self.counter, record, place, self.now)
        conflicts = [self._store_conflict(record, clash, author) for clash in result.clashes]
        self._resolve(mutation, record)
        # Nobody changed the row since the laptop's copy, and it stayed where it was: the row
        # now is that copy plus the pushed fields, which the laptop has already.
        as_sent = unchanged_since_base and place is None and not conflicts
        return self._outcome(mutation, record, list(result.apply), conflicts, as_sent=as_sent)

    def _create(
        self, rule: EntityRule, mutation: Mutation, placement: Placement, author: Author
    ) -> StoredRow:
        if mutation.base_seq > 0 and not _after_restore(mutation.base_seq, self.counter):
            raise Refused(
                refusal(
                    RefusalCode.ROW_PURGED,
                    "这条记录已在服务器上删除并清理，修改无法保存。",
                    "the row was deleted and purged on the server",
                )
            )
        place = placement.for_new(mutation.fields, mutation.id)
        self.access.check_write(rule, place[0])
        key = (mutation.entity, mutation.id)
        return create_record(self.journal, self.counter, key, place, mutation.fields, author)

    def _check_fields(self, rule: EntityRule, mutation: Mutation) -> None:
        bad = bad_field_names(mutation.fields) or [
            n for n, v in mutation.fields.items() if has_nul(v)
        ]
        if bad or mutation.base_seq < 0 or mutation.base_seq > self.counter.seq:
            what = ", ".join(bad) if bad else f"base_seq {mutation.base_seq}"
            code = RefusalCode.INVALID_FIELDS if bad else RefusalCode.BAD_BASE_SEQ
            raise Refused(
                refusal(
                    code,
                    f"修改内容无效（{what}）。",
                    f"invalid mutation: {what}",
                    bad[0] if bad else "",
                )
            )

    def _store_conflict(self, record: StoredRow, clash: Clash, author: Author) -> FieldConflict:
        self.journal.flush()  # the revision that stayed may be one of this push's
        return store_conflict(self.session, record, clash, author)

    def _resolve(self, mutation: Mutation, record: StoredRow) -> None:
        if not mutation.resolves:
            return
        stmt = select(Conflict).where(
            Conflict.id.in_(mutation.resolves),
            Conflict.entity == record.entity,
            Conflict.row_id == record.id,
            Conflict.resolved_at.is_(None),
        )
        for conflict in self.session.execute(stmt).scalars():
            conflict.resolved_at = self.now
            conflict.resolved_by = self.principal.login

    def _outcome(
        self,
        mutation: Mutation,
        record: StoredRow,
        applied: list[str],
        conflicts: list[FieldConflict],
        *,
        as_sent: bool = False,
    ) -> Outcome:
        # No flush here: the row is built from the record in memory; the journal writes the
        # push's rows together, before anything reads them back and before commit.
        stamped = self.stamps and as_sent
        return Outcome(
            mid=mutation.mid,
            entity=mutation.entity,
            id=mutation.id,
            status=MutationStatus.CONFLICT if conflicts else MutationStatus.APPLIED,
            seq=record.seq,
            applied=sorted(applied),
            conflicts=conflicts,
            row=None if stamped else row_of(record),
            stamp=Stamp(updated_at=record.updated_at, updated_by=record.updated_by)
            if stamped
            else None,
        )


def _after_restore(base_seq: int, counter: Counter) -> bool:
    """A row missing here, edited on top of this server's horizon: one a laptop had from the
    server before it was restored from a backup (app/sync/restored.py) — create it again.
    Rows edited on top of an older version were purged (their tombstone seq <= the horizon)."""
    return 0 < counter.purged_seq <= base_seq


def _rule(mutation: Mutation) -> EntityRule:
    rule = RULES.get(mutation.entity)
    if rule is None:
        raise Refused(
            refusal(
                RefusalCode.UNKNOWN_ENTITY,
                f"服务器不认识这种记录（{mutation.entity}），请升级服务器或客户端。",
                f"unknown entity {mutation.entity!r}",
            )
        )
    return rule
