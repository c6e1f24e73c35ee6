"""One running Nuanxin per profile: an OS lock on <profile>/nuanxin.lock held while it is open.

The lock is advisory (fcntl on POSIX, msvcrt on Windows) and dies with the process, so a crash
never leaves a profile locked. The file records who holds it, for the message a second instance
shows; the lock itself, not the file's presence, is what counts.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from app.store.errors import StoreError

LOCK_FILENAME = "nuanxin.lock"


class ProfileLockedError(StoreError):
    zh = "该档案正被另一个正在运行的暖心程序使用。请先关闭那个窗口（或等它退出）再打开。"


class ProfileLock:
    """An exclusive, non-blocking lock on a profile folder; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILENAME
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> ProfileLock:
        """Take the lock or raise ProfileLockedError naming the holder; never waits."""
        if self._handle is not None:
            return self
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115  (kept open while held)
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            holder = read_holder(self.path)
            where = f" (pid {holder.get('pid')} on {holder.get('host')})" if holder else ""
            zh = ProfileLockedError.zh
            if holder:
                zh += f"（进程 {holder.get('pid')}，电脑 {holder.get('host')}）"
            raise ProfileLockedError(
                f"the profile {self.path.parent} is in use by another Nuanxin{where}", zh
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._handle)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> ProfileLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def read_holder(path: Path) -> dict[str, Any]:
    """Who wrote the lock file last ({} when unreadable): for messages only."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
