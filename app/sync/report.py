"""What a sync did (SyncReport), and the sync state as the status bar shows it (SyncStatus)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.models import OutboxEntry, SyncConflict, SyncRefusal
from app.store.engine import Store
from app.sync.state import load_state

EXIT_OK = 0
EXIT_REFUSED = 3

Progress = Callable[[int, int, str], None]  # done, total, what (one of the steps below)
Cancelled = Callable[[], bool]

# The steps a sync reports, in Chinese; the interface shows them in its own language.
UPLOADING = "正在上传本机修改…"
DOWNLOADING = "正在下载服务器数据…"
BUILDING_INDEXES = "正在建立索引…"
BUILDING_SEARCH = "正在建立搜索索引…"


@dataclass
class SyncReport:
    pushed: int = 0  # outbox entries the server took (applied, some with conflicts)
    conflicts: int = 0  # new conflicts from this sync
    refused: list[str] = field(default_factory=list)  # messages of edits refused by this sync
    renumbered: int = 0  # entries queued again under new mids (a store restored from backup)
    pulled: int = 0  # rows received
    dropped: int = 0  # local rows removed (left the scope, or gone after a re-bootstrap)
    rebootstrapped: bool = False
    first_sync: bool = False
    pending: int = 0  # outbox entries left after this sync (edits made while it ran)
    open_conflicts: int = 0
    open_refusals: int = 0
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when nothing failed; 3 when some edits are refused (DESIGN §7)."""
        return EXIT_REFUSED if self.refused or self.open_refusals else EXIT_OK

    def summary(self) -> str:
        parts = [f"上传 {self.pushed} 条修改", f"下载 {self.pulled} 条记录"]
        if self.dropped:
            parts.append(f"移除 {self.dropped} 条")
        if self.open_conflicts:
            parts.append(f"{self.open_conflicts} 处冲突待处理")
        if self.open_refusals:
            parts.append(f"{self.open_refusals} 条修改未被接受")
        return "，".join(parts) + f"（{self.seconds:.1f} 秒）"


@dataclass(frozen=True)
class SyncStatus:
    linked: bool
    server_url: str
    login: str
    display_name: str
    last_sync: dt.datetime | None
    pending: int
    conflicts: int
    refusals: int
    last_error: str
    first_sync_done: bool


_COUNTS = select(
    select(func.count()).select_from(OutboxEntry).scalar_subquery(),
    select(func.count())
    .select_from(SyncConflict)
    .where(SyncConflict.resolved.is_(False))
    .scalar_subquery(),
    select(func.count())
    .select_from(SyncRefusal)
    .where(SyncRefusal.settled.is_(False))
    .scalar_subquery(),
)


def read_counts(store: Store) -> tuple[int, int, int]:
    """Edits waiting in the outbox, open conflicts, refusals not dealt with."""
    with store.sessions() as session:
        pending, conflicts, refusals = session.execute(_COUNTS).one()
    return int(pending), int(conflicts), int(refusals)


def read_status(store: Store) -> SyncStatus:
    """The sync state of a store, read without any network access."""
    with store.sessions() as session:
        state = load_state(session)
        pending, conflicts, refusals = session.execute(_COUNTS).one()
    return SyncStatus(
        linked=state.linked,
        server_url=state.server_url,
        login=state.login,
        display_name=str(state.user.get("display_name") or state.login),
        last_sync=state.last_sync,
        pending=int(pending),
        conflicts=int(conflicts),
        refusals=int(refusals),
        last_error=state.last_error,
        first_sync_done=state.cursor > 0,
    )
