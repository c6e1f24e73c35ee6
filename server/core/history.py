"""Lines of the sequence (DESIGN §5): a restore from a backup starts a new one.

After a restore the counter goes back to the backup's seq and counts up again, so one seq can
name two different changes: the one a laptop pulled or had acknowledged before the restore, and
the one the restored server gave out since. Every pull page names its line (``history``), the
laptop sends it back with its cursor and its pushes, and a request from another line gets
``410 history_changed`` with the last seq both lines share: the laptop pushes again what it holds
above it, based on it (so edits made on the restored server meanwhile are conflicts, never
overwritten), and pulls everything again. A cursor alone cannot tell: once the restored server
has given out as many seqs again, the old cursor looks valid and the rows under it are others.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.wire import ErrorCode, HistoryChange
from server.core.errors import Gone
from server.core.records import lock_counter
from server.models import ServerHistory


def start_line(session: Session) -> str:
    """Begin a new line at the counter (after a restore); returns its id."""
    counter = lock_counter(session)
    line = uuid.uuid4().hex
    session.add(ServerHistory(id=line, started_seq=counter.seq))
    counter.history = line
    return line


def other_line(theirs: str, ours: str) -> bool:
    """Whether the client's line is not the server's (an empty one is a client that has not
    pulled yet, or an older client: not checked)."""
    return bool(theirs) and theirs != ours


def check_line(session: Session, theirs: str, ours: str) -> None:
    """Raise 410 history_changed when the client's line is not the server's."""
    if not other_line(theirs, ours):
        return
    change = HistoryChange(history=ours, since=shared_seq(session, theirs))
    raise Gone(
        ErrorCode.HISTORY_CHANGED,
        "服务器已从备份恢复：本机会重新上传服务器遗失的修改，并重新下载全部数据；"
        "本机未同步的修改会保留。",
        f"the server was restored from a backup; the seqs above {change.since} that this "
        "client holds are from before the restore: push them again and pull from 0",
        history=change,
    )


def shared_seq(session: Session, theirs: str) -> int:
    """The last seq the client's line shares with the server's: the lowest start of the lines
    that began after it. A line this server never had (one a later restore went back before)
    shares nothing that can be told: 0."""
    lines = session.execute(
        select(ServerHistory.id, ServerHistory.started_seq).order_by(
            ServerHistory.started_at, ServerHistory.started_seq
        )
    ).all()
    ids = [line for line, _ in lines]
    if theirs not in ids:
        return 0
    later = [started for _, started in lines[ids.index(theirs) + 1 :]]
    return min(later, default=0)
